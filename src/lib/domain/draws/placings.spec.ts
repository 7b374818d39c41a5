import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
	knockoutPlacings,
	medalFor,
	placingsFromRanking,
	placingsFromScores,
	type KnockoutResult
} from './placings';
import { RuleViolation } from '../errors';

/** Plays out a whole bracket of `size` where the lower slot index always wins. */
function playOut(size: number, thirdPlace: boolean): KnockoutResult[] {
	const results: KnockoutResult[] = [];
	let alive = Array.from({ length: size }, (_, i) => `p${i}`);
	let round = 1;
	const semiLosers: string[] = [];
	while (alive.length > 1) {
		const next: string[] = [];
		for (let i = 0; i < alive.length; i += 2) {
			const [w, l] = [alive[i] as string, alive[i + 1] as string];
			results.push({ round, index: i / 2, winner: w, loser: l });
			if (alive.length === 4) semiLosers.push(l);
			next.push(w);
		}
		alive = next;
		round++;
	}
	if (thirdPlace && size >= 4) {
		results.push({
			round: round - 1,
			index: 1,
			winner: semiLosers[0] as string,
			loser: semiLosers[1] as string
		});
	}
	return results;
}

describe('knockoutPlacings', () => {
	it('places a 16 bracket: 1, 2, two shared 3rds, four 5ths and eight 9ths', () => {
		const placings = knockoutPlacings({ size: 16, results: playOut(16, false) });
		const places = placings.map((p) => p.place);
		expect(places).toEqual([1, 2, 3, 3, 5, 5, 5, 5, 9, 9, 9, 9, 9, 9, 9, 9]);
		expect(placings.slice(0, 4).map((p) => p.id)).toEqual(['p0', 'p8', 'p4', 'p12']);
	});

	it('gives 3rd and 4th from the third-place match when one is played', () => {
		const placings = knockoutPlacings({ size: 8, results: playOut(8, true), thirdPlace: true });
		expect(placings.map((p) => [p.id, p.place])).toEqual([
			['p0', 1],
			['p4', 2],
			['p2', 3],
			['p6', 4],
			['p1', 5],
			['p3', 5],
			['p5', 5],
			['p7', 5]
		]);
	});

	it('hands out no bronze while the third-place match is still to be played', () => {
		const results = playOut(8, true).filter((r) => !(r.round === 3 && r.index === 1));
		const placings = knockoutPlacings({ size: 8, results, thirdPlace: true });
		expect(placings.map((p) => p.place)).toEqual([1, 2, 5, 5, 5, 5]);
	});

	it('places only decided players and skips byes', () => {
		const placings = knockoutPlacings({
			size: 4,
			results: [
				{ round: 1, index: 0, winner: 'a', loser: null },
				{ round: 1, index: 1, winner: 'c', loser: 'd' }
			]
		});
		expect(placings).toEqual([{ id: 'd', place: 3 }]);
	});

	it('gives every player of a fully played bracket exactly one place, each round sharing one', () => {
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 7 }), fc.boolean(), (k, third) => {
				const size = 2 ** k;
				const results = playOut(size, third);
				const placings = knockoutPlacings({ size, results, thirdPlace: third });
				expect(placings).toHaveLength(size);
				expect(new Set(placings.map((p) => p.id)).size).toBe(size);
				for (const p of placings) {
					const same = placings.filter((q) => q.place === p.place).length;
					expect(p.place + same - 1).toBeLessThanOrEqual(size);
				}
			}),
			{ seed: 42, numRuns: 40 }
		);
	});

	it('refuses a match that does not exist and a player knocked out twice', () => {
		expect(() =>
			knockoutPlacings({ size: 4, results: [{ round: 3, index: 0, winner: 'a', loser: 'b' }] })
		).toThrow(RuleViolation);
		expect(() =>
			knockoutPlacings({
				size: 4,
				results: [
					{ round: 1, index: 0, winner: 'a', loser: 'b' },
					{ round: 2, index: 0, winner: 'c', loser: 'b' }
				]
			})
		).toThrow(RuleViolation);
	});
});

describe('placings from rankings and scores', () => {
	it('keeps shared ranks and cuts at a limit', () => {
		const rows = [
			{ id: 'c', rank: 3 },
			{ id: 'a', rank: 1 },
			{ id: 'b', rank: 1 },
			{ id: 'd', rank: 4 }
		];
		expect(placingsFromRanking(rows, { limit: 3 })).toEqual([
			{ id: 'a', place: 1 },
			{ id: 'b', place: 1 },
			{ id: 'c', place: 3 }
		]);
		expect(() => placingsFromRanking([{ id: 'x', rank: 0 }])).toThrow(RuleViolation);
	});

	it('ranks total scores with ties sharing a place (1, 2, 2, 4)', () => {
		expect(
			placingsFromScores([
				{ id: 'a', score: 180 },
				{ id: 'b', score: 240 },
				{ id: 'c', score: 180 },
				{ id: 'd', score: 100 }
			]).map((p) => [p.id, p.place])
		).toEqual([
			['b', 1],
			['a', 2],
			['c', 2],
			['d', 4]
		]);
		expect(
			placingsFromScores(
				[
					{ id: 'a', score: 3 },
					{ id: 'b', score: 1 }
				],
				{ higherIsBetter: false }
			)[0]?.id
		).toBe('b');
	});

	it('turns places 1-3 into medals', () => {
		expect([1, 2, 3, 4].map(medalFor)).toEqual(['gold', 'silver', 'bronze', null]);
	});
});
