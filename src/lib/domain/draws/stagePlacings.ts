/**
 * Places of the players who did not qualify from a group stage (table tennis groups → knockout):
 * after the `placed` players of the knockout, all group thirds share the next place, then all
 * group fourths, and so on (the usual practice for results lists: "=9. group thirds").
 */
import type { Placing } from './placings';

/**
 * `groupRanks` is each group's players in finishing order; the first `qualifiersPerGroup` of
 * each went on and are placed by the knockout. Called when a groups → knockout category ends.
 */
export function groupStagePlacings(input: {
	groupRanks: ReadonlyArray<ReadonlyArray<string>>;
	qualifiersPerGroup: number;
	placed: number;
}): Placing[] {
	const out: Placing[] = [];
	let place = input.placed + 1;
	const longest = Math.max(0, ...input.groupRanks.map((g) => g.length));
	for (let position = input.qualifiersPerGroup; position < longest; position++) {
		const ids = input.groupRanks.map((g) => g[position]).filter((id): id is string => id !== undefined);
		for (const id of ids) out.push({ id, place });
		place += ids.length;
	}
	return out;
}
