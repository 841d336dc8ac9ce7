-- CreateTable
CREATE TABLE "LabJobLease" (
    "jobId" TEXT NOT NULL PRIMARY KEY,
    "queue" TEXT NOT NULL,
    "workerId" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "LabJobLease_workerId_idx" ON "LabJobLease"("workerId");
