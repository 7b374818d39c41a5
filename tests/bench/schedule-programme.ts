/**
 * The order-of-play programme the benches schedule: 600 matches over 24 tables in 3 venues
 * (12 table-tennis tables, 8 xiangqi boards, 4 darts lanes) on 2 competition days, built the way
 * a real games day is — round-robin groups, knockouts fed by their groups and brackets, Swiss
 * rounds, athletes entered in two sports — seeded so every run schedules the same work.
 */
import { roundRobin } from '../../src/lib/domain/draws/roundRobin';
import type { SchedMatch, SchedTable, ScheduleRules } from '../../src/lib/domain/schedule/types';

const HOUR = 3_600_000;
/** 09:00 in Beijing on the first day. */
export const DAY_ONE = Date.UTC(2030, 11, 12, 1, 0);

/** Builds the programme: tables, matches and rules with two days of sessions. */
export function benchProgramme(): { tables: SchedTable[]; matches: SchedMatch[]; rules: ScheduleRules } {
	const tables: SchedTable[] = [
		...Array.from({ length: 12 }, (_, i) => ({ id: `T${i + 1}`, name: `${i + 1}`, kind: 'table', refereeId: `r${i + 1}` })),
		...Array.from({ length: 8 }, (_, i) => ({ id: `B${i + 1}`, name: `${i + 1}`, kind: 'board' })),
		...Array.from({ length: 4 }, (_, i) => ({ id: `L${i + 1}`, name: `${i + 1}`, kind: 'lane' }))
	];
	const matches: SchedMatch[] = [];
	const push = (m: Omit<SchedMatch, 'state'>) => matches.push({ ...m, state: 'open' });
	// table tennis: 6 categories × 6 groups of 4 (216 matches), each then a 16-player knockout (90)
	for (let c = 0; c < 6; c++) {
		const groupIds: string[] = [];
		for (let g = 0; g < 6; g++) {
			const ids = [0, 1, 2, 3].map((k) => `tt${c}g${g}p${k}`);
			roundRobin(ids).forEach((round, r) =>
				round.forEach(([a, b], k) => {
					const id = `tt${c}g${g}r${r}m${k}`;
					groupIds.push(id);
					push({ id, players: [a, b], durationMinutes: 20, kind: 'table', priority: -1 });
				})
			);
		}
		let previous: string[] = [];
		for (let round = 1, count = 8; count >= 1; round++, count /= 2) {
			const current: string[] = [];
			for (let k = 0; k < count; k++) {
				const id = `tt${c}ko${round}m${k}`;
				push({
					id,
					players: [],
					durationMinutes: round >= 3 ? 30 : 20,
					kind: 'table',
					priority: -1 - round,
					dependsOn: round === 1 ? groupIds : [previous[2 * k] as string, previous[2 * k + 1] as string]
				});
				current.push(id);
			}
			previous = current;
		}
	}
	// xiangqi: 4 Swiss events of 16 players, 5 rounds (160 matches); round n + 1 after round n
	for (let c = 0; c < 4; c++) {
		let previous: string[] = [];
		for (let r = 1; r <= 5; r++) {
			const current: string[] = [];
			for (let b = 0; b < 8; b++) {
				const id = `xq${c}r${r}b${b}`;
				const shift = (r * 5 + b) % 16;
				push({
					id,
					players: [`xq${c}p${(2 * b + shift) % 16}`, `xq${c}p${(2 * b + 1 + shift) % 16}`],
					durationMinutes: 30,
					kind: 'board',
					priority: -r,
					dependsOn: previous
				});
				current.push(id);
			}
			previous = current;
		}
	}
	// darts: the rest as 501 matches, half of the players also in a table-tennis group
	for (let i = 0; matches.length < 600; i++) {
		push({
			id: `d${i}`,
			players: [`tt${i % 6}g${i % 6}p${i % 4}`, `d${i}b`],
			durationMinutes: 15,
			kind: 'lane'
		});
	}
	const day = (d: number, from: number, to: number) => ({ start: DAY_ONE + d * 24 * HOUR + from * HOUR, end: DAY_ONE + d * 24 * HOUR + to * HOUR });
	const rules: ScheduleRules = {
		restMinutes: 20,
		windows: [day(0, 0, 3), day(0, 4.5, 9), day(1, 0, 3), day(1, 4.5, 9)]
	};
	return { tables, matches, rules };
}
