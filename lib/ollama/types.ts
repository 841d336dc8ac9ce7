export type PullProgress = {
  status: string;
  layers: { digest: string; total: number; completed: number }[];
  total: number;
  completed: number;
  /** 0 to 100, over all layers seen so far */
  percent: number;
  isDone: boolean;
};

/** One NDJSON line of the pull route's stream. */
export type PullEvent =
  | ({ type: "progress"; host: string } & PullProgress)
  | { type: "host-done"; host: string }
  | { type: "host-error"; host: string; code: string; message: string }
  | { type: "done" }
  | { type: "error"; message: string };
