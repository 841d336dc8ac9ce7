// What the browser is handed about LTI 1.3 (the Course sites page).

/** A registered course site as the Course sites page lists it. */
export type RegisteredPlatform = {
  id: string;
  name: string;
  issuer: string;
  clientId: string;
  deploymentIds: string[];
  /** the registering instructor's name (or email); null when that account is gone or was never recorded */
  registeredBy: string | null;
  /** ISO 8601 */
  registeredAt: string;
  /** registered by the instructor looking: only they may remove it */
  mine: boolean;
};

/** The score outbox's states (docs/lti-design.md §4). */
export type ScoreState = "PENDING" | "SENT" | "SUPERSEDED" | "FAILED";

/** A score not yet in its course site's gradebook, as "Grades to course sites" lists it. */
export type WaitingScore = {
  id: string;
  state: "PENDING" | "FAILED";
  /** the student's name (or the account's email) */
  student: string;
  /** the course site's title for the link, else the lesson's quiz or write-up */
  item: string;
  className: string;
  scoreGiven: number;
  scoreMaximum: number;
  attempts: number;
  /** ISO 8601; null for a failed row, which waits for "Retry now" */
  nextAttemptAt: string | null;
  /** the course site's last HTTP status; null before the first try or when it never answered */
  lastStatus: number | null;
  /** what went wrong, at most 200 characters */
  lastError: string | null;
};

export type ScoreOutboxView = {
  counts: Record<ScoreState, number>;
  /** failed first, then by when they are due */
  waiting: WaitingScore[];
  /** waiting rows beyond those listed */
  more: number;
};

/** A class taught that came from a course site: where "Sync roster" is offered. */
export type LinkedClass = {
  classId: string;
  className: string;
  /** the course sites' names it is linked to (usually one) */
  platforms: string[];
  /** whether a launch told the tool where the course's roster is */
  hasRoster: boolean;
  /** ISO 8601 of the last completed sync, if any */
  rosterSyncedAt: string | null;
};

/** What one "Sync roster" did. */
export type RosterSyncResult = { added: number; alreadyHere: number; inactive: number; skipped: number };

/** A quiz link of a course taught, and which attempt its gradebook gets. */
export type QuizLink = {
  id: string;
  /** the course site's title for the link */
  title: string;
  courseTitle: string;
  className: string;
  scorePolicy: "BEST" | "LATEST";
  /** whether the course site gave it a gradebook column yet */
  graded: boolean;
};
