/**
 * Knockout (single elimination) draws for table tennis and darts, after the ITTF regulations
 * on draws (3.6): byes against the seeds, seeds on fixed seeding positions, the rest by lot with
 * players of the same association (here: street) separated as far as possible.
 *
 * Positions are 0-based bracket slots; slot 2k meets slot 2k+1 in the first round. A bracket of
 * size N is a complete binary tree whose leaves are the slots; two players meet in the round in
 * which their slots first share a subtree, so "separated" means "in different halves, then in
 * different quarters, …".
 *
 * Seeding positions (ITTF): seed 1 at the top of the top half (slot 0), seed 2 at the bottom of
 * the bottom half (slot N-1); seeds 3-4 drawn to the bottom of the 1st half and the top of the
 * 2nd half (slots N/2-1, N/2), i.e. the two quarters without seed 1 or 2; seeds 5-8 drawn to the
 * bottom of the 1st and 3rd quarters and the top of the 2nd and 4th quarters (the four eighths
 * without seeds 1-4); seeds 9-16 likewise in the eighths' boundaries; and so on.
 */
import { RuleViolation } from '../errors';
import { createRng, randomInt, shuffle, type Rng } from './random';

/** One entry of a knockout draw. A lower `seed` is a better seed; equal seeds are split by lot. */
export type KnockoutEntry = {
	id: string;
	seed?: number;
	/** Players of the same street are separated as far as the seeding allows. */
	street?: string;
	/**
	 * Players sharing a group key (e.g. qualifiers from the same round-robin group) are separated
	 * before streets are: different halves first, then different quarters, …
	 */
	group?: string;
};

/** The contract's result: the bracket size and the slots in bracket order (`null` = bye). */
export type KnockoutDraw = { size: number; slots: Array<string | null> };

/** Smallest power of two ≥ n, and at least 2; the size of the bracket for n entries. */
export function bracketSize(n: number): number {
	let size = 2;
	while (size < n) size *= 2;
	return size;
}

function log2(size: number): number {
	return Math.round(Math.log2(size));
}

function bitReverse(value: number, bits: number): number {
	let out = 0;
	for (let i = 0; i < bits; i++) out = (out << 1) | ((value >> i) & 1);
	return out;
}

/**
 * The seeding positions grouped as the regulations draw them: [[0], [N-1], [N/2-1, N/2],
 * [N/4-1, N/4, 3N/4-1, 3N/4], …]. Together they cover every slot once. Inside a group the
 * positions are ordered in bit-reversed order of their segment, XOR a random mask: any prefix of
 * that order is spread evenly over halves, then quarters, so byes that fill only part of a group
 * are still distributed as evenly as possible, and which half gets the extra one is by lot.
 */
function seedingGroups(size: number, rng: Rng): number[][] {
	const groups: number[][] = [[0], [size - 1]];
	for (let k = 2; k <= size / 2; k *= 2) {
		const bits = log2(k);
		const mask = randomInt(rng, k);
		const segment = size / k;
		const group: number[] = [];
		for (let i = 0; i < k; i++) {
			const j = bitReverse(i, bits) ^ mask;
			// even segment: its bottom slot; odd segment: its top slot (the boundary between them)
			group.push(j % 2 === 0 ? (j + 1) * segment - 1 : j * segment);
		}
		groups.push(group);
	}
	return groups;
}

function validateEntries(entries: readonly KnockoutEntry[]): void {
	if (entries.length === 0) {
		throw new RuleViolation('draw.no_entries', 'A draw needs at least one entry.');
	}
	const seen = new Set<string>();
	for (const entry of entries) {
		if (seen.has(entry.id)) {
			throw new RuleViolation('draw.duplicate_entry', `Entry ${entry.id} appears twice.`, {
				id: entry.id
			});
		}
		seen.add(entry.id);
		if (entry.seed !== undefined && !Number.isFinite(entry.seed)) {
			throw new RuleViolation('draw.invalid_seed', `Entry ${entry.id} has an invalid seed.`, {
				id: entry.id
			});
		}
	}
}

/**
 * Counts of a separation key (a street or a group) per bracket subtree; nodes are numbered as a
 * heap (root 1, children 2i and 2i+1, slot p is leaf size+p).
 */
class SubtreeCounts {
	private readonly byKey = new Map<string, Int32Array>();
	constructor(private readonly size: number) {}

	add(key: string, slot: number): void {
		let counts = this.byKey.get(key);
		if (!counts) {
			counts = new Int32Array(2 * this.size);
			this.byKey.set(key, counts);
		}
		for (let node = this.size + slot; node >= 1; node >>= 1) counts[node] = (counts[node] ?? 0) + 1;
	}

	get(key: string | undefined, node: number): number {
		if (key === undefined) return 0;
		return this.byKey.get(key)?.[node] ?? 0;
	}
}

const FREE = 0;
const BYE = 1;
const TAKEN = 2;

/**
 * Draws a knockout bracket. Called by the draw service when the organizer runs (or re-runs with
 * the published seed string) the draw of a category; the result is stored as the bracket.
 *
 * Rules applied, in order of precedence:
 * 1. size = next power of two (≥ 2); byes = size − entries, placed against the seeds in seed
 *    order, the remainder spread evenly over halves/quarters; never bye against bye.
 * 2. seeds on the ITTF seeding positions (see the file comment), drawn by lot within their
 *    group of positions, preferring positions that separate players of the same group key, then
 *    of the same street.
 * 3. unseeded players by lot, each one walking down the bracket to the half (then quarter, …)
 *    holding fewer players of its group key, then of its street, then with more free slots.
 *    Players with a group key go first (in input order within their group: a runner-up before
 *    a third), then larger streets before smaller ones, so they are spread before the bracket
 *    fills up; players without a street (or alone in theirs) fill the remaining slots.
 */
export function drawKnockout(input: {
	entries: readonly KnockoutEntry[];
	seed: string;
}): KnockoutDraw {
	const { entries } = input;
	validateEntries(entries);
	const rng = createRng(`knockout:${input.seed}`);
	const n = entries.length;
	const size = bracketSize(n);
	const depth = log2(size);
	const byes = size - n;

	const state = new Uint8Array(size);
	const slots: Array<string | null> = new Array<string | null>(size).fill(null);
	const groups = seedingGroups(size, rng);
	const priority = groups.flat();
	// byes sit against the first `byes` positions of the seeding order (all in its upper half, so
	// their partners are distinct and none of them is itself a bye position)
	const hasBye = new Uint8Array(size);
	for (let i = 0; i < byes; i++) {
		const position = priority[i] as number;
		state[position ^ 1] = BYE;
		hasBye[position] = 1;
	}

	const free = new Int32Array(2 * size);
	for (let p = 0; p < size; p++) if (state[p] === FREE) free[size + p] = 1;
	for (let node = size - 1; node >= 1; node--) {
		free[node] = (free[2 * node] ?? 0) + (free[2 * node + 1] ?? 0);
	}
	const seedsPerNode = new Int32Array(2 * size);

	// only keys with two or more members need separating
	const memberCount = (key: (e: KnockoutEntry) => string | undefined) => {
		const counts = new Map<string, number>();
		for (const e of entries) {
			const k = key(e);
			if (k !== undefined) counts.set(k, (counts.get(k) ?? 0) + 1);
		}
		return counts;
	};
	const streetSizes = memberCount((e) => e.street);
	const groupSizes = memberCount((e) => e.group);
	const streetOf = (e: KnockoutEntry) =>
		e.street !== undefined && (streetSizes.get(e.street) ?? 0) > 1 ? e.street : undefined;
	const groupOf = (e: KnockoutEntry) =>
		e.group !== undefined && (groupSizes.get(e.group) ?? 0) > 1 ? e.group : undefined;
	const streets = new SubtreeCounts(size);
	const groupKeys = new SubtreeCounts(size);

	const place = (entry: KnockoutEntry, slot: number, seeded: boolean) => {
		state[slot] = TAKEN;
		slots[slot] = entry.id;
		const street = streetOf(entry);
		const group = groupOf(entry);
		if (street !== undefined) streets.add(street, slot);
		if (group !== undefined) groupKeys.add(group, slot);
		for (let node = size + slot; node >= 1; node >>= 1) {
			free[node] = (free[node] ?? 0) - 1;
			if (seeded) seedsPerNode[node] = (seedsPerNode[node] ?? 0) + 1;
		}
	};

	// --- seeds ----------------------------------------------------------------------------
	const seeded = shuffle(
		entries.filter((e) => e.seed !== undefined),
		rng
	).sort((x, y) => (x.seed as number) - (y.seed as number));

	/** Lexicographic cost of putting `entry` on `slot`: group clashes, street clashes, seeds. */
	const seedCost = (entry: KnockoutEntry, slot: number): number[] => {
		const group = groupOf(entry);
		const street = streetOf(entry);
		const cost: number[] = [];
		for (let d = 1; d <= depth; d++) {
			const node = (size + slot) >> (depth - d);
			cost.push(groupKeys.get(group, node), streets.get(street, node));
		}
		for (let d = 1; d <= depth; d++) cost.push(seedsPerNode[(size + slot) >> (depth - d)] ?? 0);
		return cost;
	};
	const less = (a: number[], b: number[]) => {
		for (let i = 0; i < a.length; i++) {
			if ((a[i] as number) !== (b[i] as number)) return (a[i] as number) < (b[i] as number);
		}
		return false;
	};

	let next = 0;
	for (const group of groups) {
		if (next >= seeded.length) break;
		const candidates = group.filter((p) => state[p] === FREE);
		const take = Math.min(candidates.length, seeded.length - next);
		const groupSeeds = seeded.slice(next, next + take);
		next += take;
		const byeClass = candidates.filter((p) => hasBye[p] === 1);
		const otherClass = candidates.filter((p) => hasBye[p] !== 1);
		// the best seeds of the group get the byes that fall in it (byes go to seeds in order)
		const withBye = Math.min(byeClass.length, groupSeeds.length);
		groupSeeds.forEach((entry, i) => {
			const pool = i < withBye ? byeClass : otherClass;
			let best = -1;
			let bestCost: number[] = [];
			for (let c = 0; c < pool.length; c++) {
				const slot = pool[c] as number;
				if (state[slot] !== FREE) continue;
				const cost = seedCost(entry, slot);
				if (best < 0 || less(cost, bestCost)) {
					best = slot;
					bestCost = cost;
				}
			}
			place(entry, best, true);
		});
	}

	// --- unseeded ---------------------------------------------------------------------------
	const unseeded = shuffle(
		entries.filter((e) => e.seed === undefined),
		rng
	);
	const streetRank = new Map<string, number>();
	shuffle([...streetSizes.keys()], rng)
		.sort((a, b) => (streetSizes.get(b) ?? 0) - (streetSizes.get(a) ?? 0))
		.forEach((street, i) => streetRank.set(street, i));
	// within a group key, entries keep their input order (a group's runner-up before its third)
	const rankInGroup = new Map<KnockoutEntry, number>();
	const seenInGroup = new Map<string, number>();
	for (const e of entries) {
		const group = groupOf(e);
		if (group === undefined) continue;
		const k = seenInGroup.get(group) ?? 0;
		rankInGroup.set(e, k);
		seenInGroup.set(group, k + 1);
	}
	const orderKey = (e: KnockoutEntry): number[] => {
		const street = streetOf(e);
		return [
			groupOf(e) === undefined ? 1 : 0,
			rankInGroup.get(e) ?? 0,
			street === undefined ? Infinity : (streetRank.get(street) ?? 0)
		];
	};
	unseeded.sort((x, y) => {
		const kx = orderKey(x);
		const ky = orderKey(y);
		for (let i = 0; i < kx.length; i++) {
			const a = kx[i] as number;
			const b = ky[i] as number;
			if (a !== b) return a < b ? -1 : 1;
		}
		return 0;
	});

	for (const entry of unseeded) {
		const group = groupOf(entry);
		const street = streetOf(entry);
		let node = 1;
		while (node < size) {
			const left = 2 * node;
			const right = left + 1;
			const fl = free[left] ?? 0;
			const fr = free[right] ?? 0;
			if (fl === 0) node = right;
			else if (fr === 0) node = left;
			else {
				const gl = groupKeys.get(group, left);
				const gr = groupKeys.get(group, right);
				const sl = streets.get(street, left);
				const sr = streets.get(street, right);
				if (gl !== gr) node = gl < gr ? left : right;
				else if (sl !== sr) node = sl < sr ? left : right;
				else if (fl !== fr) node = fl > fr ? left : right;
				else node = rng() < 0.5 ? left : right;
			}
		}
		place(entry, node - size, false);
	}

	repairClashes(entries, unseeded, slots, depth, groupOf, streetOf, (e) => rankInGroup.get(e) ?? 0);
	return { size, slots };
}

/** Round (1 = first round, depth = final) in which slots p and q would meet. */
function meetingRound(p: number, q: number): number {
	return 32 - Math.clz32(p ^ q);
}

/**
 * Second pass over the unseeded players. The walk down the bracket places one player at a time
 * and can paint itself into a corner (e.g. a group's third qualifier finds only the quarter of
 * its runner-up still free). For every player who meets a player of its group key or street
 * earlier than a perfect spread would allow, try swapping it with each other unseeded player and
 * keep the swap that lowers the total separation cost most. Cost of a pair sharing a key that
 * meets in round r: 8^(depth − r), so earlier meetings weigh most. Costs are compared by level:
 * a group's winner and runner-up first, then a group's third with them, then other group pairs,
 * then streets (a swap never trades a higher level for a lower one). Only
 * clashing players are tried, so a well-spread draw costs nothing here; O(c · n · m) for c
 * clashing players, n unseeded players and m players per key, capped by a fixed work budget
 * (a few tens of milliseconds) for fields where one street is most of the draw.
 */
function repairClashes(
	entries: readonly KnockoutEntry[],
	movable: readonly KnockoutEntry[],
	slots: Array<string | null>,
	depth: number,
	groupOf: (e: KnockoutEntry) => string | undefined,
	streetOf: (e: KnockoutEntry) => string | undefined,
	rankOf: (e: KnockoutEntry) => number
): void {
	// Cost levels, compared in this order: 0 = a group's first two (winner and runner-up),
	// 1 = a group's third with its first two, 2 = later group pairs, 3 = streets.
	// entries by index; slot of each entry; per key the member indices
	const indexOf = new Map<string, number>();
	entries.forEach((e, i) => indexOf.set(e.id, i));
	const slotAt = new Int32Array(entries.length);
	slots.forEach((id, p) => {
		if (id !== null) slotAt[indexOf.get(id) as number] = p;
	});
	type Key = { group: boolean; list: number[] };
	const keyLists = new Map<string, number[]>();
	const keysOf: Key[][] = entries.map(() => []);
	const rank = new Int32Array(entries.length);
	entries.forEach((e, i) => {
		rank[i] = rankOf(e);
		const g = groupOf(e);
		const s = streetOf(e);
		const add = (key: string, group: boolean) => {
			let list = keyLists.get(key);
			if (!list) {
				list = [];
				keyLists.set(key, list);
			}
			list.push(i);
			(keysOf[i] as Key[]).push({ group, list });
		};
		if (g !== undefined) add(`g:${g}`, true);
		if (s !== undefined) add(`s:${s}`, false);
	});
	const levelOf = (group: boolean, i: number, z: number) =>
		group ? Math.min(2, Math.max(rank[i] as number, rank[z] as number) - 1) : 3;
	const penalty = new Float64Array(depth + 1);
	for (let r = 1; r <= depth; r++) penalty[r] = 8 ** (depth - r);
	const cost = (p: number, q: number) => penalty[meetingRound(p, q)] as number;
	// bounded effort: a field where one street is most of the draw cannot be spread anyway, and
	// trying every swap for every one of its players would take seconds
	let budget = 3_000_000;
	/** adds to `delta` the cost change of entry i moving from slot `from` to `to`, ignoring j */
	const addMoveDelta = (delta: Float64Array, i: number, from: number, to: number, j: number) => {
		for (const { group, list } of keysOf[i] as Key[]) {
			budget -= list.length;
			for (const z of list) {
				if (z === i || z === j) continue;
				const pz = slotAt[z] as number;
				const level = levelOf(group, i, z);
				delta[level] = (delta[level] as number) + cost(to, pz) - cost(from, pz);
			}
		}
	};
	/** true when entry i meets a key-mate earlier than an even spread of that key would allow */
	const clashes = (i: number): boolean => {
		const p = slotAt[i] as number;
		for (const { list } of keysOf[i] as Key[]) {
			budget -= list.length;
			const earliest = depth - Math.ceil(Math.log2(list.length)) + 1;
			for (const z of list) {
				if (z !== i && meetingRound(p, slotAt[z] as number) < earliest) return true;
			}
		}
		return false;
	};
	const moving = movable.map((e) => indexOf.get(e.id) as number);
	const delta = new Float64Array(4);
	const best = new Float64Array(4);
	/** lexicographic: is `a` lower than `b`? */
	const lower = (a: Float64Array, b: Float64Array) => {
		for (let k = 0; k < 4; k++) {
			if ((a[k] as number) !== (b[k] as number)) return (a[k] as number) < (b[k] as number);
		}
		return false;
	};
	for (let pass = 0; pass < 4; pass++) {
		let improved = false;
		for (const x of moving) {
			if (budget <= 0) return;
			if ((keysOf[x] as unknown[]).length === 0 || !clashes(x)) continue;
			const p = slotAt[x] as number;
			let partner = -1;
			best.fill(0);
			for (const y of moving) {
				if (y === x) continue;
				const q = slotAt[y] as number;
				delta.fill(0);
				addMoveDelta(delta, x, p, q, y);
				addMoveDelta(delta, y, q, p, x);
				if (lower(delta, best)) {
					partner = y;
					best.set(delta);
				}
			}
			if (partner >= 0) {
				const q = slotAt[partner] as number;
				slots[p] = (entries[partner] as KnockoutEntry).id;
				slots[q] = (entries[x] as KnockoutEntry).id;
				slotAt[partner] = p;
				slotAt[x] = q;
				improved = true;
			}
		}
		if (!improved) break;
	}
}

/** Qualifiers of one round-robin group in finishing order (winner first). */
export type GroupQualifiers = { group: string; qualifiers: readonly string[] };

/**
 * Places the qualifiers of round-robin groups into the knockout (group stage → main draw).
 * Winners are seeded by group order (winner of the first group = seed 1, …); the other
 * qualifiers are unseeded and drawn away from their own group's players, so a group's winner and
 * runner-up land in opposite halves (a third qualifier in another quarter), and players of the
 * same street are separated after that. Called by the draw service when the groups are over.
 */
export function placeGroupQualifiers(input: {
	groups: readonly GroupQualifiers[];
	/** athlete id → street, for street separation */
	streets?: Readonly<Record<string, string>>;
	seed: string;
}): KnockoutDraw {
	const entries: KnockoutEntry[] = [];
	input.groups.forEach((g, gi) => {
		g.qualifiers.forEach((id, qi) => {
			const street = input.streets?.[id];
			entries.push({
				id,
				group: `group:${g.group}`,
				...(qi === 0 ? { seed: gi + 1 } : {}),
				...(street !== undefined ? { street } : {})
			});
		});
	});
	return drawKnockout({ entries, seed: input.seed });
}

// --- bracket model ------------------------------------------------------------------------

/** Where a side of a bracket match comes from. */
export type BracketSource =
	| { type: 'slot'; slot: number }
	| { type: 'winner'; round: number; index: number }
	| { type: 'loser'; round: number; index: number };

/** Stage names for labels; `roundOf` rounds carry `players` (e.g. 16 for the round of 16). */
export type BracketStage = 'final' | 'thirdPlace' | 'semiFinal' | 'quarterFinal' | 'roundOf';

/**
 * One match of the bracket. Rounds count from 1 (the first round); the final is round
 * log2(size), index 0; the third-place match, when played, is in the same round with index 1.
 */
export type BracketMatch = {
	round: number;
	index: number;
	stage: BracketStage;
	/** number of players in this round (2 for the final and the third-place match) */
	players: number;
	a: BracketSource;
	b: BracketSource;
};

function checkSize(size: number): number {
	if (!Number.isInteger(size) || size < 2 || (size & (size - 1)) !== 0) {
		throw new RuleViolation(
			'draw.invalid_bracket_size',
			`Bracket size ${size} is not a power of two.`,
			{ size }
		);
	}
	return log2(size);
}

function stageOf(rounds: number, round: number): BracketStage {
	if (round === rounds) return 'final';
	if (round === rounds - 1) return 'semiFinal';
	if (round === rounds - 2) return 'quarterFinal';
	return 'roundOf';
}

/**
 * All matches of a bracket of `size` slots, round by round (first round first), with where each
 * side comes from. Used to create the match records of a knockout and to draw the bracket view.
 */
export function bracketRounds(
	size: number,
	options: { thirdPlace?: boolean } = {}
): BracketMatch[][] {
	const rounds = checkSize(size);
	const out: BracketMatch[][] = [];
	for (let round = 1; round <= rounds; round++) {
		const count = size >> round;
		const players = size >> (round - 1);
		const matches: BracketMatch[] = [];
		for (let index = 0; index < count; index++) {
			const a: BracketSource =
				round === 1
					? { type: 'slot', slot: 2 * index }
					: { type: 'winner', round: round - 1, index: 2 * index };
			const b: BracketSource =
				round === 1
					? { type: 'slot', slot: 2 * index + 1 }
					: { type: 'winner', round: round - 1, index: 2 * index + 1 };
			matches.push({ round, index, stage: stageOf(rounds, round), players, a, b });
		}
		if (round === rounds && options.thirdPlace && rounds >= 2) {
			matches.push({
				round,
				index: 1,
				stage: 'thirdPlace',
				players: 2,
				a: { type: 'loser', round: round - 1, index: 0 },
				b: { type: 'loser', round: round - 1, index: 1 }
			});
		}
		out.push(matches);
	}
	return out;
}

/** A side of a later match: where a winner (or a semi-final loser) goes next. */
export type BracketTarget = { round: number; index: number; side: 'a' | 'b' };

/**
 * Tells where the winner of a match goes (null after the final or the third-place match) and,
 * with a third-place match, where a semi-final loser goes. Called when a result is confirmed to
 * fill the next match.
 */
export function nextSlot(
	size: number,
	match: { round: number; index: number },
	options: { thirdPlace?: boolean } = {}
): { winner: BracketTarget | null; loser: BracketTarget | null } {
	const rounds = checkSize(size);
	const { round, index } = match;
	const count = size >> round;
	const isThirdPlace =
		options.thirdPlace === true && rounds >= 2 && round === rounds && index === 1;
	const exists =
		Number.isInteger(round) &&
		round >= 1 &&
		round <= rounds &&
		Number.isInteger(index) &&
		index >= 0 &&
		(index < count || isThirdPlace);
	if (!exists) {
		throw new RuleViolation(
			'draw.invalid_match',
			`There is no match ${index + 1} in round ${round}.`,
			{ round, index }
		);
	}
	if (round === rounds) return { winner: null, loser: null };
	const winner: BracketTarget = {
		round: round + 1,
		index: index >> 1,
		side: index % 2 === 0 ? 'a' : 'b'
	};
	const loser: BracketTarget | null =
		options.thirdPlace && round === rounds - 1
			? { round: rounds, index: 1, side: index === 0 ? 'a' : 'b' }
			: null;
	return { winner, loser };
}

/**
 * First-round matches decided by a bye: the player who advances without playing. Used to fill
 * round 2 right after the draw.
 */
export function byeAdvances(
	slots: ReadonlyArray<string | null>
): Array<{ index: number; id: string }> {
	const out: Array<{ index: number; id: string }> = [];
	for (let i = 0; i + 1 < slots.length; i += 2) {
		const a = slots[i] ?? null;
		const b = slots[i + 1] ?? null;
		if (a !== null && b === null) out.push({ index: i / 2, id: a });
		else if (a === null && b !== null) out.push({ index: i / 2, id: b });
	}
	return out;
}
