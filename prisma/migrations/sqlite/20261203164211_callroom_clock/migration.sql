-- AlterTable
ALTER TABLE "Match" ADD COLUMN "calledAt" DATETIME;

-- CreateTable
CREATE TABLE "RoundAbsence" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "categoryId" TEXT NOT NULL,
    "entryId" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "points" TEXT NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RoundAbsence_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "Category" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RoundAbsence_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "Entry" ("id") ON DELETE CASCADE ON UPDATE CASCADE
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Edition" ("artClosesAt", "artOpensAt", "createdAt", "current", "endsOn", "id", "maxEventsPerAthlete", "nameEn", "nameZh", "pointsTable", "registrationClosesAt", "registrationOpensAt", "slug", "startsOn", "updatedAt") SELECT "artClosesAt", "artOpensAt", "createdAt", "current", "endsOn", "id", "maxEventsPerAthlete", "nameEn", "nameZh", "pointsTable", "registrationClosesAt", "registrationOpensAt", "slug", "startsOn", "updatedAt" FROM "Edition";
DROP TABLE "Edition";
ALTER TABLE "new_Edition" RENAME TO "Edition";
CREATE UNIQUE INDEX "Edition_slug_key" ON "Edition"("slug");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "RoundAbsence_categoryId_round_idx" ON "RoundAbsence"("categoryId", "round");

-- CreateIndex
CREATE UNIQUE INDEX "RoundAbsence_categoryId_entryId_round_key" ON "RoundAbsence"("categoryId", "entryId", "round");
