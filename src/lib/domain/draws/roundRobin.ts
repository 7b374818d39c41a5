/**
 * Round-robin order of play for a group (table tennis groups of 3-4, or any league).
 *
 * Circle method: the first player stays in place, the others rotate one step per round. With the
 * players given in draw order (position 1 = the group's top seed) this yields exactly the ITTF
 * order for groups of 3 and 4, where the two expected qualifiers meet in the last round:
 *   group of 4: 1-4, 2-3 / 1-3, 2-4 / 1-2, 3-4
 *   group of 3: 2-3 / 1-3 / 1-2   (1, 2, 3 rest in turn)
 * For an odd number of players a phantom "rest" player is added; whoever meets it rests that
 * round, so every player rests exactly once and rounds hold only real pairs.
 */
import { RuleViolation } from '../errors';

/** One match of a round: the two ids, the player with the better draw position first. */
export type RoundRobinPair = [string, string];

/** One round: its pairs, and who rests (null when the number of players is even). */
export type RoundRobinRound = { pairs: RoundRobinPair[]; rest: string | null };

/**
 * Rounds with the resting player made explicit; used by the order of play and by the UI that
 * shows "player X rests in round 2".
 */
export function roundRobinRounds(ids: readonly string[]): RoundRobinRound[] {
	const seen = new Set<string>();
	for (const id of ids) {
		if (seen.has(id)) {
			throw new RuleViolation('draw.duplicate_entry', `Entry ${id} appears twice.`, { id });
		}
		seen.add(id);
	}
	if (ids.length < 2) return [];
	const odd = ids.length % 2 === 1;
	// index ids.length is the phantom "rest" player when the number is odd
	const count = odd ? ids.length + 1 : ids.length;
	let ring: number[] = [];
	for (let i = 1; i < count; i++) ring.push(i);
	const rounds: RoundRobinRound[] = [];
	for (let r = 0; r < count - 1; r++) {
		const positions = [0, ...ring];
		const pairs: Array<[number, number]> = [];
		let rest: string | null = null;
		for (let k = 0; k < count / 2; k++) {
			const x = positions[k] as number;
			const y = positions[count - 1 - k] as number;
			if (odd && (x === ids.length || y === ids.length)) {
				rest = ids[x === ids.length ? y : x] as string;
				continue;
			}
			pairs.push(x < y ? [x, y] : [y, x]);
		}
		// better draw position first, pairs listed by their better player (1-4 before 2-3)
		pairs.sort((p, q) => p[0] - q[0]);
		rounds.push({
			pairs: pairs.map(([lo, hi]): RoundRobinPair => [ids[lo] as string, ids[hi] as string]),
			rest
		});
		// rotate the others one step to the right: [2,3,4] -> [4,2,3] -> [3,4,2]
		ring = [ring[ring.length - 1] as number, ...ring.slice(0, -1)];
	}
	return rounds;
}

/**
 * The contract `roundRobin(ids)`: `Array<Array<[string, string]>>`, one array of pairs per
 * round, in playing order; no null pairs (a resting player simply does not appear in that round,
 * see `roundRobinRounds` for who rests). Every pair of ids meets exactly once.
 */
export function roundRobin(ids: readonly string[]): RoundRobinPair[][] {
	return roundRobinRounds(ids).map((round) => round.pairs);
}
