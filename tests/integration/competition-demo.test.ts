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
		expect(live.every((m) => m.venueTable && ['referee1', 'referee2'].includes(m.referee?.username ?? ''))).toBe(true);
		// every finished match has its events, so a replay gives the stored summary
		const sample = await db.match.findFirstOrThrow({ where: { status: 'finished', stage: 'group' }, include: { events: true } });
		expect(sample.events).toHaveLength(sample.version);
		const before = await db.match.count();
		await seedDemoCompetition(db);
		expect(await db.match.count()).toBe(before);
		const view = await ctx().caller(null).competition.category({ id: (await db.category.findFirstOrThrow({ where: { code: 'TT-MS' } })).id });
		expect(view.groups.length).toBeGreaterThan(1);
	});
});
