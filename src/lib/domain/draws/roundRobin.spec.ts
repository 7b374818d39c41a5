import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { roundRobin, roundRobinRounds } from './roundRobin';
import { RuleViolation } from '../errors';

const ids = (n: number) => Array.from({ length: n }, (_, i) => String(i + 1));
const show = (rounds: Array<Array<[string, string]>>) =>
	rounds.map((round) => round.map(([a, b]) => `${a}-${b}`).join(' '));

describe('roundRobin', () => {
	it('plays a group of 4 in the ITTF order, the top two meeting in the last round', () => {
		expect(show(roundRobin(ids(4)))).toEqual(['1-4 2-3', '1-3 2-4', '1-2 3-4']);
	});

	it('plays a group of 3 as 2-3, 1-3, 1-2 with each player resting once', () => {
		expect(show(roundRobin(ids(3)))).toEqual(['2-3', '1-3', '1-2']);
		expect(roundRobinRounds(ids(3)).map((r) => r.rest)).toEqual(['1', '2', '3']);
	});

	it('makes every pair meet exactly once, nobody twice in a round, and everyone rest equally', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 24 }), (n) => {
				const players = ids(n);
				const rounds = roundRobinRounds(players);
				const met = new Map<string, number>();
				const rests = new Map<string, number>();
				for (const { pairs, rest } of rounds) {
					const inRound = pairs.flat();
					expect(new Set(inRound).size).toBe(inRound.length);
					expect(inRound.length).toBe(n % 2 === 0 ? n : n - 1);
					if (rest !== null) {
						expect(inRound).not.toContain(rest);
						rests.set(rest, (rests.get(rest) ?? 0) + 1);
					}
					for (const [a, b] of pairs) {
						expect(a).not.toBe(b);
						const key = [a, b].sort().join('|');
						met.set(key, (met.get(key) ?? 0) + 1);
					}
				}
				expect(met.size).toBe(n < 2 ? 0 : (n * (n - 1)) / 2);
				expect([...met.values()].every((c) => c === 1)).toBe(true);
				expect(rounds.length).toBe(n < 2 ? 0 : n % 2 === 0 ? n - 1 : n);
				if (n % 2 === 1 && n > 1) {
					expect(rests.size).toBe(n);
					expect([...rests.values()].every((c) => c === 1)).toBe(true);
				}
			}),
			{ seed: 42, numRuns: 50 }
		);
	});

	it('lists the better draw position first in every pair and the contract shape has no rests', () => {
		const rounds = roundRobin(ids(6));
		for (const round of rounds) {
			for (const [a, b] of round) expect(Number(a)).toBeLessThan(Number(b));
		}
		expect(show(rounds).at(-1)).toContain('1-2');
	});

	it('refuses a player listed twice', () => {
		expect(() => roundRobin(['a', 'b', 'a'])).toThrow(RuleViolation);
	});
});
