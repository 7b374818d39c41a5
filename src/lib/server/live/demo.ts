/**
 * Helpers of the live demo (`npm run demo:live`) and bench: find matches a simulated referee
 * can play and put them on free tables (set-up only: the scoring goes through the API). The demo
 * seed's draws and matches in progress come from the draws module (competition/demo.ts).
 */
import type { Db } from '../db';
import { SIMULATED_SPORTS } from './simulate';

/** The device id the simulated referee scores from (demo seed, `npm run demo:live`). */
export const DEMO_DEVICE = 'demo-live-simulator';

const KIND_OF_SPORT: Record<string, string> = { tableTennis: 'table', xiangqi: 'board', darts: 'lane' };

/** Puts matches onto free tables of the right kind (demo only; the organizer plans real ones). */
export async function placeDemoMatches(db: Db, matchIds: string[]): Promise<void> {
	const tables = await db.venueTable.findMany({ orderBy: [{ venueId: 'asc' }, { sortOrder: 'asc' }], select: { id: true, kind: true } });
	const busy = new Set(
		(await db.match.findMany({ where: { status: { in: ['called', 'live'] }, venueTableId: { not: null }, id: { notIn: matchIds } }, select: { venueTableId: true } })).map(
			(m) => m.venueTableId
		)
	);
	const matches = await db.match.findMany({
		where: { id: { in: matchIds } },
		select: { id: true, venueTableId: true, category: { select: { sport: { select: { key: true } } } } }
	});
	for (const match of matches) {
		if (match.venueTableId && !busy.has(match.venueTableId)) {
			busy.add(match.venueTableId);
			continue;
		}
		const kind = KIND_OF_SPORT[match.category.sport.key] ?? 'table';
		const table = tables.find((t) => t.kind === kind && !busy.has(t.id));
		if (!table) continue;
		busy.add(table.id);
		await db.match.update({ where: { id: match.id }, data: { venueTableId: table.id } });
	}
}

/** Scheduled matches with both players known, of the sports the simulator plays. */
export async function playableMatches(db: Db, limit: number): Promise<Array<{ id: string; sport: string }>> {
	const rows = await db.match.findMany({
		where: {
			status: { in: ['scheduled', 'called', 'live'] },
			entryAId: { not: null },
			entryBId: { not: null },
			category: { edition: { current: true } }
		},
		orderBy: [{ status: 'desc' }, { round: 'asc' }, { position: 'asc' }],
		select: { id: true, format: true },
		take: limit * 4
	});
	return rows
		.map((r) => ({ id: r.id, sport: String((JSON.parse(r.format) as { sport?: unknown }).sport ?? '') }))
		.filter((r) => SIMULATED_SPORTS.has(r.sport))
		.slice(0, limit);
}
