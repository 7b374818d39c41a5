-- CreateTable
CREATE TABLE "Consent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "athleteId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "textVersion" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "obtainedBy" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "givenBy" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "Consent_athleteId_fkey" FOREIGN KEY ("athleteId") REFERENCES "Athlete" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DataAccess" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "athleteId" TEXT NOT NULL,
    "actorId" TEXT,
    "actorLabel" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "DataAccess_athleteId_fkey" FOREIGN KEY ("athleteId") REFERENCES "Athlete" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DataKey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "check" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "JobLease" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "holder" TEXT NOT NULL,
    "until" DATETIME NOT NULL,
    "lastRunAt" DATETIME
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Edition" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "nameZh" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "startsOn" TEXT NOT NULL,
    "endsOn" TEXT NOT NULL,
    "registrationOpensAt" DATETIME,
    "registrationClosesAt" DATETIME,
    "maxEventsPerAthlete" INTEGER NOT NULL DEFAULT 2,
    "current" BOOLEAN NOT NULL DEFAULT false,
    "artOpensAt" DATETIME,
    "artClosesAt" DATETIME,
    "pointsTable" TEXT NOT NULL DEFAULT '[]',
    "timeZone" TEXT NOT NULL DEFAULT 'Asia/Shanghai',
    "retentionDays" INTEGER NOT NULL DEFAULT 90,
    "personalDataErasedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Edition" ("artClosesAt", "artOpensAt", "createdAt", "current", "endsOn", "id", "maxEventsPerAthlete", "nameEn", "nameZh", "pointsTable", "registrationClosesAt", "registrationOpensAt", "slug", "startsOn", "timeZone", "updatedAt") SELECT "artClosesAt", "artOpensAt", "createdAt", "current", "endsOn", "id", "maxEventsPerAthlete", "nameEn", "nameZh", "pointsTable", "registrationClosesAt", "registrationOpensAt", "slug", "startsOn", "timeZone", "updatedAt" FROM "Edition";
DROP TABLE "Edition";
ALTER TABLE "new_Edition" RENAME TO "Edition";
CREATE UNIQUE INDEX "Edition_slug_key" ON "Edition"("slug");
CREATE TABLE "new_Athlete" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "editionId" TEXT NOT NULL,
    "streetId" TEXT NOT NULL,
    "referenceCode" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "residentIdEnc" TEXT NOT NULL,
    "residentIdIndex" TEXT NOT NULL,
    "certificateNoEnc" TEXT NOT NULL,
    "birthDate" TEXT NOT NULL,
    "gender" TEXT NOT NULL,
    "disabilityCategory" INTEGER NOT NULL,
    "disabilityGrade" INTEGER NOT NULL,
    "sportClass" TEXT,
    "phoneEnc" TEXT NOT NULL DEFAULT '',
    "guardianName" TEXT NOT NULL DEFAULT '',
    "guardianPhoneEnc" TEXT NOT NULL DEFAULT '',
    "guardianRelation" TEXT NOT NULL DEFAULT '',
    "registeredBy" TEXT NOT NULL DEFAULT 'self',
    "erasedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "Athlete_editionId_fkey" FOREIGN KEY ("editionId") REFERENCES "Edition" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Athlete_streetId_fkey" FOREIGN KEY ("streetId") REFERENCES "Street" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
-- Existing plain numbers and phones are carried over marked 'plain:', and the app encrypts them at
-- its next start (src/lib/server/privacy/legacy.ts) before it serves anything, then VACUUMs.
INSERT INTO "new_Athlete" ("birthDate", "createdAt", "disabilityCategory", "disabilityGrade", "editionId", "gender", "guardianName", "guardianRelation", "id", "name", "referenceCode", "registeredBy", "sportClass", "streetId", "updatedAt", "version", "residentIdEnc", "residentIdIndex", "certificateNoEnc", "phoneEnc", "guardianPhoneEnc") SELECT "birthDate", "createdAt", "disabilityCategory", "disabilityGrade", "editionId", "gender", "guardianName", "guardianRelation", "id", "name", "referenceCode", "registeredBy", "sportClass", "streetId", "updatedAt", "version", 'plain:' || "residentId", 'plain:' || "id", 'plain:' || "certificateNo", CASE WHEN "phone" = '' THEN '' ELSE 'plain:' || "phone" END, CASE WHEN "guardianPhone" = '' THEN '' ELSE 'plain:' || "guardianPhone" END FROM "Athlete";
DROP TABLE "Athlete";
ALTER TABLE "new_Athlete" RENAME TO "Athlete";
CREATE UNIQUE INDEX "Athlete_referenceCode_key" ON "Athlete"("referenceCode");
CREATE INDEX "Athlete_streetId_idx" ON "Athlete"("streetId");
CREATE UNIQUE INDEX "Athlete_editionId_residentIdIndex_key" ON "Athlete"("editionId", "residentIdIndex");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Consent_athleteId_idx" ON "Consent"("athleteId");

-- CreateIndex
CREATE INDEX "DataAccess_athleteId_at_idx" ON "DataAccess"("athleteId", "at");
