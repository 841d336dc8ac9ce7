import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { verifyPassword } from "@/lib/auth/server/passwords";
import { countUnseenNotices, listNotices, markNoticesSeen } from "@/lib/auth/data/notices";
import { registerAccount } from "@/lib/auth/server/registration";
import { findUserWithPassword } from "@/lib/auth/data/users";

const email = (name: string) => `${name}-${randomUUID().slice(0, 8)}@example.test`;

describe("sign-up that does not tell whether an email is registered", () => {
  it("a registered email changes nothing (not even the password) and its owner gets one counted notice", async () => {
    const address = email("owner");
    await expect(registerAccount({ name: "Owner", email: address, password: "the owner's password" })).resolves.toBeUndefined();
    const { id, passwordHash } = (await findUserWithPassword(address))!;
    for (const attempt of ["guess number one", "guess number two"])
      await expect(registerAccount({ name: "Prober", email: address, password: attempt })).resolves.toBeUndefined();
    const after = (await findUserWithPassword(address))!;
    expect(after).toMatchObject({ id, name: "Owner", passwordHash });
    expect((await verifyPassword("the owner's password", after.passwordHash!)).ok).toBe(true);
    expect(await countUnseenNotices(id)).toBe(1);
    expect(await listNotices(id)).toEqual([expect.objectContaining({ kind: "SIGNUP_ATTEMPT", count: 2, seen: false })]);
    await markNoticesSeen(id);
    expect(await countUnseenNotices(id)).toBe(0);
  });

  it("twenty sign-ups of one new email at once make one account and fail none", async () => {
    const address = email("race");
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => registerAccount({ name: `Racer ${i}`, email: address, password: `race password ${i}` })),
    );
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    expect(await db.user.count({ where: { email: address } })).toBe(1);
  });
});
