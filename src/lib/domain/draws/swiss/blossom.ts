/**
 * Matching algorithms on general (non-bipartite) graphs, written here because the domain core
 * may not import npm packages.
 *
 * - `maxWeightMatching`: Edmonds' weighted blossom algorithm with dual variables, after
 *   Joris van Rantwijk's public-domain `mwmatching.py` (Galil's O(n³) formulation). With
 *   integer weights every computation stays in integers (dual variables are stored doubled),
 *   so results are exact as long as weights stay below ~2^50.
 * - `maxCardinalityMatching`: Edmonds' unweighted blossom algorithm (BFS with blossom
 *   contraction), which grows a given initial matching by augmenting paths. Each augmentation
 *   costs O(V² + E), so completing a nearly perfect matching of 1,000 vertices is cheap.
 *
 * Both return `mate`: `mate[v]` is the vertex matched to v, or -1.
 */

/** An undirected edge `[u, v, weight]` between two distinct vertices numbered from 0. */
export type Edge = readonly [number, number, number];

/**
 * Maximum-weight matching (optionally among maximum-cardinality matchings). The Swiss pairer
 * calls it on whole small fields and on the bottom part of large fields, with weights that
 * encode the pairing priorities lexicographically. Deterministic: same input, same output.
 */
export function maxWeightMatching(
	nvertex: number,
	edges: ReadonlyArray<Edge>,
	maxCardinality: boolean
): Int32Array {
	const mateOut = new Int32Array(nvertex).fill(-1);
	const nedge = edges.length;
	if (nedge === 0 || nvertex === 0) return mateOut;

	const edgeI = new Int32Array(nedge);
	const edgeJ = new Int32Array(nedge);
	const edgeW = new Float64Array(nedge);
	let maxweight = 0;
	for (let k = 0; k < nedge; k++) {
		const e = edges[k]!;
		edgeI[k] = e[0];
		edgeJ[k] = e[1];
		edgeW[k] = e[2];
		if (e[2] > maxweight) maxweight = e[2];
	}
	const endpoint = new Int32Array(2 * nedge);
	for (let p = 0; p < 2 * nedge; p++) endpoint[p] = p % 2 === 0 ? edgeI[p >> 1]! : edgeJ[p >> 1]!;
	const neighbend: number[][] = Array.from({ length: nvertex }, () => []);
	for (let k = 0; k < nedge; k++) {
		neighbend[edgeI[k]!]!.push(2 * k + 1);
		neighbend[edgeJ[k]!]!.push(2 * k);
	}

	const n2 = 2 * nvertex;
	const mate = new Int32Array(nvertex).fill(-1);
	const label = new Int32Array(n2);
	const labelend = new Int32Array(n2).fill(-1);
	const inblossom = new Int32Array(nvertex);
	for (let v = 0; v < nvertex; v++) inblossom[v] = v;
	const blossomparent = new Int32Array(n2).fill(-1);
	const blossomchilds: Array<number[] | null> = new Array<number[] | null>(n2).fill(null);
	const blossombase = new Int32Array(n2).fill(-1);
	for (let v = 0; v < nvertex; v++) blossombase[v] = v;
	const blossomendps: Array<number[] | null> = new Array<number[] | null>(n2).fill(null);
	const bestedge = new Int32Array(n2).fill(-1);
	const blossombestedges: Array<number[] | null> = new Array<number[] | null>(n2).fill(null);
	const unusedblossoms: number[] = [];
	for (let b = nvertex; b < n2; b++) unusedblossoms.push(b);
	const dualvar = new Float64Array(n2);
	for (let v = 0; v < nvertex; v++) dualvar[v] = maxweight;
	const allowedge = new Uint8Array(nedge);
	let queue: number[] = [];

	const slack = (k: number): number =>
		dualvar[edgeI[k]!]! + dualvar[edgeJ[k]!]! - 2 * edgeW[k]!;

	const leaves = (b: number, out: number[]): number[] => {
		if (b < nvertex) out.push(b);
		else for (const t of blossomchilds[b]!) leaves(t, out);
		return out;
	};

	const assignLabel = (w: number, t: number, p: number): void => {
		const b = inblossom[w]!;
		label[w] = label[b] = t;
		labelend[w] = labelend[b] = p;
		bestedge[w] = bestedge[b] = -1;
		if (t === 1) {
			leaves(b, queue);
		} else if (t === 2) {
			const base = blossombase[b]!;
			assignLabel(endpoint[mate[base]!]!, 1, mate[base]! ^ 1);
		}
	};

	const scanBlossom = (vIn: number, wIn: number): number => {
		let v = vIn;
		let w = wIn;
		const path: number[] = [];
		let base = -1;
		while (v !== -1 || w !== -1) {
			let b = inblossom[v]!;
			if (label[b]! & 4) {
				base = blossombase[b]!;
				break;
			}
			path.push(b);
			label[b] = 5;
			if (labelend[b] === -1) {
				v = -1;
			} else {
				v = endpoint[labelend[b]!]!;
				b = inblossom[v]!;
				v = endpoint[labelend[b]!]!;
			}
			if (w !== -1) {
				const tmp = v;
				v = w;
				w = tmp;
			}
		}
		for (const b of path) label[b] = 1;
		return base;
	};

	const addBlossom = (base: number, k: number): void => {
		let v = edgeI[k]!;
		let w = edgeJ[k]!;
		const bb = inblossom[base]!;
		let bv = inblossom[v]!;
		let bw = inblossom[w]!;
		const b = unusedblossoms.pop()!;
		blossombase[b] = base;
		blossomparent[b] = -1;
		blossomparent[bb] = b;
		const path: number[] = [];
		const endps: number[] = [];
		while (bv !== bb) {
			blossomparent[bv] = b;
			path.push(bv);
			endps.push(labelend[bv]!);
			v = endpoint[labelend[bv]!]!;
			bv = inblossom[v]!;
		}
		path.push(bb);
		path.reverse();
		endps.reverse();
		endps.push(2 * k);
		while (bw !== bb) {
			blossomparent[bw] = b;
			path.push(bw);
			endps.push(labelend[bw]! ^ 1);
			w = endpoint[labelend[bw]!]!;
			bw = inblossom[w]!;
		}
		blossomchilds[b] = path;
		blossomendps[b] = endps;
		label[b] = 1;
		labelend[b] = labelend[bb]!;
		dualvar[b] = 0;
		for (const leaf of leaves(b, [])) {
			if (label[inblossom[leaf]!] === 2) queue.push(leaf);
			inblossom[leaf] = b;
		}
		const bestedgeto = new Int32Array(n2).fill(-1);
		for (const child of path) {
			let nblists: number[][];
			const own = blossombestedges[child];
			if (own === null || own === undefined) {
				nblists = leaves(child, []).map((leaf) => neighbend[leaf]!.map((p) => p >> 1));
			} else {
				nblists = [own];
			}
			for (const nblist of nblists) {
				for (const kk of nblist) {
					const i = edgeI[kk]!;
					let j = edgeJ[kk]!;
					// the edge's end outside blossom b
					if (inblossom[j] === b) j = i;
					const bj = inblossom[j]!;
					if (
						bj !== b &&
						label[bj] === 1 &&
						(bestedgeto[bj] === -1 || slack(kk) < slack(bestedgeto[bj]!))
					) {
						bestedgeto[bj] = kk;
					}
				}
			}
			blossombestedges[child] = null;
			bestedge[child] = -1;
		}
		const list: number[] = [];
		for (let x = 0; x < n2; x++) if (bestedgeto[x] !== -1) list.push(bestedgeto[x]!);
		blossombestedges[b] = list;
		bestedge[b] = -1;
		for (const kk of list) {
			if (bestedge[b] === -1 || slack(kk) < slack(bestedge[b]!)) bestedge[b] = kk;
		}
	};

	const expandBlossom = (b: number, endstage: boolean): void => {
		const childs = blossomchilds[b]!;
		for (const s of childs) {
			blossomparent[s] = -1;
			if (s < nvertex) inblossom[s] = s;
			else if (endstage && dualvar[s] === 0) expandBlossom(s, endstage);
			else for (const leaf of leaves(s, [])) inblossom[leaf] = s;
		}
		if (!endstage && label[b] === 2) {
			const endps = blossomendps[b]!;
			const entrychild = inblossom[endpoint[labelend[b]! ^ 1]!]!;
			let j = childs.indexOf(entrychild);
			let jstep: number;
			let endptrick: number;
			if (j & 1) {
				j -= childs.length;
				jstep = 1;
				endptrick = 0;
			} else {
				jstep = -1;
				endptrick = 1;
			}
			const at = <T>(arr: T[], idx: number): T => arr[idx < 0 ? idx + arr.length : idx]!;
			let p = labelend[b]!;
			while (j !== 0) {
				label[endpoint[p ^ 1]!] = 0;
				label[endpoint[at(endps, j - endptrick) ^ endptrick ^ 1]!] = 0;
				assignLabel(endpoint[p ^ 1]!, 2, p);
				allowedge[at(endps, j - endptrick) >> 1] = 1;
				j += jstep;
				p = at(endps, j - endptrick) ^ endptrick;
				allowedge[p >> 1] = 1;
				j += jstep;
			}
			const bv = at(childs, j);
			label[endpoint[p ^ 1]!] = label[bv] = 2;
			labelend[endpoint[p ^ 1]!] = labelend[bv] = p;
			bestedge[bv] = -1;
			j += jstep;
			while (at(childs, j) !== entrychild) {
				const cv = at(childs, j);
				if (label[cv] === 1) {
					j += jstep;
					continue;
				}
				let found = -1;
				for (const leaf of leaves(cv, [])) {
					if (label[leaf] !== 0) {
						found = leaf;
						break;
					}
				}
				if (found !== -1) {
					label[found] = 0;
					label[endpoint[mate[blossombase[cv]!]!]!] = 0;
					assignLabel(found, 2, labelend[found]!);
				}
				j += jstep;
			}
		}
		label[b] = labelend[b] = -1;
		blossomchilds[b] = blossomendps[b] = null;
		blossombase[b] = -1;
		blossombestedges[b] = null;
		bestedge[b] = -1;
		unusedblossoms.push(b);
	};

	const augmentBlossom = (b: number, v: number): void => {
		let t = v;
		while (blossomparent[t] !== b) t = blossomparent[t]!;
		if (t >= nvertex) augmentBlossom(t, v);
		const childs = blossomchilds[b]!;
		const endps = blossomendps[b]!;
		const at = <T>(arr: T[], idx: number): T => arr[idx < 0 ? idx + arr.length : idx]!;
		const i = childs.indexOf(t);
		let j = i;
		let jstep: number;
		let endptrick: number;
		if (i & 1) {
			j -= childs.length;
			jstep = 1;
			endptrick = 0;
		} else {
			jstep = -1;
			endptrick = 1;
		}
		while (j !== 0) {
			j += jstep;
			t = at(childs, j);
			const p = at(endps, j - endptrick) ^ endptrick;
			if (t >= nvertex) augmentBlossom(t, endpoint[p]!);
			j += jstep;
			t = at(childs, j);
			if (t >= nvertex) augmentBlossom(t, endpoint[p ^ 1]!);
			mate[endpoint[p]!] = p ^ 1;
			mate[endpoint[p ^ 1]!] = p;
		}
		blossomchilds[b] = childs.slice(i).concat(childs.slice(0, i));
		blossomendps[b] = endps.slice(i).concat(endps.slice(0, i));
		blossombase[b] = blossombase[blossomchilds[b]![0]!]!;
	};

	const augmentMatching = (k: number): void => {
		const starts: Array<[number, number]> = [
			[edgeI[k]!, 2 * k + 1],
			[edgeJ[k]!, 2 * k]
		];
		for (const start of starts) {
			let s = start[0];
			let p = start[1];
			for (;;) {
				const bs = inblossom[s]!;
				if (bs >= nvertex) augmentBlossom(bs, s);
				mate[s] = p;
				if (labelend[bs] === -1) break;
				const t = endpoint[labelend[bs]!]!;
				const bt = inblossom[t]!;
				s = endpoint[labelend[bt]!]!;
				const j = endpoint[labelend[bt]! ^ 1]!;
				if (bt >= nvertex) augmentBlossom(bt, j);
				mate[j] = labelend[bt]!;
				p = labelend[bt]! ^ 1;
			}
		}
	};

	for (let stage = 0; stage < nvertex; stage++) {
		label.fill(0);
		bestedge.fill(-1);
		for (let b = nvertex; b < n2; b++) blossombestedges[b] = null;
		allowedge.fill(0);
		queue = [];
		for (let v = 0; v < nvertex; v++) {
			if (mate[v] === -1 && label[inblossom[v]!] === 0) assignLabel(v, 1, -1);
		}
		let augmented = false;
		for (;;) {
			while (queue.length > 0 && !augmented) {
				const v = queue.pop()!;
				for (const p of neighbend[v]!) {
					const k = p >> 1;
					const w = endpoint[p]!;
					if (inblossom[v] === inblossom[w]) continue;
					let kslack = 0;
					if (!allowedge[k]) {
						kslack = slack(k);
						if (kslack <= 0) allowedge[k] = 1;
					}
					if (allowedge[k]) {
						if (label[inblossom[w]!] === 0) {
							assignLabel(w, 2, p ^ 1);
						} else if (label[inblossom[w]!] === 1) {
							const base = scanBlossom(v, w);
							if (base >= 0) {
								addBlossom(base, k);
							} else {
								augmentMatching(k);
								augmented = true;
								break;
							}
						} else if (label[w] === 0) {
							label[w] = 2;
							labelend[w] = p ^ 1;
						}
					} else if (label[inblossom[w]!] === 1) {
						const b = inblossom[v]!;
						if (bestedge[b] === -1 || kslack < slack(bestedge[b]!)) bestedge[b] = k;
					} else if (label[w] === 0) {
						if (bestedge[w] === -1 || kslack < slack(bestedge[w]!)) bestedge[w] = k;
					}
				}
			}
			if (augmented) break;

			let deltatype = -1;
			let delta = 0;
			let deltaedge = -1;
			let deltablossom = -1;
			if (!maxCardinality) {
				deltatype = 1;
				delta = Infinity;
				for (let v = 0; v < nvertex; v++) if (dualvar[v]! < delta) delta = dualvar[v]!;
			}
			for (let v = 0; v < nvertex; v++) {
				if (label[inblossom[v]!] === 0 && bestedge[v] !== -1) {
					const d = slack(bestedge[v]!);
					if (deltatype === -1 || d < delta) {
						delta = d;
						deltatype = 2;
						deltaedge = bestedge[v]!;
					}
				}
			}
			for (let b = 0; b < n2; b++) {
				if (blossomparent[b] === -1 && label[b] === 1 && bestedge[b] !== -1) {
					const d = slack(bestedge[b]!) / 2;
					if (deltatype === -1 || d < delta) {
						delta = d;
						deltatype = 3;
						deltaedge = bestedge[b]!;
					}
				}
			}
			for (let b = nvertex; b < n2; b++) {
				if (
					blossombase[b]! >= 0 &&
					blossomparent[b] === -1 &&
					label[b] === 2 &&
					(deltatype === -1 || dualvar[b]! < delta)
				) {
					delta = dualvar[b]!;
					deltatype = 4;
					deltablossom = b;
				}
			}
			if (deltatype === -1) {
				deltatype = 1;
				let m = Infinity;
				for (let v = 0; v < nvertex; v++) if (dualvar[v]! < m) m = dualvar[v]!;
				delta = Math.max(0, m);
			}
			for (let v = 0; v < nvertex; v++) {
				const lb = label[inblossom[v]!];
				if (lb === 1) dualvar[v] = dualvar[v]! - delta;
				else if (lb === 2) dualvar[v] = dualvar[v]! + delta;
			}
			for (let b = nvertex; b < n2; b++) {
				if (blossombase[b]! >= 0 && blossomparent[b] === -1) {
					if (label[b] === 1) dualvar[b] = dualvar[b]! + delta;
					else if (label[b] === 2) dualvar[b] = dualvar[b]! - delta;
				}
			}
			if (deltatype === 1) {
				break;
			} else if (deltatype === 2) {
				allowedge[deltaedge] = 1;
				let i = edgeI[deltaedge]!;
				if (label[inblossom[i]!] === 0) i = edgeJ[deltaedge]!;
				queue.push(i);
			} else if (deltatype === 3) {
				allowedge[deltaedge] = 1;
				queue.push(edgeI[deltaedge]!);
			} else {
				expandBlossom(deltablossom, false);
			}
		}
		if (!augmented) break;
		for (let b = nvertex; b < n2; b++) {
			if (
				blossomparent[b] === -1 &&
				blossombase[b]! >= 0 &&
				label[b] === 1 &&
				dualvar[b] === 0
			) {
				expandBlossom(b, true);
			}
		}
	}
	for (let v = 0; v < nvertex; v++) {
		if (mate[v]! >= 0) mateOut[v] = endpoint[mate[v]!]!;
	}
	return mateOut;
}

/**
 * Maximum-cardinality matching grown from `initial` (a valid matching, mate array or null).
 * The Swiss pairer uses it as the last-resort completeness check on big fields: if no
 * augmenting path exists from an exposed vertex, that vertex cannot be matched in any
 * maximum matching containing the rest, so the result is a maximum matching.
 * `neighbours(v)` is called lazily (only for vertices a search reaches), so a caller can
 * compute adjacency on demand; `edgeOk`, when given, hides edges without rebuilding lists.
 */
export function maxCardinalityMatching(
	nvertex: number,
	neighbours: (v: number) => ReadonlyArray<number>,
	initial: Int32Array | null,
	edgeOk?: (v: number, w: number) => boolean
): Int32Array {
	const match = initial ? Int32Array.from(initial) : new Int32Array(nvertex).fill(-1);
	const parent = new Int32Array(nvertex);
	const base = new Int32Array(nvertex);
	const used = new Uint8Array(nvertex);
	const inBlossom = new Uint8Array(nvertex);
	const lcaMark = new Uint8Array(nvertex);
	const queue = new Int32Array(nvertex);

	const lca = (aIn: number, bIn: number): number => {
		lcaMark.fill(0);
		let a = aIn;
		for (;;) {
			a = base[a]!;
			lcaMark[a] = 1;
			if (match[a] === -1) break;
			a = parent[match[a]!]!;
		}
		let b = bIn;
		for (;;) {
			b = base[b]!;
			if (lcaMark[b]) return b;
			b = parent[match[b]!]!;
		}
	};

	const markPath = (vIn: number, b: number, childIn: number): void => {
		let v = vIn;
		let child = childIn;
		while (base[v] !== b) {
			inBlossom[base[v]!] = 1;
			inBlossom[base[match[v]!]!] = 1;
			parent[v] = child;
			child = match[v]!;
			v = parent[match[v]!]!;
		}
	};

	const findPath = (root: number): number => {
		used.fill(0);
		parent.fill(-1);
		for (let i = 0; i < nvertex; i++) base[i] = i;
		used[root] = 1;
		let qh = 0;
		let qt = 0;
		queue[qt++] = root;
		while (qh < qt) {
			const v = queue[qh++]!;
			for (const to of neighbours(v)) {
				if (base[v] === base[to] || match[v] === to) continue;
				if (edgeOk !== undefined && !edgeOk(v, to)) continue;
				if (to === root || (match[to] !== -1 && parent[match[to]!] !== -1)) {
					const curbase = lca(v, to);
					inBlossom.fill(0);
					markPath(v, curbase, to);
					markPath(to, curbase, v);
					for (let i = 0; i < nvertex; i++) {
						if (inBlossom[base[i]!]) {
							base[i] = curbase;
							if (!used[i]) {
								used[i] = 1;
								queue[qt++] = i;
							}
						}
					}
				} else if (parent[to] === -1) {
					parent[to] = v;
					if (match[to] === -1) return to;
					const next = match[to]!;
					used[next] = 1;
					queue[qt++] = next;
				}
			}
		}
		return -1;
	};

	for (let root = 0; root < nvertex; root++) {
		if (match[root] !== -1) continue;
		let v = findPath(root);
		while (v !== -1) {
			const pv = parent[v]!;
			const ppv = match[pv]!;
			match[v] = pv;
			match[pv] = v;
			v = ppv;
		}
	}
	return match;
}
