// The base of every domain error. No dependencies: scripts and the browser-free parts of lib/ use it
// without pulling in Next.

/**
 * The base of every domain error: a stable code, a message safe to show a person (it says what to
 * do), and the HTTP status a route handler answers with. The detail for operators goes in `cause`.
 */
export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: string,
    message: string,
    options: { status?: number; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.status = options.status ?? 400;
  }
}
