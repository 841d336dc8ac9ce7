-- AlterTable
ALTER TABLE "LabCell" ADD COLUMN     "thinking" TEXT NOT NULL DEFAULT '';
