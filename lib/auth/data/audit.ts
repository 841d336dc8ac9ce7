import "server-only";
import { db } from "@/lib/db";

// The account audit trail: reset links issued and used, passwords changed, with who did it to whom.

export type AuditAction = "PASSWORD_RESET_ISSUED" | "PASSWORD_RESET_USED" | "PASSWORD_CHANGED";

type Client = Pick<typeof db, "auditEvent">;

export async function recordAudit(
  input: {
    action: AuditAction;
    actorId?: string | null;
    actorKind?: "user" | "operator";
    targetId: string;
    detail?: Record<string, unknown>;
  },
  client: Client = db,
): Promise<void> {
  await client.auditEvent.create({
    data: {
      action: input.action,
      actorId: input.actorId ?? null,
      actorKind: input.actorKind ?? "user",
      targetId: input.targetId,
      detail: input.detail ? JSON.stringify(input.detail) : null,
    },
  });
}

export type AuditEntry = {
  id: string;
  at: Date;
  action: AuditAction;
  actor: { kind: "user" | "operator"; email: string | null };
  target: { email: string | null };
};

/** The newest events an account took part in, as actor or target. */
export async function listAuditFor(userId: string, take = 20): Promise<AuditEntry[]> {
  const rows = await db.auditEvent.findMany({
    where: { OR: [{ actorId: userId }, { targetId: userId }] },
    orderBy: { createdAt: "desc" },
    take,
    select: {
      id: true,
      createdAt: true,
      action: true,
      actorKind: true,
      actor: { select: { email: true } },
      target: { select: { email: true } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    at: r.createdAt,
    action: r.action as AuditAction,
    actor: { kind: r.actorKind === "operator" ? "operator" : "user", email: r.actor?.email ?? null },
    target: { email: r.target?.email ?? null },
  }));
}
