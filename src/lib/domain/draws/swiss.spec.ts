import { mulberry32 } from './random';
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { RuleViolation } from '../errors';
import {
	pairRound,
	type PairRoundOptions,
	type SwissGame,
	type SwissPairing,
	type SwissPlayer,
	type SwissPoints
} from './swiss';
import { swissMessages } from './swissMessages';

const P2: SwissPoints = { win: 2, draw: 1, loss: 0, bye: 2 };

function field(n: number): SwissPlayer[] {
	return Array.from({ length: n }, (_, i) => ({ id: `p${i + 1}`, seed: i + 1 }));
}

function board(g: SwissPairing): string {
	return g.black === null ? `${g.red}-bye` : `${g.red}-${g.black}`;
}

function game(red: string, black: string | null, outcome: SwissGame['outcome']): SwissGame {
	return { red, black, outcome };
}

function codeOf(fn: () => unknown): string {
	try {
		fn();
	} catch (e) {
		if (e instanceof RuleViolation) return e.code;
		throw e;
	}
	return 'no error';
}

/** Small PRNG for simulated results (mulberry32). */

// ---------------------------------------------------------------------------------------------
// An independent reference of the absolute rules (written from the rule book, not from the
// pairer), with an exhaustive search that decides whether any legal pairing exists.
// ---------------------------------------------------------------------------------------------

interface Ref {
	score: Map<string, number>;
	met: Set<string>;
	byes: Set<string>;
	colours: Map<string, string>;
	last: boolean;
}

function reference(players: SwissPlayer[], history: SwissGame[][], totalRounds: number): Ref {
	const ref: Ref = {
		score: new Map(players.map((p) => [p.id, 0])),
		met: new Set(),
		byes: new Set(),
		colours: new Map(players.map((p) => [p.id, ''])),
		last: history.length + 1 === totalRounds
	};
	const add = (id: string, x: number): void => {
		ref.score.set(id, ref.score.get(id)! + x);
	};
	for (const round of history) {
		for (const g of round) {
			if (g.black === null) {
				ref.byes.add(g.red);
				add(g.red, P2.bye);
				continue;
			}
			ref.met.add(`${g.red}|${g.black}`).add(`${g.black}|${g.red}`);
			ref.colours.set(g.red, ref.colours.get(g.red)! + 'R');
			ref.colours.set(g.black, ref.colours.get(g.black)! + 'B');
			add(g.red, g.outcome === 'red' ? 2 : g.outcome === 'draw' ? 1 : 0);
			add(g.black, g.outcome === 'black' ? 2 : g.outcome === 'draw' ? 1 : 0);
		}
	}
	return ref;
}

function colourOk(ref: Ref, id: string, c: 'R' | 'B'): boolean {
	if (ref.last) return true;
	const seq = ref.colours.get(id)! + c;
	const diff = [...seq].reduce((d, x) => d + (x === 'R' ? 1 : -1), 0);
	return Math.abs(diff) <= 2 && !seq.endsWith(c + c + c);
}

function canMeet(ref: Ref, a: string, b: string): boolean {
	if (ref.met.has(`${a}|${b}`)) return false;
	return (
		(colourOk(ref, a, 'R') && colourOk(ref, b, 'B')) ||
		(colourOk(ref, a, 'B') && colourOk(ref, b, 'R'))
	);
}

/** Exhaustive search (most constrained player first); `byeOk` filters who may get the bye. */
function legalPairingExists(ref: Ref, active: string[], byeOk: (id: string) => boolean): boolean {
	const BYE = '\u0000bye';
	const nodes = active.length % 2 === 1 ? [...active, BYE] : [...active];
	const ok = (a: string, b: string): boolean => {
		if (a === BYE) return !ref.byes.has(b) && byeOk(b);
		if (b === BYE) return !ref.byes.has(a) && byeOk(a);
		return canMeet(ref, a, b);
	};
	let budget = 2_000_000;
	const rec = (left: string[]): boolean => {
		if (left.length === 0) return true;
		if (--budget < 0) throw new Error('oracle budget exceeded');
		let pick = -1;
		let options: string[] = [];
		for (let i = 0; i < left.length; i++) {
			const opts = left.filter((b, j) => j !== i && ok(left[i]!, b));
			if (pick === -1 || opts.length < options.length) {
				pick = i;
				options = opts;
				if (opts.length === 0) return false;
			}
		}
		const a = left[pick]!;
		for (const b of options) {
			if (rec(left.filter((x) => x !== a && x !== b))) return true;
		}
		return false;
	};
	return rec(nodes);
}

/** Checks one round against the reference; returns a description of the first problem. */
function problem(
	players: SwissPlayer[],
	history: SwissGame[][],
	totalRounds: number,
	pairing: SwissPairing[]
): string | null {
	const ref = reference(players, history, totalRounds);
	const active = players.filter((p) => !p.withdrawn).map((p) => p.id);
	const seen = new Set<string>();
	let bye: string | null = null;
	for (const g of pairing) {
		for (const id of g.black === null ? [g.red] : [g.red, g.black]) {
			if (!active.includes(id)) return `${id} is not an active player`;
			if (seen.has(id)) return `${id} appears twice`;
			seen.add(id);
		}
		if (g.black === null) {
			if (bye !== null) return 'two byes';
			bye = g.red;
			if (ref.byes.has(g.red)) return `second bye for ${g.red}`;
			continue;
		}
		if (ref.met.has(`${g.red}|${g.black}`)) return `rematch ${board(g)}`;
		if (!colourOk(ref, g.red, 'R')) return `colour rule broken for ${g.red}`;
		if (!colourOk(ref, g.black, 'B')) return `colour rule broken for ${g.black}`;
	}
	if (seen.size !== active.length) return 'not every active player is paired';
	if ((bye !== null) !== (active.length % 2 === 1)) return 'bye count does not match the field';
	if (bye !== null) {
		const s = ref.score.get(bye)!;
		const lower = active.filter((id) => !ref.byes.has(id) && ref.score.get(id)! < s);
		for (const id of lower) {
			if (legalPairingExists(ref, active, (x) => x === id)) {
				const other = ref.score.get(id);
				return `bye to ${bye} (score ${s}) although ${id} (score ${other}) could have it`;
			}
		}
	}
	return null;
}

/** Plays a whole event with random results, checking every round; returns how it ended. */
function playEvent(
	players: SwissPlayer[],
	totalRounds: number,
	seed: number,
	options: PairRoundOptions = {},
	withdrawals = false
): { rounds: number; stopped: boolean } {
	const rnd = mulberry32(seed);
	const history: SwissGame[][] = [];
	const roster = players.map((p) => ({ ...p }));
	for (let r = 0; r < totalRounds; r++) {
		if (withdrawals && r > 0) {
			for (const p of roster) if (rnd() < 0.04) p.withdrawn = true;
		}
		const active = roster.filter((p) => !p.withdrawn).map((p) => p.id);
		if (active.length < 2) return { rounds: r, stopped: true };
		let pairing: SwissPairing[];
		try {
			pairing = pairRound({ players: roster, history, totalRounds }, options);
		} catch (e) {
			if (!(e instanceof RuleViolation) || e.code !== 'swiss.no_legal_pairing') throw e;
			// The pairer gave up: the reference must agree that no legal pairing exists.
			const ref = reference(roster, history, totalRounds);
			expect(legalPairingExists(ref, active, () => true)).toBe(false);
			return { rounds: r, stopped: true };
		}
		expect(problem(roster, history, totalRounds, pairing)).toBeNull();
		history.push(
			pairing.map((g) => {
				if (g.black === null) return game(g.red, null, 'bye');
				const x = rnd();
				return game(g.red, g.black, x < 0.25 ? 'draw' : x < 0.65 ? 'red' : 'black');
			})
		);
	}
	return { rounds: totalRounds, stopped: false };
}

/** Random event shape: n in 2..40, rounds within what a Swiss of that size allows. */
const eventShape = fc
	.integer({ min: 2, max: 40 })
	.chain((n) =>
		fc.record({
			n: fc.constant(n),
			rounds: fc.integer({ min: 1, max: Math.min(9, n % 2 === 0 ? n - 1 : n) }),
			seed: fc.integer({ min: 0, max: 2 ** 31 - 1 })
		})
	);

describe('pairRound: first round', () => {
	it('pairs the top half against the bottom half by seed with alternating colours', () => {
		const pairing = pairRound({ players: field(8), history: [], totalRounds: 5 });
		expect(pairing.map(board)).toEqual(['p1-p5', 'p6-p2', 'p3-p7', 'p8-p4']);
	});

	it('gives the bye of an odd field to the lowest seed and lists it last', () => {
		const pairing = pairRound({ players: field(7), history: [], totalRounds: 5 });
		expect(pairing.map(board)).toEqual(['p1-p4', 'p5-p2', 'p3-p6', 'p7-bye']);
	});

	it('does not depend on the order in which players are listed', () => {
		const players = field(11);
		const shuffled = [...players].reverse();
		expect(pairRound({ players: shuffled, history: [], totalRounds: 5 })).toEqual(
			pairRound({ players, history: [], totalRounds: 5 })
		);
	});
});

describe('pairRound: later rounds', () => {
	const round1 = [
		game('p1', 'p5', 'red'),
		game('p6', 'p2', 'black'),
		game('p3', 'p7', 'draw'),
		game('p8', 'p4', 'red')
	];

	it('pairs within score groups, highest group on the top board', () => {
		const pairing = pairRound({ players: field(8), history: [round1], totalRounds: 5 });
		// Winners p1, p2, p8 (2 points), draws p3, p7 (1), losers p4, p5, p6 (0).
		// p8 floats down to the draw group, p7 floats down to the losers.
		const byPlayer = new Map<string, string>();
		for (const g of pairing) {
			byPlayer.set(g.red, g.black!);
			byPlayer.set(g.black!, g.red);
		}
		expect(byPlayer.get('p1')).toBe('p2');
		expect(pairing[0]!.red === 'p1' || pairing[0]!.black === 'p1').toBe(true);
		expect(problem(field(8), [round1], 5, pairing)).toBeNull();
	});

	it('gives each player the other colour than last round when both can have it', () => {
		const pairing = pairRound({ players: field(8), history: [round1], totalRounds: 5 });
		const lastRed = new Set(['p1', 'p6', 'p3', 'p8']);
		for (const g of pairing) {
			expect(lastRed.has(g.red) && !lastRed.has(g.black!)).toBe(false);
		}
	});

	it('never repeats a game even when the Dutch order would ask for it', () => {
		// All three games drawn: one score group whose ideal Dutch pairs are exactly round 1.
		const players = field(6);
		const history = [
			[game('p1', 'p4', 'draw'), game('p5', 'p2', 'draw'), game('p3', 'p6', 'draw')]
		];
		const pairing = pairRound({ players, history, totalRounds: 5 });
		const before = new Set(['p1|p4', 'p2|p5', 'p3|p6']);
		for (const g of pairing) {
			expect(before.has([g.red, g.black!].sort().join('|'))).toBe(false);
		}
		expect(problem(players, history, 5, pairing)).toBeNull();
	});

	it('gives the bye to the lowest score group, to a player who has not had one', () => {
		const players = field(5);
		const history = [
			[game('p1', 'p3', 'red'), game('p4', 'p2', 'black'), game('p5', null, 'bye')]
		];
		// Scores: p1, p2, p5 have 2; p3, p4 have 0. p4 is the lowest-ranked zero.
		const pairing = pairRound({ players, history, totalRounds: 4 });
		expect(pairing[pairing.length - 1]).toEqual({ red: 'p4', black: null });
	});

	it('skips players who already had a bye and moves up a score group if needed', () => {
		const players = field(3);
		const history = [[game('p1', 'p2', 'red'), game('p3', null, 'bye')]];
		// p2 has 0 points and no bye yet; after p2, the bye cannot go to p3 again.
		const round2 = pairRound({ players, history, totalRounds: 3 });
		expect(round2).toEqual([{ red: 'p3', black: 'p1' }, { red: 'p2', black: null }]);
		const history2 = [...history, [game('p3', 'p1', 'red'), game('p2', null, 'bye')]];
		const round3 = pairRound({ players, history: history2, totalRounds: 3 });
		expect(round3).toEqual([{ red: 'p2', black: 'p3' }, { red: 'p1', black: null }]);
	});

	it('does not pair withdrawn players and still counts their past games', () => {
		const players = field(6).map((p) => (p.id === 'p2' ? { ...p, withdrawn: true } : p));
		const history = [[game('p1', 'p4', 'red'), game('p5', 'p2', 'red'), game('p3', 'p6', 'red')]];
		const pairing = pairRound({ players, history, totalRounds: 4 });
		const ids = pairing.flatMap((g) => [g.red, g.black]);
		expect(ids).not.toContain('p2');
		expect(pairing).toHaveLength(3);
		expect(pairing[2]!.black).toBeNull();
	});

	it('uses 1/½/0 points to form the same score groups as 2/1/0', () => {
		const players = field(10);
		const history = [
			[
				game('p1', 'p6', 'red'),
				game('p7', 'p2', 'draw'),
				game('p3', 'p8', 'black'),
				game('p9', 'p4', 'draw'),
				game('p5', 'p10', 'red')
			]
		];
		const half = { win: 1, draw: 0.5, loss: 0, bye: 1 };
		expect(pairRound({ players, history, totalRounds: 5, points: half })).toEqual(
			pairRound({ players, history, totalRounds: 5, points: P2 })
		);
	});
});

describe('pairRound: colours', () => {
	// After two rounds p1 and p3 had red twice, p2 and p4 black twice; the only new pairs are
	// p1-p3 and p2-p4, each needing the same colour for both.
	const players = field(4);
	const history = [
		[game('p1', 'p2', 'draw'), game('p3', 'p4', 'draw')],
		[game('p1', 'p4', 'draw'), game('p3', 'p2', 'draw')]
	];

	it('refuses a third same colour in a row before the last round', () => {
		expect(codeOf(() => pairRound({ players, history, totalRounds: 4 }))).toBe(
			'swiss.no_legal_pairing'
		);
	});

	it('relaxes the colour limits in the last round when nothing else is possible', () => {
		const pairing = pairRound({ players, history, totalRounds: 3 });
		expect(pairing.map((g) => [g.red, g.black!].sort().join('-')).sort()).toEqual([
			'p1-p3',
			'p2-p4'
		]);
	});

	it('keeps every red-black difference within 2 over a long event', () => {
		const players = field(12);
		const rnd = mulberry32(7);
		const history: SwissGame[][] = [];
		for (let r = 0; r < 9; r++) {
			const pairing = pairRound({ players, history, totalRounds: 11 });
			history.push(pairing.map((g) => game(g.red, g.black, rnd() < 0.5 ? 'red' : 'black')));
		}
		const diff = new Map<string, number>();
		for (const g of history.flat()) {
			diff.set(g.red, (diff.get(g.red) ?? 0) + 1);
			diff.set(g.black!, (diff.get(g.black!) ?? 0) - 1);
		}
		expect(Math.max(...[...diff.values()].map(Math.abs))).toBeLessThanOrEqual(2);
	});
});

describe('pairRound: errors', () => {
	it('reports when no legal pairing exists, with a message in both languages', () => {
		const players = field(2);
		const history = [[game('p1', 'p2', 'draw')]];
		expect(codeOf(() => pairRound({ players, history, totalRounds: 3 }))).toBe(
			'swiss.no_legal_pairing'
		);
		expect(swissMessages['swiss.no_legal_pairing'].en).toContain('{round}');
	});

	it('refuses to pair beyond the number of rounds of the event', () => {
		const players = field(4);
		const history = [[game('p1', 'p3', 'red'), game('p4', 'p2', 'red')]];
		expect(codeOf(() => pairRound({ players, history, totalRounds: 1 }))).toBe(
			'swiss.rounds_complete'
		);
	});

	it('needs two active players', () => {
		const players = [{ id: 'a', seed: 1 }, { id: 'b', seed: 2, withdrawn: true }];
		expect(codeOf(() => pairRound({ players, history: [], totalRounds: 3 }))).toBe(
			'swiss.not_enough_players'
		);
	});

	it('rejects unknown ids, duplicates, a player twice in a round and bad round counts', () => {
		const players = field(4);
		expect(
			codeOf(() =>
				pairRound({ players, history: [[game('p1', 'zz', 'red')]], totalRounds: 3 })
			)
		).toBe('swiss.unknown_player');
		expect(
			codeOf(() => pairRound({ players: [...players, players[0]!], history: [], totalRounds: 3 }))
		).toBe('swiss.duplicate_player');
		expect(
			codeOf(() =>
				pairRound({
					players,
					history: [[game('p1', 'p2', 'red'), game('p2', 'p3', 'red')]],
					totalRounds: 3
				})
			)
		).toBe('swiss.invalid_history');
		expect(
			codeOf(() => pairRound({ players, history: [[game('p1', null, 'red')]], totalRounds: 3 }))
		).toBe('swiss.invalid_history');
		expect(codeOf(() => pairRound({ players, history: [], totalRounds: 0 }))).toBe(
			'swiss.invalid_total_rounds'
		);
	});

	it('has a zh-CN and an English text for every code it raises', () => {
		const codes = [
			'swiss.no_legal_pairing',
			'swiss.rounds_complete',
			'swiss.not_enough_players',
			'swiss.unknown_player',
			'swiss.duplicate_player',
			'swiss.invalid_history',
			'swiss.invalid_total_rounds',
			'swiss.invalid_player',
			'swiss.invalid_seed',
			'swiss.invalid_points'
		] as const;
		for (const code of codes) {
			expect(swissMessages[code]['zh-CN'].length).toBeGreaterThan(0);
			expect(swissMessages[code].en.length).toBeGreaterThan(0);
		}
	});
});

describe('pairRound: properties', () => {
	it('pairs every round of random events legally, or shows that no legal pairing exists', () => {
		let stopped = 0;
		fc.assert(
			fc.property(eventShape, ({ n, rounds, seed }) => {
				if (playEvent(field(n), rounds, seed).stopped) stopped++;
			}),
			{ seed: 42, numRuns: 70 }
		);
		// Dead ends exist in tiny, long events, but must stay exceptional.
		expect(stopped).toBeLessThan(20);
	});

	it('keeps the rules with withdrawals during the event', () => {
		fc.assert(
			fc.property(eventShape, ({ n, rounds, seed }) => {
				playEvent(field(n), rounds, seed, {}, true);
			}),
			{ seed: 7, numRuns: 30 }
		);
	});

	it('keeps the rules on the large-field path (greedy, window repair, augmenting fallback)', () => {
		fc.assert(
			fc.property(
				eventShape,
				fc.integer({ min: 2, max: 16 }),
				fc.integer({ min: 0, max: 40 }),
				({ n, rounds, seed }, firstWindow, windowLimit) => {
					// Tiny windows force every stage: greedy, partial exact windows, augmenting paths.
					playEvent(field(n), rounds, seed, { exactLimit: 0, firstWindow, windowLimit });
				}
			),
			{ seed: 42, numRuns: 60 }
		);
	});

	it('finds a pairing on the large-field path whenever the exact path finds one', () => {
		fc.assert(
			fc.property(eventShape, ({ n, rounds, seed }) => {
				const rnd = mulberry32(seed);
				const players = field(n);
				const history: SwissGame[][] = [];
				for (let r = 0; r < rounds; r++) {
					let exact: SwissPairing[];
					try {
						exact = pairRound({ players, history, totalRounds: rounds });
					} catch {
						return;
					}
					const fast = pairRound({ players, history, totalRounds: rounds }, { exactLimit: 0 });
					expect(problem(players, history, rounds, fast)).toBeNull();
					history.push(
						exact.map((g) =>
							game(g.red, g.black, g.black === null ? 'bye' : rnd() < 0.5 ? 'red' : 'draw')
						)
					);
				}
			}),
			{ seed: 3, numRuns: 40 }
		);
	});

	it('is deterministic: the same input gives the same pairing', () => {
		fc.assert(
			fc.property(eventShape, ({ n, rounds, seed }) => {
				const rnd = mulberry32(seed);
				const players = field(n);
				const history: SwissGame[][] = [];
				for (let r = 0; r < Math.min(rounds, 3); r++) {
					const a = pairRound({ players, history, totalRounds: rounds });
					const b = pairRound({ players: [...players].reverse(), history, totalRounds: rounds });
					expect(b).toEqual(a);
					history.push(
						a.map((g) =>
							game(g.red, g.black, g.black === null ? 'bye' : rnd() < 0.5 ? 'red' : 'draw')
						)
					);
				}
			}),
			{ seed: 11, numRuns: 25 }
		);
	});

	it('keeps score gaps as small as the field allows (exhaustive check on small fields)', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 3, max: 9 }),
				fc.integer({ min: 1, max: 4 }),
				fc.integer({ min: 0, max: 2 ** 31 - 1 }),
				(n, played, seed) => {
					const rnd = mulberry32(seed);
					const players = field(n);
					const history: SwissGame[][] = [];
					const totalRounds = 9;
					for (let r = 0; r < played; r++) {
						let pairing: SwissPairing[];
						try {
							pairing = pairRound({ players, history, totalRounds });
						} catch {
							return;
						}
						history.push(
							pairing.map((g) => {
								const x = rnd();
								if (g.black === null) return game(g.red, null, 'bye');
								return game(g.red, g.black, x < 0.3 ? 'draw' : x < 0.65 ? 'red' : 'black');
							})
						);
					}
					let pairing: SwissPairing[];
					try {
						pairing = pairRound({ players, history, totalRounds });
					} catch {
						return;
					}
					const ref = reference(players, history, totalRounds);
					const cost = (pairs: Array<[string, string | null]>): [number, number] => {
						let bye = 0;
						let gaps = 0;
						for (const [a, b] of pairs) {
							if (b === null) bye = ref.score.get(a)!;
							else gaps += (ref.score.get(a)! - ref.score.get(b)!) ** 2;
						}
						return [bye, gaps];
					};
					const got = cost(pairing.map((g) => [g.red, g.black]));
					const best = bestCost(ref, players.map((p) => p.id), cost);
					expect(got).toEqual(best);
				}
			),
			{ seed: 5, numRuns: 120 }
		);
	});
});

/** Lexicographically smallest [bye score, Σ gap²] over every legal pairing (n ≤ 9). */
function bestCost(
	ref: Ref,
	ids: string[],
	cost: (pairs: Array<[string, string | null]>) => [number, number]
): [number, number] {
	let best: [number, number] = [Infinity, Infinity];
	const rec = (left: string[], acc: Array<[string, string | null]>): void => {
		if (left.length === 0) {
			const c = cost(acc);
			if (c[0] < best[0] || (c[0] === best[0] && c[1] < best[1])) best = c;
			return;
		}
		const [a, ...rest] = left as [string, ...string[]];
		if (left.length % 2 === 1 && !ref.byes.has(a)) rec(rest, [...acc, [a, null]]);
		for (const b of rest) {
			if (canMeet(ref, a, b)) {
				rec(
					rest.filter((x) => x !== b),
					[...acc, [a, b]]
				);
			}
		}
	};
	rec(ids, []);
	return best;
}

describe('pairRound: large fields', () => {
	it('pairs 300 players over 9 rounds legally with score gaps of at most one step', () => {
		const players = field(301);
		const rnd = mulberry32(2024);
		const history: SwissGame[][] = [];
		for (let r = 0; r < 9; r++) {
			const pairing = pairRound({ players, history, totalRounds: 9 });
			expect(problem(players, history, 9, pairing)).toBeNull();
			const ref = reference(players, history, 9);
			for (const g of pairing) {
				if (g.black !== null) {
					expect(Math.abs(ref.score.get(g.red)! - ref.score.get(g.black)!)).toBeLessThanOrEqual(1);
				}
			}
			history.push(
				pairing.map((g) => {
					const x = rnd();
					if (g.black === null) return game(g.red, null, 'bye');
					return game(g.red, g.black, x < 0.25 ? 'draw' : x < 0.6 ? 'red' : 'black');
				})
			);
		}
	});
});
