-- AlterTable
ALTER TABLE "Edition" ADD COLUMN     "artClosesAt" TIMESTAMP(3),
ADD COLUMN     "artOpensAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "Operation" (
    "id" TEXT NOT NULL,
    "actorId" TEXT,
    "kind" TEXT NOT NULL,
    "response" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Operation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Category" (
    "id" TEXT NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Category_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Athlete" (
    "id" TEXT NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Athlete_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Entry" (
    "id" TEXT NOT NULL,
    "athleteId" TEXT NOT NULL,
    "categoryId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "returnReason" TEXT NOT NULL DEFAULT '',
    "seed" INTEGER,
    "checkedInAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Entry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Draw" (
    "id" TEXT NOT NULL,
    "categoryId" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "round" INTEGER NOT NULL DEFAULT 1,
    "seedString" TEXT NOT NULL,
    "data" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "publishedAt" TIMESTAMP(3),

    CONSTRAINT "Draw_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Match" (
    "id" TEXT NOT NULL,
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
    "scheduledAt" TIMESTAMP(3),
    "refereeId" TEXT,
    "controllerId" TEXT,
    "nextMatchId" TEXT,
    "nextSide" TEXT,
    "loserMatchId" TEXT,
    "loserSide" TEXT,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Match_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MatchEvent" (
    "id" TEXT NOT NULL,
    "matchId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "opId" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "actorId" TEXT,
    "deviceId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MatchEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Placing" (
    "id" TEXT NOT NULL,
    "categoryId" TEXT NOT NULL,
    "entryId" TEXT NOT NULL,
    "place" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Placing_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ArtCategory" (
    "id" TEXT NOT NULL,
    "editionId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "nameZh" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'visual',
    "streetQuota" INTEGER,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "resultsPublishedAt" TIMESTAMP(3),

    CONSTRAINT "ArtCategory_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ArtEntry" (
    "id" TEXT NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ArtEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ArtImage" (
    "id" TEXT NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ArtImage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JuryPanel" (
    "id" TEXT NOT NULL,
    "artCategoryId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "scaleMin" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "scaleMax" DOUBLE PRECISION NOT NULL DEFAULT 100,
    "scaleStep" DOUBLE PRECISION NOT NULL DEFAULT 1,
    "criteria" TEXT NOT NULL DEFAULT '[]',

    CONSTRAINT "JuryPanel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PanelJuror" (
    "panelId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,

    CONSTRAINT "PanelJuror_pkey" PRIMARY KEY ("panelId","userId")
);

-- CreateTable
CREATE TABLE "JudgingRound" (
    "id" TEXT NOT NULL,
    "panelId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "shortlist" TEXT,
    "openedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "JudgingRound_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JuryScore" (
    "id" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "entryId" TEXT NOT NULL,
    "jurorId" TEXT NOT NULL,
    "score" DOUBLE PRECISION,
    "criteria" TEXT NOT NULL DEFAULT '{}',
    "conflict" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "JuryScore_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ArtAward" (
    "id" TEXT NOT NULL,
    "entryId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ArtAward_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "Category" ADD CONSTRAINT "Category_editionId_fkey" FOREIGN KEY ("editionId") REFERENCES "Edition"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Category" ADD CONSTRAINT "Category_sportId_fkey" FOREIGN KEY ("sportId") REFERENCES "Sport"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Athlete" ADD CONSTRAINT "Athlete_editionId_fkey" FOREIGN KEY ("editionId") REFERENCES "Edition"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Athlete" ADD CONSTRAINT "Athlete_streetId_fkey" FOREIGN KEY ("streetId") REFERENCES "Street"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Entry" ADD CONSTRAINT "Entry_athleteId_fkey" FOREIGN KEY ("athleteId") REFERENCES "Athlete"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Entry" ADD CONSTRAINT "Entry_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "Category"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Draw" ADD CONSTRAINT "Draw_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "Category"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Match" ADD CONSTRAINT "Match_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "Category"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Match" ADD CONSTRAINT "Match_drawId_fkey" FOREIGN KEY ("drawId") REFERENCES "Draw"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Match" ADD CONSTRAINT "Match_venueTableId_fkey" FOREIGN KEY ("venueTableId") REFERENCES "VenueTable"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Match" ADD CONSTRAINT "Match_refereeId_fkey" FOREIGN KEY ("refereeId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MatchEvent" ADD CONSTRAINT "MatchEvent_matchId_fkey" FOREIGN KEY ("matchId") REFERENCES "Match"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Placing" ADD CONSTRAINT "Placing_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "Category"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Placing" ADD CONSTRAINT "Placing_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "Entry"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArtCategory" ADD CONSTRAINT "ArtCategory_editionId_fkey" FOREIGN KEY ("editionId") REFERENCES "Edition"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArtEntry" ADD CONSTRAINT "ArtEntry_editionId_fkey" FOREIGN KEY ("editionId") REFERENCES "Edition"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArtEntry" ADD CONSTRAINT "ArtEntry_artCategoryId_fkey" FOREIGN KEY ("artCategoryId") REFERENCES "ArtCategory"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArtEntry" ADD CONSTRAINT "ArtEntry_streetId_fkey" FOREIGN KEY ("streetId") REFERENCES "Street"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArtImage" ADD CONSTRAINT "ArtImage_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "ArtEntry"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JuryPanel" ADD CONSTRAINT "JuryPanel_artCategoryId_fkey" FOREIGN KEY ("artCategoryId") REFERENCES "ArtCategory"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PanelJuror" ADD CONSTRAINT "PanelJuror_panelId_fkey" FOREIGN KEY ("panelId") REFERENCES "JuryPanel"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PanelJuror" ADD CONSTRAINT "PanelJuror_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JudgingRound" ADD CONSTRAINT "JudgingRound_panelId_fkey" FOREIGN KEY ("panelId") REFERENCES "JuryPanel"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JuryScore" ADD CONSTRAINT "JuryScore_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "JudgingRound"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JuryScore" ADD CONSTRAINT "JuryScore_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "ArtEntry"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JuryScore" ADD CONSTRAINT "JuryScore_jurorId_fkey" FOREIGN KEY ("jurorId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArtAward" ADD CONSTRAINT "ArtAward_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "ArtEntry"("id") ON DELETE CASCADE ON UPDATE CASCADE;
