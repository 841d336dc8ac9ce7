-- AlterTable
ALTER TABLE "LabCell" ADD COLUMN     "failovers" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "host" TEXT,
ADD COLUMN     "jobId" TEXT,
ADD COLUMN     "workerId" TEXT;

-- CreateTable
CREATE TABLE "LabImageBlob" (
    "sha256" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "bytes" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LabImageBlob_pkey" PRIMARY KEY ("sha256")
);

-- CreateTable
CREATE TABLE "LabWorker" (
    "id" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "heartbeatAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "draining" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "LabWorker_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OllamaHostState" (
    "url" TEXT NOT NULL,
    "up" BOOLEAN NOT NULL DEFAULT true,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "downSince" TIMESTAMP(3),
    "nextCheckAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "checkedAt" TIMESTAMP(3),
    "version" TEXT,
    "lastError" TEXT,

    CONSTRAINT "OllamaHostState_pkey" PRIMARY KEY ("url")
);

-- CreateIndex
CREATE INDEX "LabCell_status_host_idx" ON "LabCell"("status", "host");

-- CreateIndex
CREATE INDEX "LabCell_workerId_idx" ON "LabCell"("workerId");
