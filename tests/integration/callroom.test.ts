import { expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { describeWithDatabase } from '../support/setup';
import { createCategory, drawGame, finishMatch } from '../support/competition';
import { formatError } from '../../src/lib/server/trpc/format';
import { swissHistory } from '../../src/lib/server/competition/draws';

describeWithDatabase('the call room: calls, no-shows and absences', (ctx) => {
	const db = () => ctx().database.db;
	let tableCount = 0;

	/** A table of its own for each test (a table holds one match at a time). */
	async function newTable(): Promise<{ id: string; venueId: string }> {
		const edition = await db().edition.findFirstOrThrow({ where: { current: true } });
		const venue = (await db().venue.findFirst({ where: { editionId: edition.id, nameEn: 'Call hall' } })) ?? (await db().venue.create({ data: { editionId: edition.id, nameZh: '检录馆', nameEn: 'Call hall' } }));
		const table = await db().venueTable.create({ data: { venueId: venue.id, kind: 'table', label: `C${++tableCount}`, sortOrder: tableCount } });
		return { id: table.id, venueId: venue.id };
	}

	async function drawnCategory(format: 'knockout' | 'darts501Knockout' | 'groupsKnockout' | 'swiss', entries: number, config: Record<string, unknown> = {}) {
		const organizer = await ctx().createUser('organizer');
		const { categoryId, entryIds } = await createCategory(db(), { format, entries, config });
		const caller = ctx().caller(organizer);
		await caller.competition.draws.generate({ categoryId, seedString: 'call' });
		await caller.competition.draws.publish({ categoryId });
		return { organizer, caller, categoryId, entryIds };
	}

	/** Puts matches on one table in the given order (slots 1, 2, …). */
	async function onTable(tableId: string, matchIds: string[]): Promise<void> {
		for (const [i, id] of matchIds.entries()) await db().match.update({ where: { id }, data: { venueTableId: tableId, slot: i + 1 } });
	}

	/** Moves the call of a match `minutes` into the past (the wait before a no-show). */
	async function calledMinutesAgo(matchId: string, minutes: number): Promise<void> {
		await db().match.update({ where: { id: matchId }, data: { calledAt: new Date(Date.now() - minutes * 60_000) } });
	}

	async function refusal(promise: Promise<unknown>): Promise<{ code: string; en: string; zh: string }> {
		const error = await promise.then(
			() => null,
			(e: unknown) => e
		);
		expect(error).toBeInstanceOf(TRPCError);
		const e = error as TRPCError;
		return { code: e.code, en: formatError(e, 'en').message, zh: formatError(e, 'zh-CN').message };
	}

	it('calls the next match of a table, shows it on the public board with names, table and time, and refuses a second call while it is open', async () => {
		const { caller, categoryId } = await drawnCategory('knockout', 4);
		const table = await newTable();
		const semis = await db().match.findMany({ where: { categoryId, round: 1 }, orderBy: { position: 'asc' } });
		await onTable(table.id, [semis[1]!.id, semis[0]!.id]);

		const called = await caller.callroom.callNext({ venueTableId: table.id });
		expect(called.matchId).toBe(semis[1]!.id);
		const row = await db().match.findUniqueOrThrow({ where: { id: semis[1]!.id } });
		expect(row.status).toBe('called');
		expect(row.calledAt).toBeInstanceOf(Date);
		const log = await db().matchEvent.findMany({ where: { matchId: row.id } });
		expect(log.map((e) => JSON.parse(e.event) as unknown)).toEqual([{ type: 'call' }]);
		expect(await db().auditLog.count({ where: { action: 'match.call', entityId: row.id } })).toBe(1);

		const board = await ctx().caller(null).callroom.board({ venueId: table.venueId });
		const line = board.called.find((l) => l.matchId === row.id);
		expect(line).toMatchObject({ table: { id: table.id, label: 'C1' }, status: 'called', calledAt: row.calledAt!.toISOString() });
		const athletes = await db().entry.findMany({ where: { id: { in: [row.entryAId!, row.entryBId!] } }, select: { athlete: { select: { name: true } } } });
		expect(line!.names.sort()).toEqual(athletes.map((a) => a.athlete.name).sort());
		expect(line!.noShowFrom).toBe(new Date(row.calledAt!.getTime() + 10 * 60_000).toISOString());
		expect(JSON.stringify(board)).not.toMatch(/residentId|certificate|T0\d{4}0{6}/);

		const busy = await refusal(caller.callroom.callNext({ venueTableId: table.id }));
		expect(busy.code).toBe('CONFLICT');
		expect(busy.en).toContain(row.code);
		expect((await db().match.findUniqueOrThrow({ where: { id: semis[0]!.id } })).status).toBe('scheduled');
	});

	it('refuses a no-show before the configured minutes, then records the walkover and the opponent advances (table tennis and darts knockouts)', async () => {
		for (const format of ['knockout', 'darts501Knockout'] as const) {
			const { caller, categoryId } = await drawnCategory(format, 4, { noShowMinutes: 5 });
			const table = await newTable();
			const semi = (await db().match.findFirstOrThrow({ where: { categoryId, round: 1 }, orderBy: { position: 'asc' } }))!;
			await onTable(table.id, [semi.id]);
			await caller.callroom.callNext({ venueTableId: table.id });

			const early = await refusal(caller.callroom.noShow({ matchId: semi.id, absent: 'B' }));
			expect(early.code).toBe('CONFLICT');
			expect(early.en).toMatch(/5 minutes/);
			expect(early.zh).toContain('5 分钟');
			expect((await db().match.findUniqueOrThrow({ where: { id: semi.id } })).status).toBe('called');

			await calledMinutesAgo(semi.id, 6);
			const result = await caller.callroom.noShow({ matchId: semi.id, absent: 'B' });
			const after = await db().match.findUniqueOrThrow({ where: { id: semi.id } });
			expect(after).toMatchObject({ status: 'walkover', winnerEntryId: semi.entryAId });
			const final = await db().match.findUniqueOrThrow({ where: { id: semi.nextMatchId! } });
			expect([final.entryAId, final.entryBId]).toContain(semi.entryAId);
			expect(result.changed).toContain(final.id);
			expect(await db().auditLog.count({ where: { action: 'match.no_show', entityId: semi.id } })).toBe(1);
		}
	});

	it('lets only the organizer record an absence in advance on a match not called yet, and a walkover gives 0 match points in the group', async () => {
		const { caller, categoryId } = await drawnCategory('groupsKnockout', 6, { groupSize: 3 });
		const referee = await ctx().createUser('referee');
		const groupA = await db().match.findMany({ where: { categoryId, stage: 'group', groupLabel: 'A' }, orderBy: { round: 'asc' } });
		const first = groupA[0]!;
		await db().match.update({ where: { id: first.id }, data: { refereeId: referee.id } });
		// the referee cannot skip the call
		const notCalled = await refusal(ctx().caller(referee).callroom.noShow({ matchId: first.id, absent: 'A' }));
		expect(notCalled.code).toBe('CONFLICT');
		await caller.callroom.noShow({ matchId: first.id, absent: 'A' });
		const absentee = first.entryAId!;
		// the absent player loses the other group match over the board
		for (const m of groupA.slice(1)) {
			const side = m.entryAId === absentee ? 'B' : m.entryBId === absentee ? 'A' : 'A';
			await finishMatch(db(), m.id, side);
		}
		const view = await ctx().caller(null).competition.category({ id: categoryId });
		const group = view.groups.find((g) => g.label === 'A')!;
		const row = group.standings.find((s) => s.id === absentee)!;
		// one played loss (1 point) and one walkover (0 points)
		expect(row.matchPoints).toBe(1);
		expect(group.standings.at(-1)!.id).toBe(absentee);
	});

	it('records a Swiss no-show as a forfeit: no game played, tie-breaks count a virtual opponent, and the next round pairs normally', async () => {
		const { caller, categoryId } = await drawnCategory('swiss', 4, { swissRounds: 3, noShowMinutes: 0, tieBreaks: ['buchholz'] });
		const table = await newTable();
		const [board1, board2] = await db().match.findMany({ where: { categoryId, round: 1 }, orderBy: { position: 'asc' } });
		await onTable(table.id, [board1!.id]);
		await caller.callroom.callNext({ venueTableId: table.id });
		await caller.callroom.noShow({ matchId: board1!.id, absent: 'B' });
		await drawGame(db(), board2!.id);

		const history = await swissHistory(db(), categoryId);
		expect(history.rounds[0]).toContainEqual({ red: board1!.entryAId, black: board1!.entryBId, outcome: 'forfeitBlack' });
		const view = await ctx().caller(null).competition.category({ id: categoryId });
		const byId = new Map(view.swiss!.standings.map((s) => [s.id, s]));
		// the forfeit winner: 2 points, Buchholz = a virtual opponent with the own score (2), not the absent player's 0
		expect(byId.get(board1!.entryAId!)).toMatchObject({ score: 2, tieBreaks: { buchholz: 2 } });
		expect(byId.get(board1!.entryBId!)).toMatchObject({ score: 0, tieBreaks: { buchholz: 0 } });

		const next = await caller.competition.draws.pairNext({ categoryId });
		expect(next.round).toBe(2);
	});

	it('records a double no-show only in a Swiss event', async () => {
		const swiss = await drawnCategory('swiss', 4, { swissRounds: 3 });
		const board = await db().match.findFirstOrThrow({ where: { categoryId: swiss.categoryId, round: 1, status: 'scheduled' } });
		await swiss.caller.callroom.noShow({ matchId: board.id, absent: 'both' });
		expect(await db().match.findUniqueOrThrow({ where: { id: board.id } })).toMatchObject({ status: 'walkover', winnerEntryId: null });
		const history = await swissHistory(db(), swiss.categoryId);
		expect(history.rounds[0]).toContainEqual({ red: board.entryAId, black: board.entryBId, outcome: 'forfeitBoth' });

		const ko = await drawnCategory('knockout', 4);
		const semi = await db().match.findFirstOrThrow({ where: { categoryId: ko.categoryId, round: 1 } });
		expect((await refusal(ko.caller.callroom.noShow({ matchId: semi.id, absent: 'both' }))).code).toBe('BAD_REQUEST');
		expect((await db().match.findUniqueOrThrow({ where: { id: semi.id } })).status).toBe('scheduled');
	});

	it('leaves a player announced absent out of the next Swiss round and scores the round as the configured half-point bye', async () => {
		const { caller, categoryId, entryIds } = await drawnCategory('swiss', 5, { swissRounds: 3, absenceBye: 'half', tieBreaks: ['buchholz'] });
		const absentee = entryIds[2]!;
		// round 1 is paired already: too late for an absence there
		const late = await refusal(caller.callroom.announceAbsence({ categoryId, entryId: absentee, round: 1, reason: '' }));
		expect(late.code).toBe('CONFLICT');
		expect(late.en).toMatch(/Round 1 is already paired/);
		expect(await db().roundAbsence.count({ where: { categoryId } })).toBe(0);

		expect(await caller.callroom.announceAbsence({ categoryId, entryId: absentee, round: 2, reason: '就医' })).toEqual({ round: 2, points: 'half' });
		// the same absence again changes nothing
		await caller.callroom.announceAbsence({ categoryId, entryId: absentee, round: 2, reason: '就医' });
		expect(await caller.callroom.absences({ categoryId })).toMatchObject([{ entryId: absentee, round: 2, points: 'half', reason: '就医' }]);

		for (const m of await db().match.findMany({ where: { categoryId, round: 1, status: 'scheduled' } })) await drawGame(db(), m.id);
		const scoreBefore = (await ctx().caller(null).competition.category({ id: categoryId })).swiss!.standings.find((s) => s.id === absentee)!.score;
		await caller.competition.draws.pairNext({ categoryId });
		const round2 = await db().match.findMany({ where: { categoryId, round: 2 } });
		expect(round2.flatMap((m) => [m.entryAId, m.entryBId])).not.toContain(absentee);
		// four players left: two boards, no bye
		expect(round2).toHaveLength(2);
		expect((await refusal(caller.callroom.withdrawAbsence({ categoryId, entryId: absentee, round: 2 }))).code).toBe('CONFLICT');

		await caller.competition.draws.publish({ categoryId });
		for (const m of round2) await finishMatch(db(), m.id, 'A');
		const standing = (await ctx().caller(null).competition.category({ id: categoryId })).swiss!.standings.find((s) => s.id === absentee)!;
		expect(standing.score).toBe(scoreBefore + 1);
		expect(await db().auditLog.count({ where: { action: 'swiss.absence', entityId: absentee } })).toBe(1);
	});

	it('gives the organizer’s absence form the open rounds, the field and the bye; a zero-point absence is left unpaired and scores nothing', async () => {
		const { caller, categoryId, entryIds } = await drawnCategory('swiss', 5, { swissRounds: 3, absenceBye: 'zero', tieBreaks: ['buchholz'] });
		const panel = await caller.callroom.absencePanel({ categoryId });
		expect(panel).toMatchObject({ points: 'zero', totalRounds: 3, openRounds: [2, 3], absences: [] });
		expect(panel.players.map((p) => p.entryId).sort()).toEqual([...entryIds].sort());
		expect(panel.players.every((p) => p.name.length > 0)).toBe(true);

		const absentee = entryIds[3]!;
		// the reason is free text: invisible characters are stripped like everywhere else
		await caller.callroom.announceAbsence({ categoryId, entryId: absentee, round: 2, reason: '\u202E家中有事' });
		expect((await caller.callroom.absencePanel({ categoryId })).absences).toMatchObject([{ entryId: absentee, round: 2, points: 'zero', reason: '家中有事' }]);
		expect((await refusal(caller.callroom.announceAbsence({ categoryId, entryId: absentee, round: 3, reason: 'x'.repeat(201) }))).code).toBe('BAD_REQUEST');

		for (const m of await db().match.findMany({ where: { categoryId, round: 1, status: 'scheduled' } })) await finishMatch(db(), m.id, 'A');
		const before = (await ctx().caller(null).competition.category({ id: categoryId })).swiss!.standings.find((s) => s.id === absentee)!.score;
		await caller.competition.draws.pairNext({ categoryId });
		const round2 = await db().match.findMany({ where: { categoryId, round: 2 } });
		expect(round2.flatMap((m) => [m.entryAId, m.entryBId])).not.toContain(absentee);
		expect(round2).toHaveLength(2);
		// round 2 is paired now: its absence stays and can no longer be taken back
		expect(await caller.callroom.absencePanel({ categoryId })).toMatchObject({ openRounds: [3], absences: [{ entryId: absentee, round: 2 }] });

		await caller.competition.draws.publish({ categoryId });
		for (const m of round2) await finishMatch(db(), m.id, 'A');
		const after = (await ctx().caller(null).competition.category({ id: categoryId })).swiss!.standings.find((s) => s.id === absentee)!;
		expect(after.score).toBe(before);

		expect((await refusal(ctx().caller(await ctx().createUser('referee')).callroom.absencePanel({ categoryId }))).code).toBe('FORBIDDEN');
		const ko = await drawnCategory('knockout', 4);
		expect((await refusal(ko.caller.callroom.absencePanel({ categoryId: ko.categoryId }))).code).toBe('BAD_REQUEST');
	});

	it('takes an absence back before its round is paired, and refuses absences by round outside Swiss events', async () => {
		const { caller, categoryId, entryIds } = await drawnCategory('swiss', 4, { swissRounds: 3 });
		await caller.callroom.announceAbsence({ categoryId, entryId: entryIds[0]!, round: 3, reason: '' });
		expect(await caller.callroom.withdrawAbsence({ categoryId, entryId: entryIds[0]!, round: 3 })).toEqual({ removed: true });
		expect(await db().roundAbsence.count({ where: { categoryId } })).toBe(0);
		expect((await refusal(caller.callroom.announceAbsence({ categoryId, entryId: entryIds[0]!, round: 4, reason: '' }))).code).toBe('BAD_REQUEST');

		const ko = await drawnCategory('knockout', 4);
		const other = await refusal(ko.caller.callroom.announceAbsence({ categoryId: ko.categoryId, entryId: ko.entryIds[0]!, round: 2, reason: '' }));
		expect(other.code).toBe('BAD_REQUEST');
		expect(other.zh).toContain('积分编排制');
	});

	it('lets a referee call and record a no-show only for a match assigned to them', async () => {
		const { categoryId } = await drawnCategory('knockout', 4, { noShowMinutes: 0 });
		const table = await newTable();
		const referee = await ctx().createUser('referee');
		const other = await ctx().createUser('referee');
		const semi = await db().match.findFirstOrThrow({ where: { categoryId, round: 1 }, orderBy: { position: 'asc' } });
		await onTable(table.id, [semi.id]);
		await db().match.update({ where: { id: semi.id }, data: { refereeId: referee.id } });
		expect((await refusal(ctx().caller(other).callroom.callNext({ venueTableId: table.id }))).code).toBe('FORBIDDEN');
		await ctx().caller(referee).callroom.callNext({ venueTableId: table.id });
		expect((await refusal(ctx().caller(other).callroom.noShow({ matchId: semi.id, absent: 'A' }))).code).toBe('FORBIDDEN');
		await ctx().caller(referee).callroom.noShow({ matchId: semi.id, absent: 'A' });
		expect(await db().match.findUniqueOrThrow({ where: { id: semi.id } })).toMatchObject({ status: 'walkover', winnerEntryId: semi.entryBId });
	});
});
