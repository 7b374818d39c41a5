-- AlterTable
ALTER TABLE "Edition" ADD COLUMN     "timeZone" TEXT NOT NULL DEFAULT 'Asia/Shanghai';

-- AlterTable
ALTER TABLE "Match" ADD COLUMN     "calledAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "RoundAbsence" (
    "id" TEXT NOT NULL,
    "categoryId" TEXT NOT NULL,
    "entryId" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "points" TEXT NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RoundAbsence_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RoundAbsence_categoryId_round_idx" ON "RoundAbsence"("categoryId", "round");

-- CreateIndex
CREATE UNIQUE INDEX "RoundAbsence_categoryId_entryId_round_key" ON "RoundAbsence"("categoryId", "entryId", "round");

-- AddForeignKey
ALTER TABLE "RoundAbsence" ADD CONSTRAINT "RoundAbsence_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "Category"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoundAbsence" ADD CONSTRAINT "RoundAbsence_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "Entry"("id") ON DELETE CASCADE ON UPDATE CASCADE;
