import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { createInterface } from "node:readline";
import { expect, type APIRequestContext } from "@playwright/test";
import { newAccount } from "./auth-pages";
import { e2eDatabaseEnv } from "./cli";

export type Role = "STUDENT" | "INSTRUCTOR";
/** An account that exists: what the sign-up form would take, and what the database gave it. */
export type Account = { id: string; name: string; email: string; password: string; role: Role };
type Created = { id: string; name: string | null; email: string; role: Role };
/** A class made for a test: its instructors see its students' work. */
export type Classroom = { id: string; name: string };
type Answer = { id: number; user?: Created; class?: Classroom; error?: string };

/**
 * Makes accounts straight in the e2e server's database, through the app's own createUser and
 * setUserRole (e2e/support/accounts-service.ts, a child process: the data layer is server-only
 * code that needs Node's react-server condition). One per Playwright worker, started on first use.
 */
export class AccountMaker {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly waiting = new Map<number, { resolve: (answer: Answer) => void; reject: (error: Error) => void }>();
  private next = 1;
  private stderr = "";

  constructor() {
    this.child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "e2e/support/accounts-service.ts"], {
      env: { ...process.env, ...e2eDatabaseEnv() },
      stdio: ["pipe", "pipe", "pipe"],
    });
    this.child.stderr.setEncoding("utf8").on("data", (chunk: string) => (this.stderr = (this.stderr + chunk).slice(-4000)));
    createInterface({ input: this.child.stdout }).on("line", (line) => {
      if (!line.startsWith('{"id":')) return; // anything else the app's modules print
      const answer = JSON.parse(line) as Answer;
      const waiter = this.waiting.get(answer.id);
      this.waiting.delete(answer.id);
      if (answer.error) waiter?.reject(new Error(`the account maker failed: ${answer.error}`));
      else waiter?.resolve(answer);
    });
    this.child.on("exit", (code) => {
      for (const waiter of this.waiting.values()) waiter.reject(new Error(`the account maker exited (${code}): ${this.stderr}`));
      this.waiting.clear();
    });
  }

  private ask(request: object): Promise<Answer> {
    const id = this.next++;
    return new Promise<Answer>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.child.stdin.write(`${JSON.stringify({ id, ...request })}\n`);
    });
  }

  async create({ prefix = "student", role = "STUDENT" }: { prefix?: string; role?: Role } = {}): Promise<Account> {
    const details = newAccount(prefix);
    const { user } = await this.ask({ ...details, role });
    expect(user?.role).toBe(role);
    return { ...details, id: user!.id, role: user!.role };
  }

  /** A class with these members (instructors teach it, students take it), or more members for `classId`. */
  async createClass(members: Pick<Account, "id" | "role">[], { name = "Test class", classId }: { name?: string; classId?: string } = {}) {
    const answer = await this.ask({ op: "class", name, classId, members: members.map((m) => ({ id: m.id, role: m.role })) });
    return answer.class!;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once("exit", resolve));
    this.child.stdin.end();
    await exited;
  }
}

/**
 * Signs in through Auth.js's credentials endpoint, the one the sign-in form ends at (password
 * check, rate limit, a session row named by the JWT), without rendering the form. The session
 * cookie lands in the browser context that owns `request`.
 */
export async function signInByRequest(request: APIRequestContext, account: Pick<Account, "email" | "password">, origin: string) {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await request.post("/api/auth/callback/credentials", {
    form: { email: account.email, password: account.password, csrfToken, callbackUrl: "/" },
    headers: { Origin: origin },
    maxRedirects: 0,
  });
  const location = response.headers().location ?? "";
  expect(`${response.status()} ${location}`, `sign-in as ${account.email}`).toMatch(/^30\d (?!.*[?&](error|code)=)/);
  const session = (await (await request.get("/api/auth/session")).json()) as { user?: { email?: string } } | null;
  expect(session?.user?.email, `session of ${account.email}`).toBe(account.email);
}
