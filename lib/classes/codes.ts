import { z } from "zod";

// Class join codes: eight characters from an alphabet without look-alikes (no 0/O, 1/I/L, 5/S,
// 2/Z), shown as two groups of four ("K7MX-HQ3D"). 27^8 is about 2.8 * 10^11 codes, and joining is
// rate limited per account, so guessing one is not a way in. The join link carries the same code.

export const CODE_ALPHABET = "346789ABCDEFGHJKMNPQRTUVWXY";
export const CODE_LENGTH = 8;

/** A new code from `randomBytes` (injected: pure and testable). Rejection sampling keeps every character equally likely. */
export function newClassCode(randomBytes: (n: number) => Uint8Array): string {
  const limit = 256 - (256 % CODE_ALPHABET.length);
  let code = "";
  while (code.length < CODE_LENGTH) {
    for (const byte of randomBytes(CODE_LENGTH * 2)) {
      if (byte < limit && code.length < CODE_LENGTH) code += CODE_ALPHABET[byte % CODE_ALPHABET.length];
    }
  }
  return code;
}

/** How a code is shown and typed: "K7MX-HQ3D". */
export function formatClassCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** What a person typed, as stored: capitals, without spaces or dashes ("k7mx hq3d" -> "K7MXHQ3D"). */
export function normaliseClassCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]+/g, "");
}

export const classCodeSchema = z
  .string()
  .max(40)
  .transform(normaliseClassCode)
  .pipe(z.string().regex(new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`), "A class code is eight letters and digits, like K7MX-HQ3D."));

export const classNameSchema = z.string().trim().min(1, "Give the class a name.").max(80, "A class name is at most 80 characters.");

/** The join link for a code: the join page with the code filled in. */
export function joinPath(code: string): string {
  return `/join?code=${encodeURIComponent(formatClassCode(code))}`;
}

/** How long a new join code works. */
export const INVITE_DAYS = 14;
