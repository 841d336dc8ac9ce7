import { expect, test } from "./support/fixtures";
import { LessonPage } from "./support/lesson-page";

// The lesson page and the catalogue come from the front door's memory with a fresh nonce per
// response, to guests and members alike (lib/http/page-cache.ts); a reader's own parts come from
// /api/me/page. Everything else renders per request as before.

const nonceOfPolicy = (csp: string | undefined) => /'nonce-([^']+)'/.exec(csp ?? "")?.[1];

test("a guest's lesson page is served from memory with its own nonce in the policy and every script", async ({ request }) => {
  const nonces = new Set<string>();
  for (let i = 0; i < 3; i++) {
    const response = await request.get("/lessons/local-qwen-vl");
    expect(response.status()).toBe(200);
    const headers = response.headers();
    const nonce = nonceOfPolicy(headers["content-security-policy"])!;
    const html = await response.text();
    if (i > 0) expect(headers["x-page-cache"]).toBe("hit");
    const scriptNonces = new Set([...html.matchAll(/nonce="([^"]+)"/g)].map((m) => m[1]));
    expect([...scriptNonces]).toEqual([nonce]);
    for (const m of (headers["link"] ?? "").matchAll(/nonce="([^"]+)"/g)) expect(m[1]).toBe(nonce);
    expect(headers["cache-control"]).toContain("no-store");
    nonces.add(nonce);
  }
  expect(nonces.size).toBe(3);
});

test("the cached page runs its scripts: a guest can mark a step done", async ({ page }) => {
  const lesson = new LessonPage(page);
  await lesson.open("local-qwen-vl");
  await lesson.markDone("What Qwen-VL is");
  await page.reload();
  await lesson.expectDone("What Qwen-VL is");
});

test("a signed-in student's page is the same cached HTML, with their own parts filled in from /api/me/page", async ({
  studentPage: page,
  student,
}) => {
  const asked: string[] = [];
  page.on("request", (request) => {
    if (new URL(request.url()).pathname === "/api/me/page") asked.push(request.url());
  });
  for (const path of ["/", "/lessons/local-qwen-vl"]) {
    asked.length = 0;
    const response = await page.goto(path);
    expect(response!.headers()["x-page-cache"], path).toBe("hit");
    await expect(page.locator("html")).toHaveAttribute("data-reader", "member");
    await expect(page.getByRole("banner")).toContainText(`Signed in as ${student.name}`);
    await expect(page.getByRole("banner").getByRole("link", { name: "Sign in", exact: true })).toBeHidden();
    // the page's preload and the store's fetch are one request
    expect(asked, path).toHaveLength(1);
  }
});
