import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { deliverScore, type Delivery } from "@/lib/lti/data/outbox-send";
import { LEASE_MS, nextAttemptAt, SENT_KEPT_MS } from "@/lib/lti/outbox-policy";

// The score outbox's sender (docs/lti-design.md §4). Every instance runs one (instrumentation.ts),
// looking every LTI_OUTBOX_TICK_SECONDS and at once when a commit added rows (kickScoreOutbox). A
// row is taken by one conditional update that sets `leaseUntil` a minute ahead, only where no live
// lease is: of two instances (or two ticks) taking one row, exactly one gets it, and only that one
// writes the outcome (its lease must still be the row's).
//
// Killed mid-send (SIGKILL, a crash, SIGTERM: nothing waits for a send on shutdown), the row keeps
// its lease and stays PENDING; once the lease runs out, the next tick of any instance takes it and
// sends it again. If the first send had landed, the platform refuses the resend's timestamp as not
// newer (Moodle answers 409), which counts as sent; Canvas and others keep the same score again.
// So a score is sent at least once and lands once. A send that outlives its lease (a platform slow
// at every step) can be sent twice the same way, with the same outcome.

const BATCH = 25;
/** rows sent at once: a platform that times out does not hold up the others for long */
const PARALLEL = 4;
const PRUNE_EVERY_MS = 60 * 60_000;

export type OutboxRun = { taken: number; sent: number; failed: number; retrying: number };

const liveLease = (now: Date) => ({ OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] });
const due = (now: Date) => ({ state: "PENDING", nextAttemptAt: { lte: now }, ...liveLease(now) });

/** Takes the row if it is still due and nobody holds it: the lease (its own token), or null. */
async function take(id: string, now: Date): Promise<{ lease: Date; attempts: number; since: Date } | null> {
  const lease = new Date(now.getTime() + LEASE_MS);
  const { count } = await db.ltiScoreOutbox.updateMany({ where: { id, ...due(now) }, data: { leaseUntil: lease } });
  if (count !== 1) return null;
  const row = await db.ltiScoreOutbox.findUniqueOrThrow({ where: { id }, select: { attempts: true, createdAt: true } });
  return { lease, attempts: row.attempts, since: row.createdAt };
}

/** Writes what the send came to, if this worker still holds the row. */
async function settle(id: string, held: { lease: Date; attempts: number; since: Date }, delivery: Delivery, now: Date): Promise<void> {
  const mine = { id, leaseUntil: held.lease };
  const attempts = held.attempts + 1;
  if (delivery.outcome === "sent") {
    // Sent, even if a newer score superseded it meanwhile: that one follows.
    await db.ltiScoreOutbox.updateMany({
      where: mine,
      data: { state: "SENT", sentAt: now, attempts, lastStatus: delivery.status, lastError: null, leaseUntil: null },
    });
    return;
  }
  const next = delivery.outcome === "retry" ? nextAttemptAt(attempts, delivery.retryAfterMs, held.since, now) : null;
  const error = delivery.outcome === "retry" && next === null ? `Gave up after 7 days of retries. ${delivery.error}`.slice(0, 200) : delivery.error;
  const outcome = { attempts, lastStatus: delivery.status, lastError: error, leaseUntil: null };
  const { count } = await db.ltiScoreOutbox.updateMany({
    where: { ...mine, state: "PENDING" },
    data: next ? { ...outcome, nextAttemptAt: next } : { ...outcome, state: "FAILED" },
  });
  // Superseded while it was being sent: it stays so, without its lease.
  if (count === 0) await db.ltiScoreOutbox.updateMany({ where: mine, data: outcome });
}

/**
 * One look at the outbox: every due row this call manages to take is sent and settled. Returns what
 * happened (tests; the worker logs failures). `clock` is read at each take, so a lease starts when
 * its row does.
 */
export async function runScoreOutbox({ clock = () => new Date(), limit = BATCH } = {}): Promise<OutboxRun> {
  const run: OutboxRun = { taken: 0, sent: 0, failed: 0, retrying: 0 };
  const rows = await db.ltiScoreOutbox.findMany({ where: due(clock()), orderBy: [{ nextAttemptAt: "asc" }, { id: "asc" }], take: limit, select: { id: true } });
  const queue = rows.map((r) => r.id);
  async function lane() {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      const held = await take(id, clock());
      if (!held) continue;
      run.taken++;
      try {
        const delivery = await deliverScore(id);
        await settle(id, held, delivery, clock());
        if (delivery.outcome === "sent") run.sent++;
        else if (delivery.outcome === "retry") run.retrying++;
        else run.failed++;
      } catch (error) {
        // Our own failure (the database, a row deleted with its course site): the row keeps its
        // lease and is taken again once that runs out; the other rows go on.
        run.retrying++;
        console.error(`[lti outbox] sending ${id}`, error);
      }
    }
  }
  await Promise.all(Array.from({ length: PARALLEL }, lane));
  return run;
}

/** Sent rows older than SENT_KEPT_MS go: the LMS has them; the counts need only the recent ones. */
export async function pruneSentScores(now = new Date()): Promise<number> {
  const { count } = await db.ltiScoreOutbox.deleteMany({ where: { state: "SENT", sentAt: { lt: new Date(now.getTime() - SENT_KEPT_MS) } } });
  return count;
}

type Worker = { timer: NodeJS.Timeout; running: boolean; again: boolean; prunedAt: number; kick: () => void };
const shared = globalThis as unknown as { lessonLabScoreOutbox?: Worker };

/**
 * Starts this process's sender: a look now, every LTI_OUTBOX_TICK_SECONDS, and on every kick (the
 * timer does not keep the process alive). Calling it again does nothing: the worker lives on
 * globalThis, as Next bundles each route (and instrumentation) separately, and the kick a route
 * calls after its commit (kickScoreOutbox in outbox.ts) finds it there.
 */
export function startScoreOutbox(): void {
  if (shared.lessonLabScoreOutbox) return;
  const worker: Worker = {
    timer: setInterval(() => void tick(), env.LTI_OUTBOX_TICK_SECONDS * 1000),
    running: false,
    again: false,
    prunedAt: 0,
    kick: () => void setImmediate(() => void tick()),
  };
  worker.timer.unref();
  shared.lessonLabScoreOutbox = worker;
  void tick();

  async function tick() {
    // A kick during a look makes one more look after it, never two at once in one process.
    if (worker.running) {
      worker.again = true;
      return;
    }
    worker.running = true;
    try {
      do {
        worker.again = false;
        const run = await runScoreOutbox();
        if (run.failed > 0) console.warn(`[lti outbox] ${run.failed} score(s) failed; the instructor sees them on Course sites`);
      } while (worker.again);
      if (Date.now() - worker.prunedAt > PRUNE_EVERY_MS) {
        worker.prunedAt = Date.now();
        await pruneSentScores();
      }
    } catch (error) {
      console.error("[lti outbox]", error);
    } finally {
      worker.running = false;
    }
  }
}

/** Stops this process's sender (tests, shutdown). Rows it holds are taken again when their lease runs out. */
export function stopScoreOutbox(): void {
  const worker = shared.lessonLabScoreOutbox;
  if (!worker) return;
  clearInterval(worker.timer);
  delete shared.lessonLabScoreOutbox;
}
