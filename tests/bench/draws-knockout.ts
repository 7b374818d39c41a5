/**
 * Benchmark of the knockout draw and the group draw at district-games scale (goal: knockout
 * draw of 1,024 entries with 43 streets and 32 seeds ≤ 50 ms). The order of play is measured in
 * tests/bench/draws.ts (`npm run bench:draws`).
 *
 * Run: npx tsx tests/bench/draws-knockout.ts [runs]
 * Each case runs once cold (first call, includes JIT warm-up) and then `runs` times (default
 * 30); the table shows cold, median, p95 and max in milliseconds, plus a quality check of the
 * result computed independently of the code under test.
 */
import {
	drawKnockout,
	placeGroupQualifiers,
	type KnockoutEntry
} from '../../src/lib/domain/draws/knockout';
import { drawGroups } from '../../src/lib/domain/draws/groups';
import { mulberry32 } from '../../src/lib/domain/draws/random';

/** Seeded, so every run works on the same data. */
const random = mulberry32(20250501);

const RUNS = Number(process.argv[2] ?? 30);

/** 43 streets of uneven size (the big subdistricts send more players). */
function streetFor(): string {
	const weight = (s: number) => 1 + (s % 5);
	const total = Array.from({ length: 43 }, (_, s) => weight(s)).reduce((a, b) => a + b, 0);
	let x = random() * total;
	for (let s = 0; s < 43; s++) {
		x -= weight(s);
		if (x < 0) return `street-${s + 1}`;
	}
	return 'street-43';
}

type Row = {
	case: string;
	cold: number;
	median: number;
	p95: number;
	max: number;
	goal: string;
	check: string;
};
const rows: Row[] = [];

function time<T>(name: string, goal: string, run: (i: number) => T, check: (result: T) => string) {
	let t0 = performance.now();
	const first = run(0);
	const cold = performance.now() - t0;
	const samples: number[] = [];
	for (let i = 1; i <= RUNS; i++) {
		t0 = performance.now();
		run(i);
		samples.push(performance.now() - t0);
	}
	samples.sort((a, b) => a - b);
	const at = (q: number) =>
		samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? 0;
	const quality = check(first);
	rows.push({ case: name, cold, median: at(0.5), p95: at(0.95), max: at(1), goal, check: quality });
}

/** Same-street pairs by the round in which they would meet at the earliest (1 = first round). */
function streetMeetings(slots: Array<string | null>, streetOf: Map<string, string | undefined>) {
	const depth = Math.log2(slots.length);
	const bySt = new Map<string, number[]>();
	slots.forEach((id, p) => {
		const s = id === null ? undefined : streetOf.get(id);
		if (s !== undefined) bySt.set(s, [...(bySt.get(s) ?? []), p]);
	});
	let unbalancedHalves = 0;
	let early = 0; // pairs meeting before a perfect spread of their street would allow
	for (const positions of bySt.values()) {
		const top = positions.filter((p) => p < slots.length / 2).length;
		if (Math.abs(2 * top - positions.length) > 1) unbalancedHalves++;
		const earliest = depth - Math.ceil(Math.log2(positions.length)) + 1;
		for (let i = 0; i < positions.length; i++) {
			for (let j = i + 1; j < positions.length; j++) {
				const round = 32 - Math.clz32((positions[i] as number) ^ (positions[j] as number));
				if (round < earliest) early++;
			}
		}
	}
	return { unbalancedHalves, early };
}

// --- knockout: 1,024 entries, 43 streets, 32 seeds ------------------------------------------
for (const n of [1024, 1000]) {
	const entries: KnockoutEntry[] = Array.from({ length: n }, (_, i) => ({
		id: `P${i + 1}`,
		street: streetFor(),
		...(i < 32 ? { seed: i + 1 } : {})
	}));
	const streetOf = new Map(entries.map((e) => [e.id, e.street]));
	time(
		`knockout draw, ${n} entries, 43 streets, 32 seeds`,
		'≤ 50 ms',
		(i) => drawKnockout({ entries, seed: `bench-${i}` }),
		(draw) => {
			const placed = draw.slots.filter((s) => s !== null).length;
			const { unbalancedHalves, early } = streetMeetings(draw.slots, streetOf);
			const seedsOk = draw.slots[0] === 'P1' && draw.slots[draw.size - 1] === 'P2';
			return (
				`${placed} placed, seeds 1/2 ${seedsOk ? 'ok' : 'WRONG'}, ` +
				`streets unbalanced over halves: ${unbalancedHalves}, early same-street pairs: ${early}`
			);
		}
	);
}

// --- group qualifiers: 128 groups × 2 -------------------------------------------------------
{
	const groups = Array.from({ length: 128 }, (_, g) => ({
		group: `G${g + 1}`,
		qualifiers: [`W${g + 1}`, `R${g + 1}`]
	}));
	const streets: Record<string, string> = {};
	for (const g of groups) for (const id of g.qualifiers) streets[id] = streetFor();
	time(
		'group qualifiers → knockout, 128 groups × 2',
		'—',
		(i) => placeGroupQualifiers({ groups, streets, seed: `q-${i}` }),
		(draw) => {
			let split = 0;
			for (let g = 1; g <= 128; g++) {
				const w = draw.slots.indexOf(`W${g}`) < draw.size / 2;
				const r = draw.slots.indexOf(`R${g}`) < draw.size / 2;
				if (w !== r) split++;
			}
			return `${split}/128 winner–runner-up pairs in opposite halves`;
		}
	);
}

// --- group draw: 1,000 entries in groups of 4 -----------------------------------------------
{
	const entries = Array.from({ length: 1000 }, (_, i) => ({
		id: `P${i + 1}`,
		street: streetFor(),
		...(i < 64 ? { seed: i + 1 } : {})
	}));
	time(
		'group draw, 1,000 entries, groups of 4',
		'—',
		(i) => drawGroups({ entries, seed: `g-${i}` }),
		(draw) => `${draw.groups.length} groups, street clashes: ${draw.streetClashes.length}`
	);
}

const fmt = (x: number) => x.toFixed(2);
console.log(`\nruns per case: 1 cold + ${RUNS}; node ${process.version}\n`);
console.log('| case | cold ms | median ms | p95 ms | max ms | goal | check |');
console.log('| --- | ---: | ---: | ---: | ---: | --- | --- |');
for (const r of rows) {
	const times = [r.cold, r.median, r.p95, r.max].map(fmt).join(' | ');
	console.log(`| ${r.case} | ${times} | ${r.goal} | ${r.check} |`);
}
