/**
 * A simulated referee for demos and the bench: given a match's sport and current engine
 * summary, the next plausible event a referee would enter (a rally won, a darts visit, a
 * xiangqi result, then the sign-off). The events go through the real scoring path (the
 * scoring service in-process, or `scoring.submit` over HTTP); nothing here decides a rule.
 */
import { mulberry32 } from '../../domain/draws/random';

/** The seeded generator of a simulated day (reproducible demo). */
export const rng = mulberry32;

export type SimEvent = { type: string; [field: string]: unknown };

type Pair = { a: number; b: number };
const obj = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {});

/** The sports the simulator can play (darts total score needs per-player rounds: not simulated). */
export const SIMULATED_SPORTS = new Set(['tableTennis', 'darts', 'xiangqi']);

/**
 * The next event for a match in `phase` ('scheduled' | 'called' | 'live'), or null when the
 * match is signed off. `strength` (0.5 = even) favours side A.
 */
export function nextEvent(sport: string, status: string, summary: unknown, random: () => number, strength = 0.55): SimEvent | null {
	if (status === 'scheduled') return { type: 'call' };
	if (status === 'called') return { type: 'start' };
	if (status !== 'live') return null;
	const s = obj(summary);
	if (s.finished === true) return { type: 'signoff' };
	switch (sport) {
		case 'tableTennis':
			return { type: 'point', side: random() < strength ? 'A' : 'B' };
		case 'xiangqi': {
			const r = random();
			return { type: 'result', outcome: r < 0.45 ? 'A' : r < 0.85 ? 'B' : 'draw', moves: 20 + Math.floor(random() * 60) };
		}
		case 'darts': {
			if (s.awaitingBullOff === true) return { type: 'bullOff', winner: random() < 0.5 ? 'A' : 'B' };
			const side = s.onThrow === 'B' ? 'B' : 'A';
			const remaining = (obj(s.remaining) as Partial<Pair>)[side === 'A' ? 'a' : 'b'] ?? 501;
			// A finish on a double when it is in reach (and the darts land), else a plain visit.
			if (remaining <= 40 && remaining % 2 === 0 && random() < 0.5) {
				return { type: 'turn', side, scored: remaining, finishedOnDouble: true, dartsUsed: 1 };
			}
			const visit = 26 + Math.floor(random() * 75);
			const scored = remaining - visit >= 2 ? visit : Math.max(0, remaining - 2 - Math.floor(random() * 8));
			return { type: 'turn', side, scored: Math.max(0, scored) };
		}
		default:
			return null;
	}
}
