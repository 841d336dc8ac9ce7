-- CreateTable
CREATE TABLE "CheckAnswer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "lessonSlug" TEXT NOT NULL,
    "checkId" TEXT NOT NULL,
    "concept" TEXT NOT NULL,
    "credit" REAL NOT NULL,
    "answer" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CheckAnswer_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_QuizAttempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "lessonSlug" TEXT NOT NULL,
    "seed" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'IN_PROGRESS',
    "source" TEXT NOT NULL DEFAULT 'ACCOUNT',
    "kind" TEXT NOT NULL DEFAULT 'QUIZ',
    "rotation" INTEGER NOT NULL DEFAULT 0,
    "format" INTEGER NOT NULL DEFAULT 1,
    "slots" TEXT,
    "availableAt" DATETIME,
    "importKey" TEXT,
    "score" REAL,
    "total" INTEGER,
    "concepts" TEXT,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "submittedAt" DATETIME,
    CONSTRAINT "QuizAttempt_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_QuizAttempt" ("concepts", "id", "importKey", "lessonSlug", "score", "seed", "source", "startedAt", "status", "submittedAt", "total", "userId") SELECT "concepts", "id", "importKey", "lessonSlug", "score", "seed", "source", "startedAt", "status", "submittedAt", "total", "userId" FROM "QuizAttempt";
DROP TABLE "QuizAttempt";
ALTER TABLE "new_QuizAttempt" RENAME TO "QuizAttempt";
CREATE UNIQUE INDEX "QuizAttempt_importKey_key" ON "QuizAttempt"("importKey");
CREATE INDEX "QuizAttempt_userId_lessonSlug_status_idx" ON "QuizAttempt"("userId", "lessonSlug", "status");
CREATE INDEX "QuizAttempt_lessonSlug_status_idx" ON "QuizAttempt"("lessonSlug", "status");
CREATE INDEX "QuizAttempt_userId_kind_status_idx" ON "QuizAttempt"("userId", "kind", "status");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "CheckAnswer_userId_lessonSlug_createdAt_idx" ON "CheckAnswer"("userId", "lessonSlug", "createdAt");
