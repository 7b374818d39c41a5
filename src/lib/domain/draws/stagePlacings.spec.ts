import { describe, expect, it } from 'vitest';
import { groupStagePlacings } from './stagePlacings';

describe('groupStagePlacings', () => {
	it('lets group thirds share the place after the knockout players, then the fourths', () => {
		const placings = groupStagePlacings({
			groupRanks: [
				['a1', 'a2', 'a3', 'a4'],
				['b1', 'b2', 'b3'],
				['c1', 'c2', 'c3', 'c4']
			],
			qualifiersPerGroup: 2,
			placed: 6
		});
		expect(placings).toEqual([
			{ id: 'a3', place: 7 },
			{ id: 'b3', place: 7 },
			{ id: 'c3', place: 7 },
			{ id: 'a4', place: 10 },
			{ id: 'c4', place: 10 }
		]);
	});

	it('places nobody when every player qualified', () => {
		expect(groupStagePlacings({ groupRanks: [['a', 'b']], qualifiersPerGroup: 2, placed: 2 })).toEqual([]);
	});
});
