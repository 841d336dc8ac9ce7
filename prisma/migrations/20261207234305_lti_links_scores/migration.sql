-- AlterTable
ALTER TABLE "LtiContext" ADD COLUMN "agsScopes" TEXT;
ALTER TABLE "LtiContext" ADD COLUMN "lineItemsUrl" TEXT;
ALTER TABLE "LtiContext" ADD COLUMN "membershipsUrl" TEXT;
ALTER TABLE "LtiContext" ADD COLUMN "rosterSyncedAt" DATETIME;

-- CreateTable
CREATE TABLE "LtiResourceLink" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "contextRowId" TEXT NOT NULL,
    "resourceLinkId" TEXT NOT NULL,
    "title" TEXT,
    "target" TEXT NOT NULL,
    "lessonSlug" TEXT,
    "lineItemUrl" TEXT,
    "scoreMaximum" REAL,
    "scorePolicy" TEXT NOT NULL DEFAULT 'BEST',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "LtiResourceLink_contextRowId_fkey" FOREIGN KEY ("contextRowId") REFERENCES "LtiContext" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LtiDeepLinkRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "platformId" TEXT NOT NULL,
    "deploymentId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "returnUrl" TEXT NOT NULL,
    "data" TEXT,
    "acceptMultiple" BOOLEAN NOT NULL DEFAULT false,
    "acceptLineItem" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "usedAt" DATETIME,
    CONSTRAINT "LtiDeepLinkRequest_platformId_fkey" FOREIGN KEY ("platformId") REFERENCES "LtiPlatform" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "LtiDeepLinkRequest_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LtiScoreOutbox" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "resourceLinkId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "sub" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "scoreGiven" REAL NOT NULL,
    "scoreMaximum" REAL NOT NULL,
    "comment" TEXT,
    "activityProgress" TEXT NOT NULL,
    "gradingProgress" TEXT NOT NULL,
    "timestamp" DATETIME NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseUntil" DATETIME,
    "lastStatus" INTEGER,
    "lastError" TEXT,
    "sentAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "LtiScoreOutbox_resourceLinkId_fkey" FOREIGN KEY ("resourceLinkId") REFERENCES "LtiResourceLink" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "LtiScoreOutbox_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_LtiPlatform" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "authUrl" TEXT NOT NULL,
    "tokenUrl" TEXT NOT NULL,
    "jwksUrl" TEXT NOT NULL,
    "deploymentIds" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "frameOrigins" TEXT NOT NULL DEFAULT '[]'
);
INSERT INTO "new_LtiPlatform" ("authUrl", "clientId", "createdAt", "createdById", "deploymentIds", "id", "issuer", "jwksUrl", "name", "tokenUrl") SELECT "authUrl", "clientId", "createdAt", "createdById", "deploymentIds", "id", "issuer", "jwksUrl", "name", "tokenUrl" FROM "LtiPlatform";
DROP TABLE "LtiPlatform";
ALTER TABLE "new_LtiPlatform" RENAME TO "LtiPlatform";
CREATE UNIQUE INDEX "LtiPlatform_issuer_clientId_key" ON "LtiPlatform"("issuer", "clientId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "LtiResourceLink_contextRowId_resourceLinkId_key" ON "LtiResourceLink"("contextRowId", "resourceLinkId");

-- CreateIndex
CREATE INDEX "LtiDeepLinkRequest_createdAt_idx" ON "LtiDeepLinkRequest"("createdAt");

-- CreateIndex
CREATE INDEX "LtiScoreOutbox_state_nextAttemptAt_idx" ON "LtiScoreOutbox"("state", "nextAttemptAt");

-- CreateIndex
CREATE UNIQUE INDEX "LtiScoreOutbox_resourceLinkId_userId_source_sourceId_key" ON "LtiScoreOutbox"("resourceLinkId", "userId", "source", "sourceId");
