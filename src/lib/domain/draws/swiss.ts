/**
 * Swiss-system pairing for xiangqi events (Dutch-like: score groups, top half against bottom
 * half by seed, floaters to the next group, red moves first).
 *
 * Absolute rules, never traded for speed or quality:
 * - no two players meet twice;
 * - nobody gets a second bye; the bye goes to the lowest score group that has a player
 *   without a bye (when the rest of the field can then still be paired);
 * - no player's red-black difference goes beyond ±2 and nobody gets the same colour three
 *   times running — except in the last round (`history.length + 1 === totalRounds`), where
 *   these two become strong preferences instead, as the rule books allow;
 * - withdrawn players, and players announced absent for this round, are not paired.
 *
 * Forfeits and absences (see `SwissOutcome`) count for the score groups with their points,
 * but not as games: no colour is recorded and the two players did not meet, so they may be
 * paired later. A player who won by forfeit gets no pairing-allocated bye later (FIDE C.04.1:
 * they already scored a win without playing); a half- or zero-point bye does not count.
 * If no pairing satisfies them, `RuleViolation('swiss.no_legal_pairing')` is thrown.
 *
 * Quality, in priority order (lexicographic): bye to the lowest possible score group; score
 * gaps within pairs (sum of squared gaps, in score steps); colour preferences (mild 4,
 * strong 8, a relaxed absolute rule in the last round 32, per player) plus a small penalty for
 * floating the same way twice running; then the Dutch order inside a group (seed i of a group
 * of size g meets seed i + g/2).
 *
 * Algorithm:
 * - fields up to `exactLimit` (default 120) players: one maximum-weight maximum-cardinality
 *   matching (Edmonds' blossom, O(n³)) over all compatible pairs plus a bye vertex, with the
 *   priorities above encoded as integer weights — optimal, and complete: it finds a legal
 *   pairing whenever one exists;
 * - larger fields: the bye goes to the lowest-ranked player without a bye in the lowest
 *   score group, then a greedy pass over the score groups top-down (O(n) typical: each
 *   player checks its Dutch partner first, with Set look-ups; up to 8 compatible candidates
 *   are compared on colour); unpaired players float down. If players are left over at the
 *   bottom, the bottom window of the field (48, 96, 192 players, closed under the greedy
 *   pairs) is re-paired exactly by the weighted matching (O(w³)); if even that fails, the
 *   greedy matching is completed by augmenting paths (Edmonds' unweighted blossom, O(n²) per
 *   path, adjacency computed only for vertices the search reaches), which decides existence
 *   exactly, bye level by bye level.
 * Measured (tests/bench/draws-swiss.ts, 1,000 players, 9 rounds, 2 cores): 3-10 ms a round.
 * Deterministic: players are ordered by score, seed, then id, and nothing is random.
 */
import { RuleViolation } from '../errors';
import { maxCardinalityMatching, maxWeightMatching, type Edge } from './swiss/blossom';
import {
	DEFAULT_SWISS_POINTS,
	boardPoints,
	forfeitWinner,
	indexHistory,
	isPlayed,
	scalePoints,
	type SwissGame,
	type SwissPairing,
	type SwissPlayer,
	type SwissPoints
} from './swiss/history';

export { DEFAULT_SWISS_POINTS };
export type {
	SwissGame,
	SwissOutcome,
	SwissPairing,
	SwissPlayer,
	SwissPoints
} from './swiss/history';

/** Input of `pairRound` (the contract in DESIGN.md, plus optional points). */
export interface PairRoundInput {
	players: ReadonlyArray<SwissPlayer>;
	history: ReadonlyArray<ReadonlyArray<SwissGame>>;
	totalRounds: number;
	/** Points used to compute the score groups; default 2/1/0, bye 2. */
	points?: SwissPoints;
}

/** Tuning knobs for tests and the benchmark; the defaults suit real events. */
export interface PairRoundOptions {
	/** Fields up to this many active players are paired by the exact weighted matching. */
	exactLimit?: number;
	/** Largest bottom window the repair step re-pairs exactly before the global fallback. */
	windowLimit?: number;
	/** Size of the first bottom window the repair step tries (doubled on each failure). */
	firstWindow?: number;
}

const EXACT_LIMIT = 120;
const WINDOW_LIMIT = 192;
const FIRST_WINDOW = 48;
const GREEDY_LOOKAHEAD = 8;
const SAFE_WEIGHT = 2 ** 49;

const RED = 1;
const BLACK = 2;

/** Everything the pairer needs about the active players, indexed by rank position. */
interface Field {
	n: number;
	ids: string[];
	seeds: number[];
	score: number[];
	step: number;
	canRed: Uint8Array;
	canBlack: Uint8Array;
	pref: Uint8Array;
	strength: Uint8Array;
	hadBye: Uint8Array;
	floatDown: Uint8Array;
	floatUp: Uint8Array;
	opp: Array<Set<number>>;
	colours: number[][];
	groups: number[][];
	round: number;
}

type Pair = [number, number];

/**
 * Pairs the next round of a Swiss event. Called by the draws router when the organizer asks
 * for round `history.length + 1`; the result is shown for approval, then stored as a round.
 * Returns boards in order (top score first); the bye, if any, is last with `black: null`.
 */
export function pairRound(input: PairRoundInput, options: PairRoundOptions = {}): SwissPairing[] {
	const { totalRounds } = input;
	if (!Number.isInteger(totalRounds) || totalRounds < 1) {
		throw new RuleViolation(
			'swiss.invalid_total_rounds',
			'The number of rounds must be a whole number of at least 1.',
			{ totalRounds: String(totalRounds) }
		);
	}
	if (input.history.length >= totalRounds) {
		throw new RuleViolation(
			'swiss.rounds_complete',
			`All ${totalRounds} rounds have been paired already.`,
			{ totalRounds }
		);
	}
	const field = buildField(input);
	if (field.n < 2) {
		throw new RuleViolation(
			'swiss.not_enough_players',
			'At least two players who have not withdrawn are needed to pair a round.',
			{ count: field.n }
		);
	}
	const exactLimit = options.exactLimit ?? EXACT_LIMIT;
	const windowLimit = options.windowLimit ?? WINDOW_LIMIT;
	const all = Array.from({ length: field.n }, (_, i) => i);
	const pairs =
		field.n <= exactLimit
			? exactSolve(field, all, field.n % 2 === 1)
			: fastSolve(field, options.firstWindow ?? FIRST_WINDOW, windowLimit);
	if (pairs === null) {
		throw new RuleViolation(
			'swiss.no_legal_pairing',
			`No pairing for round ${field.round} avoids rematches, a second bye and the colour limits.`,
			{ round: field.round, players: field.n }
		);
	}
	verify(field, pairs);
	return orientAndOrder(field, pairs);
}

function buildField(input: PairRoundInput): Field {
	const indexed = indexHistory(input.players, input.history);
	const { scaled } = scalePoints(input.points ?? DEFAULT_SWISS_POINTS);
	const total = indexed.ids.length;
	const lastRound = input.history.length + 1 >= input.totalRounds;

	const score = new Array<number>(total).fill(0);
	const colours: number[][] = Array.from({ length: total }, () => []);
	const hadBye = new Uint8Array(total);
	const opp: Array<Set<number>> = Array.from({ length: total }, () => new Set<number>());
	const floatDown = new Uint8Array(total);
	const floatUp = new Uint8Array(total);

	indexed.rounds.forEach((games, r) => {
		const isLast = r === indexed.rounds.length - 1;
		const before = isLast ? score.slice() : score;
		for (const g of games) {
			const [redPts, blackPts] = boardPoints(g.outcome, scaled);
			if (g.black === -1) {
				score[g.red]! += redPts;
				if (g.outcome === 'bye') {
					hadBye[g.red] = 1;
					if (isLast) floatDown[g.red] = 1;
				}
				continue;
			}
			if (!isPlayed(g.outcome)) {
				// A forfeit: points only. No colour, and they did not meet (may be paired later).
				score[g.red]! += redPts;
				score[g.black]! += blackPts;
				const winner = forfeitWinner(g);
				if (winner >= 0) hadBye[winner] = 1;
				continue;
			}
			colours[g.red]!.push(RED);
			colours[g.black]!.push(BLACK);
			opp[g.red]!.add(g.black);
			opp[g.black]!.add(g.red);
			score[g.red]! += redPts;
			score[g.black]! += blackPts;
			if (isLast) {
				const a = before[g.red]!;
				const b = before[g.black]!;
				if (a > b) {
					floatDown[g.red] = 1;
					floatUp[g.black] = 1;
				} else if (b > a) {
					floatDown[g.black] = 1;
					floatUp[g.red] = 1;
				}
			}
		}
	});

	const active: number[] = [];
	input.players.forEach((p, i) => {
		if (!p.withdrawn && !p.absent) active.push(i);
	});
	active.sort((x, y) => {
		const ds = score[y]! - score[x]!;
		if (ds !== 0) return ds;
		const dseed = input.players[x]!.seed - input.players[y]!.seed;
		if (dseed !== 0) return dseed;
		const ix = indexed.ids[x]!;
		const iy = indexed.ids[y]!;
		return ix < iy ? -1 : ix > iy ? 1 : 0;
	});
	const n = active.length;
	const posOf = new Int32Array(total).fill(-1);
	active.forEach((idx, pos) => {
		posOf[idx] = pos;
	});

	let step = 0;
	for (const v of [scaled.win, scaled.draw, scaled.loss, scaled.bye]) step = gcd(step, Math.abs(v));
	const f: Field = {
		n,
		ids: active.map((i) => indexed.ids[i]!),
		seeds: active.map((i) => input.players[i]!.seed),
		score: active.map((i) => score[i]!),
		step: step === 0 ? 1 : step,
		canRed: new Uint8Array(n),
		canBlack: new Uint8Array(n),
		pref: new Uint8Array(n),
		strength: new Uint8Array(n),
		hadBye: new Uint8Array(n),
		floatDown: new Uint8Array(n),
		floatUp: new Uint8Array(n),
		opp: [],
		colours: active.map((i) => colours[i]!),
		groups: [],
		round: input.history.length + 1
	};
	for (let pos = 0; pos < n; pos++) {
		const i = active[pos]!;
		f.hadBye[pos] = hadBye[i]!;
		f.floatDown[pos] = floatDown[i]!;
		f.floatUp[pos] = floatUp[i]!;
		const set = new Set<number>();
		for (const o of opp[i]!) {
			const op = posOf[o]!;
			if (op >= 0) set.add(op);
		}
		f.opp.push(set);
		setColourRules(f, pos, colours[i]!, lastRound);
		if (pos === 0 || f.score[pos] !== f.score[pos - 1]) f.groups.push([]);
		f.groups[f.groups.length - 1]!.push(pos);
	}
	return f;
}

/** Colour limits (hard unless last round) and the preference with its strength (1-3). */
function setColourRules(f: Field, pos: number, seq: number[], lastRound: boolean): void {
	let diff = 0;
	for (const c of seq) diff += c === RED ? 1 : -1;
	const last = seq[seq.length - 1] ?? 0;
	const prev = seq[seq.length - 2] ?? 0;
	const mustBlack = diff >= 2 || (last === RED && prev === RED);
	const mustRed = diff <= -2 || (last === BLACK && prev === BLACK);
	let canRed = !mustBlack;
	let canBlack = !mustRed;
	if ((!canRed && !canBlack) || lastRound) {
		// Inconsistent history (both limits already broken) cannot be repaired by this round.
		canRed = true;
		canBlack = true;
	}
	f.canRed[pos] = canRed ? 1 : 0;
	f.canBlack[pos] = canBlack ? 1 : 0;
	let pref = 0;
	let strength = 0;
	if (seq.length > 0) {
		if (mustBlack && !mustRed) {
			pref = BLACK;
			strength = 3;
		} else if (mustRed && !mustBlack) {
			pref = RED;
			strength = 3;
		} else if (diff === 1) {
			pref = BLACK;
			strength = 2;
		} else if (diff === -1) {
			pref = RED;
			strength = 2;
		} else if (diff === 0) {
			pref = last === RED ? BLACK : RED;
			strength = 1;
		}
	}
	f.pref[pos] = pref;
	f.strength[pos] = strength;
}

function gcd(a: number, b: number): number {
	let x = a;
	let y = b;
	while (y !== 0) {
		const t = x % y;
		x = y;
		y = t;
	}
	return x;
}

function compatible(f: Field, a: number, b: number): boolean {
	if (f.opp[a]!.has(b)) return false;
	return (f.canRed[a] === 1 && f.canBlack[b] === 1) || (f.canBlack[a] === 1 && f.canRed[b] === 1);
}

function violation(f: Field, p: number, colour: number): number {
	const pref = f.pref[p]!;
	if (pref === 0 || pref === colour) return 0;
	const s = f.strength[p]!;
	return s === 1 ? 4 : s === 2 ? 8 : 32;
}

/** Cheapest colour-preference cost of a compatible pair over its allowed orientations. */
function colourCost(f: Field, a: number, b: number): number {
	let best = Infinity;
	if (f.canRed[a] === 1 && f.canBlack[b] === 1) {
		best = violation(f, a, RED) + violation(f, b, BLACK);
	}
	if (f.canBlack[a] === 1 && f.canRed[b] === 1) {
		best = Math.min(best, violation(f, a, BLACK) + violation(f, b, RED));
	}
	return best;
}

/**
 * Exact pairing of `verts` (ascending positions) plus a bye vertex when `withBye`: maximum
 * cardinality first, then the lexicographic priorities encoded as weights. Returns null when
 * no perfect pairing exists. Bye pairs are `[player, -1]`. Score groups and the Dutch order
 * are taken among `verts` (the whole field, or the bottom window being repaired).
 */
function exactSolve(f: Field, verts: number[], withBye: boolean): Pair[] | null {
	const m = verts.length;
	const V = m + (withBye ? 1 : 0);
	if (V % 2 === 1) return null;
	const pairsInMatching = V >> 1;
	// Local score groups: id (top first), index inside, size, and level counted from the bottom.
	const gid = new Int32Array(m);
	const gidx = new Int32Array(m);
	for (let i = 1; i < m; i++) {
		const same = f.score[verts[i]!] === f.score[verts[i - 1]!];
		gid[i] = gid[i - 1]! + (same ? 0 : 1);
		gidx[i] = same ? gidx[i - 1]! + 1 : 0;
	}
	const groupCount = m > 0 ? gid[m - 1]! + 1 : 0;
	const gsize = new Int32Array(groupCount);
	for (let i = 0; i < m; i++) gsize[gid[i]!]!++;
	const sizeOf = (i: number): number => gsize[gid[i]!]!;
	// Distance from the Dutch ideal: i meets i + g/2 in a group; floaters meet the top.
	const orderCost = (i: number, j: number): number => {
		if (gid[i] === gid[j]) return Math.abs(Math.abs(gidx[j]! - gidx[i]!) - (sizeOf(i) >> 1));
		return sizeOf(i) - 1 - gidx[i]! + gidx[j]!;
	};
	let maxGroup = 1;
	for (let g = 0; g < groupCount; g++) maxGroup = Math.max(maxGroup, gsize[g]!);
	const maxByeLevel = Math.max(0, groupCount - 1);
	const maxGapSteps = m > 0 ? (f.score[verts[0]!]! - f.score[verts[m - 1]!]!) / f.step : 0;
	const modes = [
		{ squared: true, order: true },
		{ squared: false, order: true },
		{ squared: false, order: false }
	];
	for (const mode of modes) {
		const ordMax = mode.order ? 2 * maxGroup : 0;
		const gapMax = mode.squared ? maxGapSteps * maxGapSteps : maxGapSteps;
		const l0 = pairsInMatching * ordMax;
		const k1 = l0 + 1;
		const l1 = pairsInMatching * 66 * k1 + l0;
		const k2 = l1 + 1;
		const l2 = pairsInMatching * gapMax * k2 + l1;
		const k3 = l2 + 1;
		const totalMax = maxByeLevel * k3 + l2;
		if (totalMax + 1 > SAFE_WEIGHT) continue;
		const base = totalMax + 1;
		const edges: Edge[] = [];
		for (let i = 0; i < m; i++) {
			const a = verts[i]!;
			for (let j = i + 1; j < m; j++) {
				const b = verts[j]!;
				if (!compatible(f, a, b)) continue;
				const steps = (f.score[a]! - f.score[b]!) / f.step;
				const gap = mode.squared ? steps * steps : steps;
				let col = colourCost(f, a, b);
				if (steps > 0) col += f.floatDown[a]! + f.floatUp[b]!;
				const ord = mode.order ? orderCost(i, j) : 0;
				edges.push([i, j, base - (gap * k2 + col * k1 + ord)]);
			}
			if (withBye && f.hadBye[a] === 0) {
				const ord = mode.order ? sizeOf(i) - 1 - gidx[i]! : 0;
				edges.push([i, m, base - ((groupCount - 1 - gid[i]!) * k3 + ord)]);
			}
		}
		return matePairs(verts, withBye, maxWeightMatching(V, edges, true));
	}
	// Weights would not fit exactly (absurdly long events): decide by cardinality only.
	const adj: number[][] = Array.from({ length: V }, () => []);
	for (let i = 0; i < m; i++) {
		for (let j = i + 1; j < m; j++) {
			if (compatible(f, verts[i]!, verts[j]!)) {
				adj[i]!.push(j);
				adj[j]!.push(i);
			}
		}
		if (withBye && f.hadBye[verts[i]!] === 0) {
			adj[i]!.push(m);
			adj[m]!.push(i);
		}
	}
	return matePairs(verts, withBye, maxCardinalityMatching(V, (v) => adj[v]!, null));
}

function matePairs(verts: number[], withBye: boolean, mate: Int32Array): Pair[] | null {
	const m = verts.length;
	const pairs: Pair[] = [];
	for (let i = 0; i < m; i++) {
		const j = mate[i]!;
		if (j === -1) return null;
		if (j === m && withBye) pairs.push([verts[i]!, -1]);
		else if (j > i) pairs.push([verts[i]!, verts[j]!]);
	}
	return pairs;
}

/** Large fields: greedy top-down by score groups, then bounded exact repair, then fallback. */
function fastSolve(f: Field, firstWindow: number, windowLimit: number): Pair[] | null {
	const { n } = f;
	let bye = -1;
	if (n % 2 === 1) {
		for (let p = n - 1; p >= 0; p--) {
			if (f.hadBye[p] === 0) {
				bye = p;
				break;
			}
		}
		if (bye === -1) return null;
	}
	const { pairs, leftover } = greedy(f, bye);
	if (bye >= 0) pairs.push([bye, -1]);
	if (leftover.length === 0) return pairs;

	const partner = new Int32Array(n).fill(-2);
	for (const [a, b] of pairs) {
		partner[a] = b;
		if (b >= 0) partner[b] = a;
	}
	// A window result whose bye is above the lowest eligible score is only kept as a candidate:
	// a larger window (or the exact fallback) may still give the bye to the lowest group.
	const byeScore = (ps: Pair[]): number => {
		const b = ps.find(([, q]) => q < 0);
		return b ? f.score[b[0]]! : -Infinity;
	};
	const lowestByeScore = bye >= 0 ? f.score[bye]! : -Infinity;
	let candidate: Pair[] | null = null;
	for (let w = Math.max(2, firstWindow); ; w *= 2) {
		const inWindow = new Uint8Array(n);
		const start = Math.max(0, n - w);
		for (let p = start; p < n; p++) inWindow[p] = 1;
		for (const p of leftover) inWindow[p] = 1;
		if (bye >= 0) inWindow[bye] = 1;
		for (let p = 0; p < n; p++) {
			const q = partner[p]!;
			if (inWindow[p] === 1 && q >= 0) inWindow[q] = 1;
		}
		const verts: number[] = [];
		for (let p = 0; p < n; p++) if (inWindow[p] === 1) verts.push(p);
		if (verts.length > windowLimit) break;
		const solved = exactSolve(f, verts, verts.length % 2 === 1);
		if (solved !== null) {
			const kept = pairs.filter(([a, b]) => inWindow[a] === 0 && (b < 0 || inWindow[b] === 0));
			const merged = kept.concat(solved);
			if (verts.length === n || byeScore(merged) === lowestByeScore) return merged;
			candidate ??= merged;
		}
		if (verts.length === n) return candidate;
	}
	const completed = completeByAugmenting(f, pairs);
	if (completed === null) return candidate;
	return candidate !== null && byeScore(candidate) <= byeScore(completed) ? candidate : completed;
}

/** Greedy Dutch-like pass; returns the pairs made and the players left unpaired at the end. */
function greedy(f: Field, bye: number): { pairs: Pair[]; leftover: number[] } {
	const pairs: Pair[] = [];
	let carry: number[] = [];
	for (const members of f.groups) {
		const list = carry.concat(bye >= 0 ? members.filter((p) => p !== bye) : members);
		const floaters = carry.length;
		const used = new Uint8Array(list.length);
		let best = -1;
		let bestCost = Infinity;
		let seen = 0;
		let a = -1;
		const reset = (who: number): void => {
			a = who;
			best = -1;
			bestCost = Infinity;
			seen = 0;
		};
		// Returns true once the search may stop: a colour-perfect partner or enough candidates.
		const consider = (j: number): boolean => {
			if (used[j] === 1) return false;
			const b = list[j]!;
			if (!compatible(f, a, b)) return false;
			const c = colourCost(f, a, b);
			if (c < bestCost) {
				bestCost = c;
				best = j;
			}
			seen++;
			return bestCost === 0 || seen >= GREEDY_LOOKAHEAD;
		};
		const take = (i: number): void => {
			if (best < 0) return;
			used[i] = 1;
			used[best] = 1;
			const x = list[i]!;
			const y = list[best]!;
			pairs.push(x < y ? [x, y] : [y, x]);
		};
		for (let i = 0; i < floaters; i++) {
			if (used[i] === 1) continue;
			reset(list[i]!);
			let done = false;
			for (let j = floaters; j < list.length && !done; j++) done = consider(j);
			for (let j = i + 1; j < floaters && !done; j++) done = consider(j);
			take(i);
		}
		const residents: number[] = [];
		for (let j = floaters; j < list.length; j++) if (used[j] === 0) residents.push(j);
		const r = residents.length;
		const half = r >> 1;
		for (let i = 0; i < r; i++) {
			const li = residents[i]!;
			if (used[li] === 1) continue;
			reset(list[li]!);
			let done = false;
			const ideal = Math.min(i + half, r);
			for (let t = Math.max(i + 1, ideal); t < r && !done; t++) done = consider(residents[t]!);
			for (let t = ideal - 1; t > i && !done; t--) done = consider(residents[t]!);
			take(li);
		}
		carry = [];
		for (let j = 0; j < list.length; j++) if (used[j] === 0) carry.push(list[j]!);
	}
	return { pairs, leftover: carry };
}

/**
 * Last resort for big fields: grow the greedy matching by augmenting paths (exact). With a bye,
 * the bye vertex is first connected only to the lowest eligible score group, then to the next
 * groups as well, so the bye stays as low as the field allows.
 */
function completeByAugmenting(f: Field, pairs: Pair[]): Pair[] | null {
	const { n } = f;
	const withBye = n % 2 === 1;
	const V = n + (withBye ? 1 : 0);
	// Adjacency on demand: a search from a few exposed vertices rarely visits the whole field.
	const cache: Array<number[] | undefined> = new Array<number[] | undefined>(V);
	const neighbours = (v: number): number[] => {
		let list = cache[v];
		if (list === undefined) {
			list = [];
			if (v === n) {
				for (let p = 0; p < n; p++) if (f.hadBye[p] === 0) list.push(p);
			} else {
				for (let p = 0; p < n; p++) if (p !== v && compatible(f, v, p)) list.push(p);
				if (withBye && f.hadBye[v] === 0) list.push(n);
			}
			cache[v] = list;
		}
		return list;
	};
	const initial = new Int32Array(V).fill(-1);
	for (const [a, b] of pairs) {
		const q = b < 0 ? n : b;
		initial[a] = q;
		initial[q] = a;
	}
	const all = Array.from({ length: n }, (_, i) => i);
	if (!withBye) return matePairs(all, false, maxCardinalityMatching(V, neighbours, initial));
	const levels = [...new Set(all.filter((p) => f.hadBye[p] === 0).map((p) => f.score[p]!))].sort(
		(x, y) => x - y
	);
	for (const level of levels) {
		// The bye vertex only reaches eligible players up to this score level.
		const edgeOk = (v: number, w: number): boolean =>
			(v !== n || f.score[w]! <= level) && (w !== n || f.score[v]! <= level);
		const start = Int32Array.from(initial);
		const b = start[n]!;
		if (b >= 0 && f.score[b]! > level) {
			start[b] = -1;
			start[n] = -1;
		}
		const result = matePairs(all, true, maxCardinalityMatching(V, neighbours, start, edgeOk));
		if (result !== null) return result;
	}
	return null;
}

/** Defence in depth: the result must satisfy the absolute rules whatever path produced it. */
function verify(f: Field, pairs: Pair[]): void {
	const seen = new Uint8Array(f.n);
	let byes = 0;
	for (const [a, b] of pairs) {
		for (const p of b < 0 ? [a] : [a, b]) {
			if (seen[p] === 1) throw new Error(`swiss: player ${f.ids[p]} paired twice`);
			seen[p] = 1;
		}
		if (b < 0) {
			byes++;
			if (f.hadBye[a] === 1) throw new Error(`swiss: second bye for ${f.ids[a]}`);
		} else if (!compatible(f, a, b)) {
			throw new Error(`swiss: illegal pair ${f.ids[a]}-${f.ids[b]}`);
		}
	}
	if (seen.some((s) => s === 0) || byes !== f.n % 2) {
		throw new Error('swiss: incomplete pairing');
	}
}

/** Board order (higher score, then higher sum, then rank) and colours for each board. */
function orientAndOrder(f: Field, pairs: Pair[]): SwissPairing[] {
	const games = pairs.filter(([, b]) => b >= 0).map(([a, b]) => (a < b ? [a, b] : [b, a]) as Pair);
	games.sort(
		([a1, b1], [a2, b2]) =>
			f.score[a2]! - f.score[a1]! ||
			f.score[a2]! + f.score[b2]! - (f.score[a1]! + f.score[b1]!) ||
			a1 - a2
	);
	const out: SwissPairing[] = games.map(([a, b], board) => {
		const aRed = redForHigher(f, a, b, board);
		return aRed ? { red: f.ids[a]!, black: f.ids[b]! } : { red: f.ids[b]!, black: f.ids[a]! };
	});
	for (const [a, b] of pairs) if (b < 0) out.push({ red: f.ids[a]!, black: null });
	return out;
}

/** Whether the higher-ranked player `a` takes red against `b` (FIDE-style colour allocation). */
function redForHigher(f: Field, a: number, b: number, board: number): boolean {
	const optRed = f.canRed[a] === 1 && f.canBlack[b] === 1;
	const optBlack = f.canBlack[a] === 1 && f.canRed[b] === 1;
	if (optRed !== optBlack) return optRed;
	const costRed = violation(f, a, RED) + violation(f, b, BLACK);
	const costBlack = violation(f, a, BLACK) + violation(f, b, RED);
	if (costRed !== costBlack) return costRed < costBlack;
	const pa = f.pref[a]!;
	const pb = f.pref[b]!;
	if (pa !== 0 && pb !== 0) {
		// Same wish, same strength: alternate from the latest round they had different colours.
		const ca = f.colours[a]!;
		const cb = f.colours[b]!;
		for (let i = ca.length - 1, j = cb.length - 1; i >= 0 && j >= 0; i--, j--) {
			if (ca[i] !== cb[j]) return ca[i] === BLACK;
		}
		return pa === RED;
	}
	if (pa !== 0) return pa === RED;
	if (pb !== 0) return pb === BLACK;
	return board % 2 === 0;
}
