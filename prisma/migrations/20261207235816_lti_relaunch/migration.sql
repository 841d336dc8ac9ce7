-- AlterTable
ALTER TABLE "LtiLogin" ADD COLUMN "deploymentId" TEXT;
ALTER TABLE "LtiLogin" ADD COLUMN "loginHint" TEXT;
ALTER TABLE "LtiLogin" ADD COLUMN "messageHint" TEXT;
ALTER TABLE "LtiLogin" ADD COLUMN "relaunchedAt" DATETIME;
