/**
 * Benchmark of the Swiss pairer and standings at district-games scale (issue: ≤ 100 ms per
 * round for 1,000 players over 9 rounds on a 2-core machine).
 *
 * Run: npx tsx tests/bench/draws-swiss.ts [players] [rounds] [seed]
 * Columns: ms = first call of the round (cold, as the organizer would see it); ms warm = the
 * median of five repeated calls of the same round.
 * Simulates an event with seeded random results (the stronger seed wins more often, about a
 * quarter of games drawn), times every pairRound call, checks every absolute rule of every
 * round independently of the pairer, and times swissStandings on the final history.
 */
import { mulberry32 } from '../../src/lib/domain/draws/random';
import { pairRound, type SwissGame, type SwissPlayer } from '../../src/lib/domain/draws/swiss';
import { swissStandings } from '../../src/lib/domain/standings/swissStandings';

const N = Number(process.argv[2] ?? 1000);
const ROUNDS = Number(process.argv[3] ?? 9);
/** Seeded, so every run simulates the same event (third argument overrides the seed). */
const random = mulberry32(Number(process.argv[4] ?? 20240601));


const points = { win: 2, draw: 1, loss: 0, bye: 2 };
const players: SwissPlayer[] = Array.from({ length: N }, (_, i) => ({
	id: `P${i + 1}`,
	seed: i + 1
}));
const seedOf = new Map(players.map((p) => [p.id, p.seed]));
const history: SwissGame[][] = [];

/** Independent rule checker: returns the number of broken absolute rules in a round. */
function violations(round: Array<{ red: string; black: string | null }>, last: boolean): number {
	let bad = 0;
	const seen = new Set<string>();
	const met = new Set<string>();
	const byes = new Set<string>();
	const cols = new Map<string, string>();
	const score = new Map<string, number>(players.map((p) => [p.id, 0]));
	for (const r of history) {
		for (const g of r) {
			if (g.black === null) {
				byes.add(g.red);
				score.set(g.red, score.get(g.red)! + points.bye);
				continue;
			}
			met.add(`${g.red}|${g.black}`).add(`${g.black}|${g.red}`);
			cols.set(g.red, (cols.get(g.red) ?? '') + 'R');
			cols.set(g.black, (cols.get(g.black) ?? '') + 'B');
			const rp = g.outcome === 'red' ? 2 : g.outcome === 'draw' ? 1 : 0;
			score.set(g.red, score.get(g.red)! + rp);
			score.set(g.black, score.get(g.black)! + 2 - rp);
		}
	}
	for (const g of round) {
		for (const id of g.black === null ? [g.red] : [g.red, g.black]) {
			if (seen.has(id)) bad++;
			seen.add(id);
		}
		if (g.black === null) {
			if (byes.has(g.red)) bad++;
			const minEligible = Math.min(
				...players.filter((p) => !byes.has(p.id)).map((p) => score.get(p.id)!)
			);
			if (score.get(g.red)! > minEligible) bad++;
			continue;
		}
		if (met.has(`${g.red}|${g.black}`)) bad++;
		if (!last) {
			for (const [id, c] of [
				[g.red, 'R'],
				[g.black, 'B']
			] as const) {
				const seq = (cols.get(id) ?? '') + c;
				const diff = [...seq].reduce((d, x) => d + (x === 'R' ? 1 : -1), 0);
				if (Math.abs(diff) > 2 || seq.endsWith(c.repeat(3))) bad++;
			}
		}
	}
	if (seen.size !== N) bad++;
	return bad;
}

const rows: Array<Record<string, string | number>> = [];
let totalBad = 0;
for (let r = 1; r <= ROUNDS; r++) {
	const t0 = performance.now();
	const pairing = pairRound({ players, history, totalRounds: ROUNDS, points });
	const ms = performance.now() - t0;
	// The same call again, warm (JIT compiled): median of five runs.
	const warm: number[] = [];
	for (let k = 0; k < 5; k++) {
		const t1 = performance.now();
		pairRound({ players, history, totalRounds: ROUNDS, points });
		warm.push(performance.now() - t1);
	}
	warm.sort((a, b) => a - b);
	const score = new Map<string, number>(players.map((p) => [p.id, 0]));
	for (const round of history) {
		for (const g of round) {
			if (g.black === null) score.set(g.red, score.get(g.red)! + points.bye);
			else {
				const rp = g.outcome === 'red' ? 2 : g.outcome === 'draw' ? 1 : 0;
				score.set(g.red, score.get(g.red)! + rp);
				score.set(g.black, score.get(g.black)! + 2 - rp);
			}
		}
	}
	let maxGap = 0;
	let floated = 0;
	for (const g of pairing) {
		if (g.black === null) continue;
		const gap = Math.abs(score.get(g.red)! - score.get(g.black)!);
		maxGap = Math.max(maxGap, gap);
		if (gap > 0) floated++;
	}
	const bad = violations(pairing, r === ROUNDS);
	totalBad += bad;
	rows.push({
		round: r,
		ms: Number(ms.toFixed(1)),
		'ms warm': Number(warm[2]!.toFixed(1)),
		pairs: pairing.filter((g) => g.black !== null).length,
		'max score gap': maxGap,
		'pairs with a gap': floated,
		'rule violations': bad
	});
	history.push(
		pairing.map((g) => {
			if (g.black === null) return { ...g, outcome: 'bye' as const };
			const d = seedOf.get(g.black)! - seedOf.get(g.red)!;
			const pRed = 0.5 + Math.max(-0.35, Math.min(0.35, d / (2 * N))) + 0.03;
			const x = random();
			const outcome = x < 0.25 ? 'draw' : random() < pRed ? 'red' : 'black';
			return { ...g, outcome };
		})
	);
}
console.log(`Swiss pairing: ${N} players, ${ROUNDS} rounds, points 2/1/0 (bye 2)`);
console.table(rows);
const t0 = performance.now();
const table = swissStandings({
	players,
	history,
	points,
	tieBreaks: ['buchholz', 'sonnebornBerger', 'progressive', 'wins', 'directEncounter', 'blackGames']
});
const standingsMs = performance.now() - t0;
console.log(
	`swissStandings for ${table.length} players, 6 tie-breaks: ${standingsMs.toFixed(1)} ms`
);
const maxMs = Math.max(...rows.map((r) => Number(r.ms)));
console.log(`slowest round: ${maxMs} ms; rule violations over the event: ${totalBad}`);
if (totalBad > 0) process.exitCode = 1;
