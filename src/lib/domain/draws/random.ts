/**
 * Seeded randomness for draws. A draw must be reproducible: the organizer publishes the seed
 * string (for example the time of the public draw ceremony) and anyone can re-run the draw and
 * get the same bracket. So the draws never call Math.random(); they take a string, hash it
 * (xmur3-style 32-bit mixing) and feed the hash to a mulberry32 generator.
 */

/** A generator of floats in [0, 1); each call advances the stream. */
export type Rng = () => number;

/** Hashes a string to a 32-bit unsigned integer; used to turn a seed string into PRNG state. */
export function hashString(text: string): number {
	let h = 1779033703 ^ text.length;
	for (let i = 0; i < text.length; i++) {
		h = Math.imul(h ^ text.charCodeAt(i), 3432918353);
		h = (h << 13) | (h >>> 19);
	}
	h = Math.imul(h ^ (h >>> 16), 2246822507);
	h = Math.imul(h ^ (h >>> 13), 3266489909);
	return (h ^ (h >>> 16)) >>> 0;
}

/**
 * mulberry32 from a 32-bit numeric seed: the one seeded generator of the project (draws through
 * `createRng`, demo data, simulations, benchmarks and tests that must repeat themselves).
 */
export function mulberry32(seed: number): Rng {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/**
 * Creates the reproducible random stream every draw uses: the same seed string always yields the
 * same sequence, different strings give unrelated sequences.
 */
export function createRng(seed: string): Rng {
	return mulberry32(hashString(seed));
}

/** Returns an integer in [0, n); the draws use it to pick among equally good options. */
export function randomInt(rng: Rng, n: number): number {
	return Math.floor(rng() * n);
}

/** Returns a shuffled copy (Fisher-Yates); the draws use it for "by lot" orderings. */
export function shuffle<T>(items: readonly T[], rng: Rng): T[] {
	const out = items.slice();
	for (let i = out.length - 1; i > 0; i--) {
		const j = randomInt(rng, i + 1);
		const tmp = out[i] as T;
		out[i] = out[j] as T;
		out[j] = tmp;
	}
	return out;
}
