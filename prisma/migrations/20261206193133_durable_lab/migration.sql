-- CreateTable
CREATE TABLE "LabImageBlob" (
    "sha256" TEXT NOT NULL PRIMARY KEY,
    "format" TEXT NOT NULL,
    "bytes" BLOB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "LabWorker" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "label" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "heartbeatAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "draining" BOOLEAN NOT NULL DEFAULT false
);

-- CreateTable
CREATE TABLE "OllamaHostState" (
    "url" TEXT NOT NULL PRIMARY KEY,
    "up" BOOLEAN NOT NULL DEFAULT true,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "downSince" DATETIME,
    "nextCheckAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "checkedAt" DATETIME,
    "version" TEXT,
    "lastError" TEXT
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_LabCell" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "runId" TEXT NOT NULL,
    "column" TEXT NOT NULL,
    "promptKind" TEXT NOT NULL,
    "model" TEXT,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "output" TEXT NOT NULL DEFAULT '',
    "thinking" TEXT NOT NULL DEFAULT '',
    "structured" TEXT,
    "metrics" TEXT,
    "stamp" TEXT,
    "accuracy" TEXT,
    "scores" TEXT,
    "errorCode" TEXT,
    "error" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "previous" TEXT,
    "host" TEXT,
    "workerId" TEXT,
    "jobId" TEXT,
    "failovers" INTEGER NOT NULL DEFAULT 0,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "LabCell_runId_fkey" FOREIGN KEY ("runId") REFERENCES "LabRun" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_LabCell" ("accuracy", "attempts", "column", "error", "errorCode", "finishedAt", "id", "metrics", "model", "output", "previous", "promptKind", "runId", "scores", "stamp", "startedAt", "status", "structured", "thinking", "updatedAt") SELECT "accuracy", "attempts", "column", "error", "errorCode", "finishedAt", "id", "metrics", "model", "output", "previous", "promptKind", "runId", "scores", "stamp", "startedAt", "status", "structured", "thinking", "updatedAt" FROM "LabCell";
DROP TABLE "LabCell";
ALTER TABLE "new_LabCell" RENAME TO "LabCell";
CREATE INDEX "LabCell_status_host_idx" ON "LabCell"("status", "host");
CREATE INDEX "LabCell_workerId_idx" ON "LabCell"("workerId");
CREATE UNIQUE INDEX "LabCell_runId_column_promptKind_key" ON "LabCell"("runId", "column", "promptKind");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
