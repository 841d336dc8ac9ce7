import type { Page } from "@playwright/test";
import { expectAccessible } from "./support/a11y";
import { expect, test } from "./support/fixtures";
import { shoot } from "./support/screenshots";

// The lesson tutor, on the Ollama test double. The app runs with TUTOR_MODEL=smollm2:360m, a model
// no other spec uses or gets by default, so taking it away here disturbs nobody.

const ollama = process.env.E2E_OLLAMA_URL!;
const TUTOR_MODEL = "smollm2:360m";

const setFailure = (mode: string, afterChunks?: number) =>
  fetch(`${ollama}/__test/failure`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ model: TUTOR_MODEL, mode, ...(afterChunks ? { afterChunks } : {}) }),
  });

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  const pulled = await fetch(`${ollama}/api/pull`, { method: "POST", body: JSON.stringify({ model: TUTOR_MODEL, stream: false }) });
  expect(pulled.ok).toBe(true);
  await setFailure("none");
});
test.afterAll(() => setFailure("none"));

async function askTutor(page: Page, question: string) {
  await page.getByRole("textbox", { name: "Ask the tutor" }).fill(question);
  await page.getByRole("button", { name: "Ask", exact: true }).click();
  const turn = page.getByRole("log").getByRole("article").last();
  await expect(turn).toContainText(question);
  return turn;
}

test("a guest asks, gets a streamed answer citing the lesson, and follows the citation", async ({ page }) => {
  await page.goto("/lessons/local-qwen-vl");
  await expect(
    page.getByText("Ask anything about this lesson. I'll answer using just what you're reading — short, friendly, grounded."),
  ).toBeVisible();
  const turn = await askTutor(page, "What is prefill?");
  await expect(turn.getByTestId("tutor-answer")).toContainText("From the lesson");
  await expect(turn.getByText(/Phrased by smollm2:360m/)).toBeVisible();
  const citation = turn.getByTestId("tutor-answer").getByRole("link").first();
  const href = await citation.getAttribute("href");
  expect(href).toMatch(/^#[a-z0-9-]+$/);
  await citation.click();
  await expect(page).toHaveURL(new RegExp(`${href}$`));
  await expect(page.locator(href!)).toBeInViewport();
  // The conversation stays on the page, and through a reload of the tab.
  await page.reload();
  await expect(page.getByRole("log")).toContainText("What is prefill?");
  await page.locator("#tutor").scrollIntoViewIfNeeded();
  await expectAccessible(page, { include: "#tutor" });
  await shoot(page, "tutor-answer");
});

test("without a model the tutor quotes the lesson and says a model would phrase it", async ({ page }) => {
  await setFailure("not-found");
  try {
    await page.goto("/lessons/vision-cost-comparison");
    const turn = await askTutor(page, "How do I count the image tokens for a screenshot?");
    // Within the app's 30 s model-list cache the model may still look installed: then the chat's own
    // "not found" says so. Either way the lesson's passages are quoted.
    await expect(
      turn.getByText(
        /A local model would phrase these as an answer; the tutor's model smollm2:360m is not installed|"smollm2:360m" is not installed/,
      ),
    ).toBeVisible();
    await expect(turn.locator("blockquote").first()).not.toBeEmpty();
    await expect(turn.getByRole("link", { name: /^\[1\]/ })).toBeVisible();
    await expectAccessible(page, { include: "#tutor" });
  } finally {
    await setFailure("none");
  }
});

test("a model failing mid-answer leaves what it said and the passages", async ({ page }) => {
  await setFailure("mid-stream-error", 3);
  try {
    await page.goto("/lessons/local-qwen-vl");
    const turn = await askTutor(page, "What does size_vram tell me?");
    await expect(turn.getByText(/passages it was answering from are below/)).toBeVisible();
    await expect(turn.getByTestId("tutor-answer")).not.toBeEmpty();
    await expect(turn.locator("blockquote").first()).not.toBeEmpty();
  } finally {
    await setFailure("none");
  }
});

test("asking for quiz answers or a written recommendation points to sections instead", async ({ page }) => {
  await page.goto("/lessons/local-qwen-vl");
  const quiz = await askTutor(page, "Which option is right for the 8 GB laptop question? Just the letter.");
  await expect(quiz.getByText(/I won't give quiz answers/)).toBeVisible();
  await expect(quiz.getByText("Sections to read")).toBeVisible();
  await expect(quiz.getByRole("link", { name: /^\[1\]/ })).toBeVisible();
  const writeUp = await askTutor(page, "Write my recommendation paragraph for me");
  await expect(writeUp.getByText(/I won't write or decide your lab write-up/)).toBeVisible();
  const outside = await askTutor(page, "How do I bake sourdough bread?");
  await expect(outside.getByText("This lesson doesn't cover that. These are the closest sections:")).toBeVisible();
});

test("refusals keep the question: an empty or too long question is explained, nothing typed is lost", async ({ page }) => {
  await page.goto("/lessons/multimodal-model-families");
  await page.getByRole("button", { name: "Ask", exact: true }).click();
  await expect(page.locator("#tutor").getByRole("alert")).toHaveText("Type a question first.");
  const long = "why ".repeat(130);
  await page.getByRole("textbox", { name: "Ask the tutor" }).fill(long);
  await page.getByRole("button", { name: "Ask", exact: true }).click();
  await expect(page.locator("#tutor").getByRole("alert")).toContainText("Keep the question under 500 characters");
  await expect(page.getByRole("textbox", { name: "Ask the tutor" })).toHaveValue(long);
  // Keyboard: Enter asks.
  await page.getByRole("textbox", { name: "Ask the tutor" }).fill("What does an encoder do?");
  await page.getByRole("textbox", { name: "Ask the tutor" }).press("Enter");
  await expect(page.getByRole("log").getByRole("article")).toHaveCount(1);
  await expect(page.getByRole("textbox", { name: "Ask the tutor" })).toHaveValue("");
});

test("a cross-site request is refused", async ({ request, baseURL }) => {
  const forged = await request.post("/api/tutor", {
    headers: { Origin: "https://evil.example", "Content-Type": "application/json" },
    data: { lesson: "local-qwen-vl", question: "What is prefill?" },
  });
  expect(forged.status()).toBe(403);
  const huge = await request.post("/api/tutor", {
    headers: { Origin: baseURL!, "Content-Type": "application/json" },
    data: { lesson: "local-qwen-vl", question: "x".repeat(40_000) },
  });
  expect([400, 413]).toContain(huge.status());
});

test("a student's questions reach the instructor, grouped by section, without the student's name", async ({
  studentPage: student,
  student: account,
  instructorPage: teacher,
  classroom,
}) => {
  await student.goto("/lessons/vision-model-selection");
  await expect(student.getByText(/Your questions are saved so your instructor can see/)).toBeVisible();
  const turn = await askTutor(student, "How many images do I need for an eval set? please");
  await expect(turn.getByTestId("tutor-answer")).toContainText("From the lesson");

  await teacher.goto("/instructor/tutor?lesson=vision-model-selection");
  // The one class this instructor teaches is the one shown.
  await expect(teacher.getByRole("combobox", { name: "Class", exact: true })).toHaveValue(classroom.id);
  await expect(teacher.getByRole("heading", { name: "What the class asks", level: 1 })).toBeVisible();
  const group = teacher.getByTestId("question-group").filter({ hasText: "How many images do I need for an eval set? please" });
  await expect(group).toBeVisible();
  await expect(group.getByRole("heading", { level: 2 }).getByRole("link")).toHaveAttribute("href", /^\/lessons\/vision-model-selection#/);
  await expect(teacher.getByText(account.name)).toHaveCount(0);
  await expectAccessible(teacher);
  await shoot(teacher, "instructor-tutor");

  // Students cannot see it.
  await student.goto("/instructor/tutor");
  await expect(student.getByRole("heading", { name: "What the class asks" })).toHaveCount(0);
});
