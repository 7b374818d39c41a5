-- AlterTable
ALTER TABLE "VenueTable" ADD COLUMN     "outOfUse" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Match" ADD COLUMN     "schedulePublishedAt" TIMESTAMP(3);
