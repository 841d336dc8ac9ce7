-- AlterTable
ALTER TABLE "QuizAttempt" ADD COLUMN     "availableAt" TIMESTAMP(3),
ADD COLUMN     "format" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'QUIZ',
ADD COLUMN     "rotation" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "slots" TEXT,
ALTER COLUMN "score" SET DATA TYPE DOUBLE PRECISION;

-- CreateTable
CREATE TABLE "CheckAnswer" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "lessonSlug" TEXT NOT NULL,
    "checkId" TEXT NOT NULL,
    "concept" TEXT NOT NULL,
    "credit" DOUBLE PRECISION NOT NULL,
    "answer" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CheckAnswer_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CheckAnswer_userId_lessonSlug_createdAt_idx" ON "CheckAnswer"("userId", "lessonSlug", "createdAt");

-- CreateIndex
CREATE INDEX "QuizAttempt_userId_kind_status_idx" ON "QuizAttempt"("userId", "kind", "status");

-- AddForeignKey
ALTER TABLE "CheckAnswer" ADD CONSTRAINT "CheckAnswer_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
