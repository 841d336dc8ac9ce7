import "server-only";
import { unstable_rethrow } from "next/navigation";
import { fail, type ActionFailure } from "@/lib/action-result";
import { AppError } from "@/lib/app-error";
import { messageOf, statusOf, type ErrorCode } from "@/lib/errors/table";

export const SERVER_FAULT = messageOf("INTERNAL");

/**
 * The one mapper from anything thrown to what a person sees. Domain errors pass through; anything
 * else is logged once, here, and becomes a generic message. Next's own control flow (redirect,
 * notFound, forbidden) is rethrown.
 */
export function toFailure(error: unknown, scope: string): ActionFailure {
  unstable_rethrow(error);
  if (error instanceof AppError) return fail(error.code, error.message);
  console.error(`[${scope}]`, error);
  return fail("INTERNAL", SERVER_FAULT);
}

/** JSON error for route handlers: `{ error, code }` with the error's status. */
export function errorResponse(error: unknown, scope: string): Response {
  const failure = toFailure(error, scope);
  const status = error instanceof AppError ? error.status : 500;
  return Response.json({ error: failure.message, code: failure.code }, { status });
}

/** JSON error `{ error, code }` with the code's status from the error table. */
export function jsonError(code: ErrorCode, message: string = messageOf(code), headers?: HeadersInit): Response {
  return Response.json({ error: message, code }, { status: statusOf(code), headers });
}
