import "./load-env";
import { parseEnv } from "@/lib/env-schema";
import { applyMigrations, createMigration } from "@/lib/db/migrator";
import { writePostgresSchema } from "./prisma-schema";

// npm run db:migrate                  apply pending migrations to DATABASE_URL (default: the SQLite file)
// npm run db:migration -- <name>      create a migration for both providers from the schema changes

async function main() {
  const [command, ...args] = process.argv.slice(2);
  if (command === "migrate") {
    const env = parseEnv(process.env);
    const applied = await applyMigrations(env.DATABASE_URL);
    console.log(
      applied.length
        ? `Applied ${applied.length} migration(s) to ${env.DATABASE_PROVIDER}: ${applied.join(", ")}`
        : `Database (${env.DATABASE_PROVIDER}) is up to date.`,
    );
    return;
  }
  if (command === "migration") {
    const name = args[0];
    if (!name) throw new Error("Usage: npm run db:migration -- <name>");
    writePostgresSchema();
    const now = new Date(); // one timestamp, so both providers' folders share a name
    for (const provider of ["sqlite", "postgresql"] as const) {
      const folder = await createMigration(provider, name, now);
      console.log(folder ? `${provider}: wrote ${folder}` : `${provider}: no schema changes`);
    }
    return;
  }
  throw new Error("Usage: tsx scripts/db.ts migrate | migration <name>");
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
