import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { createRng, hashString, randomInt, shuffle } from './random';

describe('seeded randomness', () => {
	it('repeats the same stream for the same seed string and a different one for another', () => {
		const a = createRng('draw 2025-05-01 10:00');
		const b = createRng('draw 2025-05-01 10:00');
		const c = createRng('draw 2025-05-01 10:01');
		const xs = Array.from({ length: 5 }, () => a());
		expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
		expect(Array.from({ length: 5 }, () => c())).not.toEqual(xs);
		expect(hashString('a')).not.toBe(hashString('b'));
	});

	it('yields floats in [0, 1) and integers in [0, n)', () => {
		fc.assert(
			fc.property(fc.string(), fc.integer({ min: 1, max: 1000 }), (seed, n) => {
				const rng = createRng(seed);
				for (let i = 0; i < 20; i++) {
					const x = rng();
					expect(x >= 0 && x < 1).toBe(true);
					const k = randomInt(rng, n);
					expect(Number.isInteger(k) && k >= 0 && k < n).toBe(true);
				}
			}),
			{ seed: 42, numRuns: 100 }
		);
	});

	it('shuffles into a permutation without touching the input', () => {
		fc.assert(
			fc.property(fc.array(fc.integer()), fc.string(), (items, seed) => {
				const copy = items.slice();
				const out = shuffle(items, createRng(seed));
				expect(items).toEqual(copy);
				expect(out.slice().sort()).toEqual(copy.slice().sort());
			}),
			{ seed: 42, numRuns: 100 }
		);
	});

	it('spreads its picks roughly evenly', () => {
		const rng = createRng('even');
		const counts = [0, 0, 0, 0];
		for (let i = 0; i < 4000; i++) counts[randomInt(rng, 4)]!++;
		for (const c of counts) expect(Math.abs(c - 1000)).toBeLessThan(120);
	});
});
