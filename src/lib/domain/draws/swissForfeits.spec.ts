/**
 * Forfeits (no-shows, 弃权) and absences announced in advance in a Swiss event: the pairer,
 * the manual-pairing check and the standings must all treat them as unplayed rounds.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { RuleViolation } from '../errors';
import { mulberry32 } from './random';
import { pairRound, type SwissGame, type SwissPairing, type SwissPlayer } from './swiss';
import { checkSwissPairing } from './swissCheck';
import { swissStandings } from '../standings/swissStandings';

const P2 = { win: 2, draw: 1, loss: 0, bye: 2 };

function game(red: string, black: string | null, outcome: SwissGame['outcome']): SwissGame {
	return { red, black, outcome };
}

function players(ids: string[], withdrawn: string[] = []): SwissPlayer[] {
	return ids.map((id, i) => ({ id, seed: i + 1, ...(withdrawn.includes(id) ? { withdrawn: true } : {}) }));
}

describe('pairRound with forfeits and absences', () => {
	it('pairs two players again after a forfeit between them, because they never met', () => {
		const history = [[game('A', 'B', 'forfeitBlack')]];
		expect(pairRound({ players: players(['A', 'B']), history, totalRounds: 3 })).toHaveLength(1);
		// a played game between them would forbid it
		const played = [[game('A', 'B', 'red')]];
		expect(() => pairRound({ players: players(['A', 'B']), history: played, totalRounds: 3 })).toThrow(RuleViolation);
	});

	it('records no colour for a forfeit, so it does not count towards three reds running', () => {
		// A: red (played), red (forfeit: Y did not come). B: red, red (both played) → B must take black.
		// If the forfeit counted as a red game, A would have to take black too and no pairing would exist.
		const history = [
			[game('A', 'X', 'red'), game('B', 'Z', 'red')],
			[game('A', 'Y', 'forfeitBlack'), game('B', 'W', 'red')]
		];
		const pairs = pairRound({ players: players(['A', 'B', 'X', 'Y', 'Z', 'W'], ['X', 'Y', 'Z', 'W']), history, totalRounds: 5 });
		expect(pairs).toEqual([{ red: 'A', black: 'B' }]);
	});

	it('scores a forfeit win with the points of a win for the score groups', () => {
		const history = [[game('A', 'B', 'forfeitRed'), game('C', 'D', 'draw')]];
		// B (2, forfeit win) is alone at the top and floats down; A (0) is alone at the bottom
		const pairs = pairRound({ players: players(['A', 'B', 'C', 'D']), history, totalRounds: 3 });
		const boardOf = (id: string) => pairs.findIndex((p) => p.red === id || p.black === id);
		expect(boardOf('B')).toBe(0);
		expect(boardOf('A')).toBe(1);
	});

	it('gives no pairing-allocated bye to a player who already won by forfeit', () => {
		// A is the lowest-ranked of the lowest score group, but scored a win without playing.
		const field: SwissPlayer[] = [
			{ id: 'A', seed: 5 },
			{ id: 'B', seed: 1 },
			{ id: 'C', seed: 2 },
			{ id: 'D', seed: 3 },
			{ id: 'E', seed: 4 }
		];
		const history = [
			[game('A', 'B', 'forfeitBlack'), game('C', 'D', 'red'), game('E', null, 'bye')],
			[game('C', 'A', 'red'), game('B', 'E', 'red'), game('D', null, 'bye')]
		];
		const pairs = pairRound({ players: field, history, totalRounds: 4 });
		expect(pairs.find((p) => p.black === null)?.red).toBe('B');
	});

	it('leaves a player announced absent for the round out of the pairing', () => {
		const field = players(['A', 'B', 'C', 'D', 'E']).map((p) => (p.id === 'C' ? { ...p, absent: true } : p));
		const pairs = pairRound({ players: field, history: [], totalRounds: 3 });
		const ids = pairs.flatMap((p) => [p.red, p.black]).filter((id) => id !== null);
		expect(ids.sort()).toEqual(['A', 'B', 'D', 'E']);
		expect(pairs.some((p) => p.black === null)).toBe(false);
	});

	it('refuses a half-point bye that names an opponent, and a forfeit without one', () => {
		const code = (history: SwissGame[][]) => {
			try {
				pairRound({ players: players(['A', 'B']), history, totalRounds: 3 });
				return 'no error';
			} catch (e) {
				return e instanceof RuleViolation ? e.code : 'other';
			}
		};
		expect(code([[game('A', 'B', 'halfBye')]])).toBe('swiss.invalid_history');
		expect(code([[game('A', null, 'forfeitRed')]])).toBe('swiss.invalid_history');
	});

	it('keeps the absolute rules over random events with forfeits and absences', () => {
		fc.assert(
			fc.property(fc.integer({ min: 4, max: 14 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }), (n, seed) => {
				const random = mulberry32(seed);
				const ids = Array.from({ length: n }, (_, i) => `p${i + 1}`);
				const field: SwissPlayer[] = ids.map((id, i) => ({ id, seed: i + 1 }));
				const history: SwissGame[][] = [];
				const totalRounds = Math.min(5, n - 1);
				for (let r = 0; r < totalRounds; r++) {
					// about one player in six announces an absence for this round
					const absent = new Set(ids.filter(() => random() < 0.15));
					if (n - absent.size < 2) absent.clear();
					const roundField = field.map((p) => (absent.has(p.id) ? { ...p, absent: true } : p));
					let pairs: SwissPairing[];
					try {
						pairs = pairRound({ players: roundField, history, totalRounds });
					} catch (e) {
						if (e instanceof RuleViolation && e.code === 'swiss.no_legal_pairing') return;
						throw e;
					}
					checkRound(roundField, history, pairs, r + 1 === totalRounds);
					const round: SwissGame[] = pairs.map((p) => {
						if (p.black === null) return game(p.red, null, 'bye');
						const x = random();
						const outcome: SwissGame['outcome'] =
							x < 0.1 ? 'forfeitRed' : x < 0.2 ? 'forfeitBlack' : x < 0.25 ? 'forfeitBoth' : x < 0.55 ? 'red' : x < 0.85 ? 'black' : 'draw';
						return game(p.red, p.black, outcome);
					});
					for (const id of absent) round.push(game(id, null, random() < 0.5 ? 'halfBye' : 'zeroBye'));
					history.push(round);
				}
				// every unplayed round is a virtual opponent with the player's own score
				const table = swissStandings({ players: field, history, points: P2, tieBreaks: ['buchholz'] });
				for (const row of table) {
					let expected = 0;
					for (const round of history) {
						const g = round.find((x) => x.red === row.id || x.black === row.id);
						const played = g && (g.outcome === 'red' || g.outcome === 'black' || g.outcome === 'draw');
						const opp = played ? (g.red === row.id ? g.black! : g.red) : null;
						expected += opp === null ? row.score : table.find((t) => t.id === opp)!.score;
					}
					expect(row.tieBreaks.buchholz).toBeCloseTo(expected, 9);
				}
			}),
			{ numRuns: 150 }
		);
	});
});

/** The absolute rules of a round, computed here from the played games only. */
function checkRound(field: SwissPlayer[], history: SwissGame[][], pairs: SwissPairing[], lastRound: boolean): void {
	const met = new Set<string>();
	const colours = new Map<string, number[]>();
	const noBye = new Set<string>();
	for (const round of history) {
		for (const g of round) {
			if (g.outcome === 'bye') noBye.add(g.red);
			if (g.outcome === 'forfeitBlack') noBye.add(g.red);
			if (g.outcome === 'forfeitRed' && g.black) noBye.add(g.black);
			if (g.black === null || !(g.outcome === 'red' || g.outcome === 'black' || g.outcome === 'draw')) continue;
			met.add([g.red, g.black].sort().join('|'));
			colours.set(g.red, [...(colours.get(g.red) ?? []), 1]);
			colours.set(g.black, [...(colours.get(g.black) ?? []), -1]);
		}
	}
	const absent = new Set(field.filter((p) => p.absent).map((p) => p.id));
	const seen = new Set<string>();
	for (const p of pairs) {
		for (const id of [p.red, p.black]) {
			if (id === null) continue;
			expect(absent.has(id)).toBe(false);
			expect(seen.has(id)).toBe(false);
			seen.add(id);
		}
		if (p.black === null) {
			expect(noBye.has(p.red)).toBe(false);
			continue;
		}
		expect(met.has([p.red, p.black].sort().join('|'))).toBe(false);
		if (lastRound) continue;
		for (const [id, c] of [
			[p.red, 1],
			[p.black, -1]
		] as const) {
			const seq = [...(colours.get(id) ?? []), c];
			expect(Math.abs(seq.reduce((s, x) => s + x, 0))).toBeLessThanOrEqual(2);
			expect(seq.length >= 3 && seq.slice(-3).every((x) => x === c)).toBe(false);
		}
	}
	expect(seen.size).toBe(field.length - absent.size);
}

describe('checkSwissPairing with forfeits and absences', () => {
	it('does not call a pairing after a forfeit a rematch, and warns about an absent player paired', () => {
		const field = players(['A', 'B', 'C', 'D']).map((p) => (p.id === 'D' ? { ...p, absent: true } : p));
		const history = [[game('A', 'B', 'forfeitRed'), game('C', 'D', 'draw')]];
		const warnings = checkSwissPairing({ players: field, history, pairings: [{ red: 'B', black: 'A' }, { red: 'D', black: null }] });
		expect(warnings.map((w) => w.code).sort()).toEqual(['swiss.warning.absent', 'swiss.warning.missing']);
		expect(warnings.find((w) => w.code === 'swiss.warning.missing')?.players).toEqual(['C']);
	});

	it('warns when the winner of a forfeit is given the bye', () => {
		const history = [[game('A', 'B', 'forfeitBlack')]];
		const warnings = checkSwissPairing({ players: players(['A', 'B', 'C']), history, pairings: [{ red: 'B', black: 'C' }, { red: 'A', black: null }] });
		expect(warnings).toEqual([{ code: 'swiss.warning.second_bye', players: ['A'] }]);
	});
});

describe('swissStandings with forfeits and absences', () => {
	// A beat C over the board and won by forfeit against B (B did not come); C beat B over the board.
	// D had a half-point bye in round 1 (announced absence) and a zero-point bye in round 2.
	const field = players(['A', 'B', 'C', 'D']);
	const history = [
		[game('A', 'C', 'red'), game('D', null, 'halfBye'), game('B', null, 'zeroBye')],
		[game('A', 'B', 'forfeitBlack'), game('C', 'D', 'red')]
	];

	it('scores a forfeit win as a win and a half-point bye as a draw, a zero-point bye as nothing', () => {
		const rows = swissStandings({ players: field, history, points: P2, tieBreaks: [] });
		expect(Object.fromEntries(rows.map((r) => [r.id, r.score]))).toEqual({ A: 4, B: 0, C: 2, D: 1 });
	});

	it('counts a forfeit and an absence as a virtual opponent with the own score in Buchholz and Sonneborn-Berger', () => {
		const rows = new Map(swissStandings({ players: field, history, points: P2, tieBreaks: ['buchholz', 'sonnebornBerger'] }).map((r) => [r.id, r]));
		// A: C (2) + forfeit win → own 4 = 6. SB: beat C 2 + forfeit win against the virtual 4 = 6.
		expect(rows.get('A')!.tieBreaks).toEqual({ buchholz: 6, sonnebornBerger: 6 });
		// B: zero-point bye (own 0) + forfeit loss (own 0) = 0, not A's 4: they never played.
		expect(rows.get('B')!.tieBreaks.buchholz).toBe(0);
		// D: half-point bye (own 1) + C (2) = 3. SB: half of the virtual 1 = 0.5.
		expect(rows.get('D')!.tieBreaks).toEqual({ buchholz: 3, sonnebornBerger: 0.5 });
	});

	it('counts no win, no black game and no direct encounter for a forfeit', () => {
		const rows = new Map(swissStandings({ players: field, history, points: P2, tieBreaks: ['wins', 'blackGames'] }).map((r) => [r.id, r]));
		expect(rows.get('A')!.tieBreaks).toEqual({ wins: 1, blackGames: 0 });
		expect(rows.get('B')!.tieBreaks).toEqual({ wins: 0, blackGames: 0 });
		// X and Y tie on 2: Y won by forfeit against X, so they did not meet and direct encounter is 0
		const tied = swissStandings({
			players: players(['X', 'Y']),
			history: [[game('X', 'Y', 'forfeitRed')], [game('X', null, 'bye'), game('Y', null, 'zeroBye')]],
			points: P2,
			tieBreaks: ['directEncounter']
		});
		expect(tied.map((r) => [r.id, r.score, r.tieBreaks.directEncounter])).toEqual([
			['X', 2, 0],
			['Y', 2, 0]
		]);
	});

	it('cuts an unplayed round first in Buchholz cut 1, even when a real opponent scored less', () => {
		// P beat R (who ends on 1) and won by forfeit against S.
		const four = players(['P', 'Q', 'R', 'S']);
		const games = [
			[game('P', 'R', 'red'), game('Q', 'S', 'red')],
			[game('P', 'S', 'forfeitBlack'), game('Q', 'R', 'draw')]
		];
		const rows = new Map(swissStandings({ players: four, history: games, points: P2, tieBreaks: ['buchholz', 'buchholzCut1', 'medianBuchholz'] }).map((r) => [r.id, r]));
		// P scores 4: opponents R (1) and the virtual 4 → Buchholz 5; the cut drops the virtual 4, not R's 1.
		expect(rows.get('P')!.score).toBe(4);
		expect(rows.get('P')!.tieBreaks.buchholz).toBe(5);
		expect(rows.get('P')!.tieBreaks.buchholzCut1).toBe(1);
	});
});
