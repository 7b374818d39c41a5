import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { maxCardinalityMatching, maxWeightMatching, type Edge } from './blossom';

/** Best [cardinality, weight] over all matchings, by exhaustive search (small graphs only). */
function bruteForce(n: number, edges: Edge[], maxCardinality: boolean): [number, number] {
	const w = new Map<number, number>();
	for (const [u, v, x] of edges) {
		const key = Math.min(u, v) * n + Math.max(u, v);
		w.set(key, Math.max(w.get(key) ?? -Infinity, x));
	}
	let best: [number, number] = [0, 0];
	const better = (a: [number, number], b: [number, number]): boolean =>
		maxCardinality ? a[0] > b[0] || (a[0] === b[0] && a[1] > b[1]) : a[1] > b[1];
	const rec = (v: number, used: number, card: number, weight: number): void => {
		if (v === n) {
			if (better([card, weight], best)) best = [card, weight];
			return;
		}
		if (used & (1 << v)) return rec(v + 1, used, card, weight);
		rec(v + 1, used, card, weight);
		for (let u = v + 1; u < n; u++) {
			const x = w.get(v * n + u);
			if (x !== undefined && !(used & (1 << u))) {
				rec(v + 1, used | (1 << v) | (1 << u), card + 1, weight + x);
			}
		}
	};
	rec(0, 0, 0, 0);
	return best;
}

function measure(n: number, edges: Edge[], mate: Int32Array): [number, number] {
	let card = 0;
	let weight = 0;
	for (let v = 0; v < n; v++) {
		const u = mate[v]!;
		if (u === -1) continue;
		expect(mate[u]).toBe(v);
		if (u > v) {
			const options = edges.filter(
				([a, b]) => (a === v && b === u) || (a === u && b === v)
			);
			expect(options.length).toBeGreaterThan(0);
			card++;
			weight += Math.max(...options.map((e) => e[2]));
		}
	}
	return [card, weight];
}

const graph = fc
	.integer({ min: 1, max: 11 })
	.chain((n) =>
		fc.tuple(
			fc.constant(n),
			fc.array(
				fc.tuple(
					fc.integer({ min: 0, max: n - 1 }),
					fc.integer({ min: 0, max: n - 1 }),
					fc.integer({ min: 0, max: 40 })
				),
				{ maxLength: 30 }
			)
		)
	)
	.map(([n, raw]) => {
		const seen = new Set<number>();
		const edges: Edge[] = [];
		for (const [u, v, w] of raw) {
			const key = Math.min(u, v) * n + Math.max(u, v);
			if (u !== v && !seen.has(key)) {
				seen.add(key);
				edges.push([u, v, w]);
			}
		}
		return { n, edges };
	});

describe('maxWeightMatching', () => {
	it('finds the heaviest matching of a small path graph', () => {
		// 0-1 (5), 1-2 (11), 2-3 (5): one heavy middle edge beats two light ones.
		const mate = maxWeightMatching(4, [[0, 1, 5], [1, 2, 11], [2, 3, 5]], false);
		expect(Array.from(mate)).toEqual([-1, 2, 1, -1]);
	});

	it('prefers more pairs over weight when maximum cardinality is asked', () => {
		const mate = maxWeightMatching(4, [[0, 1, 5], [1, 2, 11], [2, 3, 5]], true);
		expect(Array.from(mate)).toEqual([1, 0, 3, 2]);
	});

	it('handles blossoms: an odd cycle with a pendant edge', () => {
		// Triangle 0-1-2 plus 2-3 and 0-4: the optimum needs the blossom to be expanded.
		const edges: Edge[] = [[0, 1, 8], [1, 2, 9], [0, 2, 10], [2, 3, 7], [0, 4, 6]];
		const mate = maxWeightMatching(5, edges, true);
		expect(measure(5, edges, mate)).toEqual(bruteForce(5, edges, true));
	});

	it('matches exhaustive search on random graphs, with and without maximum cardinality', () => {
		fc.assert(
			fc.property(graph, fc.boolean(), ({ n, edges }, maxCard) => {
				const mate = maxWeightMatching(n, edges, maxCard);
				const got = measure(n, edges, mate);
				const want = bruteForce(n, edges, maxCard);
				// Without maximum cardinality only the weight is optimised (0-weight edges are free).
				if (maxCard) expect(got).toEqual(want);
				else expect(got[1]).toBe(want[1]);
			}),
			{ seed: 42, numRuns: 400 }
		);
	});
});

describe('maxCardinalityMatching', () => {
	it('matches exhaustive search on random graphs, from an empty or a greedy start', () => {
		fc.assert(
			fc.property(graph, fc.boolean(), ({ n, edges }, greedyStart) => {
				const adj: number[][] = Array.from({ length: n }, () => []);
				for (const [u, v] of edges) {
					adj[u]!.push(v);
					adj[v]!.push(u);
				}
				let initial: Int32Array | null = null;
				if (greedyStart) {
					initial = new Int32Array(n).fill(-1);
					for (const [u, v] of edges) {
						if (initial[u] === -1 && initial[v] === -1) {
							initial[u] = v;
							initial[v] = u;
						}
					}
				}
				const mate = maxCardinalityMatching(n, (v) => adj[v]!, initial);
				const unit = edges.map(([u, v]) => [u, v, 1] as Edge);
				expect(measure(n, unit, mate)[0]).toBe(bruteForce(n, unit, true)[0]);
			}),
			{ seed: 42, numRuns: 400 }
		);
	});
});
