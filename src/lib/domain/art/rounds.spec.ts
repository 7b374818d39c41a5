import { describe, expect, it } from 'vitest';
import { combineRoundRankings } from './rounds';

describe('combineRoundRankings', () => {
	it('keeps the shortlist round’s order on top and the rest of round 1 below it', () => {
		const round1 = [
			{ id: 'a', rank: 1 },
			{ id: 'b', rank: 2 },
			{ id: 'c', rank: 3 },
			{ id: 'd', rank: 4 },
			{ id: 'e', rank: 5 }
		];
		const shortlist = [
			{ id: 'b', rank: 1 },
			{ id: 'a', rank: 2 },
			{ id: 'c', rank: 3 }
		];
		expect(combineRoundRankings([shortlist, round1]).map((e) => [e.id, e.rank, e.round])).toEqual([
			['b', 1, 0],
			['a', 2, 0],
			['c', 3, 0],
			['d', 4, 1],
			['e', 5, 1]
		]);
	});

	it('lets tied entries of an earlier round keep sharing a rank after the offset', () => {
		const round1 = [
			{ id: 'a', rank: 1 },
			{ id: 'b', rank: 2 },
			{ id: 'c', rank: 2 },
			{ id: 'd', rank: 4 }
		];
		const shortlist = [{ id: 'a', rank: 1 }];
		expect(combineRoundRankings([shortlist, round1]).map((e) => e.rank)).toEqual([1, 2, 2, 4]);
	});

	it('returns a single round unchanged and nothing for no rounds', () => {
		const only = [
			{ id: 'x', rank: 1 },
			{ id: 'y', rank: 1 },
			{ id: 'z', rank: 3 }
		];
		expect(combineRoundRankings([only]).map((e) => e.rank)).toEqual([1, 1, 3]);
		expect(combineRoundRankings([])).toEqual([]);
	});
});
