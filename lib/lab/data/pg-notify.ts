import "server-only";
import { EventEmitter } from "node:events";
import pg from "pg";
import { db } from "@/lib/db";
import { env } from "@/lib/env";

// PostgreSQL LISTEN/NOTIFY for what one app instance must tell the others at once: a run's cells
// changed (its live pages redraw), a run was cancelled (its worker stops), a lab job is waiting
// (its queue's workers fetch now). One listening connection per instance, reconnected with a
// back-off if it drops; every user of it also polls slowly, so a lost notification only delays.
// On the embedded SQLite default there is one instance: notifications stay in this process.

type Listener = (payload: string) => void;

type Shared = {
  emitter: EventEmitter;
  client: pg.Client | null;
  connecting: Promise<pg.Client> | null;
  channels: Set<string>;
  retryMs: number;
  /** LISTEN statements, one after another */
  listening: Promise<void>;
};

const shared = globalThis as unknown as { lessonLabNotify?: Shared };
const state = (shared.lessonLabNotify ??= {
  emitter: new EventEmitter().setMaxListeners(0),
  client: null,
  connecting: null,
  channels: new Set(),
  retryMs: 500,
  listening: Promise.resolve(),
});

const isPostgres = () => env.DATABASE_PROVIDER === "postgresql";

async function connection(): Promise<pg.Client> {
  if (state.client) return state.client;
  state.connecting ??= (async () => {
    const client = new pg.Client({ connectionString: env.DATABASE_URL, application_name: "lesson-lab-notify" });
    client.on("notification", (message) => state.emitter.emit(message.channel, message.payload ?? ""));
    client.on("error", (error) => {
      console.error("[notify] connection lost:", error.message);
      drop(client);
    });
    client.on("end", () => drop(client));
    await client.connect();
    // One query at a time on this client (pg queues overlapping ones, and pg 9 will refuse them).
    for (const channel of state.channels) await client.query(`LISTEN "${channel}"`);
    state.client = client;
    state.retryMs = 500;
    return client;
  })().finally(() => {
    state.connecting = null;
  });
  return state.connecting;
}

function drop(client: pg.Client): void {
  if (state.client !== client) return;
  state.client = null;
  client.end().catch(() => undefined);
  if (!state.channels.size) return;
  const wait = state.retryMs;
  state.retryMs = Math.min(state.retryMs * 2, 10_000);
  setTimeout(
    () => void connection().catch((e: unknown) => console.error("[notify] reconnect failed:", (e as Error).message)),
    wait,
  ).unref();
}

/** Calls `listener` with each payload sent on `channel`, by this instance or any other. Returns the unsubscribe. */
export async function listen(channel: string, listener: Listener): Promise<() => Promise<void>> {
  state.emitter.on(channel, listener);
  if (isPostgres() && !state.channels.has(channel)) {
    state.channels.add(channel);
    state.listening = state.listening
      .then(async () => {
        const client = await connection();
        await client.query(`LISTEN "${channel}"`);
      })
      .catch((error: unknown) => console.error("[notify] cannot listen yet:", (error as Error).message));
    await state.listening;
  }
  return async () => {
    state.emitter.off(channel, listener);
  };
}

/** Sends `payload` on `channel` to every instance (this one included). */
export async function notify(channel: string, payload: string): Promise<void> {
  if (!isPostgres()) {
    state.emitter.emit(channel, payload);
    return;
  }
  try {
    // Through the pool: the listening connection only listens.
    await db.$executeRawUnsafe("SELECT pg_notify($1, $2)", channel, payload);
  } catch (error) {
    // The other instances will see it at their next poll; this one hears it now.
    state.emitter.emit(channel, payload);
    throw error;
  }
}

/** For shutdown and tests. */
export async function closeNotify(): Promise<void> {
  state.channels.clear();
  const client = state.client;
  state.client = null;
  await client?.end().catch(() => undefined);
}
