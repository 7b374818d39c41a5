-- AlterTable
ALTER TABLE "Edition" ADD COLUMN "artClosesAt" DATETIME;
ALTER TABLE "Edition" ADD COLUMN "artOpensAt" DATETIME;

-- CreateTable
CREATE TABLE "Operation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "actorId" TEXT,
    "kind" TEXT NOT NULL,
    "response" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Category" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "editionId" TEXT NOT NULL,
    "sportId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "nameZh" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "formatConfig" TEXT NOT NULL DEFAULT '{}',
    "eligibility" TEXT NOT NULL DEFAULT '{}',
    "streetQuota" INTEGER,
    "maxEntries" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'open',
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Category_editionId_fkey" FOREIGN KEY ("editionId") REFERENCES "Edition" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Category_sportId_fkey" FOREIGN KEY ("sportId") REFERENCES "Sport" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Athlete" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "editionId" TEXT NOT NULL,
    "streetId" TEXT NOT NULL,
    "referenceCode" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "residentId" TEXT NOT NULL,
    "certificateNo" TEXT NOT NULL,
    "birthDate" TEXT NOT NULL,
    "gender" TEXT NOT NULL,
    "disabilityCategory" INTEGER NOT NULL,
    "disabilityGrade" INTEGER NOT NULL,
    "sportClass" TEXT,
    "phone" TEXT NOT NULL DEFAULT '',
    "guardianName" TEXT NOT NULL DEFAULT '',
    "guardianPhone" TEXT NOT NULL DEFAULT '',
    "guardianRelation" TEXT NOT NULL DEFAULT '',
    "registeredBy" TEXT NOT NULL DEFAULT 'self',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "Athlete_editionId_fkey" FOREIGN KEY ("editionId") REFERENCES "Edition" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Athlete_streetId_fkey" FOREIGN KEY ("streetId") REFERENCES "Street" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Entry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "athleteId" TEXT NOT NULL,
    "categoryId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "returnReason" TEXT NOT NULL DEFAULT '',
    "seed" INTEGER,
    "checkedInAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "Entry_athleteId_fkey" FOREIGN KEY ("athleteId") REFERENCES "Athlete" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Entry_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "Category" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Draw" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "categoryId" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "round" INTEGER NOT NULL DEFAULT 1,
    "seedString" TEXT NOT NULL,
    "data" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "publishedAt" DATETIME,
    CONSTRAINT "Draw_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "Category" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Match" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "categoryId" TEXT NOT NULL,
    "drawId" TEXT,
    "stage" TEXT NOT NULL,
    "round" INTEGER NOT NULL DEFAULT 1,
    "groupLabel" TEXT,
    "position" INTEGER NOT NULL DEFAULT 0,
    "code" TEXT NOT NULL,
    "entryAId" TEXT,
    "entryBId" TEXT,
    "players" TEXT NOT NULL DEFAULT '[]',
    "status" TEXT NOT NULL DEFAULT 'scheduled',
    "format" TEXT NOT NULL DEFAULT '{}',
    "summary" TEXT NOT NULL DEFAULT '{}',
    "version" INTEGER NOT NULL DEFAULT 0,
    "winnerEntryId" TEXT,
    "venueTableId" TEXT,
    "slot" INTEGER,
    "scheduledAt" DATETIME,
    "refereeId" TEXT,
    "controllerId" TEXT,
    "nextMatchId" TEXT,
    "nextSide" TEXT,
    "loserMatchId" TEXT,
    "loserSide" TEXT,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Match_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "Category" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Match_drawId_fkey" FOREIGN KEY ("drawId") REFERENCES "Draw" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Match_venueTableId_fkey" FOREIGN KEY ("venueTableId") REFERENCES "VenueTable" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Match_refereeId_fkey" FOREIGN KEY ("refereeId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MatchEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "matchId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "opId" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "actorId" TEXT,
    "deviceId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "MatchEvent_matchId_fkey" FOREIGN KEY ("matchId") REFERENCES "Match" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Placing" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "categoryId" TEXT NOT NULL,
    "entryId" TEXT NOT NULL,
    "place" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Placing_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "Category" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Placing_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "Entry" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ArtCategory" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "editionId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "nameZh" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'visual',
    "streetQuota" INTEGER,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "resultsPublishedAt" DATETIME,
    CONSTRAINT "ArtCategory_editionId_fkey" FOREIGN KEY ("editionId") REFERENCES "Edition" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ArtEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "editionId" TEXT NOT NULL,
    "artCategoryId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "authorName" TEXT NOT NULL,
    "authorAthleteId" TEXT,
    "coAuthors" TEXT NOT NULL DEFAULT '',
    "streetId" TEXT NOT NULL,
    "year" INTEGER,
    "dimensions" TEXT NOT NULL DEFAULT '',
    "technique" TEXT NOT NULL DEFAULT '',
    "statement" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'submitted',
    "submittedById" TEXT,
    "referenceCode" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ArtEntry_editionId_fkey" FOREIGN KEY ("editionId") REFERENCES "Edition" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ArtEntry_artCategoryId_fkey" FOREIGN KEY ("artCategoryId") REFERENCES "ArtCategory" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ArtEntry_streetId_fkey" FOREIGN KEY ("streetId") REFERENCES "Street" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ArtImage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "entryId" TEXT NOT NULL,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "altText" TEXT NOT NULL,
    "mime" TEXT NOT NULL,
    "bytes" INTEGER NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "originalPath" TEXT NOT NULL,
    "largePath" TEXT NOT NULL,
    "thumbPath" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ArtImage_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "ArtEntry" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "JuryPanel" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "artCategoryId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "scaleMin" REAL NOT NULL DEFAULT 0,
    "scaleMax" REAL NOT NULL DEFAULT 100,
    "scaleStep" REAL NOT NULL DEFAULT 1,
    "criteria" TEXT NOT NULL DEFAULT '[]',
    CONSTRAINT "JuryPanel_artCategoryId_fkey" FOREIGN KEY ("artCategoryId") REFERENCES "ArtCategory" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PanelJuror" (
    "panelId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,

    PRIMARY KEY ("panelId", "userId"),
    CONSTRAINT "PanelJuror_panelId_fkey" FOREIGN KEY ("panelId") REFERENCES "JuryPanel" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PanelJuror_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "JudgingRound" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "panelId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "shortlist" TEXT,
    "openedAt" DATETIME,
    "closedAt" DATETIME,
    CONSTRAINT "JudgingRound_panelId_fkey" FOREIGN KEY ("panelId") REFERENCES "JuryPanel" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "JuryScore" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "roundId" TEXT NOT NULL,
    "entryId" TEXT NOT NULL,
    "jurorId" TEXT NOT NULL,
    "score" REAL,
    "criteria" TEXT NOT NULL DEFAULT '{}',
    "conflict" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "JuryScore_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "JudgingRound" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "JuryScore_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "ArtEntry" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "JuryScore_jurorId_fkey" FOREIGN KEY ("jurorId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ArtAward" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "entryId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ArtAward_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "ArtEntry" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Operation_createdAt_idx" ON "Operation"("createdAt");

-- CreateIndex
CREATE INDEX "Category_editionId_sportId_idx" ON "Category"("editionId", "sportId");

-- CreateIndex
CREATE UNIQUE INDEX "Category_editionId_code_key" ON "Category"("editionId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "Athlete_referenceCode_key" ON "Athlete"("referenceCode");

-- CreateIndex
CREATE INDEX "Athlete_streetId_idx" ON "Athlete"("streetId");

-- CreateIndex
CREATE UNIQUE INDEX "Athlete_editionId_residentId_key" ON "Athlete"("editionId", "residentId");

-- CreateIndex
CREATE INDEX "Entry_categoryId_status_idx" ON "Entry"("categoryId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Entry_athleteId_categoryId_key" ON "Entry"("athleteId", "categoryId");

-- CreateIndex
CREATE INDEX "Draw_categoryId_stage_idx" ON "Draw"("categoryId", "stage");

-- CreateIndex
CREATE INDEX "Match_categoryId_stage_round_idx" ON "Match"("categoryId", "stage", "round");

-- CreateIndex
CREATE INDEX "Match_status_idx" ON "Match"("status");

-- CreateIndex
CREATE INDEX "Match_venueTableId_slot_idx" ON "Match"("venueTableId", "slot");

-- CreateIndex
CREATE INDEX "Match_refereeId_idx" ON "Match"("refereeId");

-- CreateIndex
CREATE UNIQUE INDEX "MatchEvent_opId_key" ON "MatchEvent"("opId");

-- CreateIndex
CREATE UNIQUE INDEX "MatchEvent_matchId_seq_key" ON "MatchEvent"("matchId", "seq");

-- CreateIndex
CREATE INDEX "Placing_place_idx" ON "Placing"("place");

-- CreateIndex
CREATE UNIQUE INDEX "Placing_categoryId_entryId_key" ON "Placing"("categoryId", "entryId");

-- CreateIndex
CREATE UNIQUE INDEX "ArtCategory_editionId_key_key" ON "ArtCategory"("editionId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "ArtEntry_referenceCode_key" ON "ArtEntry"("referenceCode");

-- CreateIndex
CREATE INDEX "ArtEntry_artCategoryId_status_idx" ON "ArtEntry"("artCategoryId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "ArtEntry_editionId_number_key" ON "ArtEntry"("editionId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "JudgingRound_panelId_number_key" ON "JudgingRound"("panelId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "JuryScore_roundId_entryId_jurorId_key" ON "JuryScore"("roundId", "entryId", "jurorId");

-- CreateIndex
CREATE UNIQUE INDEX "ArtAward_entryId_kind_value_key" ON "ArtAward"("entryId", "kind", "value");
