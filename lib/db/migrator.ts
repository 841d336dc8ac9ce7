import "server-only";
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { sqlitePathFromUrl } from "@/lib/env-schema";
import { providerOf, type DatabaseProvider } from "@/lib/db/client";

// Migrations without the Prisma CLI's native schema engine (it downloads a binary, which this
// environment cannot). The WebAssembly engine shipped in @prisma/schema-engine-wasm does the same
// work and writes the same _prisma_migrations table, so the real CLI stays compatible.

const require = createRequire(import.meta.url);

export const PRISMA_DIR = path.resolve(process.cwd(), "prisma");

export const schemaPaths: Record<DatabaseProvider, string> = {
  sqlite: path.join(PRISMA_DIR, "schema.prisma"),
  postgresql: path.join(PRISMA_DIR, "postgres", "schema.prisma"),
};

export const migrationsDirs: Record<DatabaseProvider, string> = {
  sqlite: path.join(PRISMA_DIR, "migrations"),
  postgresql: path.join(PRISMA_DIR, "postgres", "migrations"),
};

/** Where @prisma/internals looks for the engine; npm does not put it there. */
function ensureWasmInPlace() {
  const internalsDir = path.dirname(require.resolve("@prisma/internals/package.json"));
  const target = path.join(internalsDir, "build", "schema_engine_bg.wasm");
  if (existsSync(target)) return;
  const source = path.join(path.dirname(require.resolve("@prisma/schema-engine-wasm")), "schema_engine_bg.wasm");
  mkdirSync(path.dirname(target), { recursive: true });
  copyFileSync(source, target);
}

function adapterFor(url: string) {
  if (providerOf(url) === "sqlite") {
    const file = sqlitePathFromUrl(url);
    mkdirSync(path.dirname(file), { recursive: true });
    return new PrismaBetterSqlite3({ url: file });
  }
  return new PrismaPg({ connectionString: url });
}

type Engine = {
  applyMigrations(input: unknown): Promise<{ appliedMigrationNames: string[] }>;
  engine: { diff(input: unknown): Promise<{ exitCode: number; stdout?: string }> };
  stop(): Promise<void>;
};

type Disposable = { dispose(): Promise<void> };

/** Keeps the connections the engine opens, so they can be closed: SQLite stays locked otherwise. */
function trackConnections<F extends { connect(): Promise<Disposable>; connectToShadowDb(): Promise<Disposable> }>(
  factory: F,
  opened: Disposable[],
): F {
  const connect = factory.connect.bind(factory);
  const connectToShadowDb = factory.connectToShadowDb.bind(factory);
  factory.connect = async () => {
    const connection = await connect();
    opened.push(connection);
    return connection;
  };
  factory.connectToShadowDb = async () => {
    const connection = await connectToShadowDb();
    opened.push(connection);
    return connection;
  };
  return factory;
}

async function openEngine(provider: DatabaseProvider, url: string | null): Promise<Engine> {
  ensureWasmInPlace();
  const opened: Disposable[] = [];
  const { SchemaEngineWasm } = require("@prisma/migrate/dist/SchemaEngineWasm.js") as {
    SchemaEngineWasm: { setup(input: unknown): Promise<Engine> };
  };
  const schemaPath = schemaPaths[provider];
  const factory = trackConnections(
    (url ? adapterFor(url) : offlineAdapter(provider)) as unknown as Parameters<typeof trackConnections>[0],
    opened,
  );
  const engine = await SchemaEngineWasm.setup({
    adapter: bindMigrationAwareSqlAdapterFactory(factory as unknown as Parameters<typeof bindMigrationAwareSqlAdapterFactory>[0]),
    schemaContext: { schemaFiles: [[schemaPath, readFileSync(schemaPath, "utf8")]] },
  });
  const stop = engine.stop.bind(engine);
  engine.stop = async () => {
    await stop();
    await Promise.allSettled(opened.map((c) => c.dispose()));
  };
  return engine;
}

async function listMigrations(dir: string) {
  const lockfilePath = path.join(dir, "migration_lock.toml");
  const entries = existsSync(dir) ? await readdir(dir, { withFileTypes: true }) : [];
  const migrationDirectories = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()
    .map((name) => ({
      path: name,
      migrationFile: {
        path: "migration.sql",
        content: { tag: "ok", value: readFileSync(path.join(dir, name, "migration.sql"), "utf8") },
      },
    }));
  return {
    baseDir: dir,
    lockfile: { path: "migration_lock.toml", content: existsSync(lockfilePath) ? readFileSync(lockfilePath, "utf8") : null },
    migrationDirectories,
    shadowDbInitScript: "",
  };
}

const filters = { externalTables: [], externalEnums: [] };

/** `prisma migrate deploy`: applies pending migrations, returns their names. */
export async function applyMigrations(url: string): Promise<string[]> {
  const provider = providerOf(url);
  const engine = await openEngine(provider, url);
  try {
    const result = await engine.applyMigrations({
      migrationsList: await listMigrations(migrationsDirs[provider]),
      filters,
    });
    return result.appliedMigrationNames;
  } catch (error) {
    // The schema engine needs the SQLite file to itself; another process with it open times out.
    if (provider === "sqlite" && /SocketTimeout|database is locked/i.test(String((error as Error).message))) {
      throw new Error(
        `The database ${sqlitePathFromUrl(url)} is in use by another process, so migrations cannot run. ` +
          "Is Lesson Lab already running? Stop it, then start again.",
      );
    }
    throw error;
  } finally {
    await engine.stop();
  }
}

const SNAPSHOT = "schema.snapshot.prisma";

/**
 * Diffing two datamodels needs no database, but the engine insists on an adapter and asks the
 * PostgreSQL one for its server version. This adapter answers that one question as PostgreSQL 15
 * and refuses every other query, so a migration can be written with no database running.
 */
function offlineAdapter(provider: DatabaseProvider) {
  const refuse = async (query: unknown) => {
    throw new Error(`the offline migration adapter cannot run ${JSON.stringify(query).slice(0, 200)}`);
  };
  const driver = {
    provider: provider === "sqlite" ? "sqlite" : "postgres",
    adapterName: provider === "sqlite" ? "@prisma/adapter-better-sqlite3" : "@prisma/adapter-pg",
    queryRaw: async (query: { sql: string }) => {
      if (provider === "postgresql" && query.sql.includes("server_version_num")) {
        // columns: exists (Boolean=5), version (Text=7), numeric_version (Int32=0)
        return { columnNames: ["exists", "version", "numeric_version"], columnTypes: [5, 7, 0], rows: [[true, "PostgreSQL 15.0", 150000]] };
      }
      return refuse(query);
    },
    executeRaw: refuse,
    executeScript: refuse,
    startTransaction: refuse,
    getConnectionInfo: () => ({ supportsRelationJoins: true }),
    dispose: async () => {},
  };
  return {
    provider: driver.provider,
    adapterName: driver.adapterName,
    connect: async () => driver,
    connectToShadowDb: async () => driver,
  };
}

/**
 * Writes a new migration for one provider: the SQL that takes the last migrated schema (a snapshot
 * saved beside the migrations) to the current one. Returns the folder, or null when nothing changed.
 */
export async function createMigration(provider: DatabaseProvider, name: string, now = new Date()): Promise<string | null> {
  const dir = migrationsDirs[provider];
  const schemaPath = schemaPaths[provider];
  const current = readFileSync(schemaPath, "utf8");
  const snapshotPath = path.join(dir, SNAPSHOT);
  const from = existsSync(snapshotPath)
    ? { tag: "schemaDatamodel", files: [{ path: schemaPath, content: readFileSync(snapshotPath, "utf8") }] }
    : { tag: "empty" };
  const engine = await openEngine(provider, null);
  let script = "";
  try {
    const chunks: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    // The engine prints the script to stdout; capture it instead of echoing it.
    process.stdout.write = ((chunk: string | Uint8Array) => {
      chunks.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
      return true;
    }) as typeof process.stdout.write;
    try {
      const result = await engine.engine.diff({
        from,
        to: { tag: "schemaDatamodel", files: [{ path: schemaPath, content: current }] },
        script: true,
        exitCode: null,
        filters,
      });
      script = result.stdout ?? chunks.join("");
    } finally {
      process.stdout.write = write;
    }
  } finally {
    await engine.stop();
  }
  if (!script.trim() || /^-- This is an empty migration\.?\s*$/.test(script.trim())) return null;
  const stamp = now.toISOString().replace(/\D/g, "").slice(0, 14);
  const slug =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^_|_$/g, "") || "migration";
  const folder = path.join(dir, `${stamp}_${slug}`);
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, "migration.sql"), script.endsWith("\n") ? script : `${script}\n`);
  writeFileSync(
    path.join(dir, "migration_lock.toml"),
    `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${provider}"\n`,
  );
  writeFileSync(snapshotPath, current);
  return folder;
}
