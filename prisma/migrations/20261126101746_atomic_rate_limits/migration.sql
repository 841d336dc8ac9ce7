-- DropTable
PRAGMA foreign_keys=off;
DROP TABLE "SignInAttempt";
PRAGMA foreign_keys=on;

-- CreateTable
CREATE TABLE "RateLimit" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "points" INTEGER NOT NULL,
    "resetAtMs" BIGINT NOT NULL
);

-- CreateIndex
CREATE INDEX "RateLimit_resetAtMs_idx" ON "RateLimit"("resetAtMs");
