/**
 * What the art showcase gives the medal/points table by street: per street, how many
 * first, second, third prizes and excellence awards its entries won in published categories.
 */
import type { Client } from './common';

export const AWARD_LEVELS = ['first', 'second', 'third', 'excellence'] as const;
export type AwardLevel = (typeof AWARD_LEVELS)[number];

export interface StreetArtAwards {
	streetId: string;
	streetCode: string;
	nameZh: string;
	nameEn: string;
	first: number;
	second: number;
	third: number;
	excellence: number;
}

/**
 * Award counts per street for an edition, only from categories whose results are published
 * and from entries not withdrawn; streets without awards are left out. Called by the live
 * medal table.
 */
export async function artAwardsByStreet(db: Client, editionId: string): Promise<StreetArtAwards[]> {
	const awards = await db.artAward.findMany({
		where: {
			kind: 'award',
			entry: { editionId, status: 'submitted', artCategory: { resultsPublishedAt: { not: null } } }
		},
		select: { value: true, entry: { select: { street: { select: { id: true, code: true, nameZh: true, nameEn: true, sortOrder: true } } } } }
	});
	const byStreet = new Map<string, StreetArtAwards & { sortOrder: number }>();
	for (const award of awards) {
		const street = award.entry.street;
		const row =
			byStreet.get(street.id) ??
			{ streetId: street.id, streetCode: street.code, nameZh: street.nameZh, nameEn: street.nameEn, sortOrder: street.sortOrder, first: 0, second: 0, third: 0, excellence: 0 };
		if ((AWARD_LEVELS as readonly string[]).includes(award.value)) row[award.value as AwardLevel] += 1;
		byStreet.set(street.id, row);
	}
	return [...byStreet.values()]
		.sort((a, b) => b.first - a.first || b.second - a.second || b.third - a.third || b.excellence - a.excellence || a.sortOrder - b.sortOrder)
		.map(({ sortOrder: _sortOrder, ...row }) => row);
}
