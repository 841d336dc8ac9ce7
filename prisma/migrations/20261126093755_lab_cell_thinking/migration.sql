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
    "errorCode" TEXT,
    "error" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "previous" TEXT,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "LabCell_runId_fkey" FOREIGN KEY ("runId") REFERENCES "LabRun" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_LabCell" ("accuracy", "attempts", "column", "error", "errorCode", "finishedAt", "id", "metrics", "model", "output", "previous", "promptKind", "runId", "stamp", "startedAt", "status", "structured", "updatedAt") SELECT "accuracy", "attempts", "column", "error", "errorCode", "finishedAt", "id", "metrics", "model", "output", "previous", "promptKind", "runId", "stamp", "startedAt", "status", "structured", "updatedAt" FROM "LabCell";
DROP TABLE "LabCell";
ALTER TABLE "new_LabCell" RENAME TO "LabCell";
CREATE UNIQUE INDEX "LabCell_runId_column_promptKind_key" ON "LabCell"("runId", "column", "promptKind");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
