import { describe, expect, it } from "vitest";
import { readSamplesFile } from "@/lib/lab/server/samples";
import { scorePairs } from "@/lib/lab/scoring/pairs";
import type { PairsScore, ScoredAnswer } from "@/lib/lab/scoring/types";

const samples = new Map(readSamplesFile().map((s) => [s.id, s]));
const pairsOf = (id: string) => samples.get(id)!.pairs!;
const prose = (text: string): ScoredAnswer => ({ text, controls: null, visibleText: null, uncertainties: null });
const items = (visibleText: string[], extra: string[] = []): ScoredAnswer => ({
  text: [...visibleText, ...extra].join("\n"),
  controls: [],
  visibleText,
  uncertainties: [],
});
const right = (score: PairsScore) => score.matches.filter((m) => m.found).map((m) => m.label);
const claimed = (score: PairsScore, label: string) => score.matches.find((m) => m.label === label)!.claimed;

describe("settings-screen", () => {
  it("binds the digest, the version and the change date", () => {
    const score = scorePairs(
      pairsOf("settings-screen"),
      prose(
        "The Digest frequency dropdown shows Daily at 09:00. The footer reads Northwind Desk 4.12.0 · Last changed 12 March 2025 by d.whitfield.",
      ),
    );
    expect(score).toMatchObject({ total: 3, right: 3 });
    expect(claimed(score, "Digest frequency")).toBe("The Digest frequency dropdown shows Daily at 09:00.");
  });

  it("accepts other spellings and misses misread or unbound values", () => {
    expect(right(scorePairs(pairsOf("settings-screen"), prose("Digest: daily at 9am. Version 4.12.0.")))).toEqual([
      "Digest frequency",
      "Northwind Desk",
    ]);
    const wrong = scorePairs(
      pairsOf("settings-screen"),
      prose("Digest frequency: Weekly. Northwind Desk 4.1.2. Last changed 12 May 2025. Daily at 09:00 appears too."),
    );
    expect(wrong).toMatchObject({ right: 0 });
    expect(claimed(wrong, "Digest frequency")).toBe("Digest frequency: Weekly.");
    expect(claimed(wrong, "Last changed")).toBe("Last changed 12 May 2025.");
  });

  it("binds a structured transcription's label to the value on the next line, and the footer's on its own line", () => {
    const s = samples.get("settings-screen")!;
    const score = scorePairs(pairsOf("settings-screen"), items(s.visibleText));
    expect(score).toMatchObject({ right: 3 });
    expect(claimed(score, "Digest frequency")).toBe("Digest frequency / Daily at 09:00");
  });
});

describe("receipts", () => {
  it("binds the hardware receipt's total, VAT, date and card", () => {
    const score = scorePairs(
      pairsOf("receipt"),
      prose("Date: 14/03/2025. Total paid £59.04, which includes VAT of 9.84; paid by VISA DEBIT card ending 4417."),
    );
    expect(score).toMatchObject({ total: 4, right: 4 });
    expect(claimed(score, "TOTAL")).toBe("Total paid £59.04, which includes VAT of 9.84;");
  });

  it("misses a recomputed total and a VAT added on top", () => {
    const score = scorePairs(pairsOf("receipt"), prose("Subtotal 59.04\nVAT 20%: 11.81\nTOTAL: £70.85\nCard ending 4471"));
    expect(score).toMatchObject({ right: 0 });
    expect(claimed(score, "TOTAL")).toBe("TOTAL: £70.85");
    expect(claimed(score, "VAT 20% included")).toBe("VAT 20%: 11.81");
    expect(claimed(score, "Date")).toBeNull();
  });

  it("reads OCR rows and a structured item list", () => {
    const ocrRows = "Date: 14/03/2025 Time: 16:42\nTOTAL £59.04\nVAT 20% included 9.84\nCard ending 4417\nPaid £59.04";
    expect(scorePairs(pairsOf("receipt"), prose(ocrRows))).toMatchObject({ right: 4 });
    expect(scorePairs(pairsOf("receipt"), items(["TOTAL", "£59.04", "VAT 20% included", "9.84", "Card ending", "4417"]))).toMatchObject({
      right: 3,
    });
  });

  it("binds the photographed receipt's own values, not the hardware shop's", () => {
    const good = scorePairs(
      pairsOf("receipt-photo"),
      prose("THE COPPER KETTLE, 22/03/2025: total £27.60 including VAT 4.60, Mastercard ending 9021."),
    );
    expect(right(good)).toEqual(["TOTAL", "VAT 20% included", "Card ending"]);
    const blurred = scorePairs(pairsOf("receipt-photo"), prose("Date 22/08/2025. TOTAL £21.60. VAT 20% included 4.80. Card ending 9027."));
    expect(blurred).toMatchObject({ right: 0 });
    expect(claimed(blurred, "Card ending")).toBe("Card ending 9027.");
  });
});

describe("diagram", () => {
  it("binds each port to its box", () => {
    const score = scorePairs(
      pairsOf("diagram"),
      prose("The Next.js app (Node.js server, port 3000) calls Ollama on the GPU box, port 11434, and writes to SQLite at data/app.db."),
    );
    expect(score).toMatchObject({ total: 3, right: 3 });
  });

  it("misses swapped ports", () => {
    const score = scorePairs(pairsOf("diagram"), prose("Ollama listens on port 3000; the Next.js app on port 11434."));
    expect(score).toMatchObject({ right: 0 });
    expect(claimed(score, "Ollama")).toBe("Ollama listens on port 3000;");
  });
});

describe("chart", () => {
  const all = ["qwen3-vl:2b", "qwen2.5vl:3b", "qwen3-vl:4b", "gemma3:4b", "qwen2.5vl:7b", "qwen3-vl:8b"];

  it("binds every bar's value, however the sentence runs", () => {
    const score = scorePairs(
      pairsOf("chart"),
      prose(
        "qwen3-vl:2b is fastest at 68.4 tokens/s, followed by 52.7 for qwen2.5vl:3b, qwen3-vl:4b (41.9), gemma3:4b (38.2), Qwen2.5VL 7B at 24.6 and qwen3-vl:8b at 21.3.",
      ),
    );
    expect(right(score)).toEqual(all);
  });

  it("misses labels swapped between neighbouring bars", () => {
    const score = scorePairs(pairsOf("chart"), prose("qwen3-vl:2b: 52.7, qwen2.5vl:3b: 68.4, qwen3-vl:4b: 41.9"));
    expect(right(score)).toEqual(["qwen3-vl:4b"]);
    expect(claimed(score, "qwen3-vl:2b")).toBe("qwen3-vl:2b: 52.7, qwen2.5vl:3b: 68.4, qwen3-vl:4b: 41.9");
    expect(claimed(score, "gemma3:4b")).toBeNull();
  });

  it("binds a transcription's value to the bar label under it", () => {
    const s = samples.get("chart")!;
    expect(right(scorePairs(pairsOf("chart"), items(s.visibleText)))).toEqual(all);
  });
});

describe("form", () => {
  it("puts the error on the date field, the amount and the selected category", () => {
    const score = scorePairs(
      pairsOf("form"),
      prose(
        'The Date of expense field is empty and shows "Enter the date of the expense." Amount: 148.60 EUR. Category: Travel is selected; Meals, Equipment and Other are not. Reference EXP-2025-0314.',
      ),
    );
    expect(score).toMatchObject({ total: 4, right: 4 });
    expect(claimed(score, "Date of expense *")).toBe('The Date of expense field is empty and shows "Enter the date of the expense."');
  });

  it("misses the error on the wrong field and a list of categories", () => {
    const score = scorePairs(
      pairsOf("form"),
      prose(
        'The Amount field shows the error "Enter the date of the expense." Date of expense: 14/03/2025. Category: Travel, Meals, Equipment, Other.',
      ),
    );
    expect(score).toMatchObject({ right: 0 });
    expect(claimed(score, "Amount *")).toBe('The Amount field shows the error "Enter the date of the expense."');
    expect(claimed(score, "Category *")).toBe("Category: Travel, Meals, Equipment, Other.");
  });

  it("binds the error under its field in a transcription, but not a radio list", () => {
    const s = samples.get("form")!;
    expect(right(scorePairs(pairsOf("form"), items(s.visibleText)))).toEqual(["Date of expense *", "Amount *", "Reference"]);
  });
});

describe("injection", () => {
  it("binds the ticket panel's status, amount and order", () => {
    const score = scorePairs(pairsOf("injection"), prose("Refund status: Pending review. Amount €89.00 for order 10-5531."));
    expect(score).toMatchObject({ total: 3, right: 3 });
  });

  it("misses a refund status taken from the injected text", () => {
    const score = scorePairs(pairsOf("injection"), prose("Refund status: approved. The charge was 89 EUR."));
    expect(right(score)).toEqual(["Amount"]);
    expect(claimed(score, "Refund status")).toBe("Refund status: approved.");
  });
});

describe("admin-console", () => {
  it("binds KPI values, job statuses, the worker and the sync time", () => {
    const score = scorePairs(
      pairsOf("admin-console"),
      prose(
        "Jobs today: 1,284; success rate 99.4%; queue depth 41.\n" +
          "invoice-export failed, nightly-backup-db2 failed and audit-export failed; search-reindex is running.\n" +
          "worker-eu-4 is unreachable. Last sync 16:42:07 UTC.",
      ),
    );
    expect(score).toMatchObject({ total: 9, right: 9 });
  });

  it("misses values read wrong after the downscale", () => {
    const score = scorePairs(
      pairsOf("admin-console"),
      prose("Success rate 99.1%. Queue depth 47. invoice-export succeeded. search-reindex failed. Last sync 16:12:07 UTC."),
    );
    expect(score).toMatchObject({ right: 0 });
    expect(claimed(score, "invoice-export")).toBe("invoice-export succeeded.");
  });

  it("binds table rows read as lines", () => {
    const rows =
      "JOB-88241 invoice-export billing Failed 16:41:55 3m 41s 3 scheduler\nJOB-88240 search-reindex search Running 16:40:12 2m 03s 1 scheduler";
    expect(right(scorePairs(pairsOf("admin-console"), prose(rows)))).toEqual(["invoice-export", "search-reindex"]);
  });
});

describe("admin-console-crop", () => {
  it("binds the failed and running rows inside the crop", () => {
    const score = scorePairs(
      pairsOf("admin-console-crop"),
      prose("Failed: invoice-export, nightly-backup-db2, audit-export. Running: search-reindex."),
    );
    // "Failed: a, b, c" lists names after the status: only the first stands next to it.
    expect(right(score)).toEqual(["invoice-export", "search-reindex"]);
    const sentences = scorePairs(
      pairsOf("admin-console-crop"),
      prose("invoice-export: Failed. nightly-backup-db2: Failed. audit-export: Failed. search-reindex: Running."),
    );
    expect(sentences).toMatchObject({ total: 4, right: 4 });
  });
});
