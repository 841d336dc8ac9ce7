import { z } from "zod";
import { messageOf, type ErrorCode } from "@/lib/errors/table";

// The one result shape of every server action, forms included. Browser code imports these types;
// nothing here touches the server.

export type ActionFailure<Field extends string = string> = {
  ok: false;
  /** stable, for code and tests (lib/errors/table.ts); `message` is for people */
  code: ErrorCode;
  message: string;
  fieldErrors?: Partial<Record<Field, string[]>>;
};

export type ActionResult<T = null, Field extends string = string> = { ok: true; value: T } | ActionFailure<Field>;

/** A form action's state: null before the first submit. */
export type FormState<Field extends string = string> = ActionResult<null, Field> | null;

export function ok<T>(value: T): { ok: true; value: T };
export function ok(): { ok: true; value: null };
export function ok<T>(value?: T) {
  return { ok: true as const, value: value ?? null };
}

export function fail<Field extends string = string>(
  code: ErrorCode,
  message: string = messageOf(code),
  fieldErrors?: Partial<Record<Field, string[]>>,
): ActionFailure<Field> {
  return fieldErrors ? { ok: false, code, message, fieldErrors } : { ok: false, code, message };
}

/** Per-field messages from a failed zod parse. */
export function invalidInput<Field extends string = string>(error: z.ZodError, message = messageOf("INVALID_INPUT")): ActionFailure<Field> {
  return fail<Field>("INVALID_INPUT", message, z.flattenError(error).fieldErrors as Partial<Record<Field, string[]>>);
}

/** FormData to a plain record of strings, so zod sees missing fields as undefined. */
export function formValues(formData: FormData, fields: readonly string[]): Record<string, string | undefined> {
  return Object.fromEntries(
    fields.map((f) => {
      const value = formData.get(f);
      return [f, typeof value === "string" ? value : undefined];
    }),
  );
}
