-- CreateTable
CREATE TABLE "StepProgress" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "lessonSlug" TEXT NOT NULL,
    "step" TEXT NOT NULL,
    "doneAt" DATETIME NOT NULL,
    CONSTRAINT "StepProgress_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LessonVisit" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "lessonSlug" TEXT NOT NULL,
    "visitedAt" DATETIME NOT NULL,
    CONSTRAINT "LessonVisit_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "StepProgress_userId_idx" ON "StepProgress"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "StepProgress_userId_lessonSlug_step_key" ON "StepProgress"("userId", "lessonSlug", "step");

-- CreateIndex
CREATE INDEX "LessonVisit_userId_idx" ON "LessonVisit"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "LessonVisit_userId_lessonSlug_key" ON "LessonVisit"("userId", "lessonSlug");
