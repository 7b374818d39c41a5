import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { RuleViolation } from '../errors';
import type { SwissGame, SwissPlayer } from '../draws/swiss';
import { swissMessages } from '../draws/swissMessages';
import { SWISS_TIE_BREAKS, swissStandings, type SwissTieBreak } from './swissStandings';

const P2 = { win: 2, draw: 1, loss: 0, bye: 2 };
const P1 = { win: 1, draw: 0.5, loss: 0, bye: 1 };

function game(red: string, black: string | null, outcome: SwissGame['outcome']): SwissGame {
	return { red, black, outcome };
}

const players: SwissPlayer[] = ['A', 'B', 'C', 'D', 'E'].map((id, i) => ({ id, seed: i + 1 }));

// Final scores (2/1/0): A 3, B 3, C 3, D 5, E 2. E is absent in round 3 (unplayed).
const history: SwissGame[][] = [
	[game('A', 'B', 'red'), game('C', 'D', 'draw'), game('E', null, 'bye')],
	[game('A', 'C', 'draw'), game('E', 'B', 'black'), game('D', null, 'bye')],
	[game('D', 'A', 'red'), game('B', 'C', 'draw')]
];

function byId(tieBreaks: SwissTieBreak[], points = P2) {
	const rows = swissStandings({ players, history, points, tieBreaks });
	return new Map(rows.map((r) => [r.id, r]));
}

describe('swissStandings: scores and tie-break values', () => {
	it('adds 2 for a win, 1 for a draw and 2 for a bye', () => {
		const rows = byId([]);
		expect(['A', 'B', 'C', 'D', 'E'].map((id) => rows.get(id)!.score)).toEqual([3, 3, 3, 5, 2]);
	});

	it('counts a bye or absent round as a virtual opponent with the own score in Buchholz', () => {
		const rows = byId(['buchholz']);
		// A: B 3 + C 3 + D 5. D: C 3 + bye (own 5) + A 3. E: bye (own 2) + B 3 + absent (own 2).
		expect(rows.get('A')!.tieBreaks.buchholz).toBe(11);
		expect(rows.get('B')!.tieBreaks.buchholz).toBe(8);
		expect(rows.get('D')!.tieBreaks.buchholz).toBe(11);
		expect(rows.get('E')!.tieBreaks.buchholz).toBe(7);
		expect(swissMessages['swiss.tiebreak_rule.unplayed'].en).toContain('own final score');
	});

	it('cuts the lowest opponent for Buchholz cut 1 and the highest and lowest for median', () => {
		const rows = byId(['buchholzCut1', 'medianBuchholz']);
		expect(rows.get('A')!.tieBreaks).toEqual({ buchholzCut1: 8, medianBuchholz: 3 });
		expect(rows.get('E')!.tieBreaks).toEqual({ buchholzCut1: 5, medianBuchholz: 2 });
	});

	it('computes Sonneborn-Berger from beaten and half of drawn opponents’ scores', () => {
		const rows = byId(['sonnebornBerger']);
		// A beat B (3) and drew C (3): 3 + 1.5. D drew C, had a bye (own 5), beat A: 1.5 + 5 + 3.
		expect(rows.get('A')!.tieBreaks.sonnebornBerger).toBe(4.5);
		expect(rows.get('C')!.tieBreaks.sonnebornBerger).toBe(5.5);
		expect(rows.get('D')!.tieBreaks.sonnebornBerger).toBe(9.5);
		expect(rows.get('E')!.tieBreaks.sonnebornBerger).toBe(2);
	});

	it('computes the progressive score, wins over the board and games as black', () => {
		const rows = byId(['progressive', 'wins', 'blackGames']);
		expect(rows.get('A')!.tieBreaks).toEqual({ progressive: 8, wins: 1, blackGames: 1 });
		expect(rows.get('B')!.tieBreaks).toEqual({ progressive: 5, wins: 1, blackGames: 2 });
		// E's only point-scoring round was a bye, which is not a win over the board.
		expect(rows.get('E')!.tieBreaks).toEqual({ progressive: 6, wins: 0, blackGames: 0 });
	});

	it('scales every value with 1/½/0 points', () => {
		const half = byId(['buchholz', 'sonnebornBerger', 'progressive'], P1);
		expect(half.get('A')!.score).toBe(1.5);
		expect(half.get('A')!.tieBreaks).toEqual({
			buchholz: 5.5,
			sonnebornBerger: 2.25,
			progressive: 4
		});
	});
});

describe('swissStandings: order and ranks', () => {
	it('orders by score, then by the tie-breaks in the order given', () => {
		const tieBreaks: SwissTieBreak[] = ['buchholz', 'sonnebornBerger'];
		const rows = swissStandings({ players, history, points: P2, tieBreaks });
		expect(rows.map((r) => `${r.rank}${r.id}`)).toEqual(['1D', '2C', '3A', '4B', '5E']);
	});

	it('lets fully tied players share a rank', () => {
		const rows = swissStandings({ players, history, points: P2, tieBreaks: ['buchholz'] });
		expect(rows.map((r) => `${r.rank}${r.id}`)).toEqual(['1D', '2A', '2C', '4B', '5E']);
	});

	it('uses direct encounter among all players tied on score when they all met', () => {
		const rows = swissStandings({ players, history, points: P2, tieBreaks: ['directEncounter'] });
		// A, B, C all 3 and all met: A 2 + 1, C 1 + 1, B 0 + 1.
		expect(rows.map((r) => `${r.rank}${r.id}`)).toEqual(['1D', '2A', '3C', '4B', '5E']);
		expect(rows.find((r) => r.id === 'A')!.tieBreaks.directEncounter).toBe(3);
		expect(rows.find((r) => r.id === 'D')!.tieBreaks.directEncounter).toBe(0);
	});

	it('applies direct encounter only within the set still tied after earlier tie-breaks', () => {
		const rows = byId(['buchholz', 'directEncounter']);
		// A and C are still tied after Buchholz (11); their game was a draw.
		expect(rows.get('A')!.tieBreaks.directEncounter).toBe(1);
		expect(rows.get('C')!.tieBreaks.directEncounter).toBe(1);
		expect(rows.get('B')!.tieBreaks.directEncounter).toBe(0);
		expect(rows.get('A')!.rank).toBe(rows.get('C')!.rank);
	});

	it('gives direct encounter 0 to a tied set in which not everybody met', () => {
		const four: SwissPlayer[] = ['W', 'X', 'Y', 'Z'].map((id, i) => ({ id, seed: i + 1 }));
		// X, Y and Z end on 2 points; X beat Y, but Z met neither (Z and X sat out round 2).
		const h = [[game('X', 'Y', 'red'), game('Z', 'W', 'red')], [game('Y', 'W', 'red')]];
		const rows = swissStandings({
			players: four,
			history: h,
			points: P2,
			tieBreaks: ['directEncounter']
		});
		const tied = rows.filter((r) => r.score === 2);
		expect(tied.map((r) => r.id).sort()).toEqual(['X', 'Y', 'Z']);
		expect(tied.every((r) => r.tieBreaks.directEncounter === 0 && r.rank === tied[0]!.rank)).toBe(
			true
		);
	});

	it('lists withdrawn players with what they scored', () => {
		const withWithdrawn = players.map((p) => (p.id === 'E' ? { ...p, withdrawn: true } : p));
		const rows = swissStandings({ players: withWithdrawn, history, points: P2, tieBreaks: [] });
		expect(rows.find((r) => r.id === 'E')!.score).toBe(2);
	});

	it('rejects an unknown tie-break with a code the UI can translate', () => {
		let code = '';
		try {
			swissStandings({
				players,
				history,
				points: P2,
				tieBreaks: ['koya' as SwissTieBreak]
			});
		} catch (e) {
			if (e instanceof RuleViolation) code = e.code;
		}
		expect(code).toBe('swiss.unknown_tiebreak');
		expect(swissMessages['swiss.unknown_tiebreak']['zh-CN']).toContain('{tieBreak}');
	});

	it('has a zh-CN and an English label and explanation for every tie-break', () => {
		for (const tb of SWISS_TIE_BREAKS) {
			const label = swissMessages[`swiss.tiebreak.${tb}`];
			const explain = swissMessages[`swiss.tiebreak.${tb}.explain`];
			expect(label['zh-CN'] && label.en && explain['zh-CN'] && explain.en).toBeTruthy();
		}
		expect(swissMessages['swiss.tiebreak.buchholz']['zh-CN']).toBe('对手分');
		expect(swissMessages['swiss.tiebreak.sonnebornBerger']['zh-CN']).toBe('小分');
		expect(swissMessages['swiss.tiebreak.progressive']['zh-CN']).toBe('累进分');
		expect(swissMessages['swiss.tiebreak.directEncounter']['zh-CN']).toBe('直胜');
		expect(swissMessages['swiss.tiebreak.blackGames']['zh-CN']).toBe('后走局数');
	});
});

describe('swissStandings: properties', () => {
	const event = fc
		.integer({ min: 2, max: 16 })
		.chain((n) =>
			fc.tuple(
				fc.constant(n),
				fc.array(
					fc.array(fc.constantFrom<SwissGame['outcome']>('red', 'black', 'draw'), {
						minLength: n,
						maxLength: n
					}),
					{ minLength: 0, maxLength: 7 }
				),
				fc.shuffledSubarray([...SWISS_TIE_BREAKS])
			)
		)
		.map(([n, results, tieBreaks]) => {
			const ps: SwissPlayer[] = Array.from({ length: n }, (_, i) => ({ id: `p${i}`, seed: i + 1 }));
			// Rotating pairings (round r: i meets i + r + 1), bye to the odd one out.
			const rounds: SwissGame[][] = results.map((res, r) => {
				const order = ps.map((_, i) => ps[(i * (r + 1) + r) % n]!.id);
				const unique = [...new Set(order)];
				for (const p of ps) if (!unique.includes(p.id)) unique.push(p.id);
				const round: SwissGame[] = [];
				for (let i = 0; i + 1 < unique.length; i += 2) {
					round.push(game(unique[i]!, unique[i + 1]!, res[i]!));
				}
				if (unique.length % 2 === 1) round.push(game(unique[unique.length - 1]!, null, 'bye'));
				return round;
			});
			return { ps, rounds, tieBreaks };
		});

	it('ranks by score with shared ranks only for full ties, and 1/½/0 halves 2/1/0', () => {
		fc.assert(
			fc.property(event, ({ ps, rounds, tieBreaks }) => {
				const rows = swissStandings({ players: ps, history: rounds, points: P2, tieBreaks });
				const half = swissStandings({ players: ps, history: rounds, points: P1, tieBreaks });
				expect(rows).toHaveLength(ps.length);
				rows.forEach((r, k) => {
					if (k === 0) {
						expect(r.rank).toBe(1);
						return;
					}
					const prev = rows[k - 1]!;
					expect(prev.score).toBeGreaterThanOrEqual(r.score);
					const same =
						prev.score === r.score &&
						tieBreaks.every((tb) => prev.tieBreaks[tb] === r.tieBreaks[tb]);
					expect(r.rank).toBe(same ? prev.rank : k + 1);
				});
				expect(half.map((r) => r.id)).toEqual(rows.map((r) => r.id));
				half.forEach((r, k) => {
					expect(r.score * 2).toBe(rows[k]!.score);
					for (const tb of ['buchholz', 'sonnebornBerger', 'progressive'] as const) {
						if (tb in r.tieBreaks) {
							expect(r.tieBreaks[tb]! * 2).toBeCloseTo(rows[k]!.tieBreaks[tb]!, 9);
						}
					}
				});
				const total = rows.reduce((s, r) => s + r.score, 0);
				const expected = rounds.flat().length * 2;
				expect(total).toBe(expected);
			}),
			{ seed: 42, numRuns: 200 }
		);
	});

	it('stays fast for 1,000 players over 9 rounds with every tie-break', () => {
		const ps: SwissPlayer[] = Array.from({ length: 1000 }, (_, i) => ({
			id: `p${i}`,
			seed: i + 1
		}));
		const multipliers = [1, 3, 7, 9, 11, 13, 17, 19, 21];
		const rounds: SwissGame[][] = multipliers.map((m, r) => {
			const order = ps.map((_, i) => ps[(i * m + r) % 1000]!.id);
			return Array.from({ length: 500 }, (_, i) =>
				game(order[2 * i]!, order[2 * i + 1]!, i % 3 === 0 ? 'draw' : i % 3 === 1 ? 'red' : 'black')
			);
		});
		const t0 = Date.now();
		const rows = swissStandings({
			players: ps,
			history: rounds,
			points: P2,
			tieBreaks: [...SWISS_TIE_BREAKS]
		});
		expect(rows).toHaveLength(1000);
		expect(Date.now() - t0).toBeLessThan(500);
	});
});
