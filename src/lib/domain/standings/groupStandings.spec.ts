import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { groupStandings, type GroupMatch } from './groupStandings';
import { RuleViolation } from '../errors';

/** A match won 3-x with the given game scores from a's side, e.g. '11-9 11-9 7-11 11-9'. */
const m = (a: string, b: string, scores: string): GroupMatch => ({
	a,
	b,
	games: scores.split(' ').map((g) => {
		const [x, y] = g.split('-').map(Number);
		return { a: x as number, b: y as number };
	})
});

const order = (rows: Array<{ id: string }>) => rows.map((r) => r.id);

describe('groupStandings', () => {
	it('ranks by match points: 2 for a win, 1 for a played loss, 0 for a walkover', () => {
		const rows = groupStandings({
			players: ['A', 'B', 'C'],
			matches: [
				m('A', 'B', '11-5 11-5 11-5'),
				m('B', 'C', '11-5 11-5 11-5'),
				{ a: 'A', b: 'C', games: [], walkover: 'b' }
			]
		});
		expect(rows.map((r) => [r.id, r.matchPoints, r.rank])).toEqual([
			['A', 4, 1],
			['B', 3, 2],
			['C', 1, 3]
		]);
		expect(rows[0]?.decidedBy).toBeNull();
	});

	it('splits a two-way tie by the match between the two players', () => {
		const rows = groupStandings({
			players: ['A', 'B', 'C', 'D'],
			matches: [
				m('B', 'A', '11-9 11-9 11-9'),
				m('A', 'C', '11-0 11-0 11-0'),
				m('A', 'D', '11-0 11-0 11-0'),
				m('C', 'B', '11-9 11-9 11-9'),
				m('B', 'D', '11-0 11-0 11-0'),
				m('D', 'C', '11-9 11-9 11-9')
			]
		});
		// A and B on 5 (B beat A), C and D on 4 (D beat C), whatever the games ratios say
		expect(rows.map((r) => r.matchPoints)).toEqual([5, 5, 4, 4]);
		expect(order(rows)).toEqual(['B', 'A', 'D', 'C']);
		expect(rows.map((r) => r.decidedBy)).toEqual(Array(4).fill('tiedMatchPoints'));
	});

	it('splits a three-way tie on games ratio among the tied players only, not over the whole group', () => {
		// A, B, C beat D and beat each other in a circle; among them A 5:3, C 4:5, B 3:4 in games.
		// Over the whole group (with the D matches) B would be second: A 8:5, B 6:4, C 7:7.
		const rows = groupStandings({
			players: ['A', 'B', 'C', 'D'],
			matches: [
				m('A', 'B', '11-5 11-5 11-5'),
				m('B', 'C', '11-5 11-5 5-11 11-5'),
				m('C', 'A', '11-5 5-11 11-5 5-11 11-5'),
				m('A', 'D', '11-5 5-11 11-5 5-11 11-5'),
				m('B', 'D', '11-5 11-5 11-5'),
				m('C', 'D', '11-5 5-11 11-5 5-11 11-5')
			]
		});
		expect(rows.map((r) => r.matchPoints)).toEqual([5, 5, 5, 3]);
		expect(order(rows)).toEqual(['A', 'C', 'B', 'D']);
		expect(rows.slice(0, 3).map((r) => r.decidedBy)).toEqual([
			'tiedGamesRatio',
			'tiedGamesRatio',
			'tiedGamesRatio'
		]);
		expect(rows[0]).toMatchObject({ gamesWon: 8, gamesLost: 5, played: 3, wins: 2, losses: 1 });
	});

	it('goes to points ratio among the tied when their games ratio is level', () => {
		// each beat one of the others 3-1: games 4:4 for all three; points decide
		const rows = groupStandings({
			players: ['A', 'B', 'C'],
			matches: [
				m('A', 'B', '11-5 11-5 5-11 11-5'), // A 38 : B 26
				m('B', 'C', '11-9 11-9 9-11 11-9'), // B 42 : C 38
				m('C', 'A', '11-7 11-7 7-11 11-7') // C 40 : A 32
			]
		});
		// A 70:66, C 78:74, B 68:76
		expect(order(rows)).toEqual(['A', 'C', 'B']);
		expect(rows.map((r) => r.decidedBy)).toEqual([
			'tiedPointsRatio',
			'tiedPointsRatio',
			'tiedPointsRatio'
		]);
	});

	it('restarts from the match between the last two when a step places only one of three (ITTF 3.7.5.3)', () => {
		// games 4:4 each; points: C 78:64 first, A and B both 71:78 -> A beat B, so A is second,
		// although B comes first in draw order (which a lot without the restart would use)
		const rows = groupStandings({
			players: ['B', 'A', 'C'],
			matches: [
				m('A', 'B', '11-9 11-9 7-11 11-9'), // A 40 : B 38
				m('B', 'C', '11-9 11-9 0-11 11-9'), // B 33 : C 38
				m('C', 'A', '11-9 11-9 7-11 11-2') // C 40 : A 31
			]
		});
		expect(order(rows)).toEqual(['C', 'A', 'B']);
		expect(rows.map((r) => r.decidedBy)).toEqual([
			'tiedPointsRatio',
			'tiedMatchPoints',
			'tiedMatchPoints'
		]);
	});

	it('falls back to the lot order, then to the draw order, when everything is level', () => {
		const matches = [
			m('A', 'B', '11-9 9-11 11-9'),
			m('B', 'C', '11-9 9-11 11-9'),
			m('C', 'A', '11-9 9-11 11-9')
		];
		expect(order(groupStandings({ players: ['A', 'B', 'C'], matches }))).toEqual(['A', 'B', 'C']);
		const drawn = groupStandings({ players: ['A', 'B', 'C'], matches, lotOrder: ['C', 'A', 'B'] });
		expect(order(drawn)).toEqual(['C', 'A', 'B']);
		expect(drawn.every((r) => r.decidedBy === 'lot' && r.byLot)).toBe(true);
	});

	it('does not call a tie a lot after one round, when the tied players have not met yet', () => {
		const rows = groupStandings({
			players: ['A', 'B', 'C', 'D'],
			matches: [m('A', 'B', '11-5 11-5 11-5'), m('C', 'D', '11-5 11-5 11-5')]
		});
		expect(order(rows)).toEqual(['A', 'C', 'B', 'D']);
		expect(rows.map((r) => r.decidedBy)).toEqual(['level', 'level', 'level', 'level']);
		expect(rows.some((r) => r.byLot)).toBe(false);
	});

	it('flags a lot only for the players still level once all their matches are played', () => {
		const rows = groupStandings({
			players: ['A', 'B', 'C', 'D'],
			matches: [
				m('A', 'B', '11-9 9-11 11-9'),
				m('B', 'C', '11-9 9-11 11-9'),
				m('C', 'A', '11-9 9-11 11-9'),
				m('A', 'D', '11-1 11-1 11-1'),
				m('B', 'D', '11-1 11-1 11-1'),
				m('C', 'D', '11-1 11-1 11-1')
			]
		});
		expect(rows.map((r) => [r.id, r.byLot])).toEqual([
			['A', true],
			['B', true],
			['C', true],
			['D', false]
		]);
	});

	it('gives the walkover loser 0 match points and counts the games of the match it did not finish', () => {
		const rows = groupStandings({
			players: ['A', 'B'],
			matches: [{ a: 'A', b: 'B', games: [{ a: 11, b: 4 }], walkover: 'a' }]
		});
		expect(rows.map((r) => [r.id, r.matchPoints, r.gamesWon])).toEqual([
			['B', 2, 0],
			['A', 0, 1]
		]);
	});

	it('refuses results it cannot count', () => {
		const code = (f: () => unknown) => {
			try {
				f();
			} catch (e) {
				return e instanceof RuleViolation ? e.code : 'other';
			}
			return 'none';
		};
		const standings = (players: string[], matches: GroupMatch[]) =>
			code(() => groupStandings({ players, matches }));
		expect(standings(['A'], [m('A', 'X', '11-1 11-1 11-1')])).toBe('standings.unknown_player');
		expect(standings(['A', 'B'], [m('A', 'B', '11-11')])).toBe('standings.invalid_score');
		expect(standings(['A', 'B'], [m('A', 'B', '11-1 1-11')])).toBe('standings.undecided_match');
		expect(standings(['A', 'A'], [])).toBe('draw.duplicate_entry');
	});

	it('always returns every player once, ranks 1..n, match points never rising, totals consistent', () => {
		const players = ['p1', 'p2', 'p3', 'p4', 'p5'];
		const pairs = players.flatMap((a, i) => players.slice(i + 1).map((b) => [a, b] as const));
		const game = fc
			.tuple(fc.boolean(), fc.integer({ min: 0, max: 9 }))
			.map(([aWins, x]) => (aWins ? { a: 11, b: x } : { a: x, b: 11 }));
		const match = fc
			.tuple(fc.array(game, { minLength: 3, maxLength: 5 }), fc.constantFrom(undefined, 'a', 'b'))
			.filter(([games]) => games.filter((g) => g.a > g.b).length * 2 !== games.length);
		const season = fc.array(match, { minLength: pairs.length, maxLength: pairs.length });
		fc.assert(
			fc.property(season, (results) => {
				const matches: GroupMatch[] = results.map(([games, walkover], i) => ({
					a: pairs[i]![0],
					b: pairs[i]![1],
					games,
					...(walkover ? { walkover: walkover as 'a' | 'b' } : {})
				}));
				const rows = groupStandings({ players, matches });
				expect(rows.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5]);
				expect(new Set(order(rows)).size).toBe(5);
				for (let i = 1; i < rows.length; i++) {
					expect(rows[i]!.matchPoints).toBeLessThanOrEqual(rows[i - 1]!.matchPoints);
				}
				const walkovers = matches.filter((x) => x.walkover).length;
				const total = rows.reduce((s, r) => s + r.matchPoints, 0);
				expect(total).toBe(3 * matches.length - walkovers);
			}),
			{ seed: 42, numRuns: 200 }
		);
	});
});
