import type { Page } from "@playwright/test";
import { makePng } from "../test/ollama-double/png";
import { expectAccessible } from "./support/a11y";
import { expect, test } from "./support/fixtures";
import { LAB, LabPage } from "./support/lab-page";
import { shoot } from "./support/screenshots";

const ollama = process.env.E2E_OLLAMA_URL!;
const control = (page: Page, path: string, data: unknown) => page.request.post(`${ollama}/__test/${path}`, { data });

test.describe("the lab", () => {
  test.describe.configure({ mode: "serial" });

  // Only this spec's own models are put back (a global reset would also undo what other specs,
  // running at the same time, set up on the shared double).
  test.beforeEach(async ({ page }) => {
    for (const model of ["llama3.2:3b", "qwen2.5vl:3b", "qwen3:4b", "qwen3-vl:4b"]) await control(page, "failure", { model, mode: "none" });
  });

  test("guests are sent to sign in and back", async ({ page }) => {
    await page.goto(LAB);
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Flessons%2Flocal-qwen-vl%2Flab/);
  });

  test("a student runs a sample through both models and OCR, and every column gets a score", async ({ studentPage: page }) => {
    const lab = new LabPage(page);
    await lab.open();
    await expect(lab.heading).toContainText("side by side");
    await expectAccessible(page);

    await lab.pickSample("Notification settings screen");
    await expect(page.getByText(/1280x800 PNG, .* metadata removed/)).toBeVisible();
    // The estimate stays hidden until the student predicts or chooses to look first.
    await expect(page.getByRole("table", { name: "Expected image tokens" })).toHaveCount(0);
    await lab.preview.getByRole("button", { name: "Reveal the estimate" }).click();
    await expect(page.getByRole("table", { name: "Expected image tokens" })).toContainText("about 1,336");
    await expect(lab.textModel).toHaveValue("llama3.2:3b");
    await expect(lab.visionModel).toHaveValue("qwen2.5vl:3b");
    await expect(page.getByTestId("vision-model-details")).toContainText("non-commercial");
    await expect(page.getByLabel("Task-specific prompt")).toHaveValue(/Do not guess hidden state\./);

    await lab.run();
    await lab.waitForAllDone(7);
    await expect(page.getByTestId("cell-accuracy")).toHaveCount(7);
    const vision = lab.cell("VISION", "task");
    await expect(vision).toContainText("Visible text");
    await expect(vision.getByTestId("cell-metrics")).toContainText("image: about 1,336 expected, measured 1,336");
    await expect(lab.cell("TEXT", "easy").getByTestId("cell-metrics")).toContainText("(no image)");
    await expect(page.getByRole("img", { name: /qwen2\.5vl:3b: load/ })).toBeVisible();
    await expectAccessible(page);

    // The run is listed and opens again with everything.
    await lab.openLatestRun();
    await lab.waitForAllDone(7);
  });

  test("uploads are checked on the server: a real PNG is taken, an SVG is refused", async ({ studentPage: page }) => {
    const lab = new LabPage(page);
    await lab.open();
    await lab.picker.setInputFiles({ name: "wide.png", mimeType: "image/png", buffer: makePng(2560, 1440) });
    await expect(page.getByText(/Original\s*2560x1440 PNG/)).toBeVisible();
    await expect(page.getByText(/1280x720 PNG/)).toBeVisible();
    await lab.picker.setInputFiles({
      name: "logo.png",
      mimeType: "image/png",
      buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    });
    await expect(page.getByText(/not a PNG, JPEG or WebP image/)).toBeVisible();
    // What was accepted before is still selected.
    await expect(page.getByText(/Original\s*2560x1440 PNG/)).toBeVisible();
  });

  test("an upload over the size limit is refused, with or without a declared length", async ({ studentPage: page, baseURL }) => {
    const big = Buffer.concat([makePng(64, 64), Buffer.alloc(11_000_000)]);
    // A declared length over the limit is refused before any of the body is read: the server
    // answers and closes while the client is still sending (so the client may see EPIPE instead).
    const declared = await page.request
      .post("/api/lab/images", {
        headers: { Origin: baseURL! },
        multipart: { screenshot: { name: "big.png", mimeType: "image/png", buffer: big } },
      })
      .then(async (r) => ({ status: r.status(), error: ((await r.json()) as { error: string }).error }))
      .catch((e: Error) => ({
        status: /EPIPE|ECONNRESET|socket hang up/.test(e.message) ? 413 : 0,
        error: "10 MB limit (connection closed early)",
      }));
    expect(declared.status).toBe(413);
    expect(declared.error).toMatch(/10 MB limit/);
    // Chunked, no Content-Length: the server stops reading at the limit.
    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    const chunks = Array.from({ length: 12 }, () => new Uint8Array(1_000_000));
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks.shift();
        if (next) controller.enqueue(next);
        else controller.close();
      },
    });
    const chunked = await fetch(`${baseURL}/api/lab/images`, {
      method: "POST",
      headers: { cookie, origin: baseURL!, "content-type": "multipart/form-data; boundary=x" },
      body,
      duplex: "half",
    } as RequestInit);
    expect(chunked.status).toBe(413);
  });

  test("a reload mid-run shows everything so far and the run carries on", async ({ studentPage: page }) => {
    test.slow();
    await control(page, "failure", { model: "qwen2.5vl:3b", mode: "slow", afterChunks: 1, chunkDelayMs: 30 });
    await control(page, "failure", { model: "qwen3-vl:4b", mode: "slow", afterChunks: 1, chunkDelayMs: 30 });
    const lab = new LabPage(page);
    await lab.open();
    await lab.pickSample("Hardware shop receipt");
    // The other recommended pair; a vision model is not offered as text-only and vice versa.
    await expect(lab.textModel.locator("option", { hasText: "qwen3-vl" })).toHaveCount(0);
    await expect(lab.visionModel.locator("option", { hasText: "llama3.2" })).toHaveCount(0);
    await lab.chooseModels({ text: "qwen3:4b", vision: "qwen3-vl:4b" });
    await lab.run();
    // Partial text is on screen while the cell is still running.
    const easy = lab.cell("VISION", "easy");
    await expect(easy.getByTestId("cell-output")).toBeVisible({ timeout: 15_000 });
    await expect(easy.getByTestId("cell-status")).toHaveText("Running…");
    await page.reload();
    await expect(easy).toBeVisible();
    // Reloaded mid-run; the answers still to come need not crawl (those in flight keep their pace).
    for (const model of ["qwen2.5vl:3b", "qwen3-vl:4b"]) await control(page, "failure", { model, mode: "none" });
    await lab.waitForAllDone(7);
    // qwen3-vl:4b is a thinking variant: its thinking is kept apart from the answer, collapsed.
    await expect(easy.getByTestId("cell-thinking")).toContainText("Thinking");
    await expect(easy.getByTestId("cell-metrics")).toContainText("Thinking");
    await shoot(page, "lab-run-thinking-variant");
  });

  test("text in the screenshot that gives orders changes nothing in the app", async ({ studentPage: page }) => {
    const lab = new LabPage(page);
    await lab.open();
    await lab.pickSample(/support chat|injection|Ticket/i);
    const url = page.url();
    await lab.runButton.click();
    await lab.waitForAllDone(7);
    await expect(lab.cell("OCR", "ocr")).toContainText("IGNORE ALL PREVIOUS INSTRUCTIONS");
    // Shown as text only: no link, no navigation, nothing executed.
    await expect(page.locator('a[href*="northwind-support"]')).toHaveCount(0);
    expect(new URL(page.url()).pathname).toBe(new URL(url).pathname);
  });
});
