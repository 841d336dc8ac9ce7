// Files over 300 lines and functions over 120 in app/, components/, hooks/ and lib/ (tests and
// generated code aside): the house's size rule, checked by lib/architecture.test.ts.
// Run: npx tsx scripts/size-report.ts
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

export const MAX_FILE_LINES = 300;
export const MAX_FUNCTION_LINES = 120;

const root = path.resolve(import.meta.dirname, "..");

/** The TypeScript sources below `dir` (generated code and declarations aside); tests only when asked. */
export function tsSources(dir: string, { tests = false } = {}, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (name === "node_modules" || name === "generated" || name.startsWith(".")) continue;
    if (statSync(full).isDirectory()) tsSources(full, { tests }, out);
    else if (/\.tsx?$/.test(name) && !/\.d\.ts$/.test(name) && (tests || !/\.(test|spec)\.tsx?$/.test(name))) out.push(full);
  }
  return out;
}

export type SizeFinding = { file: string; name: string; lines: number };

function functionName(node: ts.Node): string {
  if ((ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node)) && node.name) return node.name.getText();
  const parent = node.parent;
  if (parent && ts.isVariableDeclaration(parent)) return parent.name.getText();
  if (parent && ts.isPropertyAssignment(parent)) return parent.name.getText();
  return "(anonymous)";
}

export function sizeFindings(dirs = ["app", "components", "hooks", "lib"]): { files: SizeFinding[]; functions: SizeFinding[] } {
  const files: SizeFinding[] = [];
  const functions: SizeFinding[] = [];
  for (const file of dirs.flatMap((d) => tsSources(path.join(root, d)))) {
    const text = readFileSync(file, "utf8");
    const rel = path.relative(root, file).split(path.sep).join("/");
    const lines = text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
    if (lines > MAX_FILE_LINES) files.push({ file: rel, name: "", lines });
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
    const visit = (node: ts.Node) => {
      if (ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node) || ts.isMethodDeclaration(node)) {
        const start = source.getLineAndCharacterOfPosition(node.getStart()).line;
        const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
        if (end - start + 1 > MAX_FUNCTION_LINES) functions.push({ file: rel, name: functionName(node), lines: end - start + 1 });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { files, functions };
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const { files, functions } = sizeFindings();
  console.log(`Files over ${MAX_FILE_LINES} lines: ${files.length}`);
  for (const f of files.sort((a, b) => b.lines - a.lines)) console.log(`  ${f.lines}  ${f.file}`);
  console.log(`Functions over ${MAX_FUNCTION_LINES} lines: ${functions.length}`);
  for (const f of functions.sort((a, b) => b.lines - a.lines)) console.log(`  ${f.lines}  ${f.file}  ${f.name}`);
}
