import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
	bracketRounds,
	bracketSize,
	byeAdvances,
	drawKnockout,
	nextSlot,
	placeGroupQualifiers,
	type KnockoutEntry
} from './knockout';
import { RuleViolation } from '../errors';

const STREETS = ['s1', 's2', 's3', 's4', 's5', 's6', 's7'];

/** A field of n entries, the first `seeds` of them seeded 1..seeds, streets from a small set. */
const field = (opts: { maxEntries: number; maxSeeds: number; streets: boolean }) =>
	fc
		.integer({ min: 1, max: opts.maxEntries })
		.chain((n) =>
			fc.record({
				streets: fc.array(
					opts.streets
						? fc.option(fc.constantFrom(...STREETS), { nil: undefined })
						: fc.constant(undefined),
					{ minLength: n, maxLength: n }
				),
				seeds: fc.integer({ min: 0, max: Math.min(n, opts.maxSeeds) }),
				seed: fc.string({ maxLength: 8 })
			})
		)
		.map(({ streets, seeds, seed }) => ({
			seed,
			entries: streets.map(
				(street, i): KnockoutEntry => ({
					id: `p${i}`,
					...(i < seeds ? { seed: i + 1 } : {}),
					...(street !== undefined ? { street } : {})
				})
			)
		}));

/** Positions reserved for seed rank r (1-based) in a bracket of `size` (ITTF seeding groups). */
function seedPositions(size: number, rank: number): number[] {
	if (rank === 1) return [0];
	if (rank === 2) return [size - 1];
	let k = 2;
	while (rank > 2 * k) k *= 2; // ranks k+1 .. 2k share a group of k positions
	const segment = size / k;
	const out: number[] = [];
	for (let j = 0; j < k; j++) out.push(j % 2 === 0 ? (j + 1) * segment - 1 : j * segment);
	return out;
}

/** Count of ids matching `pred` under every node (heap numbering, leaves at size + slot). */
function nodeCounts(slots: Array<string | null>, pred: (id: string | null) => boolean): Int32Array {
	const size = slots.length;
	const counts = new Int32Array(2 * size);
	slots.forEach((id, p) => {
		if (pred(id)) for (let node = size + p; node >= 1; node >>= 1) counts[node]!++;
	});
	return counts;
}

/** Nodes whose two children differ by more than one in `counts`. */
function unevenNodes(counts: Int32Array): number[] {
	const out: number[] = [];
	for (let node = 1; node < counts.length / 2; node++) {
		if (Math.abs(counts[2 * node]! - counts[2 * node + 1]!) > 1) out.push(node);
	}
	return out;
}

describe('drawKnockout', () => {
	it('places every entry exactly once in a bracket of the next power of two', () => {
		fc.assert(
			fc.property(field({ maxEntries: 70, maxSeeds: 16, streets: true }), ({ entries, seed }) => {
				const draw = drawKnockout({ entries, seed });
				expect(draw.size).toBe(bracketSize(entries.length));
				expect(draw.size).toBeGreaterThanOrEqual(Math.max(2, entries.length));
				expect(draw.size / 2).toBeLessThan(Math.max(2, entries.length));
				expect(draw.slots).toHaveLength(draw.size);
				const placed = draw.slots.filter((s): s is string => s !== null);
				expect(placed.slice().sort()).toEqual(entries.map((e) => e.id).sort());
			}),
			{ seed: 42, numRuns: 300 }
		);
	});

	it('never puts a bye against a bye and gives the byes to the seeds in seed order', () => {
		fc.assert(
			fc.property(field({ maxEntries: 70, maxSeeds: 16, streets: true }), ({ entries, seed }) => {
				const { size, slots } = drawKnockout({ entries, seed });
				for (let i = 0; i < size; i += 2) {
					expect(slots[i] !== null || slots[i + 1] !== null).toBe(true);
				}
				const byes = size - entries.length;
				const seeded = entries.filter((e) => e.seed !== undefined);
				seeded.forEach((e) => {
					const p = slots.indexOf(e.id);
					const hasBye = slots[p ^ 1] === null;
					expect(hasBye).toBe((e.seed as number) <= byes);
				});
			}),
			{ seed: 42, numRuns: 300 }
		);
	});

	it('spreads the byes evenly: at every node the two halves differ by at most one bye', () => {
		fc.assert(
			fc.property(field({ maxEntries: 130, maxSeeds: 8, streets: true }), ({ entries, seed }) => {
				const { slots } = drawKnockout({ entries, seed });
				expect(unevenNodes(nodeCounts(slots, (id) => id === null))).toEqual([]);
			}),
			{ seed: 42, numRuns: 200 }
		);
	});

	it('puts seeds 1 and 2 at the ends and every other seed on its ITTF seeding positions', () => {
		fc.assert(
			fc.property(field({ maxEntries: 70, maxSeeds: 70, streets: true }), ({ entries, seed }) => {
				const { size, slots } = drawKnockout({ entries, seed });
				for (const e of entries) {
					if (e.seed === undefined) continue;
					expect(seedPositions(size, e.seed)).toContain(slots.indexOf(e.id));
				}
			}),
			{ seed: 42, numRuns: 300 }
		);
	});

	it('puts seeds 1-4 in four different quarters and seeds 1-8 in eight different eighths', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 9, max: 100 }),
				fc.string({ maxLength: 6 }),
				(n, seed) => {
					const entries = Array.from({ length: n }, (_, i) => ({
						id: `p${i}`,
						...(i < 8 ? { seed: i + 1 } : {})
					}));
					const { size, slots } = drawKnockout({ entries, seed });
					const part = (id: string, parts: number) =>
						Math.floor(slots.indexOf(id) / (size / parts));
					const quarters = new Set(['p0', 'p1', 'p2', 'p3'].map((id) => part(id, 4)));
					expect(quarters.size).toBe(4);
					const eighths = new Set(entries.slice(0, 8).map((e) => part(e.id, 8)));
					expect(eighths.size).toBe(8);
				}
			),
			{ seed: 42, numRuns: 200 }
		);
	});

	it('without seeds, spreads every street evenly: first over halves, then quarters, and so on', () => {
		fc.assert(
			fc.property(field({ maxEntries: 130, maxSeeds: 0, streets: true }), ({ entries, seed }) => {
				const { size, slots } = drawKnockout({ entries, seed });
				const streetOf = new Map(entries.map((e) => [e.id, e.street]));
				for (const street of STREETS) {
					const counts = nodeCounts(slots, (id) => id !== null && streetOf.get(id) === street);
					expect(unevenNodes(counts)).toEqual([]);
				}
				expect(size).toBe(bracketSize(entries.length));
			}),
			{ seed: 42, numRuns: 300 }
		);
	});

	it('puts two unseeded players of one street in different halves whenever both halves have room', () => {
		fc.assert(
			fc.property(field({ maxEntries: 70, maxSeeds: 16, streets: false }), ({ entries, seed }) => {
				const unseeded = entries.filter((e) => e.seed === undefined);
				fc.pre(unseeded.length >= 2);
				const [x, y] = unseeded as [KnockoutEntry, KnockoutEntry];
				const withStreet = entries.map((e) => (e === x || e === y ? { ...e, street: 'same' } : e));
				const { size, slots } = drawKnockout({ entries: withStreet, seed });
				// room = slots that are neither a seed nor a bye, per half
				const seededIds = new Set(entries.filter((e) => e.seed !== undefined).map((e) => e.id));
				const room = [0, 1].map(
					(h) =>
						slots
							.slice((h * size) / 2, ((h + 1) * size) / 2)
							.filter((id) => id !== null && !seededIds.has(id)).length
				);
				fc.pre(room[0]! >= 1 && room[1]! >= 1);
				const half = (id: string) => (slots.indexOf(id) < size / 2 ? 0 : 1);
				expect(half(x.id)).not.toBe(half(y.id));
			}),
			{ seed: 42, numRuns: 300 }
		);
	});

	it('separates seeds of the same street when their seeding group allows it', () => {
		// seeds 1 and 3 from the same street: seed 3 must go to the bottom half
		for (const seed of ['a', 'b', 'c', 'd', 'e', 'f']) {
			const entries = Array.from({ length: 16 }, (_, i) => ({
				id: `p${i}`,
				...(i < 4 ? { seed: i + 1 } : {}),
				...(i === 0 || i === 2 ? { street: 'x' } : {})
			}));
			const { slots } = drawKnockout({ entries, seed });
			expect(slots.indexOf('p2')).toBe(8);
			expect(slots.indexOf('p0')).toBe(0);
		}
	});

	it('gives the same bracket for the same entries and seed string, and different ones otherwise', () => {
		fc.assert(
			fc.property(field({ maxEntries: 70, maxSeeds: 8, streets: true }), ({ entries, seed }) => {
				const again = drawKnockout({ entries: entries.slice(), seed });
				expect(drawKnockout({ entries, seed })).toEqual(again);
			}),
			{ seed: 42, numRuns: 100 }
		);
		const entries = Array.from({ length: 32 }, (_, i) => ({ id: `p${i}`, street: `s${i % 5}` }));
		const draws = new Set(
			Array.from({ length: 20 }, (_, i) =>
				JSON.stringify(drawKnockout({ entries, seed: `s${i}` }).slots)
			)
		);
		expect(draws.size).toBeGreaterThanOrEqual(18);
	});

	it('handles a single entry as a bracket of two with one bye', () => {
		expect(drawKnockout({ entries: [{ id: 'solo' }], seed: 'x' })).toEqual({
			size: 2,
			slots: ['solo', null]
		});
	});

	it('refuses an empty field, duplicate entries and invalid seeds', () => {
		const code = (f: () => unknown) => {
			try {
				f();
			} catch (e) {
				return e instanceof RuleViolation ? e.code : 'other';
			}
			return 'none';
		};
		expect(code(() => drawKnockout({ entries: [], seed: 'x' }))).toBe('draw.no_entries');
		expect(code(() => drawKnockout({ entries: [{ id: 'a' }, { id: 'a' }], seed: 'x' }))).toBe(
			'draw.duplicate_entry'
		);
		expect(code(() => drawKnockout({ entries: [{ id: 'a', seed: NaN }], seed: 'x' }))).toBe(
			'draw.invalid_seed'
		);
	});

	it('spreads 43 streets over a 1,024 bracket with 32 seeds, every street balanced between halves', () => {
		const entries = Array.from({ length: 1000 }, (_, i) => ({
			id: `p${i}`,
			street: `st${i % 43}`,
			...(i < 32 ? { seed: i + 1 } : {})
		}));
		const { size, slots } = drawKnockout({ entries, seed: 'district-2025' });
		expect(size).toBe(1024);
		const streetOf = new Map(entries.map((e) => [e.id, e.street]));
		for (let s = 0; s < 43; s++) {
			const counts = nodeCounts(slots, (id) => id !== null && streetOf.get(id) === `st${s}`);
			expect(Math.abs(counts[2]! - counts[3]!)).toBeLessThanOrEqual(1);
		}
	});
});

describe('placeGroupQualifiers', () => {
	it('seeds group winners by group order and puts each runner-up in the other half from its winner', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 40 }),
				fc.string({ maxLength: 6 }),
				fc.array(fc.constantFrom(...STREETS), { minLength: 80, maxLength: 80 }),
				(groupCount, seed, streetList) => {
					const groups = Array.from({ length: groupCount }, (_, g) => ({
						group: String.fromCharCode(65 + (g % 26)) + g,
						qualifiers: [`w${g}`, `r${g}`]
					}));
					const streets: Record<string, string> = {};
					groups.forEach((g, i) => {
						streets[`w${i}`] = streetList[2 * i] as string;
						streets[`r${i}`] = streetList[2 * i + 1] as string;
					});
					const { size, slots } = placeGroupQualifiers({ groups, streets, seed });
					expect(slots.indexOf('w0')).toBe(0);
					if (groupCount >= 2) expect(slots.indexOf('w1')).toBe(size - 1);
					for (let g = 0; g < groupCount; g++) {
						const w = slots.indexOf(`w${g}`);
						const r = slots.indexOf(`r${g}`);
						expect(w < size / 2).not.toBe(r < size / 2);
					}
				}
			),
			{ seed: 42, numRuns: 200 }
		);
	});

	it('puts a third qualifier of a group in a quarter without its winner or runner-up', () => {
		const groups = Array.from({ length: 8 }, (_, g) => ({
			group: `G${g}`,
			qualifiers: [`w${g}`, `r${g}`, `t${g}`]
		}));
		const { size, slots } = placeGroupQualifiers({ groups, seed: 'q' });
		for (let g = 0; g < 8; g++) {
			const quarter = (id: string) => Math.floor(slots.indexOf(id) / (size / 4));
			expect(new Set([quarter(`w${g}`), quarter(`r${g}`), quarter(`t${g}`)]).size).toBe(3);
		}
	});
});

describe('bracket model', () => {
	it('lists the rounds of an 8-bracket with their feeders and stage names', () => {
		const rounds = bracketRounds(8);
		expect(rounds.map((r) => r.length)).toEqual([4, 2, 1]);
		expect(rounds.map((r) => r[0]?.stage)).toEqual(['quarterFinal', 'semiFinal', 'final']);
		expect(rounds[0]?.[1]).toMatchObject({
			a: { type: 'slot', slot: 2 },
			b: { type: 'slot', slot: 3 }
		});
		expect(rounds[2]?.[0]).toMatchObject({
			a: { type: 'winner', round: 2, index: 0 },
			b: { type: 'winner', round: 2, index: 1 }
		});
	});

	it('adds a third-place match fed by the semi-final losers when asked', () => {
		const rounds = bracketRounds(16, { thirdPlace: true });
		const last = rounds[3] ?? [];
		expect(last.map((m) => m.stage)).toEqual(['final', 'thirdPlace']);
		expect(last[1]).toMatchObject({
			a: { type: 'loser', round: 3, index: 0 },
			b: { type: 'loser', round: 3, index: 1 }
		});
		expect(rounds[0]?.[0]).toMatchObject({ stage: 'roundOf', players: 16 });
	});

	it('sends a winner to the next round and, with a third-place match, a semi-final loser to it', () => {
		expect(nextSlot(16, { round: 1, index: 5 })).toEqual({
			winner: { round: 2, index: 2, side: 'b' },
			loser: null
		});
		expect(nextSlot(8, { round: 2, index: 1 }, { thirdPlace: true })).toEqual({
			winner: { round: 3, index: 0, side: 'b' },
			loser: { round: 3, index: 1, side: 'b' }
		});
		expect(nextSlot(8, { round: 3, index: 0 })).toEqual({ winner: null, loser: null });
		expect(() => nextSlot(8, { round: 1, index: 4 })).toThrow(RuleViolation);
		expect(() => nextSlot(12, { round: 1, index: 0 })).toThrow(RuleViolation);
	});

	it('lists the players who advance on a bye', () => {
		expect(byeAdvances(['a', null, 'b', 'c', null, 'd', 'e', 'f'])).toEqual([
			{ index: 0, id: 'a' },
			{ index: 2, id: 'd' }
		]);
	});
});
