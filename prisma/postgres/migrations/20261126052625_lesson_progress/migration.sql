-- CreateTable
CREATE TABLE "StepProgress" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "lessonSlug" TEXT NOT NULL,
    "step" TEXT NOT NULL,
    "doneAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StepProgress_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LessonVisit" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "lessonSlug" TEXT NOT NULL,
    "visitedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LessonVisit_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "StepProgress_userId_idx" ON "StepProgress"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "StepProgress_userId_lessonSlug_step_key" ON "StepProgress"("userId", "lessonSlug", "step");

-- CreateIndex
CREATE INDEX "LessonVisit_userId_idx" ON "LessonVisit"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "LessonVisit_userId_lessonSlug_key" ON "LessonVisit"("userId", "lessonSlug");

-- AddForeignKey
ALTER TABLE "StepProgress" ADD CONSTRAINT "StepProgress_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LessonVisit" ADD CONSTRAINT "LessonVisit_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
