-- AlterTable
ALTER TABLE "LtiPlatform" ADD COLUMN     "frameOrigins" TEXT NOT NULL DEFAULT '[]';

-- AlterTable
ALTER TABLE "LtiContext" ADD COLUMN     "agsScopes" TEXT,
ADD COLUMN     "lineItemsUrl" TEXT,
ADD COLUMN     "membershipsUrl" TEXT,
ADD COLUMN     "rosterSyncedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "LtiResourceLink" (
    "id" TEXT NOT NULL,
    "contextRowId" TEXT NOT NULL,
    "resourceLinkId" TEXT NOT NULL,
    "title" TEXT,
    "target" TEXT NOT NULL,
    "lessonSlug" TEXT,
    "lineItemUrl" TEXT,
    "scoreMaximum" DOUBLE PRECISION,
    "scorePolicy" TEXT NOT NULL DEFAULT 'BEST',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LtiResourceLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LtiDeepLinkRequest" (
    "id" TEXT NOT NULL,
    "platformId" TEXT NOT NULL,
    "deploymentId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "returnUrl" TEXT NOT NULL,
    "data" TEXT,
    "acceptMultiple" BOOLEAN NOT NULL DEFAULT false,
    "acceptLineItem" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "usedAt" TIMESTAMP(3),

    CONSTRAINT "LtiDeepLinkRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LtiScoreOutbox" (
    "id" TEXT NOT NULL,
    "resourceLinkId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "sub" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "scoreGiven" DOUBLE PRECISION NOT NULL,
    "scoreMaximum" DOUBLE PRECISION NOT NULL,
    "comment" TEXT,
    "activityProgress" TEXT NOT NULL,
    "gradingProgress" TEXT NOT NULL,
    "timestamp" TIMESTAMP(3) NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseUntil" TIMESTAMP(3),
    "lastStatus" INTEGER,
    "lastError" TEXT,
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LtiScoreOutbox_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "LtiResourceLink_contextRowId_resourceLinkId_key" ON "LtiResourceLink"("contextRowId", "resourceLinkId");

-- CreateIndex
CREATE INDEX "LtiDeepLinkRequest_createdAt_idx" ON "LtiDeepLinkRequest"("createdAt");

-- CreateIndex
CREATE INDEX "LtiScoreOutbox_state_nextAttemptAt_idx" ON "LtiScoreOutbox"("state", "nextAttemptAt");

-- CreateIndex
CREATE UNIQUE INDEX "LtiScoreOutbox_resourceLinkId_userId_source_sourceId_key" ON "LtiScoreOutbox"("resourceLinkId", "userId", "source", "sourceId");

-- AddForeignKey
ALTER TABLE "LtiResourceLink" ADD CONSTRAINT "LtiResourceLink_contextRowId_fkey" FOREIGN KEY ("contextRowId") REFERENCES "LtiContext"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LtiDeepLinkRequest" ADD CONSTRAINT "LtiDeepLinkRequest_platformId_fkey" FOREIGN KEY ("platformId") REFERENCES "LtiPlatform"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LtiDeepLinkRequest" ADD CONSTRAINT "LtiDeepLinkRequest_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LtiScoreOutbox" ADD CONSTRAINT "LtiScoreOutbox_resourceLinkId_fkey" FOREIGN KEY ("resourceLinkId") REFERENCES "LtiResourceLink"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LtiScoreOutbox" ADD CONSTRAINT "LtiScoreOutbox_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
