import { expect, it } from 'vitest';
import { describeWithDatabase } from '../support/setup';
import { createCategory } from '../support/competition';
import { flushBatches, roomLog } from '../../src/lib/server/realtime/io';

const START = '2030-12-12T09:00:00+08:00';
const MIN = 60_000;

describeWithDatabase('organizer runs the order of play on game day', (ctx) => {
	const db = () => ctx().database.db;

	/** A venue with `tables` table-tennis tables and two published categories. */
	async function setup(tables = 4) {
		const organizer = await ctx().createUser('organizer');
		const caller = ctx().caller(organizer);
		const edition = await db().edition.findFirstOrThrow({ where: { current: true } });
		const venue = await db().venue.create({ data: { editionId: edition.id, nameZh: '测试馆', nameEn: 'Test hall' } });
		const tableIds: string[] = [];
		for (let i = 1; i <= tables; i++) {
			const t = await db().venueTable.create({ data: { venueId: venue.id, kind: 'table', label: `${i}`, sortOrder: i } });
			tableIds.push(t.id);
		}
		const category = await createCategory(db(), { format: 'groupsKnockout', entries: 8 });
		await caller.competition.draws.generate({ categoryId: category.categoryId });
		await caller.competition.draws.publish({ categoryId: category.categoryId });
		return { caller, venue, tableIds, category };
	}

	/** Every pair of matches that overlap on one table, from the rows as stored. */
	async function doubleBookings(venueId: string) {
		const rows = await db().match.findMany({
			where: { venueTable: { venueId }, scheduledAt: { not: null }, status: { notIn: ['bye', 'cancelled'] } },
			select: { id: true, venueTableId: true, scheduledAt: true }
		});
		const out: string[] = [];
		for (const a of rows) {
			for (const b of rows) {
				if (a.id < b.id && a.venueTableId === b.venueTableId) {
					const x = a.scheduledAt!.getTime();
					const y = b.scheduledAt!.getTime();
					if (x < y + 20 * MIN && y < x + 20 * MIN) out.push(`${a.id}/${b.id}`);
				}
			}
		}
		return out;
	}

	it('auto-schedules around finished and live matches, and running it again changes nothing', async () => {
		const { caller, venue } = await setup();
		await caller.competition.schedule.plan({ venueId: venue.id, startAt: START, slotMinutes: 20, minRestSlots: 1 });
		// the first slot was played, one match of the second is live
		const first = await db().match.findMany({ where: { venueTable: { venueId: venue.id }, slot: 0 } });
		for (const m of first) await db().match.update({ where: { id: m.id }, data: { status: 'finished', finishedAt: new Date(Date.parse(START) + 18 * MIN) } });
		const second = await db().match.findFirstOrThrow({ where: { venueTable: { venueId: venue.id }, slot: { gt: 0 } }, orderBy: { slot: 'asc' } });
		await db().match.update({ where: { id: second.id }, data: { status: 'live', startedAt: second.scheduledAt } });
		// a new category arrives: its matches must not land on 09:00 or on the live match's table and time
		const late = await createCategory(db(), { format: 'knockout', entries: 8 });
		await caller.competition.draws.generate({ categoryId: late.categoryId });
		await caller.competition.draws.publish({ categoryId: late.categoryId });
		const plan = await caller.competition.schedule.plan({ venueId: venue.id, startAt: START, slotMinutes: 20, minRestSlots: 1 });
		expect(plan.needsConfirmation).toBe(false);
		expect(plan.unscheduled).toEqual([]);
		expect(plan.placed).toBe(7);
		const fresh = await db().match.findMany({ where: { categoryId: late.categoryId, status: 'scheduled' } });
		for (const m of fresh) expect(m.scheduledAt!.getTime()).toBeGreaterThanOrEqual(Date.parse(START) + 20 * MIN);
		expect(await db().match.findUniqueOrThrow({ where: { id: second.id } })).toMatchObject({ venueTableId: second.venueTableId, slot: second.slot });
		expect(await doubleBookings(venue.id)).toEqual([]);
		const view = await caller.competition.schedule.view({ venueId: venue.id, minRestSlots: 1 });
		expect(view.conflicts).toEqual([]);
		const again = await caller.competition.schedule.plan({ venueId: venue.id, startAt: START, slotMinutes: 20, minRestSlots: 1 });
		expect(again.moved).toBe(0);
	});

	it('writes every placement once and tells each placed match’s live room its table and time', async () => {
		const { caller, venue, tableIds } = await setup(4);
		const before = await roomLog().position('live');
		const plan = await caller.competition.schedule.plan({ venueId: venue.id, startAt: START, slotMinutes: 20, minRestSlots: 1 });
		const rows = await db().match.findMany({
			where: { id: { in: plan.changed } },
			select: { id: true, venueTableId: true, slot: true, scheduledAt: true, refereeId: true }
		});
		expect(rows).toHaveLength(plan.placed);
		for (const r of rows) {
			expect(tableIds).toContain(r.venueTableId);
			// the slot is the time's place on the 20-minute grid that starts at 09:00
			expect(r.scheduledAt!.getTime()).toBe(Date.parse(START) + r.slot! * 20 * MIN);
		}
		expect(await doubleBookings(venue.id)).toEqual([]);
		for (const r of rows) {
			const update = ((await roomLog().since(`match:${r.id}`, 0)) ?? []).at(-1);
			expect(update?.payload).toMatchObject({ id: r.id, table: { id: r.venueTableId }, scheduledAt: r.scheduledAt!.toISOString() });
		}
		await flushBatches();
		const overview = (await roomLog().since('live', before.seq)) ?? [];
		const seen = new Set(overview.flatMap((u) => (u.payload as { items: Array<{ id: string }> }).items.map((v) => v.id)));
		for (const r of rows) expect(seen.has(r.id)).toBe(true);
	});

	it('plans the same programme the same way every time, whatever order the database returns its rows in', async () => {
		const { caller, venue } = await setup(4);
		// a second event: its matches tie with the first's on stage, round and position
		const second = await createCategory(db(), { format: 'groupsKnockout', entries: 8 });
		await caller.competition.draws.generate({ categoryId: second.categoryId });
		await caller.competition.draws.publish({ categoryId: second.categoryId });
		const first = await caller.competition.schedule.plan({ venueId: venue.id, startAt: START, slotMinutes: 20, minRestSlots: 1 });
		expect(first.placed).toBeGreaterThan(20);
		// writing the placements reorders the rows on disk (PostgreSQL); planning from scratch again places every match where it was
		for (let i = 0; i < 2; i++) {
			const again = await caller.competition.schedule.plan({ venueId: venue.id, startAt: START, slotMinutes: 20, minRestSlots: 1, replan: true });
			expect(again.moved).toBe(0);
		}
	});

	it('shows the double booking the live page had in the conflicts panel', async () => {
		const { caller, venue } = await setup();
		await caller.competition.schedule.plan({ venueId: venue.id, startAt: START, slotMinutes: 20, minRestSlots: 1 });
		const [a, b] = await db().match.findMany({ where: { venueTable: { venueId: venue.id }, slot: 0 }, orderBy: { code: 'asc' } });
		// as the old scheduler did: a second match on a table that already holds a finished one
		await db().match.update({ where: { id: a!.id }, data: { status: 'finished' } });
		await db().match.update({ where: { id: b!.id }, data: { venueTableId: a!.venueTableId } });
		const view = await caller.competition.schedule.view({ venueId: venue.id, minRestSlots: 1 });
		expect(view.conflicts.map((c) => [c.code, ...c.matchIds].join(' '))).toContain(`schedule.table_double_booked ${a!.id} ${b!.id}`);
	});

	it('moves published matches only after the organizer saw who is affected, and audits it', async () => {
		const { caller, venue, tableIds } = await setup(3);
		await caller.competition.schedule.plan({ venueId: venue.id, startAt: START, slotMinutes: 20, minRestSlots: 1 });
		const published = await caller.competition.schedule.publish({ venueId: venue.id });
		expect(published.published).toBeGreaterThan(0);
		const onFirst = await db().match.findMany({ where: { venueTableId: tableIds[0], status: 'scheduled' } });
		await caller.competition.schedule.tableInUse({ venueTableId: tableIds[0]!, outOfUse: true });
		const view = await caller.competition.schedule.view({ venueId: venue.id, minRestSlots: 1 });
		expect(view.conflicts.filter((c) => c.code === 'schedule.table_out_of_use')).toHaveLength(onFirst.length);

		const asked = await caller.competition.schedule.plan({ venueId: venue.id, startAt: START, slotMinutes: 20, minRestSlots: 1 });
		expect(asked.needsConfirmation).toBe(true);
		expect(asked.affected.map((x) => x.matchId).sort()).toEqual(onFirst.map((m) => m.id).sort());
		expect(asked.affected[0]).toMatchObject({ published: true, from: { table: '1' } });
		expect(asked.affected[0]!.athletes.length).toBe(2);
		// nothing written yet
		expect(await db().match.count({ where: { venueTableId: tableIds[0], status: 'scheduled' } })).toBe(onFirst.length);

		const done = await caller.competition.schedule.plan({ venueId: venue.id, startAt: START, slotMinutes: 20, minRestSlots: 1, confirm: true });
		expect(done.needsConfirmation).toBe(false);
		expect(await db().match.count({ where: { venueTableId: tableIds[0], status: 'scheduled' } })).toBe(0);
		for (const m of onFirst) {
			const now = await db().match.findUniqueOrThrow({ where: { id: m.id } });
			expect(now.scheduledAt!.getTime()).toBeGreaterThanOrEqual(m.scheduledAt!.getTime());
		}
		expect((await caller.competition.schedule.view({ venueId: venue.id, minRestSlots: 1 })).conflicts).toEqual([]);
		const log = await db().auditLog.findFirstOrThrow({ where: { action: 'schedule.plan' }, orderBy: { at: 'desc' } });
		expect(JSON.parse(log.after!).moves).toHaveLength(onFirst.length);
		expect(await db().auditLog.count({ where: { action: 'schedule.table_out_of_use', entityId: tableIds[0] } })).toBe(1);

		// a published match moved by hand also asks first
		const one = await db().match.findFirstOrThrow({ where: { venueTable: { venueId: venue.id }, status: 'scheduled', schedulePublishedAt: { not: null }, slot: { gt: 0 } }, orderBy: { slot: 'desc' } });
		const hand = await caller.competition.schedule.move({ matchId: one.id, venueTableId: tableIds[2]!, slot: 30 });
		expect(hand.needsConfirmation).toBe(true);
		expect((await db().match.findUniqueOrThrow({ where: { id: one.id } })).slot).toBe(one.slot);
		// and never earlier than its published time, even confirmed: refused with the reason, nothing changes
		await expect(
			caller.competition.schedule.move({ matchId: one.id, venueTableId: tableIds[2]!, slot: 0, confirm: true })
		).rejects.toMatchObject({ message: 'schedule.move_published_earlier' });
		expect((await db().match.findUniqueOrThrow({ where: { id: one.id } })).slot).toBe(one.slot);
	});

	it('shifts a late table’s queue in one action after a preview, and never onto a busy athlete', async () => {
		const { caller, venue, tableIds } = await setup(4);
		await caller.competition.schedule.plan({ venueId: venue.id, startAt: START, slotMinutes: 20, minRestSlots: 1 });
		const queue = await db().match.findMany({ where: { venueTableId: tableIds[1], status: 'scheduled' }, orderBy: { scheduledAt: 'asc' } });
		expect(queue.length).toBeGreaterThan(0);
		const preview = await caller.competition.schedule.delay({ venueTableId: tableIds[1]!, action: { kind: 'shift', minutes: 25 } });
		expect(preview.applied).toBe(false);
		expect(preview.affected.map((a) => a.matchId)).toEqual(expect.arrayContaining(queue.map((m) => m.id)));
		expect((await db().match.findUniqueOrThrow({ where: { id: queue[0]!.id } })).scheduledAt).toEqual(queue[0]!.scheduledAt);

		const applied = await caller.competition.schedule.delay({ venueTableId: tableIds[1]!, action: { kind: 'shift', minutes: 25 }, confirm: true, token: preview.token });
		expect(applied.applied).toBe(true);
		// what was applied is what was previewed, on whole minutes
		expect(applied.affected).toEqual(preview.affected);
		for (const a of applied.affected) if (a.to) expect(Date.parse(a.to.at) % MIN).toBe(0);
		// the same confirmation again (a double click, a second tab) is refused and changes nothing
		const before = await db().match.findMany({ where: { venueTable: { venueId: venue.id } }, select: { id: true, scheduledAt: true, venueTableId: true }, orderBy: { id: 'asc' } });
		await expect(
			caller.competition.schedule.delay({ venueTableId: tableIds[1]!, action: { kind: 'shift', minutes: 25 }, confirm: true, token: preview.token })
		).rejects.toMatchObject({ message: 'orderOfPlay.stale_preview' });
		await expect(
			caller.competition.schedule.delay({ venueTableId: tableIds[1]!, action: { kind: 'shift', minutes: 25 }, confirm: true })
		).rejects.toMatchObject({ message: 'orderOfPlay.stale_preview' });
		// two tabs previewed the same 10-minute shift and both confirm at once: one applies
		const shown = await caller.competition.schedule.delay({ venueTableId: tableIds[1]!, action: { kind: 'shift', minutes: 10 } });
		const twice = await Promise.allSettled(
			[0, 1].map(() =>
				caller.competition.schedule.delay({ venueTableId: tableIds[1]!, action: { kind: 'shift', minutes: 10 }, confirm: true, token: shown.token })
			)
		);
		expect(twice.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		expect((await db().match.findMany({ where: { venueTable: { venueId: venue.id } }, select: { id: true, scheduledAt: true, venueTableId: true }, orderBy: { id: 'asc' } })).filter((m, i) => m.scheduledAt?.getTime() !== before[i]!.scheduledAt?.getTime()).length).toBeGreaterThan(0);
		for (const m of queue) {
			const now = await db().match.findUniqueOrThrow({ where: { id: m.id } });
			expect(now.scheduledAt!.getTime()).toBeGreaterThanOrEqual(m.scheduledAt!.getTime() + 25 * MIN);
		}
		expect((await caller.competition.schedule.view({ venueId: venue.id, minRestSlots: 1 })).conflicts).toEqual([]);
		expect(await db().auditLog.count({ where: { action: 'schedule.delay_shift', entityId: tableIds[1] } })).toBe(2);
	});

	it('moves a broken table’s matches to a free table and refuses a target of another kind', async () => {
		const { caller, venue, tableIds } = await setup(4);
		const edition = await db().edition.findFirstOrThrow({ where: { current: true } });
		const other = await db().venue.create({ data: { editionId: edition.id, nameZh: '别馆', nameEn: 'Other' } });
		const lane = await db().venueTable.create({ data: { venueId: other.id, kind: 'lane', label: 'L1' } });
		await caller.competition.schedule.plan({ venueId: venue.id, startAt: START, slotMinutes: 20, minRestSlots: 1 });
		await expect(
			caller.competition.schedule.delay({ venueTableId: tableIds[0]!, action: { kind: 'move', toTableId: lane.id }, confirm: true })
		).rejects.toMatchObject({ message: 'orderOfPlay.bad_target' });
		await caller.competition.schedule.tableInUse({ venueTableId: tableIds[0]!, outOfUse: true });
		const preview = await caller.competition.schedule.delay({ venueTableId: tableIds[0]!, action: { kind: 'move' } });
		const moved = await caller.competition.schedule.delay({ venueTableId: tableIds[0]!, action: { kind: 'move' }, confirm: true, token: preview.token });
		expect(moved.applied).toBe(true);
		expect(moved.affected.every((a) => a.to !== null && a.to.table !== '1')).toBe(true);
		expect(await db().match.count({ where: { venueTableId: tableIds[0], status: 'scheduled' } })).toBe(0);
		expect(await doubleBookings(venue.id)).toEqual([]);
		expect((await caller.competition.schedule.view({ venueId: venue.id, minRestSlots: 1 })).conflicts).toEqual([]);
		expect(await db().auditLog.count({ where: { action: 'schedule.delay_move', entityId: tableIds[0] } })).toBe(1);
	});

	it('keeps an athlete entered in table tennis and darts out of two places at once, across venues', async () => {
		const { caller, venue, category } = await setup(4);
		const edition = await db().edition.findFirstOrThrow({ where: { current: true } });
		const hall = await db().venue.create({ data: { editionId: edition.id, nameZh: '飞镖馆', nameEn: 'Darts hall' } });
		for (let i = 1; i <= 4; i++) await db().venueTable.create({ data: { venueId: hall.id, kind: 'lane', label: `L${i}`, sortOrder: i } });
		// the table-tennis players also enter darts
		const darts = await createCategory(db(), { format: 'darts501Knockout', entries: 8 });
		const ttEntries = await db().entry.findMany({ where: { categoryId: category.categoryId }, orderBy: { id: 'asc' } });
		const dEntries = await db().entry.findMany({ where: { categoryId: darts.categoryId }, orderBy: { id: 'asc' } });
		for (const [i, e] of dEntries.entries()) await db().entry.update({ where: { id: e.id }, data: { athleteId: ttEntries[i]!.athleteId } });
		await caller.competition.draws.generate({ categoryId: darts.categoryId });
		await caller.competition.draws.publish({ categoryId: darts.categoryId });
		await caller.competition.schedule.plan({ venueId: venue.id, startAt: START, slotMinutes: 20, minRestSlots: 1 });
		await caller.competition.schedule.plan({ venueId: hall.id, startAt: START, slotMinutes: 20, minRestSlots: 1 });
		const rows = await db().match.findMany({
			where: { scheduledAt: { not: null }, categoryId: { in: [category.categoryId, darts.categoryId] } },
			select: { scheduledAt: true, entryAId: true, entryBId: true }
		});
		const athleteOf = new Map([...ttEntries, ...dEntries].map((e) => [e.id, e.athleteId]));
		athleteOf.forEach((_, id) => {
			const d = dEntries.findIndex((e) => e.id === id);
			if (d >= 0) athleteOf.set(id, ttEntries[d]!.athleteId);
		});
		const spans = new Map<string, number[]>();
		for (const r of rows) {
			for (const e of [r.entryAId, r.entryBId]) {
				const a = e ? athleteOf.get(e) : undefined;
				if (a) spans.set(a, [...(spans.get(a) ?? []), r.scheduledAt!.getTime()]);
			}
		}
		for (const starts of spans.values()) {
			const sorted = starts.sort((x, y) => x - y);
			// 20-minute matches and 20 minutes of rest: 40 minutes between two starts at least
			for (let i = 1; i < sorted.length; i++) expect(sorted[i]! - sorted[i - 1]!).toBeGreaterThanOrEqual(40 * MIN);
		}
		expect((await caller.competition.schedule.view({ venueId: hall.id, minRestSlots: 1 })).conflicts).toEqual([]);
	});
});
