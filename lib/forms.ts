import { z } from "zod";

/** The one result shape of every form action. */
export type FormState<Field extends string = string> = {
  status: "idle" | "error" | "success";
  fieldErrors?: Partial<Record<Field, string[]>>;
  message?: string;
};

export const idleState: FormState = { status: "idle" };

export function fieldErrorsOf<Field extends string>(error: z.ZodError): FormState<Field> {
  return {
    status: "error",
    fieldErrors: z.flattenError(error).fieldErrors as Partial<Record<Field, string[]>>,
    message: "Check the highlighted fields.",
  };
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
