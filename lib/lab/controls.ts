import type { Control } from "@/lib/lab/scoring/types";

// How a reported control reads on the page. Pure: the browser uses it.

/** "toggle “Email alerts”: on"; a control stored before states were asked for shows its label only. */
export function controlText(control: Control): string {
  const label = control.label ? `“${control.label}”` : "(no label)";
  const head = control.type ? `${control.type} ${label}` : label;
  return control.state ? `${head}: ${control.state}` : head;
}
