import { signIn } from "../../bench/lib/signin";

// A student as the scale test drives one over HTTP: signed in through Auth.js (the session cookie
// works on every instance: they share AUTH_SECRET), a screenshot, runs through the lab's JSON API,
// and a run's server-sent events followed the way a browser's EventSource does (reconnecting
// after the `retry` the server asks for).

export type Student = { email: string; password: string; cookie: string };

export async function signInStudent(baseURL: string, email: string, password: string): Promise<Student> {
  const result = await signIn(baseURL, email, password);
  if (!result.ok) throw new Error(`sign-in for ${email} failed (${result.status})`);
  return { email, password, cookie: result.cookie };
}

export async function post(baseURL: string, student: Student, pathname: string, body?: unknown): Promise<Response> {
  return fetch(`${baseURL}${pathname}`, {
    method: "POST",
    headers: { Origin: baseURL, cookie: student.cookie, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

export async function get(baseURL: string, student: Student, pathname: string): Promise<Response> {
  return fetch(`${baseURL}${pathname}`, { headers: { cookie: student.cookie }, redirect: "manual" });
}

export async function uploadSample(baseURL: string, student: Student, sampleId = "settings-screen"): Promise<string> {
  const response = await post(baseURL, student, "/api/lab/images", { sampleId });
  if (!response.ok) throw new Error(`sample upload: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}

export const RUN_PROMPTS = {
  easy: "Describe what is visible on this screen.",
  task: "Which settings are turned off?",
  failure: "What does the menu that is not open contain?",
};

export async function startRun(
  baseURL: string,
  student: Student,
  imageId: string,
  models = { text: "llama3.2:3b", vision: "qwen2.5vl:3b" },
): Promise<Response> {
  return post(baseURL, student, "/api/lab/runs", {
    imageId,
    textModel: models.text,
    visionModel: models.vision,
    prompts: RUN_PROMPTS,
    measureCold: false,
  });
}

type RunEvent = { at: number; status: string; cells: { id: string; status: string; output: string }[] };

/** Follows /api/lab/runs/<id>/events until the run ends; records every snapshot and every reconnect. */
export class RunStream {
  readonly events: RunEvent[] = [];
  readonly reconnects: { droppedAt: number; backAt: number | null }[] = [];
  private stopped = false;
  readonly done: Promise<void>;

  constructor(
    private readonly baseURL: () => string,
    private readonly student: Student,
    private readonly runId: string,
  ) {
    this.done = this.loop();
  }

  stop(): void {
    this.stopped = true;
  }

  private async loop(): Promise<void> {
    let retryMs = 3000;
    while (!this.stopped) {
      let ended = false;
      try {
        const response = await fetch(`${this.baseURL()}/api/lab/runs/${this.runId}/events`, { headers: { cookie: this.student.cookie } });
        if (!response.ok || !response.body) throw new Error(`events: ${response.status}`);
        const open = this.reconnects.at(-1);
        if (open && open.backAt === null) open.backAt = Date.now();
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = "";
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let cut: number;
          while ((cut = buffer.indexOf("\n\n")) >= 0) {
            const block = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            const retry = /^retry: (\d+)/m.exec(block);
            if (retry) retryMs = Number(retry[1]);
            const event = /^event: (\w+)/m.exec(block)?.[1];
            const data = /^data: (.*)$/m.exec(block)?.[1];
            if (event === "run" && data) {
              const view = JSON.parse(data) as { status: string; cells: { id: string; status: string; output: string }[] };
              this.events.push({
                at: Date.now(),
                status: view.status,
                cells: view.cells.map((c) => ({ id: c.id, status: c.status, output: c.output })),
              });
            }
            if (event === "end") ended = true;
          }
        }
      } catch {
        // a dropped connection: reconnect below, as EventSource does
      }
      if (ended || this.stopped) return;
      this.reconnects.push({ droppedAt: Date.now(), backAt: null });
      await new Promise((r) => setTimeout(r, retryMs));
    }
  }
}
