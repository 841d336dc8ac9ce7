import "server-only";
import { db } from "@/lib/db";
import { submittedTo, type InstructorScope } from "@/lib/classes/data/scope";
import { readJsonColumn } from "@/lib/json-column";
import type { ChatOptions } from "@/lib/ollama/metrics";
import { csvRow, UTF8_BOM, type CsvValue } from "@/lib/exports/csv";
import { roundMs, roundRate } from "@/lib/format/measure";
import { evidenceSchema, type Evidence } from "@/lib/submissions/schemas";

// Every answer of every submitted version, from the evidence frozen at submission (what the
// write-up was judged on; a retry after submitting changes nothing here), one row per cell.
// Measured numbers are rounded (whole ms, tokens/s to 2 decimals): timer noise helps no reader.
// Written page by page (keyset on the version's id), as CSV or as a JSON array.

export type RunExportRow = {
  student: string | null;
  email: string;
  submissionId: string;
  version: number;
  submittedAt: string;
  runId: string;
  sampleId: string | null;
  column: string;
  promptKind: string;
  model: string | null;
  status: string;
  loadMs: number | null;
  timeToFirstTokenMs: number | null;
  promptTokens: number | null;
  expectedImageTokens: number | null;
  measuredImageTokens: number | null;
  prefillMs: number | null;
  evalTokens: number | null;
  tokensPerSecond: number | null;
  totalMs: number | null;
  doneReason: string | null;
  startState: string | null;
  residentBytes: number | null;
  percentOnGpu: number | null;
  ocrMs: number | null;
  ocrConfidence: number | null;
  wordRecall: number | null;
  wordPrecision: number | null;
  charErrorRate: number | null;
  stampModel: string | null;
  digest: string | null;
  quantization: string | null;
  ollamaVersion: string | null;
  engine: string | null;
  host: string | null;
  think: boolean | null;
  options: ChatOptions | null;
};

/** The CSV header, in the order of the row's keys (the JSON uses the keys). */
export const RUN_COLUMNS: readonly (readonly [keyof RunExportRow, string])[] = [
  ["student", "Student"],
  ["email", "Email"],
  ["submissionId", "Submission"],
  ["version", "Version"],
  ["submittedAt", "Submitted at"],
  ["runId", "Run"],
  ["sampleId", "Sample"],
  ["column", "Column"],
  ["promptKind", "Prompt kind"],
  ["model", "Model"],
  ["status", "Status"],
  ["loadMs", "Load (ms)"],
  ["timeToFirstTokenMs", "First token (ms)"],
  ["promptTokens", "Prompt tokens"],
  ["expectedImageTokens", "Image tokens expected"],
  ["measuredImageTokens", "Image tokens measured"],
  ["prefillMs", "Prefill (ms)"],
  ["evalTokens", "Eval tokens"],
  ["tokensPerSecond", "Tokens/s"],
  ["totalMs", "Total (ms)"],
  ["doneReason", "Done reason"],
  ["startState", "Start state"],
  ["residentBytes", "Resident bytes"],
  ["percentOnGpu", "% on GPU"],
  ["ocrMs", "OCR (ms)"],
  ["ocrConfidence", "OCR confidence"],
  ["wordRecall", "Word recall"],
  ["wordPrecision", "Word precision"],
  ["charErrorRate", "Character error rate"],
  ["stampModel", "Stamp model"],
  ["digest", "Digest"],
  ["quantization", "Quantisation"],
  ["ollamaVersion", "Ollama version"],
  ["engine", "Engine"],
  ["host", "Ollama host"],
  ["think", "Think"],
  ["options", "Options (JSON)"],
];

export type VersionRef = { submissionId: string; version: number; submittedAt: string; student: string | null; email: string };

/** One row per cell of a version's frozen evidence. */
export function runRowsOf(ref: VersionRef, evidence: Evidence): RunExportRow[] {
  return evidence.cells.map((cell) => {
    const m = cell.metrics;
    const a = cell.accuracy;
    const s = cell.stamp;
    return {
      student: ref.student,
      email: ref.email,
      submissionId: ref.submissionId,
      version: ref.version,
      submittedAt: ref.submittedAt,
      runId: evidence.runId,
      sampleId: evidence.sampleId,
      column: cell.column,
      promptKind: cell.promptKind,
      model: cell.model,
      status: cell.status,
      loadMs: roundMs(m?.loadMs),
      timeToFirstTokenMs: roundMs(m?.timeToFirstTokenMs),
      promptTokens: m?.promptTokens ?? null,
      expectedImageTokens: m?.expectedImageTokens ?? null,
      measuredImageTokens: m?.measuredImageTokens ?? null,
      prefillMs: roundMs(m?.prefillMs),
      evalTokens: m?.evalTokens ?? null,
      tokensPerSecond: roundRate(m?.tokensPerSecond),
      totalMs: roundMs(m?.totalMs),
      doneReason: m?.doneReason ?? null,
      startState: m ? (m.startState ?? (m.isCold ? "cold" : "warm")) : null,
      residentBytes: m?.resident?.sizeBytes ?? null,
      percentOnGpu: m?.resident?.percentOnGpu ?? null,
      ocrMs: roundMs(cell.ocrMetrics?.ocrMs),
      ocrConfidence: cell.ocrMetrics?.confidence ?? null,
      wordRecall: a?.wordRecall ?? null,
      wordPrecision: a?.wordPrecision ?? null,
      charErrorRate: a?.charErrorRate ?? null,
      stampModel: s?.model ?? null,
      digest: s?.digest ?? null,
      quantization: s?.quantization ?? null,
      ollamaVersion: s?.ollamaVersion ?? null,
      engine: s?.engine ?? null,
      host: s?.host ?? null,
      think: s?.think ?? null,
      options: s?.options ?? null,
    };
  });
}

export function runCsvRow(row: RunExportRow): string {
  return csvRow(
    RUN_COLUMNS.map(([key]): CsvValue => {
      const value = row[key];
      return key === "options" ? (value === null ? null : JSON.stringify(value)) : (value as CsvValue);
    }),
  );
}

const PAGE_SIZE = 100;

/** The submitted versions, a page at a time, each turned into its rows. */
async function* runRowPages(classIds: readonly string[], pageSize: number): AsyncGenerator<RunExportRow[]> {
  let after: string | null = null;
  for (;;) {
    const versions: {
      id: string;
      number: number;
      submittedAt: Date;
      evidence: string;
      submission: { id: string; user: { name: string | null; email: string } };
    }[] = await db.submissionVersion.findMany({
      where: { submission: submittedTo(classIds), ...(after ? { id: { gt: after } } : {}) },
      orderBy: { id: "asc" },
      take: pageSize,
      select: {
        id: true,
        number: true,
        submittedAt: true,
        evidence: true,
        submission: { select: { id: true, user: { select: { name: true, email: true } } } },
      },
    });
    if (versions.length === 0) return;
    const rows: RunExportRow[] = [];
    for (const v of versions) {
      const evidence = readJsonColumn(evidenceSchema, v.evidence, `submission ${v.submission.id} v${v.number} evidence`);
      if (!evidence) continue;
      rows.push(
        ...runRowsOf(
          {
            submissionId: v.submission.id,
            version: v.number,
            submittedAt: v.submittedAt.toISOString(),
            student: v.submission.user.name,
            email: v.submission.user.email,
          },
          evidence,
        ),
      );
    }
    yield rows;
    if (versions.length < pageSize) return;
    after = versions[versions.length - 1]!.id;
  }
}

async function* runCsvChunks(classIds: readonly string[], pageSize: number): AsyncGenerator<string> {
  yield UTF8_BOM + csvRow(RUN_COLUMNS.map(([, label]) => label));
  for await (const rows of runRowPages(classIds, pageSize)) yield rows.map(runCsvRow).join("");
}

async function* runJsonChunks(classIds: readonly string[], pageSize: number): AsyncGenerator<string> {
  yield "[";
  let isFirst = true;
  for await (const rows of runRowPages(classIds, pageSize)) {
    if (rows.length === 0) continue;
    yield (isFirst ? "\n" : ",\n") + rows.map((row) => JSON.stringify(row)).join(",\n");
    isFirst = false;
  }
  yield "\n]\n";
}

// The scope is built (and the role checked) before the stream is first read: a refusal comes before any byte.

/** Every answer submitted to the scope's classes as CSV chunks (a UTF-8 BOM and the header first). */
export function exportRunsCsv(scope: InstructorScope, options: { pageSize?: number } = {}): AsyncGenerator<string> {
  return runCsvChunks(scope.classIds, options.pageSize ?? PAGE_SIZE);
}

/** The same rows as one JSON array, written as it goes. */
export function exportRunsJson(scope: InstructorScope, options: { pageSize?: number } = {}): AsyncGenerator<string> {
  return runJsonChunks(scope.classIds, options.pageSize ?? PAGE_SIZE);
}
