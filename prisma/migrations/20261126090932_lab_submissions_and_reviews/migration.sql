-- CreateTable
CREATE TABLE "LabSubmission" (
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "LabSubmission_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "LabSubmission_claimedById_fkey" FOREIGN KEY ("claimedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SubmissionVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "submissionId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "runId" TEXT NOT NULL,
    "imageId" TEXT NOT NULL,
    "writeUp" TEXT NOT NULL,
    "evidence" TEXT NOT NULL,
    "submittedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SubmissionVersion_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "LabSubmission" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SubmissionReview" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "versionId" TEXT NOT NULL,
    "reviewerId" TEXT,
    "levels" TEXT NOT NULL DEFAULT '{}',
    "feedback" TEXT NOT NULL DEFAULT '',
    "grade" INTEGER,
    "decision" TEXT,
    "decidedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "SubmissionReview_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "SubmissionVersion" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SubmissionReview_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CommentBankEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "instructorId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "uses" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" DATETIME,
    CONSTRAINT "CommentBankEntry_instructorId_fkey" FOREIGN KEY ("instructorId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "LabSubmission_state_submittedAt_idx" ON "LabSubmission"("state", "submittedAt");

-- CreateIndex
CREATE INDEX "LabSubmission_claimedById_idx" ON "LabSubmission"("claimedById");

-- CreateIndex
CREATE UNIQUE INDEX "LabSubmission_userId_lessonSlug_key" ON "LabSubmission"("userId", "lessonSlug");

-- CreateIndex
CREATE INDEX "SubmissionVersion_imageId_idx" ON "SubmissionVersion"("imageId");

-- CreateIndex
CREATE UNIQUE INDEX "SubmissionVersion_submissionId_number_key" ON "SubmissionVersion"("submissionId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "SubmissionReview_versionId_key" ON "SubmissionReview"("versionId");

-- CreateIndex
CREATE INDEX "SubmissionReview_reviewerId_idx" ON "SubmissionReview"("reviewerId");

-- CreateIndex
CREATE INDEX "CommentBankEntry_instructorId_uses_idx" ON "CommentBankEntry"("instructorId", "uses");

-- CreateIndex
CREATE UNIQUE INDEX "CommentBankEntry_instructorId_text_key" ON "CommentBankEntry"("instructorId", "text");
