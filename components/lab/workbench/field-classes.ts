// The lab form's controls. A control with an error is focused by script, often after a click, when
// browsers would not otherwise draw the focus ring: so an invalid control draws it itself.
export const FIELD_CLASSES =
  "rounded-lg border border-line-strong bg-surface aria-invalid:border-danger aria-invalid:ring-1 aria-invalid:ring-danger aria-invalid:focus:outline-3 aria-invalid:focus:outline-offset-2 aria-invalid:focus:outline-focus";
