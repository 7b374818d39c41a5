-- DropIndex
DROP INDEX "Athlete_editionId_residentId_key";

-- AlterTable
ALTER TABLE "Edition" ADD COLUMN     "personalDataErasedAt" TIMESTAMP(3),
ADD COLUMN     "retentionDays" INTEGER NOT NULL DEFAULT 90;

-- AlterTable
-- Existing plain numbers and phones are carried over marked 'plain:', and the app encrypts them at
-- its next start (src/lib/server/privacy/legacy.ts) before it serves anything.
ALTER TABLE "Athlete" ADD COLUMN     "certificateNoEnc" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "erasedAt" TIMESTAMP(3),
ADD COLUMN     "guardianPhoneEnc" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "phoneEnc" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "residentIdEnc" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "residentIdIndex" TEXT NOT NULL DEFAULT '';
UPDATE "Athlete" SET "residentIdEnc" = 'plain:' || "residentId", "residentIdIndex" = 'plain:' || "id", "certificateNoEnc" = 'plain:' || "certificateNo",
  "phoneEnc" = CASE WHEN "phone" = '' THEN '' ELSE 'plain:' || "phone" END,
  "guardianPhoneEnc" = CASE WHEN "guardianPhone" = '' THEN '' ELSE 'plain:' || "guardianPhone" END;
ALTER TABLE "Athlete" ALTER COLUMN "certificateNoEnc" DROP DEFAULT, ALTER COLUMN "residentIdEnc" DROP DEFAULT, ALTER COLUMN "residentIdIndex" DROP DEFAULT;
ALTER TABLE "Athlete" DROP COLUMN "certificateNo",
DROP COLUMN "guardianPhone",
DROP COLUMN "phone",
DROP COLUMN "residentId";

-- CreateTable
CREATE TABLE "Consent" (
    "id" TEXT NOT NULL,
    "athleteId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "textVersion" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "obtainedBy" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "givenBy" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "Consent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DataAccess" (
    "id" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "athleteId" TEXT NOT NULL,
    "actorId" TEXT,
    "actorLabel" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "DataAccess_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DataKey" (
    "id" TEXT NOT NULL,
    "check" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DataKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JobLease" (
    "name" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "until" TIMESTAMP(3) NOT NULL,
    "lastRunAt" TIMESTAMP(3),

    CONSTRAINT "JobLease_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE INDEX "Consent_athleteId_idx" ON "Consent"("athleteId");

-- CreateIndex
CREATE INDEX "DataAccess_athleteId_at_idx" ON "DataAccess"("athleteId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "Athlete_editionId_residentIdIndex_key" ON "Athlete"("editionId", "residentIdIndex");

-- AddForeignKey
ALTER TABLE "Consent" ADD CONSTRAINT "Consent_athleteId_fkey" FOREIGN KEY ("athleteId") REFERENCES "Athlete"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DataAccess" ADD CONSTRAINT "DataAccess_athleteId_fkey" FOREIGN KEY ("athleteId") REFERENCES "Athlete"("id") ON DELETE CASCADE ON UPDATE CASCADE;
