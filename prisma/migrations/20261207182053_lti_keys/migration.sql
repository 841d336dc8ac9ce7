-- CreateTable
CREATE TABLE "LtiKey" (
    "kid" TEXT NOT NULL PRIMARY KEY,
    "publicJwk" TEXT NOT NULL,
    "privateJwk" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "active" BOOLEAN,
    "retiredAt" DATETIME
);

-- CreateIndex
CREATE UNIQUE INDEX "LtiKey_active_key" ON "LtiKey"("active");
