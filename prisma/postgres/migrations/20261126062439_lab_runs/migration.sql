-- CreateTable
CREATE TABLE "LabImage" (
    "id" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "bytes" INTEGER NOT NULL,
    "originalFormat" TEXT NOT NULL,
    "originalWidth" INTEGER NOT NULL,
    "originalHeight" INTEGER NOT NULL,
    "originalBytes" INTEGER NOT NULL,
    "sampleId" TEXT,
    "fileName" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LabImage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LabRun" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "imageId" TEXT NOT NULL,
    "lessonSlug" TEXT NOT NULL,
    "textModel" TEXT,
    "visionModel" TEXT,
    "prompts" TEXT NOT NULL,
    "measureCold" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL DEFAULT 'QUEUED',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "LabRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LabCell" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "column" TEXT NOT NULL,
    "promptKind" TEXT NOT NULL,
    "model" TEXT,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "output" TEXT NOT NULL DEFAULT '',
    "structured" TEXT,
    "metrics" TEXT,
    "stamp" TEXT,
    "accuracy" TEXT,
    "errorCode" TEXT,
    "error" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "previous" TEXT,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LabCell_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "LabImage_ownerId_idx" ON "LabImage"("ownerId");

-- CreateIndex
CREATE UNIQUE INDEX "LabImage_ownerId_sha256_key" ON "LabImage"("ownerId", "sha256");

-- CreateIndex
CREATE INDEX "LabRun_userId_createdAt_idx" ON "LabRun"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "LabRun_status_idx" ON "LabRun"("status");

-- CreateIndex
CREATE UNIQUE INDEX "LabCell_runId_column_promptKind_key" ON "LabCell"("runId", "column", "promptKind");

-- AddForeignKey
ALTER TABLE "LabImage" ADD CONSTRAINT "LabImage_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LabRun" ADD CONSTRAINT "LabRun_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LabRun" ADD CONSTRAINT "LabRun_imageId_fkey" FOREIGN KEY ("imageId") REFERENCES "LabImage"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LabCell" ADD CONSTRAINT "LabCell_runId_fkey" FOREIGN KEY ("runId") REFERENCES "LabRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;
