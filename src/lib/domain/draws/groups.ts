/**
 * Draw of round-robin groups (table tennis group stage): entries are distributed by seed in
 * snake order over ceil(n / groupSize) groups, so group sizes differ by at most one, and then
 * players of the same street are moved apart by swapping players of the same seed band.
 *
 * Band b holds the entries ranked b·G+1 … (b+1)·G (G = number of groups; seeded entries by
 * seed, then the unseeded by lot). Band 0 goes to groups 1…G, band 1 to groups G…1, band 2 to
 * 1…G again, and so on. Band 0 (the group heads) is never moved. In the later bands, pairs of
 * players (or a player and a group the partial last band left empty) are swapped while that
 * lowers the number of same-street pairs inside groups.
 */
import { RuleViolation } from '../errors';
import { createRng, randomInt, shuffle } from './random';

/** An entry for the group draw: a lower `seed` is better; unseeded entries are placed by lot. */
export type GroupEntry = { id: string; seed?: number; street?: string };

/** A group that still holds several players of one street (separation was not possible). */
export type StreetClash = { group: number; street: string; ids: string[] };

/** Groups (0-based index = group A, B, …), each in band order: position 1 = the group head. */
export type GroupDraw = { groups: string[][]; streetClashes: StreetClash[] };

/**
 * Draws the groups of a category. Called by the draw service before the group stage;
 * reproducible: the same entries and seed string give the same groups. The order inside each
 * group is the draw position used by `roundRobin` (1 = head of the group).
 *
 * Cost: O(bands · G²) per improvement pass (at most 50) plus a bounded plateau walk of 20,000
 * seeded random swaps when clashes remain; a few milliseconds for a thousand entries.
 */
export function drawGroups(input: {
	entries: readonly GroupEntry[];
	seed: string;
	/** target players per group (default 4); the number of groups is ceil(n / groupSize) */
	groupSize?: number;
	/** overrides the number of groups (e.g. to get a power of two for the knockout) */
	groupCount?: number;
}): GroupDraw {
	const { entries } = input;
	if (entries.length === 0) {
		throw new RuleViolation('draw.no_entries', 'A draw needs at least one entry.');
	}
	const seen = new Set<string>();
	for (const e of entries) {
		if (seen.has(e.id)) {
			throw new RuleViolation('draw.duplicate_entry', `Entry ${e.id} appears twice.`, { id: e.id });
		}
		seen.add(e.id);
		if (e.seed !== undefined && !Number.isFinite(e.seed)) {
			throw new RuleViolation('draw.invalid_seed', `Entry ${e.id} has an invalid seed.`, {
				id: e.id
			});
		}
	}
	const groupSize = input.groupSize ?? 4;
	if (!Number.isInteger(groupSize) || groupSize < 2) {
		throw new RuleViolation('draw.invalid_group_size', `A group needs at least 2 players.`, {
			size: groupSize
		});
	}
	const n = entries.length;
	const count = input.groupCount ?? Math.ceil(n / groupSize);
	if (!Number.isInteger(count) || count < 1 || count > n) {
		throw new RuleViolation(
			'draw.invalid_group_count',
			`Cannot make ${count} groups from ${n} entries.`,
			{ count, entries: n }
		);
	}

	const rng = createRng(`groups:${input.seed}`);
	const seeded = shuffle(
		entries.filter((e) => e.seed !== undefined),
		rng
	).sort((x, y) => (x.seed as number) - (y.seed as number));
	const ranked = [...seeded, ...shuffle(entries.filter((e) => e.seed === undefined), rng)];

	// bands[b][g] = the entry of band b in group g (null: the partial last band left g empty)
	const bands: Array<Array<GroupEntry | null>> = [];
	for (let b = 0; b * count < n; b++) {
		const band = new Array<GroupEntry | null>(count).fill(null);
		for (let i = 0; i < count && b * count + i < n; i++) {
			const g = b % 2 === 0 ? i : count - 1 - i;
			band[g] = ranked[b * count + i] as GroupEntry;
		}
		bands.push(band);
	}

	// same-street counts per group
	const counts: Array<Map<string, number>> = [];
	for (let g = 0; g < count; g++) counts.push(new Map());
	const countOf = (g: number, street: string | undefined) =>
		street === undefined ? 0 : (counts[g]?.get(street) ?? 0);
	const bump = (g: number, street: string | undefined, by: number) => {
		if (street === undefined) return;
		const m = counts[g] as Map<string, number>;
		m.set(street, (m.get(street) ?? 0) + by);
	};
	for (const band of bands) band.forEach((e, g) => bump(g, e?.street, 1));
	const moveGain = (street: string | undefined, from: number, to: number) =>
		street === undefined ? 0 : countOf(to, street) - (countOf(from, street) - 1);

	// local search: swap within a band while it lowers the number of same-street pairs
	for (let pass = 0; pass < 50; pass++) {
		let improved = false;
		for (let b = 1; b < bands.length; b++) {
			const band = bands[b] as Array<GroupEntry | null>;
			for (let x = 0; x < count; x++) {
				for (let y = x + 1; y < count; y++) {
					const sp = band[x]?.street;
					const sq = band[y]?.street;
					if (sp === sq) continue;
					// same-street pairs gained minus lost by moving p from x to y and q from y to x
					if (moveGain(sp, x, y) + moveGain(sq, y, x) >= 0) continue;
					bump(x, sp, -1);
					bump(y, sq, -1);
					bump(y, sp, 1);
					bump(x, sq, 1);
					const tmp = band[x] ?? null;
					band[x] = band[y] ?? null;
					band[y] = tmp;
					improved = true;
				}
			}
		}
		if (!improved) break;
	}

	// plateau walk: swaps that keep the number of clashes equal may open a way to a better
	// grouping (a clash can need moves in two bands at once); random but seeded
	let clashes = 0;
	for (let g = 0; g < count; g++) {
		for (const c of (counts[g] as Map<string, number>).values()) clashes += (c * (c - 1)) / 2;
	}
	const movableBands = bands.length - 1;
	for (let iter = 0; iter < 20000 && clashes > 0 && movableBands > 0 && count > 1; iter++) {
		const band = bands[1 + randomInt(rng, movableBands)] as Array<GroupEntry | null>;
		const x = randomInt(rng, count);
		const sp = band[x]?.street;
		if (sp === undefined || countOf(x, sp) < 2) continue; // only move players in a clash
		const y = (x + 1 + randomInt(rng, count - 1)) % count;
		const sq = band[y]?.street;
		if (sp === sq) continue;
		const delta = moveGain(sp, x, y) + moveGain(sq, y, x);
		if (delta > 0) continue;
		bump(x, sp, -1);
		bump(y, sq, -1);
		bump(y, sp, 1);
		bump(x, sq, 1);
		const tmp = band[x] ?? null;
		band[x] = band[y] ?? null;
		band[y] = tmp;
		clashes += delta;
	}

	const groups: string[][] = [];
	for (let g = 0; g < count; g++) {
		groups.push(bands.map((band) => band[g]?.id).filter((id): id is string => id !== undefined));
	}
	const streetClashes: StreetClash[] = [];
	groups.forEach((_ids, g) => {
		const byStreet = new Map<string, string[]>();
		for (const band of bands) {
			const e = band[g];
			if (e?.street === undefined) continue;
			const list = byStreet.get(e.street) ?? [];
			list.push(e.id);
			byStreet.set(e.street, list);
		}
		for (const [street, list] of byStreet) {
			if (list.length > 1) streetClashes.push({ group: g, street, ids: list });
		}
	});
	return { groups, streetClashes };
}
