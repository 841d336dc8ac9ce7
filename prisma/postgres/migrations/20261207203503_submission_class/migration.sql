-- AlterTable
ALTER TABLE "LabSubmission" ADD COLUMN     "classId" TEXT;

-- CreateIndex
CREATE INDEX "LabSubmission_classId_state_submittedAt_idx" ON "LabSubmission"("classId", "state", "submittedAt");

-- AddForeignKey
ALTER TABLE "LabSubmission" ADD CONSTRAINT "LabSubmission_classId_fkey" FOREIGN KEY ("classId") REFERENCES "Class"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Upgrade: a write-up submitted before submissions had a class belongs to the class its student joined
-- first: "First class" for every account the classes migration found. Drafts stay without one: a class
-- is chosen when submitting. A student in no class keeps none until they join one. (No semicolon in
-- these comments: the PostgreSQL migration runner splits statements on it.)
UPDATE "LabSubmission" SET "classId" = (
  SELECT m."classId" FROM "ClassMember" m
  WHERE m."userId" = "LabSubmission"."userId"
  ORDER BY m."joinedAt" ASC, m."classId" ASC
  LIMIT 1
) WHERE "currentVersion" > 0 AND "classId" IS NULL;
