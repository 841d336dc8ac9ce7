-- AlterTable
ALTER TABLE "LabRun" ADD COLUMN     "defences" TEXT,
ADD COLUMN     "predictions" TEXT;

-- AlterTable
ALTER TABLE "LabCell" ADD COLUMN     "scores" TEXT;
