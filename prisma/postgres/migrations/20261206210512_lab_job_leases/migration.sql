-- CreateTable
CREATE TABLE "LabJobLease" (
    "jobId" TEXT NOT NULL,
    "queue" TEXT NOT NULL,
    "workerId" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LabJobLease_pkey" PRIMARY KEY ("jobId")
);

-- CreateIndex
CREATE INDEX "LabJobLease_workerId_idx" ON "LabJobLease"("workerId");
