-- AlterTable
ALTER TABLE "Edition" ADD COLUMN     "pointsTable" TEXT NOT NULL DEFAULT '[]';
