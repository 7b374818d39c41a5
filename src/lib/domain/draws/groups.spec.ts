import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { drawGroups, type GroupEntry } from './groups';
import { RuleViolation } from '../errors';

const entriesArb = (maxN: number, streets: string[]) =>
	fc.integer({ min: 1, max: maxN }).chain((n) =>
		fc.record({
			streets: fc.array(fc.option(fc.constantFrom(...streets), { nil: undefined }), {
				minLength: n,
				maxLength: n
			}),
			seeds: fc.integer({ min: 0, max: n }),
			size: fc.constantFrom(3, 4),
			seed: fc.string({ maxLength: 6 })
		})
	);

const build = (streets: Array<string | undefined>, seeds: number): GroupEntry[] =>
	streets.map((street, i) => ({
		id: `p${i}`,
		...(i < seeds ? { seed: i + 1 } : {}),
		...(street !== undefined ? { street } : {})
	}));

describe('drawGroups', () => {
	it('puts every entry in exactly one of ceil(n / size) groups whose sizes differ by at most one', () => {
		fc.assert(
			fc.property(entriesArb(80, ['a', 'b', 'c', 'd', 'e']), ({ streets, seeds, size, seed }) => {
				const entries = build(streets, seeds);
				const { groups } = drawGroups({ entries, seed, groupSize: size });
				expect(groups).toHaveLength(Math.ceil(entries.length / size));
				expect(groups.flat().sort()).toEqual(entries.map((e) => e.id).sort());
				const sizes = groups.map((g) => g.length);
				expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
				expect(Math.max(...sizes)).toBeLessThanOrEqual(size);
			}),
			{ seed: 42, numRuns: 200 }
		);
	});

	it('makes the top seeds group heads in order and keeps each seed band one player per group', () => {
		fc.assert(
			fc.property(entriesArb(60, ['a', 'b', 'c']), ({ streets, size, seed }) => {
				const entries = build(streets, streets.length); // fully seeded
				const { groups } = drawGroups({ entries, seed, groupSize: size });
				const g = groups.length;
				groups.forEach((ids, i) => {
					expect(ids[0]).toBe(`p${i}`);
					ids.forEach((id, band) => {
						const rank = Number(id.slice(1));
						expect(Math.floor(rank / g)).toBe(band);
					});
				});
			}),
			{ seed: 42, numRuns: 150 }
		);
	});

	it('places seeds in snake order when streets do not get in the way', () => {
		const entries = Array.from({ length: 12 }, (_, i) => ({ id: `s${i + 1}`, seed: i + 1 }));
		const { groups } = drawGroups({ entries, seed: 'x', groupSize: 4 });
		expect(groups).toEqual([
			['s1', 's6', 's7', 's12'],
			['s2', 's5', 's8', 's11'],
			['s3', 's4', 's9', 's10']
		]);
	});

	it('keeps two players of one street apart when there are at least two groups', () => {
		const tenStreets = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'];
		fc.assert(
			fc.property(entriesArb(60, tenStreets), ({ streets, seeds, size, seed }) => {
				// make every street hold at most two players
				const seen = new Map<string, number>();
				const capped = streets.map((s) => {
					if (s === undefined) return undefined;
					const k = (seen.get(s) ?? 0) + 1;
					seen.set(s, k);
					return k <= 2 ? s : undefined;
				});
				const entries = build(capped, seeds);
				fc.pre(Math.ceil(entries.length / size) >= 2);
				const { groups, streetClashes } = drawGroups({ entries, seed, groupSize: size });
				expect(streetClashes).toEqual([]);
				const streetOf = new Map(entries.map((e) => [e.id, e.street]));
				for (const ids of groups) {
					const st = ids.map((id) => streetOf.get(id)).filter((s) => s !== undefined);
					expect(new Set(st).size).toBe(st.length);
				}
			}),
			{ seed: 42, numRuns: 300 }
		);
	});

	it('separates streets as far as possible and reports the clashes it could not avoid', () => {
		// 16 players, 4 groups, 8 from street x: at least two x per group is unavoidable
		const entries = Array.from({ length: 16 }, (_, i) => ({
			id: `p${i}`,
			...(i < 4 ? { seed: i + 1 } : {}),
			street: i % 2 === 0 ? 'x' : `y${i}`
		}));
		const { groups, streetClashes } = drawGroups({ entries, seed: 'z', groupSize: 4 });
		const xs = groups.map((ids) => ids.filter((id) => Number(id.slice(1)) % 2 === 0).length);
		expect(xs).toEqual([2, 2, 2, 2]);
		expect(streetClashes).toHaveLength(4);
		expect(streetClashes[0]).toMatchObject({ street: 'x' });
	});

	it('is reproducible from the seed string and varies with it', () => {
		const entries = Array.from({ length: 30 }, (_, i) => ({ id: `p${i}`, street: `s${i % 6}` }));
		const a = drawGroups({ entries, seed: 'one' });
		expect(drawGroups({ entries, seed: 'one' })).toEqual(a);
		const variants = new Set(
			Array.from({ length: 10 }, (_, i) =>
				JSON.stringify(drawGroups({ entries, seed: `v${i}` }).groups)
			)
		);
		expect(variants.size).toBeGreaterThanOrEqual(9);
	});

	it('honours an explicit number of groups and refuses impossible settings', () => {
		const entries = Array.from({ length: 10 }, (_, i) => ({ id: `p${i}` }));
		expect(drawGroups({ entries, seed: 's', groupCount: 2 }).groups.map((g) => g.length)).toEqual([
			5, 5
		]);
		expect(() => drawGroups({ entries, seed: 's', groupSize: 1 })).toThrow(RuleViolation);
		expect(() => drawGroups({ entries, seed: 's', groupCount: 11 })).toThrow(RuleViolation);
		expect(() => drawGroups({ entries: [], seed: 's' })).toThrow(RuleViolation);
	});
});
