// prisma/schema.prisma (SQLite) is the one schema people edit. The PostgreSQL schema is written
// from it: same models, another provider and output. Used by `npm install` (postinstall), by
// `npm run db:migration`, and by the drift test.

export const GENERATED_HEADER =
  "// GENERATED from prisma/schema.prisma by scripts/prisma-generate.ts: do not edit. Change prisma/schema.prisma,\n" +
  "// then run `npm run db:migration -- <name>` (which rewrites this file and writes both providers' migrations).\n";

export function postgresSchemaFrom(sqliteSchema: string): string {
  const body = sqliteSchema.replace(/^(\/\/[^\n]*\n)+/, "");
  const replace = (text: string, pattern: RegExp, replacement: string) => {
    if (!pattern.test(text)) throw new Error(`prisma/schema.prisma: expected to find ${pattern}`);
    return text.replace(pattern, replacement);
  };
  let out = replace(body, /output\s*=\s*"\.\.\/lib\/generated\/sqlite"/, 'output   = "../../lib/generated/postgres"');
  out = replace(out, /provider\s*=\s*"sqlite"/, 'provider = "postgresql"');
  return GENERATED_HEADER + out;
}
