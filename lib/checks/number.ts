// Reads a number as people type it: "1,334", "1 334", "62.5 %", "62,5", "about 26 tokens/s".
// Pure: the server grades with it.

export type ParsedNumber = { ok: true; value: number } | { ok: false; message: string };

const MAX_LENGTH = 40;

/**
 * Commas, spaces and apostrophes may group thousands; a single comma followed by one, two or more
 * than three digits is a decimal comma ("62,5"); a single comma followed by exactly three digits
 * groups thousands ("1,334"). When both a comma and a point appear, the last one is the decimal
 * separator. A leading "about", "~" or "≈" and a trailing unit ("tokens", "%", "tok/s") are ignored.
 */
export function parseNumberAnswer(input: string): ParsedNumber {
  const text = input.trim();
  if (!text) return { ok: false, message: "Type a number first." };
  const shown = text.length > MAX_LENGTH ? `${text.slice(0, MAX_LENGTH)}…` : text;
  const notANumber: ParsedNumber = {
    ok: false,
    message: `"${shown}" is not a number. Type digits, for example 1334, 1,334 or 62.5 (a unit after the number is fine).`,
  };
  if (text.length > MAX_LENGTH) return notANumber;
  const match = /^(?:about|approx\.?|approximately|~|≈)?\s*([+\-−]?)\s*([\d][\d\s\u00a0\u202f',.]*)\s*([a-zA-Z%/][a-zA-Z%/ .\-]*)?$/.exec(
    text,
  );
  if (!match) return notANumber;
  const sign = match[1] === "-" || match[1] === "−" ? -1 : 1;
  const body = match[2]!.replace(/[\s\u00a0\u202f']/g, "").replace(/[.,]$/, "");
  const value = readDigits(body);
  return value === null ? notANumber : { ok: true, value: sign * value };
}

function readDigits(body: string): number | null {
  if (!/^\d[\d.,]*$/.test(body)) return null;
  const commas = (body.match(/,/g) ?? []).length;
  const points = (body.match(/\./g) ?? []).length;
  let normal: string;
  if (commas && points) {
    const decimal = body.lastIndexOf(",") > body.lastIndexOf(".") ? "," : ".";
    const group = decimal === "," ? "." : ",";
    const [whole, fraction, ...rest] = body.split(decimal);
    if (rest.length || !isGrouped(whole!, group)) return null;
    normal = `${whole!.split(group).join("")}.${fraction}`;
  } else if (commas || points) {
    const mark = commas ? "," : ".";
    const parts = body.split(mark);
    if (parts.length > 2) {
      if (!isGrouped(body, mark)) return null;
      normal = parts.join("");
    } else {
      const [whole, fraction] = parts as [string, string];
      // "1,334" groups thousands; "62,5", "0,125" and "1.334" are decimals.
      const groupsThousands = mark === "," && fraction.length === 3 && !/^0/.test(whole) && whole.length <= 3;
      normal = groupsThousands ? `${whole}${fraction}` : `${whole}.${fraction}`;
    }
  } else {
    normal = body;
  }
  if (!/^\d+(\.\d+)?$/.test(normal)) return null;
  const value = Number(normal);
  return Number.isFinite(value) ? value : null;
}

/** "1,334,000": a first group of 1 to 3 digits, then groups of exactly 3. */
function isGrouped(text: string, mark: string): boolean {
  const groups = text.split(mark);
  return /^\d{1,3}$/.test(groups[0]!) && groups.slice(1).every((g) => /^\d{3}$/.test(g));
}
