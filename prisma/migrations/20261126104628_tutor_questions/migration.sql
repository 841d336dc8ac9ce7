-- CreateTable
CREATE TABLE "TutorQuestion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "lessonSlug" TEXT NOT NULL,
    "question" TEXT NOT NULL,
    "anchor" TEXT,
    "sectionTitle" TEXT,
    "outcome" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "TutorQuestion_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "TutorQuestion_lessonSlug_createdAt_idx" ON "TutorQuestion"("lessonSlug", "createdAt");

-- CreateIndex
CREATE INDEX "TutorQuestion_userId_createdAt_idx" ON "TutorQuestion"("userId", "createdAt");
