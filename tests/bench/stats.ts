/** Percentiles for the benchmark tables: one definition (nearest rank) for every bench. */

/** The p-th percentile (0-100) of an ascending list, by nearest rank; NaN when empty. */
export function percentile(sorted: readonly number[], p: number): number {
	if (sorted.length === 0) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
