-- AlterTable
ALTER TABLE "LtiLogin" ADD COLUMN     "deploymentId" TEXT,
ADD COLUMN     "loginHint" TEXT,
ADD COLUMN     "messageHint" TEXT,
ADD COLUMN     "relaunchedAt" TIMESTAMP(3);
