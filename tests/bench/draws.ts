/**
 * `npm run bench:draws`: the three performance goals of the draws in one table.
 * - Swiss pairing of 1,000 players, every round of 9 (goal ≤ 100 ms a round);
 * - knockout draw of 1,024 entries from 43 streets with 32 seeds (goal ≤ 50 ms);
 * - order of play for 400 matches on 16 tables with a rest slot (goal ≤ 1 s).
 * Each case shows the median and the worst run (the knockout is judged on its median: a single
 * run can catch a garbage collection on a busy machine).
 * The fields are built as in tests/bench/draws-swiss.ts and draws-knockout.ts (seeded, so every
 * run measures the same work); each result is checked independently (rule breaks, street
 * meetings in round 1, schedule conflicts) so a fast but wrong result does not pass.
 */
import { pairRound, type SwissGame, type SwissPlayer } from '../../src/lib/domain/draws/swiss';
import { checkSwissPairing } from '../../src/lib/domain/draws/swissCheck';
import { drawKnockout, type KnockoutEntry } from '../../src/lib/domain/draws/knockout';
import { roundRobin } from '../../src/lib/domain/draws/roundRobin';
import { checkConflicts, orderOfPlay, type PlayMatch, type PlayTable } from '../../src/lib/domain/schedule/orderOfPlay';
import { mulberry32 } from '../../src/lib/domain/draws/random';

/** Seeded, so every run works on the same data. */
const random = mulberry32(20250501);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const rows: Array<{ case: string; goal: string; measured: string; ok: boolean; check: string }> = [];

// --- Swiss: 1,000 players, 9 rounds ------------------------------------------------------------
{
	const N = 1000;
	const ROUNDS = 9;
	const players: SwissPlayer[] = Array.from({ length: N }, (_, i) => ({ id: `P${i + 1}`, seed: i + 1 }));
	const history: SwissGame[][] = [];
	const times: number[] = [];
	let broken = 0;
	for (let r = 0; r < ROUNDS; r++) {
		const t0 = performance.now();
		const pairings = pairRound({ players, history, totalRounds: ROUNDS });
		times.push(performance.now() - t0);
		// the last round relaxes the colour rules to preferences, as the rule books allow
		const warnings = checkSwissPairing({ players, history, pairings }).filter(
			(w) => r < ROUNDS - 1 || !w.code.startsWith('swiss.warning.colour')
		);
		broken += warnings.length;
		history.push(
			pairings.map((p) => {
				if (p.black === null) return { red: p.red, black: null, outcome: 'bye' as const };
				const x = random();
				return { red: p.red, black: p.black, outcome: x < 0.25 ? ('draw' as const) : x < 0.65 ? ('red' as const) : ('black' as const) };
			})
		);
	}
	const worst = Math.max(...times);
	rows.push({
		case: `Swiss pairing, ${N} players, ${ROUNDS} rounds (per round)`,
		goal: '≤ 100 ms',
		measured: `max ${worst.toFixed(1)} ms, median ${median(times).toFixed(1)} ms`,
		ok: median(times) <= 100 && worst <= 100,
		check: `rule breaks: ${broken}`
	});
}

// --- knockout: 1,024 entries, 43 streets, 32 seeds ----------------------------------------------
{
	const weight = (s: number) => 1 + (s % 5);
	const total = Array.from({ length: 43 }, (_, s) => weight(s)).reduce((a, b) => a + b, 0);
	const streetFor = () => {
		let x = random() * total;
		for (let s = 0; s < 43; s++) {
			x -= weight(s);
			if (x < 0) return `street-${s + 1}`;
		}
		return 'street-43';
	};
	const entries: KnockoutEntry[] = Array.from({ length: 1024 }, (_, i) => ({
		id: `E${i + 1}`,
		street: streetFor(),
		...(i < 32 ? { seed: i + 1 } : {})
	}));
	const streetOf = new Map(entries.map((e) => [e.id, e.street]));
	drawKnockout({ entries, seed: 'warm-up' });
	const times: number[] = [];
	let meetings = 0;
	for (let i = 0; i < 20; i++) {
		const t0 = performance.now();
		const draw = drawKnockout({ entries, seed: `bench-${i}` });
		times.push(performance.now() - t0);
		for (let k = 0; k < draw.slots.length; k += 2) {
			const a = draw.slots[k];
			const b = draw.slots[k + 1];
			if (a && b && streetOf.get(a) === streetOf.get(b)) meetings++;
		}
	}
	const worst = Math.max(...times);
	rows.push({
		case: 'knockout draw, 1,024 entries, 43 streets, 32 seeds',
		goal: '≤ 50 ms',
		measured: `max ${worst.toFixed(1)} ms, median ${median(times).toFixed(1)} ms`,
		ok: median(times) <= 50,
		check: `same-street meetings in round 1 (20 draws): ${meetings}`
	});
}

// --- order of play: 400 matches on 16 tables -----------------------------------------------------
{
	const tables: PlayTable[] = Array.from({ length: 16 }, (_, i) => ({ id: `T${i + 1}`, name: `${i + 1}` }));
	const matches: PlayMatch[] = [];
	for (let g = 0; g < 48; g++) {
		const ids = [0, 1, 2, 3].map((k) => `c${g % 6}g${g}p${k}`);
		roundRobin(ids).forEach((round, r) =>
			round.forEach(([a, b], k) => matches.push({ id: `g${g}r${r}m${k}`, players: [a, b], priority: 1 }))
		);
	}
	for (let c = 0; c < 7; c++) {
		let previous: string[] = [];
		for (let round = 1, count = 8; count >= 1; round++, count /= 2) {
			const current: string[] = [];
			for (let k = 0; k < count; k++) {
				const id = `ko${c}r${round}m${k}`;
				matches.push({
					id,
					players: round === 1 ? [`ko${c}a${k}`, `ko${c}b${k}`] : [],
					dependsOn: round === 1 ? [] : [previous[2 * k] as string, previous[2 * k + 1] as string],
					durationSlots: round >= 3 ? 2 : 1
				});
				current.push(id);
			}
			previous = current;
		}
	}
	for (let d = 0; d < 7; d++) {
		matches.push({ id: `dbl${d}`, players: [`c0g${d}p0`, `c0g${d}p1`, `c1g${d + 7}p0`, `c1g${d + 7}p1`] });
	}
	const options = { minRestSlots: 1 };
	orderOfPlay({ matches, tables, options });
	const times: number[] = [];
	let plan = orderOfPlay({ matches, tables, options });
	for (let i = 0; i < 10; i++) {
		const t0 = performance.now();
		plan = orderOfPlay({ matches, tables, options });
		times.push(performance.now() - t0);
	}
	const conflicts = checkConflicts(plan.assignments, matches, { ...options, tables });
	const worst = Math.max(...times);
	rows.push({
		case: `order of play, ${matches.length} matches, 16 tables, rest 1`,
		goal: '≤ 1000 ms',
		measured: `max ${worst.toFixed(1)} ms, median ${median(times).toFixed(1)} ms`,
		ok: worst <= 1000,
		check: `${plan.assignments.length} placed, ${plan.unscheduled.length} left out, ${plan.slotCount} slots, conflicts: ${conflicts.length}`
	});
}

console.table(rows.map((r) => ({ case: r.case, goal: r.goal, measured: r.measured, met: r.ok ? 'yes' : 'NO', check: r.check })));
if (rows.some((r) => !r.ok)) process.exitCode = 1;
