/**
 * Dart arithmetic: which turn totals three darts can make, which remainders a player can
 * still finish ("check out") with a given number of darts, and a suggested checkout route
 * for the referee's and the big screen's display.
 *
 * Everything is derived from the dartboard itself (singles 1-20, doubles, trebles, the
 * outer bull 25 and the bull 50, which counts as a double) instead of hard-coded lists,
 * and computed once when the module loads (a few thousand additions).
 */

/** One dart that can be thrown, with the label the referee screen shows. */
export interface Dart {
	/** 'S20', 'D20', 'T20', '25' (outer bull), 'Bull' (50, counts as a double), 'Miss'. */
	readonly label: string;
	readonly value: number;
	readonly isDouble: boolean;
}

function buildDarts(): Dart[] {
	const darts: Dart[] = [{ label: 'Miss', value: 0, isDouble: false }];
	for (let n = 1; n <= 20; n++) {
		darts.push({ label: `S${n}`, value: n, isDouble: false });
		darts.push({ label: `D${n}`, value: 2 * n, isDouble: true });
		darts.push({ label: `T${n}`, value: 3 * n, isDouble: false });
	}
	darts.push({ label: '25', value: 25, isDouble: false });
	darts.push({ label: 'Bull', value: 50, isDouble: true });
	return darts;
}

/** Every distinct dart on the board, a miss included. */
export const DARTS: readonly Dart[] = buildDarts();

/** The highest total of one turn (three darts in treble 20). */
export const MAX_TURN = 180;

/** The highest remainder that can be finished in one turn with a double (T20 T20 Bull). */
export const MAX_CHECKOUT = 170;

const dartValues = [...new Set(DARTS.map((d) => d.value))];
const doubleValues = [...new Set(DARTS.filter((d) => d.isDouble).map((d) => d.value))];
const scoringValues = dartValues.filter((v) => v > 0);

/** Totals reachable with exactly `count` darts, misses allowed (so also with fewer). */
function totalsWith(count: number): Set<number> {
	let totals = new Set<number>([0]);
	for (let i = 0; i < count; i++) {
		const next = new Set<number>();
		for (const t of totals) for (const v of dartValues) next.add(t + v);
		totals = next;
	}
	return totals;
}

const turnTotals = [totalsWith(0), totalsWith(1), totalsWith(2), totalsWith(3)] as const;

/**
 * Totals in 0..180 that three darts cannot make (163, 166, 169, 172, 173, 175, 176, 178, 179).
 * A referee who enters one has mistyped; the darts engine refuses it.
 */
export const IMPOSSIBLE_TURN_TOTALS: readonly number[] = Array.from(
	{ length: MAX_TURN + 1 },
	(_, i) => i
).filter((t) => !turnTotals[3].has(t));

/** True when `dartsUsed` darts (1-3, misses allowed) can score exactly `total`. */
export function isPossibleTurnTotal(total: number, dartsUsed = 3): boolean {
	const set = turnTotals[Math.min(3, Math.max(0, Math.trunc(dartsUsed))) as 0 | 1 | 2 | 3];
	return Number.isInteger(total) && set.has(total);
}

/**
 * True when `remaining` can be finished with exactly `dartsUsed` darts (the last one
 * finishing, earlier ones may miss): a double or the bull last under double-out, any
 * scoring dart last otherwise. The darts engine uses it to refuse an impossible checkout.
 */
export function canCheckout(remaining: number, dartsUsed = 3, doubleOut = true): boolean {
	if (!Number.isInteger(remaining) || remaining < 1) return false;
	if (!Number.isInteger(dartsUsed) || dartsUsed < 1 || dartsUsed > 3) return false;
	const setups = turnTotals[(dartsUsed - 1) as 0 | 1 | 2];
	const finishers = doubleOut ? doubleValues : scoringValues;
	return finishers.some((f) => setups.has(remaining - f));
}

// --- suggestions -------------------------------------------------------------------------

/** Finishing doubles in order of preference (the ones players practise and that split well). */
const DOUBLE_PREFERENCE = [
	'D20', 'D16', 'D18', 'D12', 'D10', 'D8', 'D14', 'D6', 'D4', 'D2',
	'D19', 'D17', 'D15', 'D13', 'D11', 'D9', 'D7', 'D5', 'D3', 'D1', 'Bull'
];

const finishers = DARTS.filter((d) => d.isDouble).sort(
	(x, y) => DOUBLE_PREFERENCE.indexOf(x.label) - DOUBLE_PREFERENCE.indexOf(y.label)
);
const setupDarts = DARTS.filter((d) => d.value > 0);

/**
 * How undesirable a dart is as a set-up dart: a big single is safest, then trebles (high
 * ones first, they are aimed at most), then the outer bull, doubles and the bull.
 */
function setupCost(dart: Dart): number {
	const n = Number(dart.label.slice(1));
	if (dart.label === '25') return 2.5;
	if (dart.label === 'Bull') return 4.5;
	if (dart.label.startsWith('S')) return 1 + (20 - n) * 0.01;
	if (dart.label.startsWith('T')) return 2 + (20 - n) * 0.05;
	return 4 + (20 - n) * 0.01; // a double as set-up dart
}

interface Route {
	darts: Dart[];
	cost: number;
}

function better(x: Route, y: Route): boolean {
	if (x.cost !== y.cost) return x.cost < y.cost;
	// Tie: prefer the route whose set-up darts are higher (T20 T18 Bull before T19 T19 Bull).
	for (let i = 0; i < x.darts.length; i++) {
		const dx = x.darts[i]?.value ?? 0;
		const dy = y.darts[i]?.value ?? 0;
		if (dx !== dy) return dx > dy;
	}
	return false;
}

function bestRoute(remaining: number, count: number): Dart[] | null {
	let best: Route | null = null;
	const consider = (setup: Dart[], finish: Dart, rank: number) => {
		const ordered = [...setup].sort((p, q) => q.value - p.value);
		const cost = rank * 0.5 + setup.reduce((sum, d) => sum + setupCost(d), 0);
		const route: Route = { darts: [...ordered, finish], cost };
		if (best === null || better(route, best)) best = route;
	};
	finishers.forEach((finish, rank) => {
		const rest = remaining - finish.value;
		if (count === 1) {
			if (rest === 0) consider([], finish, rank);
		} else if (count === 2) {
			for (const s of setupDarts) if (s.value === rest) consider([s], finish, rank);
		} else {
			for (const s1 of setupDarts) {
				for (const s2 of setupDarts) {
					if (s1.value + s2.value === rest) consider([s1, s2], finish, rank);
				}
			}
		}
	});
	return best === null ? null : (best as Route).darts;
}

/**
 * A checkout route for `remaining` with at most `dartsLeft` darts, double-out, fewest darts
 * first, e.g. 170 → ['T20', 'T20', 'Bull'], 2 → ['D1']; null when there is none (above 170,
 * below 2, or the "bogey" numbers 159, 162, 163, 165, 166, 168, 169 with three darts).
 * Shown on the referee tablet and the live board next to the player on throw.
 */
export function suggestCheckout(remaining: number, dartsLeft = 3): string[] | null {
	if (!Number.isInteger(remaining) || remaining < 2 || remaining > MAX_CHECKOUT) return null;
	if (!Number.isInteger(dartsLeft) || dartsLeft < 1) return null;
	const most = Math.min(3, dartsLeft);
	const key = remaining * 4 + most;
	if (!suggestionCache.has(key)) {
		let found: string[] | null = null;
		for (let count = 1; count <= most && found === null; count++) {
			found = bestRoute(remaining, count)?.map((d) => d.label) ?? null;
		}
		suggestionCache.set(key, found);
	}
	const cached = suggestionCache.get(key);
	return cached ? [...cached] : null;
}

/** Suggestions are pure functions of (remaining, darts): computed once, then looked up. */
const suggestionCache = new Map<number, string[] | null>();
