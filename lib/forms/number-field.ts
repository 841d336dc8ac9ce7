// A number typed into a form field, checked against its range. The explorables keep what was typed
// and show the message beside the field, so nothing entered is lost. Pure: runs in the browser.

import { formatNumber } from "@/lib/format";

export type NumberRule = {
  min: number;
  max: number;
  /** whole numbers only */
  isInteger?: boolean;
  /** shown after the bounds in the message, e.g. "px" */
  unit?: string;
};

export type NumberReading = { ok: true; value: number } | { ok: false; message: string };

export function readNumberField(raw: string, rule: NumberRule): NumberReading {
  const text = raw.trim();
  const range = `${formatNumber(rule.min, 2)} to ${formatNumber(rule.max, 2)}${rule.unit ? ` ${rule.unit}` : ""}`;
  if (!text) return { ok: false, message: `Enter a number from ${range}.` };
  const value = Number(text);
  if (!Number.isFinite(value)) return { ok: false, message: `Enter digits only, a number from ${range}.` };
  if (rule.isInteger && !Number.isInteger(value)) return { ok: false, message: `Enter a whole number from ${range}.` };
  if (value < rule.min || value > rule.max) return { ok: false, message: `Out of range: enter a number from ${range}.` };
  return { ok: true, value };
}
