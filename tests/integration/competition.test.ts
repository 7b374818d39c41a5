import { expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { describeWithDatabase } from '../support/setup';
import { createCategory, drawGame, finishMatch } from '../support/competition';
import { formatError } from '../../src/lib/server/trpc/format';
import { onMatchFinished } from '../../src/lib/server/competition/progress';

describeWithDatabase('organizer draws a category', (ctx) => {
	const db = () => ctx().database.db;

	async function slotsOf(categoryId: string) {
		const matches = await db().match.findMany({
			where: { categoryId },
			orderBy: [{ stage: 'asc' }, { round: 'asc' }, { position: 'asc' }],
			select: { stage: true, round: true, position: true, entryAId: true, entryBId: true }
		});
		return matches.map((m) => `${m.stage}/${m.round}/${m.position}:${m.entryAId ?? '-'}v${m.entryBId ?? '-'}`);
	}

	it('generates, re-draws and publishes a knockout, and the recorded seed string reproduces the draw', async () => {
		const organizer = await ctx().createUser('organizer');
		const { categoryId } = await createCategory(db(), { format: 'knockout', entries: 11, seeds: 4 });
		const caller = ctx().caller(organizer);

		const first = await caller.competition.draws.generate({ categoryId, seedString: 'alpha' });
		expect(first).toMatchObject({ seedString: 'alpha', redraw: false });
		const drawA = await slotsOf(categoryId);
		const preview = await caller.competition.draws.preview({ categoryId });
		expect(preview.bracket?.size).toBe(16);
		expect(preview.draws[0]).toMatchObject({ seedString: 'alpha', publishedAt: null, createdBy: organizer.username });
		// 16 - 11 = 5 byes, advanced into round 2 at once
		expect(preview.bracket?.rounds[0]?.filter((m) => m.status === 'bye')).toHaveLength(5);
		expect(preview.bracket?.rounds[1]?.flatMap((m) => [m.a, m.b]).filter(Boolean)).toHaveLength(5);

		// the public sees nothing before publication
		const before = await ctx().caller(null).competition.category({ id: categoryId });
		expect(before.bracket).toBeNull();
		expect(before.matches).toHaveLength(0);

		const second = await caller.competition.draws.generate({ categoryId, seedString: 'beta' });
		expect(second.redraw).toBe(true);
		expect(await slotsOf(categoryId)).not.toEqual(drawA);
		expect(await db().draw.count({ where: { categoryId } })).toBe(1);

		await caller.competition.draws.generate({ categoryId, seedString: 'alpha' });
		expect(await slotsOf(categoryId)).toEqual(drawA);

		await caller.competition.draws.publish({ categoryId });
		const category = await db().category.findUniqueOrThrow({ where: { id: categoryId } });
		expect(category.status).toBe('published');
		const pub = await ctx().caller(null).competition.category({ id: categoryId });
		expect(pub.bracket?.rounds).toHaveLength(4);
		expect(pub.draws[0]?.seedString).toBe('alpha');
		// the public response carries no personal numbers
		expect(JSON.stringify(pub)).not.toMatch(/residentId|certificate|T0\d{4}0{6}/);

		await expect(caller.competition.draws.generate({ categoryId })).rejects.toMatchObject({ code: 'CONFLICT' });
		const audits = await db().auditLog.findMany({ where: { entityId: categoryId }, orderBy: { at: 'asc' } });
		expect(audits.map((a) => a.action)).toEqual(['draw.generate', 'draw.redraw', 'draw.redraw', 'draw.publish']);
	});

	it('refuses a draw with fewer entries than the format needs, or while registration is open, writing nothing', async () => {
		const organizer = await ctx().createUser('organizer');
		const caller = ctx().caller(organizer);
		const few = await createCategory(db(), { format: 'groupsKnockout', entries: 4 });
		const error = await caller.competition.draws.generate({ categoryId: few.categoryId }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(TRPCError);
		expect(formatError(error as TRPCError, 'en').message).toContain('4');
		const open = await createCategory(db(), { format: 'knockout', entries: 8, status: 'open' });
		const openError = await caller.competition.draws.generate({ categoryId: open.categoryId }).catch((e: unknown) => e);
		expect((openError as TRPCError).code).toBe('CONFLICT');
		expect(formatError(openError as TRPCError, 'zh-CN').message).toMatch(/报名/);
		for (const id of [few.categoryId, open.categoryId]) {
			expect(await db().draw.count({ where: { categoryId: id } })).toBe(0);
			expect(await db().match.count({ where: { categoryId: id } })).toBe(0);
		}
		expect((await db().category.findUniqueOrThrow({ where: { id: open.categoryId } })).status).toBe('open');
		// once the organizer closes the category for registration, it can be drawn
		await caller.competition.draws.close({ categoryId: open.categoryId });
		await caller.competition.draws.generate({ categoryId: open.categoryId });
		expect((await db().category.findUniqueOrThrow({ where: { id: open.categoryId } })).status).toBe('drawn');
		expect(await db().auditLog.count({ where: { action: 'category.close', entityId: open.categoryId } })).toBe(1);
	});

	it('treats an open category as closed for registration once the edition window has closed', async () => {
		const organizer = await ctx().createUser('organizer');
		const open = await createCategory(db(), { format: 'knockout', entries: 4, status: 'open' });
		const edition = await db().edition.findFirstOrThrow({ where: { current: true } });
		await db().edition.update({ where: { id: edition.id }, data: { registrationClosesAt: new Date(Date.now() - 1000) } });
		try {
			await ctx().caller(organizer).competition.draws.generate({ categoryId: open.categoryId });
			expect(await db().match.count({ where: { categoryId: open.categoryId } })).toBe(4 - 1);
		} finally {
			await db().edition.update({ where: { id: edition.id }, data: { registrationClosesAt: edition.registrationClosesAt } });
		}
	});

	it('draws only checked-in entries when the organizer asks for it', async () => {
		const organizer = await ctx().createUser('organizer');
		const { categoryId, entryIds } = await createCategory(db(), { format: 'knockout', entries: 10, checkedIn: 6 });
		await ctx().caller(organizer).competition.draws.generate({ categoryId, checkedInOnly: true });
		const matches = await db().match.findMany({ where: { categoryId, round: 1 } });
		const drawn = new Set(matches.flatMap((m) => [m.entryAId, m.entryBId]).filter(Boolean));
		expect(drawn.size).toBe(6);
		expect([...drawn].every((id) => entryIds.slice(0, 6).includes(id as string))).toBe(true);
	});

	it('lets only organizers draw', async () => {
		const referee = await ctx().createUser('referee');
		const { categoryId } = await createCategory(db(), { format: 'knockout', entries: 4 });
		await expect(ctx().caller(referee).competition.draws.generate({ categoryId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
		await expect(ctx().caller(null).competition.draws.preview({ categoryId })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
	});

	it('moves winners through the bracket, sends semi-final losers to the third-place match and writes placings', async () => {
		const organizer = await ctx().createUser('organizer');
		const { categoryId } = await createCategory(db(), { format: 'knockout', entries: 8, config: { thirdPlace: true } });
		const caller = ctx().caller(organizer);
		await caller.competition.draws.generate({ categoryId, seedString: 'ko' });
		await caller.competition.draws.publish({ categoryId });
		for (let round = 1; round <= 3; round++) {
			const matches = await db().match.findMany({ where: { categoryId, round, status: 'scheduled' }, orderBy: { position: 'asc' } });
			for (const m of matches) {
				const changed = await finishMatch(db(), m.id, 'A');
				if (m.nextMatchId) expect(changed).toContain(m.nextMatchId);
				if (m.loserMatchId) expect(changed).toContain(m.loserMatchId);
			}
		}
		const final = await db().match.findFirstOrThrow({ where: { categoryId, stage: 'knockout', round: 3 } });
		const third = await db().match.findFirstOrThrow({ where: { categoryId, stage: 'thirdPlace' } });
		expect(final.status).toBe('finished');
		expect(third.status).toBe('finished');
		const placings = await db().placing.findMany({ where: { categoryId }, orderBy: { place: 'asc' } });
		expect(placings.map((p) => p.place)).toEqual([1, 2, 3, 4, 5, 5, 5, 5]);
		expect(placings[0]?.entryId).toBe(final.winnerEntryId);
		expect(placings[2]?.entryId).toBe(third.winnerEntryId);
		expect((await db().category.findUniqueOrThrow({ where: { id: categoryId } })).status).toBe('finished');
	});

	it('turns a withdrawal after publication into walkovers, audited, and the opponent moves on', async () => {
		const organizer = await ctx().createUser('organizer');
		const { categoryId, entryIds } = await createCategory(db(), { format: 'knockout', entries: 8 });
		const caller = ctx().caller(organizer);
		await caller.competition.draws.generate({ categoryId, seedString: 'wd' });
		await caller.competition.draws.publish({ categoryId });
		const victim = entryIds[3]!;
		const match = await db().match.findFirstOrThrow({ where: { categoryId, round: 1, OR: [{ entryAId: victim }, { entryBId: victim }] } });
		const result = await caller.competition.draws.withdraw({ categoryId, entryId: victim, reason: 'injury' });
		expect(result.changed).toContain(match.id);
		const after = await db().match.findUniqueOrThrow({ where: { id: match.id } });
		expect(after.status).toBe('walkover');
		expect(after.winnerEntryId).toBe(match.entryAId === victim ? match.entryBId : match.entryAId);
		const next = await db().match.findUniqueOrThrow({ where: { id: match.nextMatchId! } });
		expect([next.entryAId, next.entryBId]).toContain(after.winnerEntryId);
		expect(await db().auditLog.count({ where: { action: 'draw.withdraw', entityId: victim } })).toBe(1);
	});

	it('gives a walkover to the opponent who arrives later when a player withdrew after winning a round', async () => {
		const organizer = await ctx().createUser('organizer');
		const { categoryId } = await createCategory(db(), { format: 'knockout', entries: 8 });
		const caller = ctx().caller(organizer);
		await caller.competition.draws.generate({ categoryId, seedString: 'later' });
		await caller.competition.draws.publish({ categoryId });
		const [m0, m1] = await db().match.findMany({ where: { categoryId, round: 1 }, orderBy: { position: 'asc' } });
		await finishMatch(db(), m0!.id, 'A');
		await caller.competition.draws.withdraw({ categoryId, entryId: m0!.entryAId!, reason: 'ill' });
		const semi = await db().match.findUniqueOrThrow({ where: { id: m0!.nextMatchId! } });
		expect(semi.status).toBe('scheduled');
		const changed = await finishMatch(db(), m1!.id, 'B');
		const after = await db().match.findUniqueOrThrow({ where: { id: semi.id } });
		expect(after.status).toBe('walkover');
		expect(after.winnerEntryId).toBe(m1!.entryBId);
		expect(changed).toEqual(expect.arrayContaining([semi.id, semi.nextMatchId]));
		const final = await db().match.findUniqueOrThrow({ where: { id: semi.nextMatchId! } });
		expect([final.entryAId, final.entryBId]).toContain(m1!.entryBId);
	});

	it('replaces a player who has not played by an approved entry that was not drawn', async () => {
		const organizer = await ctx().createUser('organizer');
		const { categoryId, entryIds } = await createCategory(db(), { format: 'knockout', entries: 7, checkedIn: 6 });
		const caller = ctx().caller(organizer);
		await caller.competition.draws.generate({ categoryId, checkedInOnly: true });
		await caller.competition.draws.publish({ categoryId });
		await caller.competition.draws.replace({ categoryId, fromEntryId: entryIds[0]!, toEntryId: entryIds[6]!, reason: 'late arrival' });
		const matches = await db().match.findMany({ where: { categoryId } });
		expect(matches.some((m) => m.entryAId === entryIds[6] || m.entryBId === entryIds[6])).toBe(true);
		expect(matches.some((m) => m.entryAId === entryIds[0] || m.entryBId === entryIds[0])).toBe(false);
		await expect(
			caller.competition.draws.replace({ categoryId, fromEntryId: entryIds[1]!, toEntryId: entryIds[6]!, reason: 'again' })
		).rejects.toMatchObject({ code: 'CONFLICT' });
	});

	it('sends group winners and runners-up into a knockout with both of a group in opposite halves', async () => {
		const organizer = await ctx().createUser('organizer');
		const { categoryId } = await createCategory(db(), { format: 'groupsKnockout', entries: 16, config: { groupSize: 4, qualifiersPerGroup: 2 } });
		const caller = ctx().caller(organizer);
		await caller.competition.draws.generate({ categoryId, seedString: 'groups' });
		await caller.competition.draws.publish({ categoryId });
		const groupMatches = await db().match.findMany({ where: { categoryId, stage: 'group' } });
		expect(groupMatches).toHaveLength(4 * 6);
		let created: string[] = [];
		for (const m of groupMatches) created = await finishMatch(db(), m.id, 'A');
		// the last group result created the knockout
		expect(created.length).toBeGreaterThan(0);
		const view = await ctx().caller(null).competition.category({ id: categoryId });
		expect(view.bracket?.size).toBe(8);
		for (const group of view.groups) {
			const [winner, runnerUp] = group.standings.map((r) => r.id);
			const slots = view.bracket!.rounds[0]!.flatMap((m) => [m.a, m.b]);
			const half = (id: string | undefined) => (slots.indexOf(id ?? '') < 4 ? 0 : 1);
			expect(half(winner)).not.toBe(half(runnerUp));
		}
		// finish the knockout: places 1-8 from the knockout, group thirds and fourths after
		for (let round = 1; round <= 3; round++) {
			const ms = await db().match.findMany({ where: { categoryId, stage: 'knockout', round } });
			for (const m of ms) if (m.status === 'scheduled') await finishMatch(db(), m.id, 'B');
		}
		const placings = await db().placing.findMany({ where: { categoryId }, orderBy: { place: 'asc' } });
		expect(placings.map((p) => p.place)).toEqual([1, 2, 3, 3, 5, 5, 5, 5, 9, 9, 9, 9, 13, 13, 13, 13]);
	});

	it('pairs the next Swiss round only when the previous one is complete, then ranks the field', async () => {
		const organizer = await ctx().createUser('organizer');
		const { categoryId } = await createCategory(db(), { format: 'swiss', entries: 7, config: { swissRounds: 3 } });
		const caller = ctx().caller(organizer);
		await caller.competition.draws.generate({ categoryId, seedString: 'sw' });
		await caller.competition.draws.publish({ categoryId });
		const round1 = await db().match.findMany({ where: { categoryId, round: 1 }, orderBy: { position: 'asc' } });
		expect(round1.filter((m) => m.status === 'bye')).toHaveLength(1);
		const playable = round1.filter((m) => m.status === 'scheduled');
		await finishMatch(db(), playable[0]!.id, 'A');
		const drawsBefore = await db().draw.count({ where: { categoryId } });
		const error = await caller.competition.draws.pairNext({ categoryId }).catch((e: unknown) => e);
		expect((error as TRPCError).code).toBe('CONFLICT');
		expect(formatError(error as TRPCError, 'en').message).toMatch(/round 1/i);
		expect(await db().draw.count({ where: { categoryId } })).toBe(drawsBefore);
		await drawGame(db(), playable[1]!.id);
		await finishMatch(db(), playable[2]!.id, 'B');
		for (let round = 2; round <= 3; round++) {
			const next = await caller.competition.draws.pairNext({ categoryId });
			expect(next.round).toBe(round);
			await caller.competition.draws.publish({ categoryId });
			const ms = await db().match.findMany({ where: { categoryId, round, status: 'scheduled' } });
			for (const m of ms) await finishMatch(db(), m.id, 'A');
		}
		const view = await ctx().caller(null).competition.category({ id: categoryId });
		expect(view.swiss?.standings).toHaveLength(7);
		expect(view.category.status).toBe('finished');
		expect(await db().placing.count({ where: { categoryId } })).toBe(7);
	});

	it('warns about a Swiss swap that breaks a rule and applies it only when confirmed, audited', async () => {
		const organizer = await ctx().createUser('organizer');
		const { categoryId } = await createCategory(db(), { format: 'swiss', entries: 6, config: { swissRounds: 4 } });
		const caller = ctx().caller(organizer);
		await caller.competition.draws.generate({ categoryId, seedString: 'swap' });
		await caller.competition.draws.publish({ categoryId });
		const round1 = await db().match.findMany({ where: { categoryId, round: 1 }, orderBy: { position: 'asc' } });
		for (const m of round1) await finishMatch(db(), m.id, 'A');
		await caller.competition.draws.pairNext({ categoryId });
		const round2 = await db().match.findMany({ where: { categoryId, round: 2 }, orderBy: { position: 'asc' } });
		// swapping so that two round-1 opponents meet again
		const [r1] = round1;
		const boardOfX = round2.find((m) => m.entryAId === r1!.entryAId || m.entryBId === r1!.entryAId)!;
		const partnerOfX = boardOfX.entryAId === r1!.entryAId ? boardOfX.entryBId! : boardOfX.entryAId!;
		const attempt = await caller.competition.draws.swap({ categoryId, entryX: partnerOfX, entryY: r1!.entryBId!, confirm: false });
		expect(attempt.applied).toBe(false);
		expect(attempt.warnings.map((w) => w.code)).toContain('swiss.warning.rematch');
		const unchanged = await db().match.findMany({ where: { categoryId, round: 2 }, orderBy: { position: 'asc' } });
		expect(unchanged.map((m) => [m.entryAId, m.entryBId])).toEqual(round2.map((m) => [m.entryAId, m.entryBId]));
		const applied = await caller.competition.draws.swap({ categoryId, entryX: partnerOfX, entryY: r1!.entryBId!, confirm: true });
		expect(applied.applied).toBe(true);
		expect(await db().auditLog.count({ where: { action: 'draw.swiss_swap' } })).toBeGreaterThan(0);
	});

	it('creates darts 501 matches with the engine format and a total-score event in flights that rank the whole field', async () => {
		const organizer = await ctx().createUser('organizer');
		const caller = ctx().caller(organizer);
		const darts = await createCategory(db(), { format: 'darts501Knockout', entries: 5, config: { legsToWin: 2 } });
		await caller.competition.draws.generate({ categoryId: darts.categoryId });
		const match = await db().match.findFirstOrThrow({ where: { categoryId: darts.categoryId, status: 'scheduled' } });
		expect(JSON.parse(match.format)).toEqual({ sport: 'darts', start: 501, legsToWin: 2, doubleOut: true });
		expect(JSON.parse(match.summary)).toMatchObject({ finished: false, remaining: { a: 501, b: 501 } });

		const total = await createCategory(db(), { format: 'dartsTotal', entries: 10, config: { flightSize: 5, totalRounds: 3 } });
		await caller.competition.draws.generate({ categoryId: total.categoryId });
		await caller.competition.draws.publish({ categoryId: total.categoryId });
		const flights = await db().match.findMany({ where: { categoryId: total.categoryId }, orderBy: { position: 'asc' } });
		expect(flights).toHaveLength(2);
		const players = flights.flatMap((f) => JSON.parse(f.players) as string[]);
		expect(new Set(players)).toEqual(new Set(total.entryIds));
		expect(JSON.parse(flights[0]!.format)).toMatchObject({ sport: 'dartsTotal', rounds: 3, players: JSON.parse(flights[0]!.players) });
		// every player throws 3 rounds; the score falls with the entry's index
		for (const f of flights) {
			const ids = JSON.parse(f.players) as string[];
			const standings = ids.map((id) => {
				const score = 100 - total.entryIds.indexOf(id);
				return { id, rounds: [score, score, score], total: 3 * score, best: score, rank: 0, roundsThrown: 3, withdrawn: false, tied: false };
			});
			await db().$transaction(async (tx) => {
				await tx.match.update({
					where: { id: f.id },
					data: { status: 'finished', finishedAt: new Date(), summary: JSON.stringify({ finished: true, standings }) }
				});
				await onMatchFinished(tx, f.id);
			});
		}
		const placings = await db().placing.findMany({ where: { categoryId: total.categoryId }, orderBy: { place: 'asc' } });
		expect(placings.map((p) => p.entryId)).toEqual(total.entryIds.slice(0, 8));
		expect(placings.map((p) => p.place)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
	});

	it('plans the order of play of a venue without conflicts and reports a conflict after a bad move', async () => {
		const organizer = await ctx().createUser('organizer');
		const caller = ctx().caller(organizer);
		const edition = await db().edition.findFirstOrThrow({ where: { current: true } });
		const venue = await db().venue.create({ data: { editionId: edition.id, nameZh: '测试馆', nameEn: 'Test hall' } });
		for (let i = 1; i <= 4; i++) await db().venueTable.create({ data: { venueId: venue.id, kind: 'table', label: `${i}`, sortOrder: i } });
		const a = await createCategory(db(), { format: 'groupsKnockout', entries: 12 });
		const b = await createCategory(db(), { format: 'knockout', entries: 8 });
		for (const c of [a, b]) {
			await caller.competition.draws.generate({ categoryId: c.categoryId });
			await caller.competition.draws.publish({ categoryId: c.categoryId });
		}
		const plan = await caller.competition.schedule.plan({ venueId: venue.id, startAt: '2030-12-12T09:00:00+08:00', slotMinutes: 20, minRestSlots: 1 });
		expect(plan.unscheduled).toEqual([]);
		expect(plan.placed).toBeGreaterThan(18 + 7 - 1);
		const view = await caller.competition.schedule.view({ venueId: venue.id, minRestSlots: 1 });
		expect(view.conflicts).toEqual([]);
		const first = view.rows.filter((r) => r.slot === 0);
		expect(first.length).toBeGreaterThan(1);
		// a second match onto the first one's table and slot is refused with the reason, and nothing changes
		await expect(
			caller.competition.schedule.move({ matchId: first[1]!.id, venueTableId: first[0]!.table!.id, slot: 0 })
		).rejects.toMatchObject({ message: 'schedule.table_double_booked' });
		expect((await db().match.findUniqueOrThrow({ where: { id: first[1]!.id } })).venueTableId).toBe(first[1]!.table!.id);
		expect(await db().auditLog.count({ where: { action: 'schedule.move', entityId: first[1]!.id } })).toBe(0);
		// the day's last match to a free slot later on moves (audited) and has no conflict
		const last = view.rows.filter((r) => r.slot !== null).sort((x, y) => (y.slot ?? 0) - (x.slot ?? 0))[0]!;
		const moved = await caller.competition.schedule.move({ matchId: last.id, venueTableId: first[0]!.table!.id, slot: (last.slot ?? 0) + 3 });
		expect(moved.conflicts).toEqual([]);
		expect(await db().auditLog.count({ where: { action: 'schedule.move', entityId: last.id } })).toBe(1);
		const referee = await ctx().createUser('referee');
		const assigned = await caller.competition.schedule.tableReferee({ venueTableId: first[0]!.table!.id, refereeId: referee.id });
		expect(assigned.changed.length).toBeGreaterThan(0);
		expect(await db().match.count({ where: { refereeId: referee.id } })).toBe(assigned.changed.length);
		const print = await ctx().caller(null).competition.schedule.print({ venueId: venue.id, tableId: first[0]!.table!.id });
		expect(print.rows.every((r) => r.table?.id === first[0]!.table!.id)).toBe(true);
	});
});
