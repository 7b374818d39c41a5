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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Edition" ("artClosesAt", "artOpensAt", "createdAt", "current", "endsOn", "id", "maxEventsPerAthlete", "nameEn", "nameZh", "registrationClosesAt", "registrationOpensAt", "slug", "startsOn", "updatedAt") SELECT "artClosesAt", "artOpensAt", "createdAt", "current", "endsOn", "id", "maxEventsPerAthlete", "nameEn", "nameZh", "registrationClosesAt", "registrationOpensAt", "slug", "startsOn", "updatedAt" FROM "Edition";
DROP TABLE "Edition";
ALTER TABLE "new_Edition" RENAME TO "Edition";
CREATE UNIQUE INDEX "Edition_slug_key" ON "Edition"("slug");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
