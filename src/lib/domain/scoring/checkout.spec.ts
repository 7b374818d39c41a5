import { describe, expect, it } from 'vitest';
import {
	canCheckout,
	DARTS,
	IMPOSSIBLE_TURN_TOTALS,
	isPossibleTurnTotal,
	suggestCheckout
} from './checkout';

const valueOf = (label: string): number => {
	const dart = DARTS.find((d) => d.label === label);
	if (!dart) throw new Error(`unknown dart ${label}`);
	return dart.value;
};

describe('turn totals', () => {
	it('finds exactly the nine totals in 0..180 that three darts cannot make', () => {
		expect(IMPOSSIBLE_TURN_TOTALS).toEqual([163, 166, 169, 172, 173, 175, 176, 178, 179]);
	});

	it('accepts 0, 180 and 177, and refuses totals outside the board', () => {
		expect(isPossibleTurnTotal(0)).toBe(true);
		expect(isPossibleTurnTotal(180)).toBe(true);
		expect(isPossibleTurnTotal(177)).toBe(true);
		expect(isPossibleTurnTotal(179)).toBe(false);
		expect(isPossibleTurnTotal(181)).toBe(false);
		expect(isPossibleTurnTotal(-3)).toBe(false);
		expect(isPossibleTurnTotal(2.5)).toBe(false);
	});

	it('limits what fewer darts can score', () => {
		expect(isPossibleTurnTotal(60, 1)).toBe(true);
		expect(isPossibleTurnTotal(59, 1)).toBe(false);
		expect(isPossibleTurnTotal(120, 2)).toBe(true);
		expect(isPossibleTurnTotal(121, 2)).toBe(false);
	});
});

describe('checkouts', () => {
	it('knows which remainders can be finished with one, two or three darts', () => {
		expect(canCheckout(170, 3)).toBe(true);
		expect(canCheckout(170, 2)).toBe(false);
		expect(canCheckout(110, 2)).toBe(true);
		expect(canCheckout(50, 1)).toBe(true);
		expect(canCheckout(40, 1)).toBe(true);
		expect(canCheckout(41, 1)).toBe(false);
		expect(canCheckout(3, 1)).toBe(false);
		expect(canCheckout(171, 3)).toBe(false);
		expect(canCheckout(169, 3)).toBe(false);
		expect(canCheckout(1, 3)).toBe(false);
		expect(canCheckout(3, 1, false)).toBe(true);
	});

	it('suggests the classic routes from the checkout table', () => {
		expect(suggestCheckout(170)).toEqual(['T20', 'T20', 'Bull']);
		expect(suggestCheckout(167)).toEqual(['T20', 'T19', 'Bull']);
		expect(suggestCheckout(164)).toEqual(['T20', 'T18', 'Bull']);
		expect(suggestCheckout(160)).toEqual(['T20', 'T20', 'D20']);
		expect(suggestCheckout(157)).toEqual(['T20', 'T19', 'D20']);
		expect(suggestCheckout(110)).toEqual(['T20', 'Bull']);
		expect(suggestCheckout(100)).toEqual(['T20', 'D20']);
		expect(suggestCheckout(65)).toEqual(['25', 'D20']);
		expect(suggestCheckout(60)).toEqual(['S20', 'D20']);
		expect(suggestCheckout(50)).toEqual(['Bull']);
		expect(suggestCheckout(40)).toEqual(['D20']);
		expect(suggestCheckout(32)).toEqual(['D16']);
		expect(suggestCheckout(3)).toEqual(['S1', 'D1']);
		expect(suggestCheckout(2)).toEqual(['D1']);
	});

	it('has no three-dart checkout for the bogey numbers, above 170 or below 2', () => {
		for (const n of [159, 162, 163, 165, 166, 168, 169, 171, 180, 501, 1, 0, -4]) {
			expect(suggestCheckout(n)).toBeNull();
		}
	});

	it('respects the darts left in the turn', () => {
		expect(suggestCheckout(100, 1)).toBeNull();
		expect(suggestCheckout(40, 1)).toEqual(['D20']);
		expect(suggestCheckout(101, 2)).toEqual(['T17', 'Bull']);
		expect(suggestCheckout(99, 2)).toBeNull();
		expect(suggestCheckout(99, 3)).toHaveLength(3);
		expect(suggestCheckout(40, 0)).toBeNull();
	});

	it('suggests a valid route, ending on a double, for every finishable remainder', () => {
		for (let remaining = 2; remaining <= 170; remaining++) {
			for (const darts of [1, 2, 3]) {
				const route = suggestCheckout(remaining, darts);
				// canCheckout(n, k) allows misses before the finishing dart, so it covers fewer darts too.
				expect(route !== null).toBe(canCheckout(remaining, darts));
				if (route === null) continue;
				expect(route.length).toBeLessThanOrEqual(darts);
				expect(route.reduce((sum, label) => sum + valueOf(label), 0)).toBe(remaining);
				const last = route[route.length - 1] ?? '';
				expect(last === 'Bull' || last.startsWith('D')).toBe(true);
			}
		}
	});

	it('returns a fresh array each time, so a caller cannot spoil the cache', () => {
		const first = suggestCheckout(170) as string[];
		first.push('oops');
		expect(suggestCheckout(170)).toEqual(['T20', 'T20', 'Bull']);
	});
});
