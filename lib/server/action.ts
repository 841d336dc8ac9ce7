import "server-only";
import type { z } from "zod";
import { fail, formValues, invalidInput, type ActionResult } from "@/lib/action-result";
import { hasRole } from "@/lib/auth/roles";
import { getCurrentUser, type SessionUser } from "@/lib/auth/server/session";
import { messageOf } from "@/lib/errors/table";
import { toFailure } from "@/lib/server/errors";

// The one way a server action starts: who is asking, is the input well formed, and what a person
// sees when something goes wrong. Each action in app/**/actions.ts is then only what it does.

/** Who may call an action: a student (any signed-in account), an instructor, or anyone. */
export type ActionRole = "STUDENT" | "INSTRUCTOR" | "GUEST";

/** What the handler is handed besides its input: the caller, signed in unless the role is GUEST. */
export type ActionContext<R extends ActionRole> = { user: R extends "GUEST" ? SessionUser | null : SessionUser };

export type ActionOptions<S extends z.ZodType, R extends ActionRole> = {
  /** names the action in the server log when something unexpected is thrown */
  scope: string;
  /** the action's input; what fails it comes back as INVALID_INPUT with each field's messages */
  input: S;
  role: R;
  /** what the page keeps when the session has ended ("your prompts stay on this page") */
  kept?: string;
  /** the message of an INVALID_INPUT failure (the table's "Check the highlighted fields." by default) */
  invalid?: string;
};

export type ActionHandler<S extends z.ZodType, R extends ActionRole, T, F extends string> = (
  input: z.output<S>,
  context: ActionContext<R>,
) => Promise<ActionResult<T, F>>;

async function runAction<S extends z.ZodType, R extends ActionRole, T, F extends string>(
  options: ActionOptions<S, R>,
  handler: ActionHandler<S, R, T, F>,
  raw: unknown,
): Promise<ActionResult<T, F>> {
  try {
    const user = await getCurrentUser();
    if (options.role !== "GUEST") {
      if (!user) return fail<F>("UNAUTHENTICATED", messageOf("UNAUTHENTICATED", options.kept));
      if (!hasRole(user, options.role)) return fail<F>("FORBIDDEN");
    }
    const parsed = options.input.safeParse(raw);
    if (!parsed.success) return invalidInput<F>(parsed.error, options.invalid);
    // The role check above is what makes `user` non-null for every role but GUEST.
    return await handler(parsed.data, { user } as ActionContext<R>);
  } catch (error) {
    // Next's redirect and notFound are rethrown here; everything else becomes a failure.
    return toFailure(error, options.scope) as ActionResult<T, F>;
  }
}

/**
 * A server action called from code: `export const fooAction = defineAction({ ... }, async (input,
 * { user }) => ok(...))`. Next accepts it in a "use server" file: the export is an async function.
 */
export function defineAction<S extends z.ZodType, R extends ActionRole, T, F extends string = string>(
  options: ActionOptions<S, R>,
  handler: ActionHandler<S, R, T, F>,
): (input: z.input<S>) => Promise<ActionResult<T, F>> {
  return async (input) => runAction(options, handler, input);
}

/**
 * A form's action for `useActionState(action, null)`: called with the previous state and the
 * FormData, whose fields (the keys of the schema's shape) become the input; a missing field is
 * undefined, so the schema says what is required.
 */
export function defineFormAction<S extends z.ZodObject, R extends ActionRole, T, F extends string = string>(
  options: ActionOptions<S, R>,
  handler: ActionHandler<S, R, T, F>,
): (previous: ActionResult<T, F> | null, formData: FormData) => Promise<ActionResult<T, F> | null> {
  const fields = Object.keys(options.input.shape);
  return async (_previous, formData) => runAction(options, handler, formValues(formData, fields));
}
