-- AlterTable
ALTER TABLE "LabRun" ADD COLUMN "defences" TEXT;
ALTER TABLE "LabRun" ADD COLUMN "predictions" TEXT;

-- AlterTable
ALTER TABLE "LabCell" ADD COLUMN "scores" TEXT;
