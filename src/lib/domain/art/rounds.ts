/**
 * The final ranking of a category judged in several rounds. A later round (e.g. a shortlist
 * round) decides the order of the entries it judged; the entries it did not judge follow, in
 * the order of the latest earlier round that ranked them. Ties keep sharing a rank. Pure; the
 * art results service feeds it the rankings of the closed rounds, latest first.
 */

export interface RoundRank {
	id: string;
	rank: number;
}

/**
 * Combines round rankings (latest round first, each as returned by `rank`) into one ranking.
 * Entries of the first ranking keep their rank; every following ranking adds the entries not
 * yet placed, in its order, ranked after all entries placed so far (competition ranking:
 * 1, 1, 3 … continues as 4, 4, 6). Returns the entries in final order with `round`, the index
 * of the ranking that placed them. O(total entries · log).
 */
export function combineRoundRankings<T extends RoundRank>(rankings: ReadonlyArray<ReadonlyArray<T>>): Array<T & { round: number }> {
	const placed = new Set<string>();
	const out: Array<T & { round: number }> = [];
	rankings.forEach((ranking, round) => {
		const rest = [...ranking].filter((e) => !placed.has(e.id)).sort((a, b) => a.rank - b.rank);
		const offset = out.length;
		let previousRank: number | null = null;
		let previousFinal = 0;
		rest.forEach((entry, index) => {
			const final = previousRank !== null && entry.rank === previousRank ? previousFinal : offset + index + 1;
			previousRank = entry.rank;
			previousFinal = final;
			out.push({ ...entry, rank: final, round });
			placed.add(entry.id);
		});
	});
	return out;
}
