import { expect, it } from 'vitest';
import { describeWithDatabase } from '../support/setup';
import { seedDemo } from '../../src/lib/server/db/seed';
import { seedDemoCompetition } from '../../src/lib/server/competition/demo';

describeWithDatabase('the demo competition', (ctx) => {
	it('publishes draws with played and live matches on refereed tables, and seeding again changes nothing', async () => {
		const db = ctx().database.db;
		await seedDemo(db, 'demo password 123');
		const published = await db.category.findMany({ where: { status: { in: ['published', 'finished'] } }, select: { code: true } });
		expect(published.map((c) => c.code).sort()).toEqual(['DT-S', 'TT-MS', 'TT-WW', 'XQ-M']);
		const finished = await db.match.count({ where: { status: 'finished' } });
		const live = await db.match.findMany({ where: { status: 'live' }, include: { referee: true, venueTable: true } });
		expect(finished).toBeGreaterThan(5);
		expect(live.length).toBeGreaterThan(0);
		expect(live.every((m) => m.venueTable && ['referee1', 'referee2', 'referee3', 'referee4'].includes(m.referee?.username ?? ''))).toBe(true);
		// every finished match has its events, so a replay gives the stored summary
		const sample = await db.match.findFirstOrThrow({ where: { status: 'finished', stage: 'group' }, include: { events: true } });
		expect(sample.events).toHaveLength(sample.version);
		const before = await db.match.count();
		await seedDemoCompetition(db);
		expect(await db.match.count()).toBe(before);
		const view = await ctx().caller(null).competition.category({ id: (await db.category.findFirstOrThrow({ where: { code: 'TT-MS' } })).id });
		expect(view.groups.length).toBeGreaterThan(1);
	});

	it('plans the demo’s order of play so that the constraint checker finds nothing: no referee at two tables at once', async () => {
		const db = ctx().database.db;
		await seedDemo(db, 'demo password 123'); // idempotent: the demo of the first test
		const organizer = ctx().caller(await ctx().createUser('organizer'));
		const venues = await organizer.competition.venues();
		expect(venues.length).toBeGreaterThan(1);
		for (const venue of venues) {
			const view = await organizer.competition.schedule.view({ venueId: venue.id, minRestSlots: 1 });
			expect(view.rows.filter((r) => r.slot !== null).length).toBeGreaterThan(0);
			expect(view.conflicts).toEqual([]);
		}
		// each demo referee has one table for the whole day, and each refereed table one referee
		const refereed = await db.match.findMany({
			where: { refereeId: { not: null }, venueTableId: { not: null } },
			select: { venueTableId: true, referee: { select: { username: true } } }
		});
		const tablesOf = new Map<string, Set<string>>();
		for (const m of refereed) tablesOf.set(m.referee!.username, (tablesOf.get(m.referee!.username) ?? new Set()).add(m.venueTableId!));
		expect([...tablesOf.keys()].sort()).toEqual(['referee1', 'referee2', 'referee3', 'referee4']);
		for (const tables of tablesOf.values()) expect(tables.size).toBe(1);
	});
});
