import "server-only";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";

// Who is looking at a quiz. Public option ids are derived per viewer, so ids seen by one viewer (a
// guest's result, another student's page) mean nothing to another. A signed-in student is their
// user id; a guest is a random id this server minted and signed, kept in an httpOnly cookie.

export type QuizViewer = { kind: "user"; id: string } | { kind: "guest"; id: string };

export const GUEST_COOKIE = "lesson-lab-quiz-guest";
export const GUEST_COOKIE_MAX_AGE = 60 * 60 * 24 * 365;

export function userViewer(userId: string): QuizViewer {
  return { kind: "user", id: userId };
}

function mac(...parts: (string | number)[]): string {
  return createHmac("sha256", env.AUTH_SECRET).update(JSON.stringify(parts)).digest("base64url");
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The viewer's part of every per-viewer HMAC: kinds kept apart, so a guest id can never pose as a user id. */
export function viewerKey(viewer: QuizViewer): string {
  return `${viewer.kind}:${viewer.id}`;
}

/** A new guest identity, as the signed token the cookie (or a page not yet holding the cookie) carries. */
export function mintGuestToken(): string {
  const id = randomBytes(16).toString("base64url");
  return `${id}.${mac("quiz-guest", id).slice(0, 22)}`;
}

/** The guest a token names, or null when it is missing, malformed or not signed by this server. */
export function guestFromToken(token: string | undefined | null): QuizViewer | null {
  const match = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{22})$/.exec(token ?? "");
  if (!match) return null;
  const [, id, sig] = match;
  return sameText(sig!, mac("quiz-guest", id!).slice(0, 22)) ? { kind: "guest", id: id! } : null;
}

/**
 * A guest's count of submitted attempts at one quiz, kept in their browser and signed by this
 * server for that guest: a browser can lose it (and start again at zero) but cannot raise it.
 */
export function signGuestAttemptCount(viewer: QuizViewer, lesson: string, count: number): string {
  return `${count}.${mac("quiz-guest-attempts", viewerKey(viewer), lesson, count).slice(0, 22)}`;
}

/** The count a token vouches for, for this guest and quiz; 0 when it is missing or not genuine. */
export function verifyGuestAttemptCount(viewer: QuizViewer, lesson: string, token: string | undefined | null): number {
  const match = /^(\d{1,6})\.([A-Za-z0-9_-]{22})$/.exec(token ?? "");
  if (!match) return 0;
  const count = Number(match[1]);
  return sameText(match[2]!, mac("quiz-guest-attempts", viewerKey(viewer), lesson, count).slice(0, 22)) ? count : 0;
}

export type GuestAttempt = { seed: string; rotation: number };

/**
 * A guest's attempt as the server issued it: its seed and its place among the guest's attempts,
 * signed for this guest and this quiz. Guest grading takes only these, so a seed issued to anyone
 * else (an account's seeds never leave the server) grades nothing.
 */
export function signGuestAttempt(viewer: QuizViewer, lesson: string, attempt: GuestAttempt): string {
  return `${attempt.seed}.${attempt.rotation}.${mac("quiz-guest-attempt", viewerKey(viewer), lesson, attempt.seed, attempt.rotation).slice(0, 22)}`;
}

/** The attempt a token vouches for, for this guest and quiz; null when it is not one this server issued to them. */
export function verifyGuestAttempt(viewer: QuizViewer, lesson: string, token: string | undefined | null): GuestAttempt | null {
  const match = /^([0-9a-f]{8,64})\.(\d{1,6})\.([A-Za-z0-9_-]{22})$/.exec(token ?? "");
  if (!match || viewer.kind !== "guest") return null;
  const attempt = { seed: match[1]!, rotation: Number(match[2]) };
  return sameText(match[3]!, mac("quiz-guest-attempt", viewerKey(viewer), lesson, attempt.seed, attempt.rotation).slice(0, 22))
    ? attempt
    : null;
}
