import { readFileSync, writeFileSync } from "node:fs";
import { postgresSchemaFrom } from "../lib/db/schema-source";

/** Rewrites prisma/postgres/schema.prisma from prisma/schema.prisma. */
export function writePostgresSchema(): void {
  writeFileSync("prisma/postgres/schema.prisma", postgresSchemaFrom(readFileSync("prisma/schema.prisma", "utf8")));
}
