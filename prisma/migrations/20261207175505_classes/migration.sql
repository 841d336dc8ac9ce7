-- CreateTable
CREATE TABLE "Class" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ClassMember" (
    "classId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "joinedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("classId", "userId"),
    CONSTRAINT "ClassMember_classId_fkey" FOREIGN KEY ("classId") REFERENCES "Class" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ClassMember_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ClassInvite" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "classId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "revokedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT,
    CONSTRAINT "ClassInvite_classId_fkey" FOREIGN KEY ("classId") REFERENCES "Class" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ClassInvite_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ClassMember_userId_idx" ON "ClassMember"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "ClassInvite_code_key" ON "ClassInvite"("code");

-- CreateIndex
CREATE INDEX "ClassInvite_classId_idx" ON "ClassInvite"("classId");

-- Upgrade: before classes one deployment was one class. Every account there already is joins one
-- first class (instructors as its instructors), so no instructor loses sight of a student. Dates
-- are copied from the accounts (the same format the column already holds on either provider).
INSERT INTO "Class" ("id", "name", "createdAt")
SELECT 'first-class', 'First class', MIN("createdAt") FROM "User" HAVING COUNT(*) > 0;
INSERT INTO "ClassMember" ("classId", "userId", "role", "joinedAt")
SELECT 'first-class', "id", CASE WHEN "role" = 'INSTRUCTOR' THEN 'INSTRUCTOR' ELSE 'STUDENT' END, "createdAt" FROM "User";
