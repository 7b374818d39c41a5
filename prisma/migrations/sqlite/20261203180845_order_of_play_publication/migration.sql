-- AlterTable
ALTER TABLE "Match" ADD COLUMN "schedulePublishedAt" DATETIME;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_VenueTable" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "venueId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "outOfUse" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "VenueTable_venueId_fkey" FOREIGN KEY ("venueId") REFERENCES "Venue" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_VenueTable" ("id", "kind", "label", "sortOrder", "venueId") SELECT "id", "kind", "label", "sortOrder", "venueId" FROM "VenueTable";
DROP TABLE "VenueTable";
ALTER TABLE "new_VenueTable" RENAME TO "VenueTable";
CREATE UNIQUE INDEX "VenueTable_venueId_kind_label_key" ON "VenueTable"("venueId", "kind", "label");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
