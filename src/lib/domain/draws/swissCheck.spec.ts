import { describe, expect, it } from 'vitest';
import { checkSwissPairing } from './swissCheck';
import { pairRound } from './swiss';

const players = ['a', 'b', 'c', 'd', 'e'].map((id, i) => ({ id, seed: i + 1 }));

describe('checkSwissPairing', () => {
	it('finds nothing wrong with a round the pairer produced', () => {
		const history = [
			[
				{ red: 'a', black: 'c', outcome: 'red' as const },
				{ red: 'd', black: 'b', outcome: 'draw' as const },
				{ red: 'e', black: null, outcome: 'bye' as const }
			]
		];
		const pairings = pairRound({ players, history, totalRounds: 5 });
		expect(checkSwissPairing({ players, history, pairings })).toEqual([]);
	});

	it('warns about a rematch and a second bye after a manual swap', () => {
		const history = [
			[
				{ red: 'a', black: 'c', outcome: 'red' as const },
				{ red: 'd', black: 'b', outcome: 'draw' as const },
				{ red: 'e', black: null, outcome: 'bye' as const }
			]
		];
		const warnings = checkSwissPairing({
			players,
			history,
			pairings: [
				{ red: 'c', black: 'a' },
				{ red: 'b', black: 'd' },
				{ red: 'e', black: null }
			]
		});
		expect(warnings.map((w) => w.code).sort()).toEqual([
			'swiss.warning.rematch',
			'swiss.warning.rematch',
			'swiss.warning.second_bye'
		]);
	});

	it('warns when a player would get the same colour three times running', () => {
		const two = players.slice(0, 4);
		const history = [
			[
				{ red: 'a', black: 'b', outcome: 'red' as const },
				{ red: 'c', black: 'd', outcome: 'red' as const }
			],
			[
				{ red: 'a', black: 'c', outcome: 'red' as const },
				{ red: 'd', black: 'b', outcome: 'red' as const }
			]
		];
		const warnings = checkSwissPairing({
			players: two,
			history,
			pairings: [
				{ red: 'a', black: 'd' },
				{ red: 'b', black: 'c' }
			]
		});
		expect(warnings).toContainEqual({ code: 'swiss.warning.colour_streak', players: ['a'] });
		expect(warnings).toContainEqual({ code: 'swiss.warning.colour_difference', players: ['a'] });
	});

	it('warns about a player left out or listed twice', () => {
		const warnings = checkSwissPairing({
			players: players.slice(0, 4),
			history: [],
			pairings: [
				{ red: 'a', black: 'b' },
				{ red: 'a', black: 'c' }
			]
		});
		expect(warnings.map((w) => w.code).sort()).toEqual(['swiss.warning.duplicate', 'swiss.warning.missing']);
	});
});
