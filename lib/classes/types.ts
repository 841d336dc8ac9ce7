/** A person's place in a class. */
export type ClassRole = "INSTRUCTOR" | "STUDENT";

/** A class as its instructors see it on the Classes page. */
export type TaughtClass = {
  id: string;
  name: string;
  createdAt: string;
  /** the class's instructors, as named to each other ("Ada Lovelace" or their email) */
  instructors: string[];
  students: number;
  /** the code that works now (the join link carries it), or null after a revoke */
  invite: { id: string; code: string; expiresAt: string } | null;
};

/** A class as one of its members sees it. */
export type MyClass = { id: string; name: string; role: ClassRole; joinedAt: string };

export type JoinOutcome = { classId: string; name: string; alreadyMember: boolean };

/** A class as a choice: the instructor's picker, a student's submit. */
export type ClassOption = { id: string; name: string };
