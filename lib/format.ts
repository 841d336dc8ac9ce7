// Numbers, sizes, durations and dates as people read them, on Intl. Used on the server and in the
// browser alike: dates always carry an explicit time zone, so both render the same text.

const LOCALE = "en-GB";
const EMPTY = "—";

const numberFormats = new Map<number, Intl.NumberFormat>();
function numberFormat(digits: number): Intl.NumberFormat {
  let format = numberFormats.get(digits);
  if (!format) {
    format = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: digits });
    numberFormats.set(digits, format);
  }
  return format;
}

/** 1234.5 -> "1,234.5"; null -> "—" */
export function formatNumber(value: number | null | undefined, digits = 0): string {
  return value === null || value === undefined || !Number.isFinite(value) ? EMPTY : numberFormat(digits).format(value);
}

/** Decimal units, as Ollama and download pages state sizes: "3.2 GB", "815 MB", "48 KB". */
export function formatBytes(bytes: number | null | undefined, digits = 1): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return EMPTY;
  if (bytes >= 1e9) return `${numberFormat(digits).format(bytes / 1e9)} GB`;
  if (bytes >= 1e6) return `${numberFormat(digits).format(bytes / 1e6)} MB`;
  return `${numberFormat(0).format(bytes / 1e3)} KB`;
}

/** 0.724 -> "72%" */
export function formatPercent(fraction: number | null | undefined, digits = 0): string {
  return fraction === null || fraction === undefined || !Number.isFinite(fraction)
    ? EMPTY
    : `${numberFormat(digits).format(fraction * 100)}%`;
}

/** Milliseconds for measurements: "850 ms", "2.35 s", "4 min 10 s", "1 h 5 min". */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return EMPTY;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)} s`;
  const totalSeconds = Math.round(ms / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (hours > 0) return minutes ? `${hours} h ${minutes} min` : `${hours} h`;
  return seconds ? `${minutes} min ${seconds} s` : `${minutes} min`;
}

/** A span in words, rounded for reading: "less than a minute", "4 min", "2 h". */
export function formatSpan(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  if (minutes < 1) return "less than a minute";
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.round(hours / 24)} days`;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${timeZone}|${JSON.stringify(options)}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALE, { ...options, timeZone });
    dateFormats.set(key, format);
  }
  return format;
}

type DateInput = Date | string | number;
const toDate = (value: DateInput) => (value instanceof Date ? value : new Date(value));

/** "26 Nov 2026" (medium) or "26 November 2026" (long) in the given zone. */
export function formatDate(value: DateInput, timeZone: string, style: "medium" | "long" = "medium"): string {
  return dateFormat(timeZone, { dateStyle: style }).format(toDate(value));
}

/** "26 Nov 2026, 09:14 UTC" in the given zone, with the zone named so nobody has to guess. */
export function formatDateTime(value: DateInput, timeZone: string): string {
  return dateFormat(timeZone, {
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZoneName: "short",
  }).format(toDate(value));
}

/** Milliseconds from now until `iso` (negative when past); NaN for a date that does not parse. */
export function msUntil(iso: string): number {
  return Date.parse(iso) - Date.now();
}

/** "1 cell", "3 cells": the word for a count (regular plurals only). */
export function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}
