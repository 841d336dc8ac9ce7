import "../../scripts/load-env";
import { createInterface } from "node:readline";
import { createUser, setUserRole, type PublicUser } from "@/lib/auth/data/users";
import { roleSchema } from "@/lib/auth/roles";
import { db } from "@/lib/db";

// The e2e account maker: a child process of a Playwright worker (e2e/support/accounts.ts) that
// creates accounts in the e2e server's database through the app's own data layer, the same
// createUser sign-up uses (argon2 hash, unique email) and setUserRole the CLI uses. One JSON request
// per line on stdin, one JSON answer per line on stdout, until stdin ends.
//
//   {"id":1,"name":"Ada","email":"ada@example.test","password":"…","role":"INSTRUCTOR"}
//   -> {"id":1,"user":{"id":"…","name":"Ada","email":"ada@example.test","role":"INSTRUCTOR"}}
//
// and classes (what an instructor sees is scoped to the classes they teach): instructors teach it,
// everyone else takes it; `classId` adds them to an existing one.
//
//   {"id":2,"op":"class","name":"Vision A","members":[{"id":"…","role":"INSTRUCTOR"},{"id":"…","role":"STUDENT"}]}
//   -> {"id":2,"class":{"id":"…","name":"Vision A"}}

type Member = { id: string; role: string };
type Request =
  | { id: number; op?: "user"; name: string; email: string; password: string; role?: string }
  | { id: number; op: "class"; name: string; classId?: string; members: Member[] };
type Answer = { id: number; user?: PublicUser; class?: { id: string; name: string }; error?: string };

async function createClass(request: Extract<Request, { op: "class" }>): Promise<{ id: string; name: string }> {
  const made = request.classId
    ? await db.class.findUniqueOrThrow({ where: { id: request.classId } })
    : await db.class.create({ data: { name: request.name } });
  await db.classMember.createMany({
    data: request.members.map((m) => ({ classId: made.id, userId: m.id, role: m.role === "INSTRUCTOR" ? "INSTRUCTOR" : "STUDENT" })),
  });
  return { id: made.id, name: made.name };
}

async function create(request: Extract<Request, { op?: "user" }>): Promise<PublicUser> {
  const role = roleSchema.parse(request.role ?? "STUDENT");
  const user = await createUser({ name: request.name, email: request.email, password: request.password });
  if (role === user.role) return user;
  const changed = await setUserRole(user.email, role);
  if (!changed) throw new Error(`${user.email} vanished before its role was set`);
  return changed;
}

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
const pending: Promise<void>[] = [];
lines.on("line", (line) => {
  if (!line.trim()) return;
  const request = JSON.parse(line) as Request;
  const fail = (error: unknown) => answer({ id: request.id, error: error instanceof Error ? error.message : String(error) });
  pending.push(
    request.op === "class"
      ? createClass(request).then((made) => answer({ id: request.id, class: made }), fail)
      : create(request).then((user) => answer({ id: request.id, user }), fail),
  );
});
lines.on("close", () => {
  void Promise.allSettled(pending).then(() => db.$disconnect());
});

function answer(message: Answer) {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}
