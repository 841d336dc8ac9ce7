import type { OllamaTestServer } from "../../test/ollama-double/test-server";
import type { Figure } from "../lib/figures";

/** One /api/chat request the Ollama test double served: which model, and when (Date.now() ms). */
export type ChatInterval = { model: string; start: number; end: number };

export type BenchContext = {
  /** "SQLite" or "PostgreSQL" */
  database: string;
  baseURL: string;
  quick: boolean;
  dataDir: string;
  ollama: OllamaTestServer;
  chats: ChatInterval[];
  /** CPU ms the app's processes have used so far (null where it cannot be read) */
  serverCpuMs(): number | null;
  /** Progress for the person watching; not part of the results. */
  log(message: string): void;
  /** A figure ready before the section ends, kept even if a later part of the section fails. */
  report(figure: Figure): void;
};

export type Section = {
  /** as given on the command line */
  name: string;
  /** as shown in the table */
  title: string;
  /** Whether it runs again on PostgreSQL (it touches the database), or only once. */
  usesDatabase: boolean;
  /** Its figures (besides those it reported on the way). */
  run(ctx: BenchContext): Promise<Figure[]>;
};

export const BENCH_PASSWORD = "bench password 12345";
export const INSTRUCTOR_EMAIL = "bench-instructor@example.test";
