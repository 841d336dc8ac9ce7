-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_LabSubmission" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "lessonSlug" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'DRAFT',
    "draft" TEXT NOT NULL,
    "draftRevision" INTEGER NOT NULL DEFAULT 0,
    "draftSavedAt" DATETIME,
    "currentVersion" INTEGER NOT NULL DEFAULT 0,
    "submittedAt" DATETIME,
    "claimedById" TEXT,
    "claimedAt" DATETIME,
    "feedbackAt" DATETIME,
    "feedbackSeenAt" DATETIME,
    "classId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "LabSubmission_classId_fkey" FOREIGN KEY ("classId") REFERENCES "Class" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "LabSubmission_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "LabSubmission_claimedById_fkey" FOREIGN KEY ("claimedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_LabSubmission" ("claimedAt", "claimedById", "createdAt", "currentVersion", "draft", "draftRevision", "draftSavedAt", "feedbackAt", "feedbackSeenAt", "id", "lessonSlug", "state", "submittedAt", "updatedAt", "userId") SELECT "claimedAt", "claimedById", "createdAt", "currentVersion", "draft", "draftRevision", "draftSavedAt", "feedbackAt", "feedbackSeenAt", "id", "lessonSlug", "state", "submittedAt", "updatedAt", "userId" FROM "LabSubmission";
DROP TABLE "LabSubmission";
ALTER TABLE "new_LabSubmission" RENAME TO "LabSubmission";
CREATE INDEX "LabSubmission_state_submittedAt_idx" ON "LabSubmission"("state", "submittedAt");
CREATE INDEX "LabSubmission_classId_state_submittedAt_idx" ON "LabSubmission"("classId", "state", "submittedAt");
CREATE INDEX "LabSubmission_claimedById_idx" ON "LabSubmission"("claimedById");
CREATE UNIQUE INDEX "LabSubmission_userId_lessonSlug_key" ON "LabSubmission"("userId", "lessonSlug");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- Upgrade: a write-up submitted before submissions had a class belongs to the class its student joined
-- first: "First class" for every account the classes migration found. Drafts stay without one: a class
-- is chosen when submitting. A student in no class keeps none until they join one. (No semicolon in
-- these comments: the PostgreSQL migration runner splits statements on it.)
UPDATE "LabSubmission" SET "classId" = (
  SELECT m."classId" FROM "ClassMember" m
  WHERE m."userId" = "LabSubmission"."userId"
  ORDER BY m."joinedAt" ASC, m."classId" ASC
  LIMIT 1
) WHERE "currentVersion" > 0 AND "classId" IS NULL;
