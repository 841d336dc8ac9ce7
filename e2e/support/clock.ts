import { renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Account } from "./accounts";

export const HOUR = 60 * 60 * 1000;
export const DAY = 24 * HOUR;

/**
 * The app's scheduling clock, per account (lib/server/clock.ts): the e2e server reads
 * TEST_CLOCK_FILE (see playwright.config.ts) and, for one user, the file beside it named after the
 * user's id, at every call. A test moves only its own accounts' time, so specs running at the same
 * time are not moved with it, and it needs no wait after a move.
 */
export class TestClock {
  private readonly moved = new Set<string>();

  constructor(private readonly file = path.join(process.env.E2E_DATA_DIR!, "test-clock")) {}

  /** `account`'s clock runs `offsetMs` ahead of the real time from now on. */
  set(account: Pick<Account, "id">, offsetMs: number) {
    const target = `${this.file}.${account.id}`;
    // Whole or not at all: the server never reads a half-written offset.
    writeFileSync(`${target}.tmp`, String(offsetMs));
    renameSync(`${target}.tmp`, target);
    this.moved.add(target);
  }

  /** Every clock this test moved, back to the real time. */
  reset() {
    for (const target of this.moved) rmSync(target, { force: true });
    this.moved.clear();
  }
}
