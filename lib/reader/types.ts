import type { Role } from "@/lib/auth/roles";
import type { LabProgress } from "@/lib/lab/types";
import type { ConceptMastery } from "@/lib/progress/mastery";
import type { ActivityProgress, ProgressDoc } from "@/lib/progress/model";
import type { WriteUpGrade } from "@/lib/progress/write-up-headline";

// A shared page (the catalogue, a lesson) is the same HTML for every reader; what is the reader's
// own arrives in one small JSON request, `GET /api/me/page` (docs/shared-pages-design.md).

export const READER_PAGE_VERSION = 1;

/** Spaced reviews due now, as the catalogue lists them. */
export type ReaderDueReview = { lesson: string; title: string; concepts: string[]; questions: number; status: "due" | "open" };

export type ReaderLesson = {
  slug: string;
  /** the account's lab, for a lesson with a lab */
  lab: LabProgress | null;
  activity: ActivityProgress | null;
  /** each concept's mastery from every quiz attempt, review and check answer */
  mastery: Record<string, ConceptMastery>;
};

export type ReaderCatalogue = {
  activities: Record<string, ActivityProgress>;
  labs: { slug: string; title: string; progress: LabProgress; grade: WriteUpGrade | null }[];
  dueReviews: ReaderDueReview[];
};

export type ReaderPage =
  | { v: typeof READER_PAGE_VERSION; user: null }
  | {
      v: typeof READER_PAGE_VERSION;
      user: { id: string; display: string; role: Role };
      header: { feedbackWaiting: number; notices: number };
      progress: ProgressDoc;
      lesson?: ReaderLesson;
      catalogue?: ReaderCatalogue;
    };

export type SignedInReaderPage = Extract<ReaderPage, { user: object }>;

/** What a page asks for: its lesson's parts, the catalogue's, or neither (header and progress only). */
export type ReaderQuery = { lesson?: string; catalogue?: boolean };

/** The query for a pathname: a lesson's pages ask for that lesson, the home page for the catalogue. */
export function readerQueryFor(pathname: string): ReaderQuery {
  if (pathname === "/") return { catalogue: true };
  const lesson = /^\/lessons\/([a-z0-9-]{1,100})(?:\/|$)/.exec(pathname)?.[1];
  return lesson ? { lesson } : {};
}

export function readerPageUrl(query: ReaderQuery): string {
  const params = new URLSearchParams();
  if (query.lesson) params.set("lesson", query.lesson);
  if (query.catalogue) params.set("view", "catalogue");
  const search = params.toString();
  return `/api/me/page${search ? `?${search}` : ""}`;
}

/** A guest's answer, the same for everyone: the front door may send it without asking Next. */
export const GUEST_READER_PAGE: ReaderPage = { v: READER_PAGE_VERSION, user: null };
