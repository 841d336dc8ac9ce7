import { execFileSync } from "node:child_process";
import { writePostgresSchema } from "./prisma-schema";

// Writes the PostgreSQL schema from the SQLite one, then generates both Prisma clients.
// `prisma generate` only checks that a schema engine file exists (it never runs it), and the real
// one would be downloaded, which this environment cannot do.

writePostgresSchema();
const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" };
for (const schema of ["prisma/schema.prisma", "prisma/postgres/schema.prisma"]) {
  execFileSync(process.execPath, ["node_modules/prisma/build/index.js", "generate", "--schema", schema], { stdio: "inherit", env });
}
