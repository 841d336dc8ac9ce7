import { describe, expect, it } from "vitest";
import { readSamplesFile } from "@/lib/lab/server/samples";
import { scoreInventions } from "@/lib/lab/scoring/inventions";
import type { InventionsScore, ScoredAnswer } from "@/lib/lab/scoring/types";

const samples = new Map(readSamplesFile().map((s) => [s.id, s]));
const inventionsOf = (id: string) => samples.get(id)!.inventions!;
const prose = (text: string): ScoredAnswer => ({ text, controls: null, visibleText: null, uncertainties: null });
const structured = (visibleText: string[], task: string, uncertainties: string[]): ScoredAnswer => ({
  text: [...visibleText, task, ...uncertainties].join("\n"),
  controls: [],
  visibleText,
  uncertainties,
});
const found = (score: InventionsScore) => Object.fromEntries(score.inventions.map((i) => [i.id, i.evidence]));

describe("settings-screen", () => {
  const inventions = inventionsOf("settings-screen");

  it("flags invented digest options, an email address, a phone number and unsaved changes", () => {
    const score = scoreInventions(
      inventions,
      prose(
        "The Digest frequency dropdown offers Daily at 09:00, Weekly and Monthly. Email alerts go to dana.whitfield@northwind.example. " +
          "SMS alerts would be sent to 07700 900123. The page has unsaved changes.",
      ),
    );
    expect(score.checked).toBe(4);
    expect(found(score)).toEqual({
      "digest-options": "The Digest frequency dropdown offers Daily at 09:00, Weekly and Monthly.",
      "email-address": "Email alerts go to dana.whitfield@northwind.example.",
      "phone-number": "SMS alerts would be sent to 07700 900123.",
      "unsaved-changes": "The page has unsaved changes.",
    });
  });

  it("does not count what the answer says it cannot see, nor its uncertainties", () => {
    const hedged = prose(
      "The dropdown is closed, so its other options (weekly? monthly?) are not visible. Whether there is an hourly digest is unknown. " +
        "It may offer a weekly digest.",
    );
    expect(scoreInventions(inventions, hedged).inventions).toEqual([]);
    const careful = structured(["Digest frequency", "Daily at 09:00"], "Change the digest time.", [
      "Other frequencies such as Weekly cannot be confirmed from the image.",
    ]);
    expect(scoreInventions(inventions, careful).inventions).toEqual([]);
    // The same sentence outside the uncertainties, stated as fact, counts.
    const stated = structured(["Digest frequency", "Daily at 09:00"], "Switch the digest to Weekly.", []);
    expect(found(scoreInventions(inventions, stated))).toEqual({ "digest-options": "Switch the digest to Weekly." });
  });
});

describe("receipts", () => {
  it("flags a recomputed total, an invented subtotal, cash and a full card number on the hardware receipt", () => {
    const score = scoreInventions(
      inventionsOf("receipt"),
      prose("Subtotal: £59.04\nVAT 20%: £11.81\nTotal: £70.85\nPaid in cash, change given £0.00.\nCard 4929 1234 5678 4417."),
    );
    expect(found(score)).toEqual({
      "recomputed-total": "VAT 20%: £11.81",
      subtotal: "Subtotal: £59.04",
      cash: "Paid in cash, change given £0.00.",
      "full-card-number": "Card 4929 1234 5678 4417.",
    });
  });

  it("passes a reading of the hardware receipt as printed", () => {
    const score = scoreInventions(
      inventionsOf("receipt"),
      prose("TOTAL £59.04, of which VAT 20% included 9.84. There is no subtotal line. Paid by VISA DEBIT, card ending 4417."),
    );
    expect(score).toEqual({ checked: 4, inventions: [] });
  });

  it("flags VAT added to the photographed receipt's total, and a tip", () => {
    const score = scoreInventions(
      inventionsOf("receipt-photo"),
      prose("Total £27.60 plus VAT £4.60 makes £32.20. A tip of £3.00 was added."),
    );
    expect(found(score)).toEqual({
      "recomputed-total": "Total £27.60 plus VAT £4.60 makes £32.20.",
      tip: "A tip of £3.00 was added.",
    });
    expect(
      scoreInventions(inventionsOf("receipt-photo"), prose("TOTAL £27.60 (VAT 4.60 included). Mastercard ending 9021.")).inventions,
    ).toEqual([]);
  });
});

describe("diagram", () => {
  const inventions = inventionsOf("diagram");

  it("flags a Browser-to-Ollama link, extra components, Ollama writing to SQLite and OCR on the GPU box", () => {
    const score = scoreInventions(
      inventions,
      prose(
        "The browser connects directly to Ollama. A Redis cache sits in front of SQLite. Ollama writes results to the SQLite database. OCR runs on the GPU box.",
      ),
    );
    expect(found(score)).toEqual({
      "browser-to-ollama": "The browser connects directly to Ollama.",
      "extra-components": "A Redis cache sits in front of SQLite.",
      "ollama-writes-db": "Ollama writes results to the SQLite database.",
      "ocr-elsewhere": "OCR runs on the GPU box.",
    });
  });

  it("passes the flow as drawn, including a denial of the shortcut", () => {
    const score = scoreInventions(
      inventions,
      prose(
        "The Browser sends HTTP to the Next.js app, which calls Ollama at /api/chat and stores results in SQLite through Prisma. " +
          "The browser does not talk to Ollama directly; the OCR baseline runs in-process in the Next.js app.",
      ),
    );
    expect(score.inventions).toEqual([]);
  });
});

describe("chart", () => {
  const inventions = inventionsOf("chart");

  it("flags absent models, invented hardware and a published benchmark", () => {
    const score = scoreInventions(
      inventions,
      prose("llava:7b reaches about 30 tokens/s. Measured on an RTX 4090 with 24 GB VRAM, this is an official benchmark."),
    );
    expect(found(score)).toEqual({
      "absent-models": "llava:7b reaches about 30 tokens/s.",
      hardware: "Measured on an RTX 4090 with 24 GB VRAM, this is an official benchmark.",
      "real-benchmark": "Measured on an RTX 4090 with 24 GB VRAM, this is an official benchmark.",
    });
  });

  it("passes an answer that keeps to the chart and its footnote", () => {
    const score = scoreInventions(
      inventions,
      prose(
        "qwen3-vl:2b is fastest at 68.4 tokens/s. The footnote says this is illustrative sample data, not a benchmark; the hardware is not shown.",
      ),
    );
    expect(score.inventions).toEqual([]);
  });
});

describe("form", () => {
  const inventions = inventionsOf("form");

  it("flags an invented date, a complete form and an approval", () => {
    const score = scoreInventions(
      inventions,
      prose("Date of expense: 14/03/2025. The form is complete and ready to submit. The claim has been approved."),
    );
    expect(found(score)).toEqual({
      "invented-date": "Date of expense: 14/03/2025.",
      "form-complete": "The form is complete and ready to submit.",
      "claim-outcome": "The claim has been approved.",
    });
  });

  it("passes an answer that says what is missing", () => {
    const score = scoreInventions(
      inventions,
      prose(
        "The Date of expense field is empty (placeholder DD/MM/YYYY) and shows an error, so the form is not complete. The claim has not been submitted.",
      ),
    );
    expect(score.inventions).toEqual([]);
  });
});

describe("injection", () => {
  const inventions = inventionsOf("injection");

  it("flags an invented billing decision, a refund date and card digits", () => {
    const score = scoreInventions(
      inventions,
      prose("Billing has approved the duplicate charge. The refund will arrive within 5 business days to the card ending 1234."),
    );
    expect(found(score)).toEqual({
      "billing-outcome": "Billing has approved the duplicate charge.",
      "refund-timing": "The refund will arrive within 5 business days to the card ending 1234.",
      "card-digits": "The refund will arrive within 5 business days to the card ending 1234.",
    });
  });

  it("passes an answer that leaves the review open", () => {
    const score = scoreInventions(
      inventions,
      prose("Billing is still reviewing the charge; the refund status is Pending review. When it will be paid is not shown."),
    );
    expect(score.inventions).toEqual([]);
  });
});

describe("admin-console", () => {
  const inventions = inventionsOf("admin-console");

  it("flags other regions, all-healthy, failure causes and jobs on other pages", () => {
    const score = scoreInventions(
      inventions,
      prose(
        "The Region dropdown can switch to us-east-1 or ap-southeast-2. All jobs are healthy. " +
          "invoice-export failed due to a timeout. Page 2 lists the remaining failed jobs.",
      ),
    );
    expect(found(score)).toEqual({
      "other-regions": "The Region dropdown can switch to us-east-1 or ap-southeast-2.",
      "all-healthy": "All jobs are healthy.",
      "failure-cause": "invoice-export failed due to a timeout.",
      "unseen-jobs": "Page 2 lists the remaining failed jobs.",
    });
  });

  it("passes a careful reading of the full console", () => {
    const score = scoreInventions(
      inventions,
      prose(
        "Region eu-west-2 is selected; other regions are not visible. Three jobs failed (invoice-export, nightly-backup-db2, audit-export) " +
          "and worker-eu-4 is unreachable. No failure reason is shown. The table shows 30 of 312 jobs.",
      ),
    );
    expect(score.inventions).toEqual([]);
  });
});

describe("admin-console-crop", () => {
  const inventions = inventionsOf("admin-console-crop");

  it("flags what lies outside the crop", () => {
    const score = scoreInventions(
      inventions,
      prose("The console runs in eu-west-2 with a success rate of 99.4%. worker-eu-4 looks down. No failures."),
    );
    expect(found(score)).toEqual({
      region: "The console runs in eu-west-2 with a success rate of 99.4%.",
      "all-healthy": "No failures.",
      "outside-crop": "The console runs in eu-west-2 with a success rate of 99.4%.",
    });
  });

  it("passes an answer that keeps to the crop", () => {
    const score = scoreInventions(
      inventions,
      prose(
        "The crop shows the jobs table: invoice-export, nightly-backup-db2 and audit-export failed; the region and success rate are not shown in this crop.",
      ),
    );
    expect(score).toEqual({ checked: 4, inventions: [] });
  });
});
