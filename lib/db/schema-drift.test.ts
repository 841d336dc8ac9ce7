import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { migrationsDirs, schemaPaths } from "@/lib/db/migrator";
import { postgresSchemaFrom } from "@/lib/db/schema-source";

const read = (p: string) => readFileSync(p, "utf8");

/** The schema with its provider-specific lines and comments taken out. */
function models(schema: string): string {
  return schema
    .split("\n")
    .filter((line) => !/^\s*(\/\/|provider\s*=|output\s*=)/.test(line))
    .join("\n")
    .trim();
}

describe("the two Prisma schemas", () => {
  it("are identical but for the provider: the PostgreSQL one is written from the SQLite one", () => {
    expect(read(schemaPaths.postgresql), "run npm install (or npm run db:migration) to rewrite it").toBe(
      postgresSchemaFrom(read(schemaPaths.sqlite)),
    );
    expect(models(read(schemaPaths.postgresql))).toBe(models(read(schemaPaths.sqlite)));
    expect(read(schemaPaths.sqlite)).toMatch(/provider = "sqlite"/);
    expect(read(schemaPaths.postgresql)).toMatch(/provider = "postgresql"/);
  });

  it("have the same migrations, by name", () => {
    const names = (dir: string) =>
      readdirSync(dir, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => e.name)
        .sort();
    expect(names(migrationsDirs.postgresql)).toEqual(names(migrationsDirs.sqlite));
    expect(names(migrationsDirs.sqlite).length).toBeGreaterThan(0);
  });

  it.each(["sqlite", "postgresql"] as const)("%s has no schema change without a migration", (provider) => {
    const snapshot = path.join(migrationsDirs[provider], "schema.snapshot.prisma");
    expect(existsSync(snapshot), "run npm run db:migration -- <name>").toBe(true);
    expect(read(snapshot), "the schema changed since the last migration: run npm run db:migration -- <name>").toBe(
      read(schemaPaths[provider]),
    );
  });
});
