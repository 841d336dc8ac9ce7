-- AlterTable
ALTER TABLE "LabRun" ADD COLUMN     "laneNote" TEXT;
