import { z } from "zod";
import { emptyToUndefined, flag, nonNegativeInt, positiveInt } from "./env-fields";

// The settings of the learning features: the lab's limits and workers, the tutor and the quiz.
// Relative imports only: next.config.ts loads this without the "@/" alias.

/** The lab: upload limits, runs, model lanes, the job queue and its workers. */
export const labSettings = {
  LAB_MAX_UPLOAD_MB: positiveInt(10, 100),
  LAB_MAX_PIXELS: positiveInt(50_000_000, 500_000_000),
  LAB_MAX_SIDE: positiveInt(1280, 4096),
  LAB_RUNS_IN_FLIGHT: positiveInt(3, 100),
  LAB_RUNS_PER_HOUR: positiveInt(20, 10_000),
  LAB_MODEL_CONCURRENCY: positiveInt(1, 16),
  LAB_CELL_TIMEOUT_S: positiveInt(180, 3600),
  /** seconds a model may take to load, before its lane's cells are timed (a big model from a slow disk) */
  LAB_LOAD_TIMEOUT_S: positiveInt(600, 3600),
  /** seconds a cold-start measurement waits for /api/ps to stop listing a model it asked Ollama to unload */
  LAB_UNLOAD_WAIT_S: positiveInt(15, 300),
  /** seconds a stopping instance (SIGTERM) lets its running lab cells finish before handing them back */
  LAB_DRAIN_SECONDS: nonNegativeInt(20, 600),
  /** the PostgreSQL schema the lab's job queue (pg-boss) keeps its tables in */
  LAB_QUEUE_SCHEMA: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,40}$/, { error: "must be a lower-case PostgreSQL schema name such as pgboss" })
      .default("pgboss"),
  ),
  /** whether this instance executes lab jobs (an instance that only serves pages can say false) */
  LAB_WORKERS: flag(true),
  LAB_NUM_PREDICT: positiveInt(1024, 32_768),
  /** the budget for thinking variants: Ollama applies num_predict to the thinking pass on its own */
  LAB_THINKING_NUM_PREDICT: positiveInt(4096, 32_768),
  /** students run Ollama themselves (their own laptops): show them the operator commands instead of "ask your instructor" */
  LAB_STUDENTS_RUN_OLLAMA: flag(false),
  LAB_UPLOADS_PER_HOUR: positiveInt(60, 100_000),
  LAB_UPLOAD_QUOTA_MB: positiveInt(200, 100_000),
  LAB_UPLOAD_RETENTION_HOURS: positiveInt(24, 24 * 365),
  LAB_DECODE_CONCURRENCY: positiveInt(2, 64),
};

/** The lesson tutor: its model, allowances, concurrency and timeout. */
export const tutorSettings = {
  /** the lesson tutor's model: an installed Ollama tag, "off" for quoted passages only; unset: the lesson's text-only pick, else any installed text model */
  TUTOR_MODEL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .trim()
      .regex(/^(off|[a-z0-9][a-z0-9._/-]*(:[a-z0-9._-]+)?)$/i, { error: 'must be an Ollama model tag such as qwen3:4b-instruct, or "off"' })
      .optional(),
  ),
  /** tutor questions a signed-in student may ask an hour */
  TUTOR_QUESTIONS_PER_HOUR: positiveInt(60, 100_000),
  /** tutor questions an hour from one address for all guests together */
  TUTOR_GUEST_QUESTIONS_PER_HOUR: positiveInt(300, 1_000_000),
  /** tutor answers phrased at once (the rest wait; past 8 waiting they get the quoted passages) */
  TUTOR_CONCURRENCY: positiveInt(1, 16),
  /** seconds before a tutor answer gives up (load included); what arrived is kept */
  TUTOR_TIMEOUT_S: positiveInt(120, 3600),
};

/** The quiz: what a submitted quiz shows. */
export const quizSettings = {
  /** after a quiz is submitted: show right answers for every question, only answered ones, or only after N attempts */
  QUIZ_REVIEW_POLICY: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .default("answered")
      .refine((v) => /^(after-submit|answered|after-attempts:[1-9][0-9]?)$/.test(v), {
        error: 'must be "after-submit", "answered" or "after-attempts:N" (N from 1 to 99)',
      }),
  ),
};
