import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	apply,
	gameWinner,
	init,
	isValidGameScore,
	serverAt,
	summary,
	type TableTennisEvent,
	type TableTennisFormat,
	type TableTennisState
} from './tableTennis';
import { deepFreeze, snapshot, violationCode } from './testing';
import type { Side } from './types';

const bo5: TableTennisFormat = { bestOf: 5, firstServer: 'A' };

/** Plays points given as a string of sides, e.g. 'AABAB'. */
function play(state: TableTennisState, sides: string): TableTennisState {
	let s = state;
	for (const ch of sides) s = apply(s, { type: 'point', side: ch as Side });
	return s;
}

/** `n` points in a row for one side. */
const run = (side: Side, n: number) => side.repeat(n);

/** Points that bring the current game from 0-0 to `a`-`b` without finishing it early. */
function reach(a: number, b: number): string {
	let out = '';
	let x = 0;
	let y = 0;
	while (x < a || y < b) {
		if (x < a && (x <= y || y >= b)) {
			out += 'A';
			x++;
		} else {
			out += 'B';
			y++;
		}
	}
	return out;
}

describe('table tennis: games', () => {
	it('starts a match with one empty game and the chosen first server', () => {
		const s = summary(init(bo5));
		expect(s).toMatchObject({
			finished: false,
			winner: null,
			games: [{ a: 0, b: 0 }],
			gamesWon: { a: 0, b: 0 },
			server: 'A',
			receiver: 'B',
			gameNumber: 1,
			isDecidingGame: false,
			result: null
		});
	});

	it('refuses a format that is not best of 3, 5 or 7', () => {
		expect(violationCode(() => init({ bestOf: 4 as 5, firstServer: 'A' }))).toBe('tt.invalid_best_of');
		expect(violationCode(() => init({ bestOf: 5, firstServer: 'C' as Side }))).toBe(
			'scoring.invalid_side'
		);
	});

	it('wins a game at 11-9 and opens the next game at 0-0', () => {
		const s = summary(play(init(bo5), reach(10, 9) + 'A'));
		expect(s.games).toEqual([
			{ a: 11, b: 9 },
			{ a: 0, b: 0 }
		]);
		expect(s.gamesWon).toEqual({ a: 1, b: 0 });
		expect(s.gameNumber).toBe(2);
	});

	it('does not end a game at 11-10 after 10-10, and ends it at 12-10', () => {
		let st = play(init(bo5), reach(10, 10));
		st = play(st, 'A');
		expect(summary(st).games).toEqual([{ a: 11, b: 10 }]);
		st = play(st, 'B');
		expect(summary(st).games).toEqual([{ a: 11, b: 11 }]);
		st = play(st, 'AA');
		expect(summary(st).games).toEqual([
			{ a: 13, b: 11 },
			{ a: 0, b: 0 }
		]);
		const direct = summary(play(init(bo5), reach(10, 10) + 'AA'));
		expect(direct.games[0]).toEqual({ a: 12, b: 10 });
		expect(direct.gamesWon).toEqual({ a: 1, b: 0 });
	});

	it('ends a best of 5 when a player wins the third game, and refuses a further point', () => {
		let st = play(init(bo5), run('A', 11) + run('B', 11) + run('A', 11));
		expect(summary(st).finished).toBe(false);
		st = play(st, run('A', 11));
		const s = summary(st);
		expect(s.finished).toBe(true);
		expect(s.winner).toBe('A');
		expect(s.gamesWon).toEqual({ a: 3, b: 1 });
		expect(s.games).toHaveLength(4);
		expect(s.result).toEqual({ method: 'played' });
		expect(violationCode(() => apply(st, { type: 'point', side: 'B' }))).toBe('tt.match_over');
		expect(violationCode(() => apply(st, { type: 'timeout', side: 'B' }))).toBe('tt.match_over');
	});

	it('ends a best of 3 after two games and a best of 7 after four', () => {
		const three = summary(play(init({ bestOf: 3, firstServer: 'A' }), run('B', 22)));
		expect(three).toMatchObject({ finished: true, winner: 'B', gamesWon: { a: 0, b: 2 } });
		const seven = init({ bestOf: 7, firstServer: 'A' });
		expect(summary(play(seven, run('A', 33))).finished).toBe(false);
		expect(summary(play(seven, run('A', 44)))).toMatchObject({ finished: true, winner: 'A' });
	});

	it('classifies final game scores the way the laws do', () => {
		expect(isValidGameScore({ a: 11, b: 9 })).toBe(true);
		expect(isValidGameScore({ a: 11, b: 0 })).toBe(true);
		expect(isValidGameScore({ a: 12, b: 10 })).toBe(true);
		expect(isValidGameScore({ a: 14, b: 16 })).toBe(true);
		expect(isValidGameScore({ a: 11, b: 10 })).toBe(false);
		expect(isValidGameScore({ a: 12, b: 9 })).toBe(false);
		expect(isValidGameScore({ a: 13, b: 10 })).toBe(false);
		expect(isValidGameScore({ a: 10, b: 8 })).toBe(false);
		expect(gameWinner({ a: 10, b: 12 })).toBe('B');
		expect(gameWinner({ a: 11, b: 10 })).toBeNull();
	});
});

describe('table tennis: service', () => {
	it('changes service after every two points before 10-10', () => {
		let st = init(bo5);
		const servers: Side[] = [];
		for (const side of 'ABABABAB') {
			servers.push(summary(st).server);
			st = apply(st, { type: 'point', side: side as Side });
		}
		expect(servers).toEqual(['A', 'A', 'B', 'B', 'A', 'A', 'B', 'B']);
	});

	it('changes service after every point from 10-10, starting with the first server of the game', () => {
		let st = play(init(bo5), reach(10, 10));
		const servers: Side[] = [];
		for (const side of 'ABABAB') {
			servers.push(summary(st).server);
			st = apply(st, { type: 'point', side: side as Side });
		}
		expect(servers).toEqual(['A', 'B', 'A', 'B', 'A', 'B']);
		expect(summary(st).deuce).toBe(true);
	});

	it('gives the first service of each game to the first receiver of the game before', () => {
		const st = init({ bestOf: 7, firstServer: 'B' });
		const firstServers: Side[] = [];
		let s = st;
		for (let g = 0; g < 6; g++) {
			firstServers.push(summary(s).server);
			s = play(s, run(g % 2 === 0 ? 'A' : 'B', 11));
		}
		expect(firstServers).toEqual(['B', 'A', 'B', 'A', 'B', 'A']);
		expect(serverAt('A', 1, { a: 0, b: 0 })).toBe('B');
		expect(serverAt('A', 2, { a: 2, b: 0 })).toBe('B');
	});
});

describe('table tennis: ends', () => {
	it('asks for a change of ends after each game but not after the last one', () => {
		let st = play(init({ bestOf: 3, firstServer: 'A' }), run('A', 11));
		expect(summary(st)).toMatchObject({ changeEnds: true, endChanges: 1 });
		st = play(st, 'B');
		expect(summary(st).changeEnds).toBe(false);
		st = play(st, run('A', 11));
		expect(summary(st)).toMatchObject({ finished: true, changeEnds: false, endChanges: 1 });
	});

	it('changes ends when a player first reaches 5 in the deciding game only', () => {
		let st = play(init(bo5), run('A', 11) + run('B', 11) + run('A', 11) + run('B', 11));
		const s4 = summary(st);
		expect(s4.isDecidingGame).toBe(true);
		expect(s4.gameNumber).toBe(5);
		expect(s4.endChanges).toBe(4);
		st = play(st, reach(4, 4));
		expect(summary(st).changeEnds).toBe(false);
		st = play(st, 'B');
		expect(summary(st)).toMatchObject({ changeEnds: true, endChanges: 5, currentGame: { a: 4, b: 5 } });
		st = play(st, 'A');
		expect(summary(st)).toMatchObject({ changeEnds: false, endChanges: 5 });
		st = play(st, 'BA');
		expect(summary(st).endChanges).toBe(5);
	});

	it('does not change ends at 5 in a game that is not the last possible one', () => {
		const st = play(init(bo5), run('A', 5));
		expect(summary(st)).toMatchObject({ changeEnds: false, endChanges: 0, isDecidingGame: false });
	});
});

describe('table tennis: game and match points', () => {
	it('shows game point at 10-8 and match point when that game would win the match', () => {
		let st = play(init({ bestOf: 3, firstServer: 'A' }), reach(10, 8));
		expect(summary(st)).toMatchObject({ gamePoint: 'A', matchPoint: null, deuce: false });
		st = play(st, 'A' + reach(8, 10));
		expect(summary(st)).toMatchObject({ gamePoint: 'B', matchPoint: null });
		st = play(st, 'AA');
		expect(summary(st)).toMatchObject({ gamePoint: null, matchPoint: null, deuce: true });
		st = play(st, 'A');
		expect(summary(st)).toMatchObject({ gamePoint: 'A', matchPoint: 'A', deuce: true });
	});
});

describe('table tennis: time-outs', () => {
	it('allows one time-out per player per match and refuses a second one', () => {
		let st = apply(init(bo5), { type: 'timeout', side: 'A' });
		expect(summary(st).timeoutsUsed).toEqual({ a: 1, b: 0 });
		expect(summary(st).timeoutsLeft).toEqual({ a: 0, b: 1 });
		st = play(st, run('A', 11));
		expect(violationCode(() => apply(st, { type: 'timeout', side: 'A' }))).toBe('tt.timeout_used');
		st = apply(st, { type: 'timeout', side: 'B' });
		expect(summary(st).timeoutsUsed).toEqual({ a: 1, b: 1 });
	});

	it('keeps the change-of-ends prompt when a time-out is called at the game break', () => {
		let st = play(init(bo5), run('A', 11));
		st = apply(st, { type: 'timeout', side: 'B' });
		expect(summary(st).changeEnds).toBe(true);
	});
});

describe('table tennis: walkover, retirement, disqualification', () => {
	it('awards a walkover before the first point, with no games', () => {
		const st = apply(init(bo5), { type: 'walkover', absent: 'B' });
		const s = summary(st);
		expect(s).toMatchObject({
			finished: true,
			winner: 'A',
			games: [],
			gamesWon: { a: 0, b: 0 },
			gameNumber: 0,
			result: { method: 'walkover', side: 'B' }
		});
		expect(violationCode(() => apply(st, { type: 'point', side: 'A' }))).toBe('tt.match_over');
	});

	it('refuses a walkover once a point has been scored', () => {
		const st = play(init(bo5), 'A');
		expect(violationCode(() => apply(st, { type: 'walkover', absent: 'A' }))).toBe(
			'tt.walkover_after_start'
		);
	});

	it('ends the match on retirement and keeps the score so far', () => {
		const st = apply(play(init(bo5), run('A', 11) + reach(5, 7)), { type: 'retire', side: 'A' });
		expect(summary(st)).toMatchObject({
			finished: true,
			winner: 'B',
			games: [
				{ a: 11, b: 0 },
				{ a: 5, b: 7 }
			],
			result: { method: 'retired', side: 'A' }
		});
	});

	it('drops the unstarted game when a player retires at a game break', () => {
		const st = apply(play(init(bo5), run('B', 11)), { type: 'retire', side: 'B' });
		expect(summary(st).games).toEqual([{ a: 0, b: 11 }]);
		expect(summary(st).winner).toBe('A');
	});
});

describe('table tennis: cards', () => {
	it('warns with a yellow card without awarding points, and refuses a second warning', () => {
		const st = apply(play(init(bo5), 'AB'), { type: 'card', side: 'A', card: 'yellow' });
		expect(summary(st).currentGame).toEqual({ a: 1, b: 1 });
		expect(summary(st).cards).toEqual({ a: ['yellow'], b: [] });
		expect(violationCode(() => apply(st, { type: 'card', side: 'A', card: 'yellow' }))).toBe(
			'tt.card_already_warned'
		);
	});

	it('refuses a yellow-red card for a player who has not been warned', () => {
		expect(
			violationCode(() => apply(init(bo5), { type: 'card', side: 'B', card: 'yellowRed' }))
		).toBe('tt.card_yellow_first');
	});

	it('awards 1 and then 2 penalty points to the opponent, then refers to the referee', () => {
		let st = apply(init(bo5), { type: 'card', side: 'A', card: 'yellow' });
		st = apply(st, { type: 'card', side: 'A', card: 'yellowRed' });
		expect(summary(st).currentGame).toEqual({ a: 0, b: 1 });
		st = apply(st, { type: 'card', side: 'A', card: 'yellowRed' });
		const s = summary(st);
		expect(s.currentGame).toEqual({ a: 0, b: 3 });
		expect(s.penaltyPointsAgainst).toEqual({ a: 3, b: 0 });
		expect(s.cards.a).toEqual(['yellow', 'yellowRed', 'yellowRed']);
		// Penalty points are points: after 3 points the service has changed.
		expect(s.server).toBe('B');
		expect(violationCode(() => apply(st, { type: 'card', side: 'A', card: 'yellowRed' }))).toBe(
			'tt.card_refer_to_referee'
		);
	});

	it('carries the second of two penalty points into the next game when the first ends a game', () => {
		let st = play(init(bo5), reach(5, 10));
		st = apply(st, { type: 'card', side: 'A', card: 'yellow' });
		st = apply(st, { type: 'card', side: 'A', card: 'yellowRed' });
		expect(summary(st).games).toEqual([
			{ a: 5, b: 11 },
			{ a: 0, b: 0 }
		]);
		st = play(st, reach(3, 10));
		st = apply(st, { type: 'card', side: 'A', card: 'yellowRed' });
		expect(summary(st).games).toEqual([
			{ a: 5, b: 11 },
			{ a: 3, b: 11 },
			{ a: 0, b: 1 }
		]);
		expect(summary(st).changeEnds).toBe(true);
	});

	it('can end the match with a penalty point', () => {
		let st = play(init({ bestOf: 3, firstServer: 'A' }), run('B', 11) + reach(0, 10));
		st = apply(st, { type: 'card', side: 'A', card: 'yellow' });
		st = apply(st, { type: 'card', side: 'A', card: 'yellowRed' });
		expect(summary(st)).toMatchObject({ finished: true, winner: 'B', result: { method: 'played' } });
	});

	it('changes ends when a penalty point takes a player to 5 in the deciding game', () => {
		let st = play(init({ bestOf: 3, firstServer: 'A' }), run('A', 11) + run('B', 11) + reach(2, 4));
		st = apply(st, { type: 'card', side: 'A', card: 'yellow' });
		st = apply(st, { type: 'card', side: 'A', card: 'yellowRed' });
		expect(summary(st)).toMatchObject({ currentGame: { a: 2, b: 5 }, changeEnds: true });
	});

	it('disqualifies with a red card: the opponent wins and the score is kept', () => {
		const st = apply(play(init(bo5), reach(3, 2)), { type: 'card', side: 'B', card: 'red' });
		expect(summary(st)).toMatchObject({
			finished: true,
			winner: 'A',
			games: [{ a: 3, b: 2 }],
			result: { method: 'disqualified', side: 'B' },
			cards: { a: [], b: ['red'] }
		});
	});

	it('refuses an unknown card', () => {
		expect(
			violationCode(() => apply(init(bo5), { type: 'card', side: 'A', card: 'green' as 'red' }))
		).toBe('tt.invalid_card');
	});
});

describe('table tennis: corrections and bad events', () => {
	const finished = play(init({ bestOf: 3, firstServer: 'A' }), run('A', 22));

	it('replaces the game scores of a finished match by an audited correction', () => {
		const st = apply(finished, {
			type: 'correction',
			games: [
				{ a: 11, b: 9 },
				{ a: 9, b: 11 },
				{ a: 10, b: 12 }
			],
			reason: 'scoresheet shows B won the third game'
		});
		expect(summary(st)).toMatchObject({
			finished: true,
			winner: 'B',
			gamesWon: { a: 1, b: 2 },
			corrected: true
		});
		expect(st.correction).toEqual({ reason: 'scoresheet shows B won the third game' });
	});

	it('refuses corrections that are not complete, valid matches, or lack a reason', () => {
		const correct = (games: { a: number; b: number }[], reason = 'typo') =>
			violationCode(() => apply(finished, { type: 'correction', games, reason }));
		expect(correct([{ a: 11, b: 10 }, { a: 11, b: 3 }])).toBe('tt.correction_invalid_game');
		expect(correct([{ a: 11, b: 3 }])).toBe('tt.correction_invalid_match');
		expect(correct([{ a: 11, b: 3 }, { a: 11, b: 3 }, { a: 3, b: 11 }])).toBe(
			'tt.correction_invalid_match'
		);
		expect(correct([{ a: 11, b: 3 }, { a: 11, b: 3 }], '  ')).toBe(
			'scoring.correction_reason_required'
		);
		expect(
			violationCode(() =>
				apply(init(bo5), { type: 'correction', games: [{ a: 11, b: 3 }], reason: 'x' })
			)
		).toBe('scoring.correction_not_finished');
	});

	it('refuses unknown events and sides', () => {
		expect(violationCode(() => apply(init(bo5), { type: 'let' } as unknown as TableTennisEvent))).toBe(
			'scoring.unknown_event'
		);
		expect(violationCode(() => apply(init(bo5), { type: 'point', side: 'a' as Side }))).toBe(
			'scoring.invalid_side'
		);
	});
});

// --- properties ---------------------------------------------------------------------------

const sideArb = fc.constantFrom<Side>('A', 'B');
const eventArb: fc.Arbitrary<TableTennisEvent> = fc.oneof(
	{ weight: 20, arbitrary: sideArb.map((side) => ({ type: 'point' as const, side })) },
	{ weight: 1, arbitrary: sideArb.map((side) => ({ type: 'timeout' as const, side })) },
	{
		weight: 1,
		arbitrary: fc.record({
			type: fc.constant('card' as const),
			side: sideArb,
			card: fc.constantFrom('yellow' as const, 'yellowRed' as const)
		})
	}
);

describe('table tennis: properties', () => {
	it('never produces a game score the laws forbid, whatever points are played', () => {
		fc.assert(
			fc.property(
				fc.constantFrom<3 | 5 | 7>(3, 5, 7),
				sideArb,
				fc.array(sideArb, { maxLength: 400, size: 'max' }),
				(bestOf, firstServer, points) => {
					let st = init({ bestOf, firstServer });
					let scored = 0;
					for (const side of points) {
						if (st.finished) break;
						st = apply(st, { type: 'point', side });
						scored++;
					}
					const s = summary(st);
					const finishedGames = s.finished ? s.games : s.games.slice(0, -1);
					for (const g of finishedGames) {
						const hi = Math.max(g.a, g.b);
						const lo = Math.min(g.a, g.b);
						expect(hi).toBeGreaterThanOrEqual(11);
						expect((hi === 11 && lo <= 9) || (hi > 11 && hi - lo === 2)).toBe(true);
					}
					const current = s.games[s.games.length - 1];
					if (!s.finished && current) expect(gameWinner(current)).toBeNull();
					const needed = (bestOf + 1) / 2;
					const most = Math.max(s.gamesWon.a, s.gamesWon.b);
					if (s.finished) expect(most).toBe(needed);
					else expect(most).toBeLessThan(needed);
					expect(s.games.reduce((sum, g) => sum + g.a + g.b, 0)).toBe(scored);
				}
			),
			{ seed: 42, numRuns: 300 }
		);
	});

	it('serves in the same order as a referee counting services by hand', () => {
		fc.assert(
			fc.property(sideArb, fc.array(sideArb, { maxLength: 200, size: 'max' }), (firstServer, points) => {
				let st = init({ bestOf: 7, firstServer });
				// The oracle: the umpire's procedure, step by step.
				let gameFirst: Side = firstServer;
				let server: Side = firstServer;
				let a = 0;
				let b = 0;
				for (const side of points) {
					if (st.finished) break;
					expect(summary(st).server).toBe(server);
					st = apply(st, { type: 'point', side });
					if (side === 'A') a++;
					else b++;
					const over = (a >= 11 || b >= 11) && Math.abs(a - b) >= 2;
					if (over) {
						a = 0;
						b = 0;
						gameFirst = gameFirst === 'A' ? 'B' : 'A';
						server = gameFirst;
					} else if ((a >= 10 && b >= 10) || (a + b) % 2 === 0) {
						server = server === 'A' ? 'B' : 'A';
					}
				}
			}),
			{ seed: 42, numRuns: 300 }
		);
	});

	it('never changes the state it is given', () => {
		fc.assert(
			fc.property(fc.array(eventArb, { maxLength: 150, size: 'max' }), (events) => {
				let st = deepFreeze(init(bo5));
				for (const event of events) {
					const previous = st;
					const before = snapshot(previous);
					try {
						st = deepFreeze(apply(previous, event));
					} catch (error) {
						if (!(error instanceof Error && error.name === 'RuleViolation')) throw error;
					}
					expect(previous).toEqual(before);
				}
				expect(summary(st).games.length).toBeGreaterThan(0);
			}),
			{ seed: 42, numRuns: 200 }
		);
	});
});
