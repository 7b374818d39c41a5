/**
 * The domain's visibility rule (src/lib/domain/draws/visibility.ts) as database filters, so
 * that every public read model — live views, room snapshots, broadcasts, the category page and
 * the printed order of play — asks the database for public matches and draws only.
 */
import type { Prisma } from '../db/generated/sqlite/client';

/** Matches spectators may see: made by no draw, or by a published one (isMatchPublic). */
export const publicMatchWhere = {
	OR: [{ drawId: null }, { draw: { publishedAt: { not: null } } }]
} satisfies Prisma.MatchWhereInput;

/** Draws spectators may see (isDrawPublic). */
export const publicDrawWhere = { publishedAt: { not: null } } satisfies Prisma.DrawWhereInput;
