import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import { CircleAlert } from "lucide-react";
import { cn } from "@/lib/utils/cn";

// One family of labelled form controls. Every control is wired the same way: the label names it,
// and its hint and error are announced with it through aria-describedby, with aria-invalid set
// while there is an error.

/** An error as actions return it: one message, several (joined), or none. */
export type FieldErrorValue = string | readonly string[] | null | undefined;

/**
 * Where the hint and error go.
 * - "stacked" (forms): the hint under the label, the error under the control.
 * - "note" (explorables): one line under the control holding the hint, or the error in its place;
 *   it keeps its height so a message does not push the page about.
 */
export type FieldMessages = "stacked" | "note";

export type FieldFrameProps = {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: FieldErrorValue;
  messages?: FieldMessages;
  /** more element ids the control is described by, read between the hint and the error */
  describedBy?: readonly string[];
  /** shown after the control and before the error (a word count, a detail line) */
  after?: ReactNode;
  className?: string;
  labelClassName?: string;
};

/** The attributes a control needs to be wired to its label, hint and error. */
export type FieldWiring = {
  id: string;
  "aria-describedby": string | undefined;
  "aria-invalid": true | undefined;
};

const errorText = (error: FieldErrorValue): string | null => {
  if (!error) return null;
  const text = typeof error === "string" ? error : error.join(" ");
  return text || null;
};

/** The ids of a field's hint, error and note, and the attributes for its control. */
export function fieldWiring({
  id,
  hint,
  error,
  messages = "stacked",
  describedBy = [],
}: Pick<FieldFrameProps, "id" | "hint" | "error" | "messages" | "describedBy">) {
  const message = errorText(error);
  const hasHint = hint !== undefined && hint !== null && hint !== false && hint !== "";
  const hintId = messages === "stacked" && hasHint ? `${id}-hint` : undefined;
  const errorId = messages === "stacked" && message ? `${id}-error` : undefined;
  // The note line is always there, empty or not, to keep its room.
  const noteId = messages === "note" ? `${id}-note` : undefined;
  const ids = [hintId, ...describedBy, errorId, noteId].filter(Boolean).join(" ");
  const control: FieldWiring = { id, "aria-describedby": ids || undefined, "aria-invalid": message ? true : undefined };
  return { control, hintId, errorId, noteId, message, hasHint };
}

/** A field's error line; `icon` adds the alert mark some forms use. */
export function FieldError({
  id,
  children,
  icon = false,
  className,
}: {
  id: string;
  children: ReactNode;
  icon?: boolean;
  className?: string;
}) {
  if (icon) {
    return (
      <p id={id} className={cn("flex items-start gap-1.5 text-sm font-semibold text-danger", className)}>
        <CircleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
        <span>{children}</span>
      </p>
    );
  }
  return (
    <p id={id} className={cn("text-sm font-medium text-danger", className)}>
      {children}
    </p>
  );
}

/**
 * The frame of any field: label, hint, the control (from `children`, given its wiring), and the
 * error. Use it directly for a control the family has no component for.
 */
export function Field({
  children,
  after,
  className,
  labelClassName,
  label,
  ...wiringProps
}: FieldFrameProps & { children: (control: FieldWiring) => ReactNode }) {
  const { control, hintId, errorId, noteId, message } = fieldWiring(wiringProps);
  const { hint } = wiringProps;
  return (
    <div className={cn("flex min-w-0 flex-col gap-1.5", className)}>
      <label htmlFor={control.id} className={cn("text-sm font-semibold", labelClassName)}>
        {label}
      </label>
      {hintId ? (
        <p id={hintId} className="text-sm text-ink-muted">
          {hint}
        </p>
      ) : null}
      {children(control)}
      {after}
      {errorId ? <FieldError id={errorId}>{message}</FieldError> : null}
      {noteId ? (
        <p
          id={noteId}
          className={cn("text-sm leading-5", hint ? "min-h-10" : "min-h-5", message ? "font-medium text-danger" : "text-ink-muted")}
        >
          {message ?? hint}
        </p>
      ) : null}
    </div>
  );
}

/** The look of a text box or list box; `aria-invalid` turns its border red. */
export const controlClasses =
  "min-h-11 w-full rounded-lg border border-line-strong bg-surface px-3 py-2 text-base text-ink aria-invalid:border-danger";

type FrameOnly = Omit<FieldFrameProps, "id"> & { id?: string };

/** Splits a field's frame props from the control's own attributes. */
function frameOf<P extends FrameOnly>(props: P, fallbackId: string) {
  const { label, hint, error, messages, describedBy, after, className, labelClassName, id, ...control } = props;
  const frame: Omit<FieldFrameProps, "id"> & { id: string } = {
    id: id ?? fallbackId,
    label,
    hint,
    error,
    messages,
    describedBy,
    after,
    className,
    labelClassName,
  };
  return { frame, control };
}

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "className"> &
  FrameOnly & { name?: string; controlClassName?: string };

/** A labelled text input. Without an id it is `field-<name>`. */
export function TextField(props: TextFieldProps) {
  const { frame, control } = frameOf(props, `field-${props.name ?? "text"}`);
  const { controlClassName, ...input } = control;
  return <Field {...frame}>{(wiring) => <input {...wiring} className={cn(controlClasses, controlClassName)} {...input} />}</Field>;
}

type TextareaFieldProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id" | "className"> & FrameOnly & { controlClassName?: string };

/** A labelled multi-line text box. */
export function TextareaField(props: TextareaFieldProps) {
  const { frame, control } = frameOf(props, `field-${props.name ?? "text"}`);
  const { controlClassName, ...textarea } = control;
  return (
    <Field {...frame}>
      {(wiring) => <textarea {...wiring} className={cn(controlClasses, "min-h-0", controlClassName)} {...textarea} />}
    </Field>
  );
}

type SelectFieldProps<T extends string> = Omit<SelectHTMLAttributes<HTMLSelectElement>, "id" | "className" | "value"> &
  FrameOnly & {
    value: T;
    /** the choices, when they are plain labels; otherwise pass <option>s as children */
    options?: readonly { value: T; label: string }[];
    onValueChange?: (value: T) => void;
    controlClassName?: string;
  };

/** A labelled list box. */
export function SelectField<T extends string>(props: SelectFieldProps<T>) {
  const { frame, control } = frameOf(props, `field-${props.name ?? "select"}`);
  const { controlClassName, options, onValueChange, onChange, children, ...select } = control;
  return (
    <Field {...frame}>
      {(wiring) => (
        <select
          {...wiring}
          className={cn(controlClasses, controlClassName)}
          onChange={(event) => {
            onChange?.(event);
            // The list only offers values of T.
            onValueChange?.(event.target.value as T);
          }}
          {...select}
        >
          {options?.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
          {children}
        </select>
      )}
    </Field>
  );
}

type NumberFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "className" | "type" | "value" | "step"> &
  FrameOnly & {
    value: string;
    step: number;
    onValueChange?: (value: string) => void;
    controlClassName?: string;
  };

/** A labelled number input; whole-number steps bring up the numeric keypad. */
export function NumberField(props: NumberFieldProps) {
  const { frame, control } = frameOf(props, `field-${props.name ?? "number"}`);
  const { controlClassName, onValueChange, onChange, step, ...input } = control;
  return (
    <Field {...frame}>
      {(wiring) => (
        <input
          {...wiring}
          type="number"
          inputMode={Number.isInteger(step) ? "numeric" : "decimal"}
          step={step}
          className={cn(controlClasses, controlClassName)}
          onChange={(event) => {
            onChange?.(event);
            onValueChange?.(event.target.value);
          }}
          {...input}
        />
      )}
    </Field>
  );
}
