// What an LTI link opens in Lesson Lab: a lesson, its quiz or its lab write-up. Pure: the launch
// reads it from the link's address, deep linking writes it into the links it returns.

export const LTI_TARGETS = ["LESSON", "QUIZ", "WRITEUP"] as const;
export type LtiTarget = (typeof LTI_TARGETS)[number];

export type LinkTarget = { target: LtiTarget; lessonSlug: string };

const SLUG = "[a-z0-9-]{1,100}";
const PATHS: [LtiTarget, RegExp][] = [
  ["QUIZ", new RegExp(`^/lessons/(${SLUG})/quiz/?$`)],
  ["WRITEUP", new RegExp(`^/lessons/(${SLUG})/lab/?$`)],
  ["LESSON", new RegExp(`^/lessons/(${SLUG})/?$`)],
];

/** The target a path names, or null for any other page (the catalogue, a deep linking page). */
export function targetOfPath(pathname: string): LinkTarget | null {
  for (const [target, pattern] of PATHS) {
    const match = pattern.exec(pathname);
    if (match) return { target, lessonSlug: match[1]! };
  }
  return null;
}

/** The page a target opens. */
export function pathOfTarget({ target, lessonSlug }: LinkTarget): string {
  const base = `/lessons/${lessonSlug}`;
  return target === "QUIZ" ? `${base}/quiz` : target === "WRITEUP" ? `${base}/lab` : base;
}

/** Which targets get a gradebook column: a quiz's score, a reviewed write-up's grade. */
export const isGraded = (target: LtiTarget) => target !== "LESSON";
