/**
 * Order-of-play page of one venue at games scale (`npm run bench:schedule`): a temporary SQLite
 * database with 25 published table-tennis categories (600 group matches: groups of 4, then
 * knockouts) on one venue of 24 tables, planned by the real service; then the work of the
 * organizer's /admin/schedule page load (venue, matches, entries, referees, the conflict check)
 * is timed, and so is auto-scheduling again. Goals (issue #13): plan ≤ 1 s, page ≤ 300 ms.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../src/lib/server/db';
import { seedBase } from '../../src/lib/server/db/seed';
import { systemActor } from '../../src/lib/server/audit';
import { generateDraw, publishDraw } from '../../src/lib/server/competition/draws';
import { planVenue, scheduleView } from '../../src/lib/server/competition/schedule';
import { createCategory } from '../support/competition';
import { useTestKeys } from '../support/keys';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function main() {
	const dir = mkdtempSync(path.join(tmpdir(), 'dg-bench-schedule-'));
	const { db, close } = await openDatabase(`file:${path.join(dir, 'bench.db')}`);
	try {
		await seedBase(db);
		await useTestKeys(db);
		const edition = await db.edition.findFirstOrThrow({ where: { current: true } });
		const venue = await db.venue.create({ data: { editionId: edition.id, nameZh: '体育馆', nameEn: 'Sports hall' } });
		for (let i = 1; i <= 24; i++) await db.venueTable.create({ data: { venueId: venue.id, kind: 'table', label: `${i}`, sortOrder: i } });
		for (let c = 0; c < 25; c++) {
			const { categoryId } = await createCategory(db, { format: 'groupsKnockout', entries: 16 });
			await db.$transaction(async (tx) => {
				await generateDraw(tx, systemActor, { categoryId, seedString: `bench-${c}` });
				await publishDraw(tx, systemActor, { categoryId });
			});
		}
		const matches = await db.match.count({ where: { category: { editionId: edition.id }, status: { not: 'bye' } } });
		const input = { venueId: venue.id, startAt: '2030-12-12T09:00:00+08:00', slotMinutes: 20, minRestSlots: 1 };
		const t0 = performance.now();
		const first = await db.$transaction((tx) => planVenue(tx, systemActor, input));
		const firstMs = performance.now() - t0;
		const plans: number[] = [];
		for (let i = 0; i < 5; i++) {
			const t = performance.now();
			await db.$transaction((tx) => planVenue(tx, systemActor, { ...input, replan: true }));
			plans.push(performance.now() - t);
		}
		const views: number[] = [];
		let conflicts = -1;
		let rows = 0;
		for (let i = 0; i < 11; i++) {
			const t = performance.now();
			const view = await scheduleView(db, venue.id, 1);
			views.push(performance.now() - t);
			conflicts = view.conflicts.length;
			rows = view.rows.filter((r) => r.slot !== null).length;
		}
		views.shift(); // the first one warms the statement cache
		console.table([
			{
				case: `auto-schedule ${matches} matches, 24 tables (service + writes)`,
				goal: '≤ 1000 ms',
				measured: `first ${firstMs.toFixed(0)} ms (placed ${first.placed}); re-plan median ${median(plans).toFixed(0)} ms, max ${Math.max(...plans).toFixed(0)} ms`
			},
			{
				case: `order-of-play page load of the venue (${rows} rows + conflict check)`,
				goal: '≤ 300 ms',
				measured: `median ${median(views).toFixed(0)} ms, max ${Math.max(...views).toFixed(0)} ms; conflicts: ${conflicts}`
			}
		]);
	} finally {
		await close();
		rmSync(dir, { recursive: true, force: true });
	}
}

await main();
