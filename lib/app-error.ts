// The base of every domain error. No dependencies but the error table: scripts and the browser-free
// parts of lib/ use it without pulling in Next.

import { messageOf, statusOf, type ErrorCode } from "@/lib/errors/table";

/**
 * The base of every domain error: a stable code, a message safe to show a person (it says what to
 * do), and the HTTP status a route handler answers with. The detail for operators goes in `cause`.
 */
export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string = messageOf(code),
    options: { status?: number; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.status = options.status ?? statusOf(code);
  }
}
