import { expectAccessible } from "./support/a11y";
import { expect, test } from "./support/fixtures";
import { shoot } from "./support/screenshots";

test.describe("model settings", () => {
  test.describe.configure({ mode: "serial" });

  test("an instructor sees the host, the models and the pairs, and pulls a model to completion", async ({ page, instructor, accounts }) => {
    await accounts.signIn(page, instructor);
    await page.goto("/");
    await page.getByRole("banner").getByRole("link", { name: "Models" }).click();
    await expect(page).toHaveURL("/settings/models");
    await expect(page.getByRole("region", { name: "Ollama host" }).getByTestId("ollama-status")).toHaveText("Reachable");
    await expect(page.getByText("0.32.15")).toBeVisible();

    const installed = page.getByRole("table").filter({ has: page.getByRole("columnheader", { name: "Capabilities" }) });
    const vl = installed.getByRole("row", { name: /qwen2\.5vl:3b/ });
    await expect(vl).toContainText("Vision");
    await expect(vl).toContainText("Q4_K_M");
    await expect(vl).toContainText("128K");
    await expect(vl).toContainText("Non-commercial");
    await expect(installed.getByRole("row", { name: /llama3\.2:3b/ })).toContainText("Text only");
    const pair = page.getByTestId("pair").filter({ hasText: "qwen3:4b-instruct + qwen3-vl:4b-instruct" });
    await expect(installed.getByRole("row", { name: /qwen3-vl:4b / })).toContainText("Thinking variant");
    await expect(pair.getByText("installed", { exact: true })).toHaveCount(2);
    // one host: no host picker, no host headings, no pool summary
    await expect(page.getByLabel("Pull to")).toHaveCount(0);
    await expect(page.getByRole("heading", { name: /^Host 1/ })).toHaveCount(0);
    await expect(page.getByTestId("pool-summary")).toHaveCount(0);
    await expectAccessible(page);
    await shoot(page, "models-instructor");

    await page.getByLabel("Model tag").fill("qwen3-vl:2b");
    await page.getByRole("button", { name: "Pull", exact: true }).click();
    const bar = page.getByRole("progressbar", { name: "Pulling qwen3-vl:2b" });
    await expect(bar).toBeVisible();
    await expect(page.getByText("qwen3-vl:2b is installed.")).toBeVisible({ timeout: 20_000 });
    await expect(bar).toHaveAttribute("aria-valuenow", "100");
    await expect(installed.getByRole("row", { name: /qwen3-vl:2b/ })).toBeVisible();

    await page.getByLabel("Model tag").fill("no-such-model:1b");
    await page.getByRole("button", { name: "Pull", exact: true }).click();
    await expect(page.getByText(/There is no model "no-such-model:1b"/)).toBeVisible();
  });

  test("a student can read the page but not pull", async ({ studentPage: page, request, baseURL }) => {
    await page.goto("/settings/models");
    await expect(page.getByRole("region", { name: "Ollama host" }).getByTestId("ollama-status")).toHaveText("Reachable");
    await expect(page.getByText("Only instructors can pull models")).toBeVisible();
    await expect(page.getByLabel("Model tag")).toHaveCount(0);
    const refused = await page.request.post("/api/models/pull", { headers: { Origin: baseURL! }, data: { model: "gemma3:1b" } });
    expect(refused.status()).toBe(403);
    expect((await refused.json()).code).toBe("FORBIDDEN");
    const guest = await request.post("/api/models/pull", { headers: { Origin: baseURL! }, data: { model: "gemma3:1b" } });
    expect(guest.status()).toBe(401);
    await expect(page.getByRole("heading", { name: /GPU host/ })).toHaveCount(0);
    // not in the streamed payload either
    expect(await (await page.request.get("/settings/models")).text()).not.toContain(process.env.E2E_OLLAMA_URL!);
    await expectAccessible(page);
    await shoot(page, "models-student");
  });

  test("the pull route takes a host: one that is not configured is refused, and every host of a pool of one is that host", async ({
    page,
    baseURL,
    instructor,
    accounts,
  }) => {
    await accounts.signIn(page, instructor);
    const post = (data: object) => page.request.post("/api/models/pull", { headers: { Origin: baseURL! }, data });
    const ollama = process.env.E2E_OLLAMA_URL!;

    for (const host of ["http://169.254.169.254", "http://127.0.0.1:1", `${ollama}0`, "every"]) {
      const refused = await post({ model: "qwen3-vl:2b", host });
      expect(refused.status(), host).toBe(400);
      const body = await refused.json();
      expect(body.code).toBe("INVALID_INPUT");
      expect(body.error).toBe(
        `"${host}" is not one of the lab's Ollama hosts. Pull to "all" or to one of the hosts in OLLAMA_HOSTS: ${ollama}.`,
      );
    }
    expect((await post({ model: "qwen3-vl:2b", host: 11434 })).status()).toBe(400);

    const lines = async (data: object) => {
      const response = await post(data);
      expect(response.status()).toBe(200);
      expect(response.headers()["content-type"]).toContain("application/x-ndjson");
      return (await response.text())
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { type: string; host?: string; percent?: number; message?: string });
    };

    const all = await lines({ model: "qwen3-vl:2b", host: "all" });
    const progress = all.filter((l) => l.type === "progress");
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.every((l) => l.host === ollama)).toBe(true);
    expect(progress.at(-1)?.percent).toBe(100);
    expect(all.filter((l) => l.type !== "progress")).toEqual([{ type: "host-done", host: ollama }, { type: "done" }]);

    // the host named as configured, with a trailing slash: a single pull, as before
    const one = await lines({ model: "qwen3-vl:2b", host: `${ollama}/` });
    expect(one.at(-1)).toEqual({ type: "done" });
    expect(one.filter((l) => l.type === "progress").every((l) => l.host === ollama)).toBe(true);

    const missing = await lines({ model: "no-such-model:1b", host: "all" });
    expect(missing.filter((l) => l.type !== "progress").map((l) => l.type)).toEqual(["host-error", "error"]);
    expect(missing.at(-1)?.message).toMatch(/There is no model "no-such-model:1b"/);
  });
});
