import { afterAll, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { describeWithDatabase } from '../support/setup';
import { createScoringMatch, deviceId, formats, opId } from '../support/scoring';
import { formatError } from '../../src/lib/server/trpc/format';
import type { SessionUser } from '../../src/lib/roles';

import type { RefereeEvent as Event } from '../../src/lib/server/scoring/schema';
import { broadcastsSettled } from '../../src/lib/server/scoring/service';

describeWithDatabase('referee scoring through tRPC', (ctx) => {
	// Broadcasts go out after the acknowledgement: let them finish before the database closes.
	afterAll(() => broadcastsSettled());

	async function setup(format = formats.tableTennis(3)) {
		const referee = await ctx().createUser('referee');
		const fixture = await createScoringMatch(ctx().database.db, { format, refereeId: referee.id });
		const device = deviceId();
		let version = 0;
		const send = async (event: Event, options: { as?: SessionUser; device?: string; base?: number; op?: string } = {}) => {
			const result = await ctx()
				.caller(options.as ?? referee)
				.scoring.submit({ opId: options.op ?? opId(), matchId: fixture.matchId, baseVersion: options.base ?? version, deviceId: options.device ?? device, event });
			if (result.ok) version = result.version;
			return result;
		};
		return { referee, fixture, device, send, db: ctx().database.db };
	}

	async function errorOf(promise: Promise<unknown>, locale: 'zh-CN' | 'en' = 'en') {
		const error = await promise.then(() => null, (e: unknown) => e);
		expect(error).toBeInstanceOf(TRPCError);
		return { code: (error as TRPCError).code, ...formatError(error as TRPCError, locale) };
	}

	it('scores a whole best-of-3 table tennis match, signs it off and records the winner', async () => {
		const { send, fixture, db } = await setup();
		await send({ type: 'call' });
		await send({ type: 'start' });
		for (let g = 0; g < 2; g++) for (let i = 0; i < 11; i++) await send({ type: 'point', side: 'B' });
		const beforeSignoff = await db.match.findUniqueOrThrow({ where: { id: fixture.matchId } });
		expect(beforeSignoff.status).toBe('live');
		const result = await send({ type: 'signoff' });
		expect(result).toMatchObject({ ok: true, status: 'finished', version: 25, summary: { finished: true, winner: 'B' } });
		const match = await db.match.findUniqueOrThrow({ where: { id: fixture.matchId } });
		expect(match).toMatchObject({ status: 'finished', version: 25, winnerEntryId: fixture.entryBId });
		expect(match.finishedAt).not.toBeNull();
		expect(JSON.parse(match.summary)).toMatchObject({ gamesWon: { a: 0, b: 2 } });
		expect(await db.matchEvent.count({ where: { matchId: fixture.matchId } })).toBe(25);
	});

	it('treats a replayed operation id as a no-op that returns the same result', async () => {
		const { send, fixture, db } = await setup();
		await send({ type: 'call' });
		await send({ type: 'start' });
		const op = opId();
		const first = await send({ type: 'point', side: 'A' }, { op, base: 2 });
		const again = await send({ type: 'point', side: 'A' }, { op, base: 2 });
		expect(first).toMatchObject({ ok: true, duplicate: false, version: 3 });
		expect(again).toEqual({ ...first, duplicate: true });
		expect(await db.matchEvent.count({ where: { matchId: fixture.matchId } })).toBe(3);
		expect(JSON.parse((await db.match.findUniqueOrThrow({ where: { id: fixture.matchId } })).summary)).toMatchObject({ currentGame: { a: 1, b: 0 } });
	});

	it('counts two identical operations that arrive at the same moment exactly once', async () => {
		const { send, fixture, db } = await setup();
		await send({ type: 'call' });
		await send({ type: 'start' });
		const op = opId();
		const results = await Promise.all([1, 2, 3].map(() => send({ type: 'point', side: 'B' }, { op, base: 2 })));
		expect(results.every((r) => r.ok && r.version === 3)).toBe(true);
		expect(results.filter((r) => r.ok && !r.duplicate)).toHaveLength(1);
		expect(await db.matchEvent.count({ where: { matchId: fixture.matchId } })).toBe(3);
	});

	it('refuses an operation based on a stale version with the current state, writing nothing', async () => {
		const { send, fixture, db } = await setup();
		await send({ type: 'call' });
		await send({ type: 'start' });
		await send({ type: 'point', side: 'A' });
		const stale = await send({ type: 'point', side: 'B' }, { base: 2 });
		expect(stale.ok).toBe(false);
		if (stale.ok) return;
		expect(stale.reason).toBe('stale');
		expect(stale.match.version).toBe(3);
		expect(stale.match.events.map((e) => e.event.type)).toEqual(['call', 'start', 'point']);
		expect(stale.match.summary).toMatchObject({ currentGame: { a: 1, b: 0 } });
		expect(await db.matchEvent.count({ where: { matchId: fixture.matchId } })).toBe(3);
	});

	it('lets exactly one of two devices racing for a free match win, losing no update', async () => {
		const { send, referee, fixture, db } = await setup();
		await send({ type: 'call' });
		await send({ type: 'start' });
		// The organizer unlocks, and two tablets of the referee try to take over at once.
		const organizer = await ctx().createUser('organizer');
		await ctx().caller(organizer).scoring.admin.unlock({ matchId: fixture.matchId, reason: 'tablet battery' });
		const outcomes = await Promise.all(
			(['A', 'B'] as const).map((side) =>
				send({ type: 'point', side }, { device: deviceId(), base: 2, as: referee }).then(
					(result) => (result.ok ? 'won' : result.reason),
					(error: unknown) => (error instanceof TRPCError ? error.code : 'other')
				)
			)
		);
		expect(outcomes.filter((o) => o === 'won')).toHaveLength(1);
		expect(['stale', 'FORBIDDEN']).toContain(outcomes.find((o) => o !== 'won'));
		const match = await db.match.findUniqueOrThrow({ where: { id: fixture.matchId } });
		expect(match.version).toBe(3);
		const summary = JSON.parse(match.summary) as { currentGame: { a: number; b: number } };
		expect(summary.currentGame.a + summary.currentGame.b).toBe(1);
		expect(await db.matchEvent.count({ where: { matchId: fixture.matchId } })).toBe(3);
	});

	it('lets exactly one of two different operations on the same version win; the other gets the new state', async () => {
		const { send, fixture, db } = await setup();
		await send({ type: 'call' });
		await send({ type: 'start' });
		const results = await Promise.all([send({ type: 'point', side: 'A' }, { base: 2 }), send({ type: 'point', side: 'B' }, { base: 2 })]);
		expect(results.filter((r) => r.ok)).toHaveLength(1);
		const loser = results.find((r) => !r.ok);
		expect(loser).toMatchObject({ ok: false, reason: 'stale', match: { version: 3 } });
		expect(await db.matchEvent.count({ where: { matchId: fixture.matchId } })).toBe(3);
	});

	it('keeps a second device read-only until the organizer unlocks the match, and audits the unlock', async () => {
		const { send, fixture, db } = await setup();
		await send({ type: 'call' });
		const other = deviceId();
		const refused = await errorOf(send({ type: 'start' }, { device: other }), 'zh-CN');
		expect(refused).toMatchObject({ code: 'FORBIDDEN', key: 'scoring.errors.read_only' });
		expect(refused.message).toContain('只能查看');
		const organizer = await ctx().createUser('organizer');
		await ctx().caller(organizer).scoring.admin.unlock({ matchId: fixture.matchId, reason: 'tablet broke' });
		const audit = await db.auditLog.findFirst({ where: { action: 'match.unlock', entityId: fixture.matchId } });
		expect(audit?.actorLabel).toBe(`user:${organizer.username}`);
		const taken = await send({ type: 'start' }, { device: other });
		expect(taken.ok).toBe(true);
		expect((await db.match.findUniqueOrThrow({ where: { id: fixture.matchId } })).controllerId).toBe(other);
	});

	it('refuses a referee who is not assigned to the match, writing nothing', async () => {
		const { send, fixture, db } = await setup();
		const stranger = await ctx().createUser('referee');
		const refused = await errorOf(send({ type: 'call' }, { as: stranger }));
		expect(refused).toMatchObject({ code: 'FORBIDDEN', key: 'scoring.errors.not_assigned' });
		expect(refused.message).toContain('not assigned to you');
		const coordinator = await ctx().createUser('coordinator', { streetCode: 'S01' });
		expect((await errorOf(send({ type: 'call' }, { as: coordinator }))).code).toBe('FORBIDDEN');
		const refusedRead = await errorOf(ctx().caller(stranger).scoring.match({ matchId: fixture.matchId }));
		expect(refusedRead.code).toBe('FORBIDDEN');
		expect(await db.matchEvent.count({ where: { matchId: fixture.matchId } })).toBe(0);
		expect((await db.match.findUniqueOrThrow({ where: { id: fixture.matchId } })).controllerId).toBeNull();
	});

	it('refuses a point after the match ended with a clear message, writing nothing', async () => {
		const { send, fixture, db } = await setup();
		await send({ type: 'call' });
		await send({ type: 'start' });
		for (let i = 0; i < 22; i++) await send({ type: 'point', side: 'A' });
		const after = await errorOf(send({ type: 'point', side: 'B' }), 'zh-CN');
		expect(after).toMatchObject({ code: 'UNPROCESSABLE_CONTENT', key: 'tt.match_over' });
		expect(after.message).toContain('比赛已结束');
		await send({ type: 'signoff' });
		const signed = await errorOf(send({ type: 'undo' }));
		expect(signed.key).toBe('scoring.log.signed_off');
		expect(await db.matchEvent.count({ where: { matchId: fixture.matchId } })).toBe(25);
	});

	it('refuses a 181 and a darts turn out of order with clear messages, writing nothing', async () => {
		const { send, fixture, db } = await setup(formats.darts(1));
		await send({ type: 'call' });
		await send({ type: 'start' });
		const tooMany = await errorOf(send({ type: 'turn', side: 'A', scored: 181 }));
		expect(tooMany).toMatchObject({ code: 'UNPROCESSABLE_CONTENT', key: 'darts.invalid_score' });
		expect(tooMany.message).toContain('0 to 180');
		const impossible = await errorOf(send({ type: 'turn', side: 'A', scored: 179 }));
		expect(impossible.key).toBe('darts.impossible_score');
		const order = await errorOf(send({ type: 'turn', side: 'B', scored: 60 }), 'zh-CN');
		expect(order.key).toBe('darts.not_your_turn');
		expect(order.message).toContain('轮到选手 A');
		const match = await db.match.findUniqueOrThrow({ where: { id: fixture.matchId } });
		expect(match.version).toBe(2);
		expect(await db.matchEvent.count({ where: { matchId: fixture.matchId } })).toBe(2);
	});

	it('scores a darts leg to a double-out finish, with a bust scoring nothing and undo one step back', async () => {
		const { send, fixture, db } = await setup(formats.darts(1));
		await send({ type: 'call' });
		await send({ type: 'start' });
		const turns: Array<['A' | 'B', number]> = [['A', 180], ['B', 60], ['A', 180], ['B', 60], ['A', 100], ['B', 60]];
		for (const [side, scored] of turns) await send({ type: 'turn', side, scored });
		const bust = await send({ type: 'turn', side: 'A', scored: 45 });
		expect(bust.ok && bust.summary).toMatchObject({ lastTurnBust: true, remaining: { a: 41, b: 321 } });
		await send({ type: 'turn', side: 'B', scored: 60 });
		const finish = await send({ type: 'turn', side: 'A', scored: 41, finishedOnDouble: true, dartsUsed: 2 });
		expect(finish.ok && finish.summary).toMatchObject({ finished: true, winner: 'A', legsWon: { a: 1, b: 0 } });
		const undo = await send({ type: 'undo' });
		expect(undo.ok && undo.summary).toMatchObject({ finished: false, onThrow: 'A', remaining: { a: 41, b: 261 } });
		const match = await db.match.findUniqueOrThrow({ where: { id: fixture.matchId } });
		expect(JSON.parse(match.summary)).toMatchObject({ remaining: { a: 41, b: 261 } });
		const log = await db.matchEvent.findMany({ where: { matchId: fixture.matchId }, orderBy: { seq: 'asc' } });
		expect(log.map((e) => (JSON.parse(e.event) as { type: string }).type).slice(-2)).toEqual(['turn', 'undo']);
	});

	it('records a walkover when a player is still absent the configured minutes after the call, with status walkover', async () => {
		const { send, fixture, db } = await setup(formats.xiangqi());
		await send({ type: 'call' });
		const called = await db.match.findUniqueOrThrow({ where: { id: fixture.matchId } });
		expect(called.calledAt).toBeInstanceOf(Date);
		// too early: the category waits 10 minutes (the default) after the call
		const early = await send({ type: 'result', outcome: 'forfeitB' }).catch((e: unknown) => e);
		expect(early).toMatchObject({ code: 'CONFLICT', message: 'callroom.refused.too_early' });
		expect((await db.match.findUniqueOrThrow({ where: { id: fixture.matchId } })).status).toBe('called');
		await db.match.update({ where: { id: fixture.matchId }, data: { calledAt: new Date(Date.now() - 10 * 60_000) } });
		await send({ type: 'result', outcome: 'forfeitB' });
		const result = await send({ type: 'signoff' });
		expect(result).toMatchObject({ ok: true, status: 'walkover' });
		const match = await db.match.findUniqueOrThrow({ where: { id: fixture.matchId } });
		expect(match).toMatchObject({ status: 'walkover', winnerEntryId: fixture.entryAId });
	});

	it('lists a referee’s matches in order and gives the console view without personal numbers', async () => {
		const referee = await ctx().createUser('referee');
		const db = ctx().database.db;
		const later = await createScoringMatch(db, { format: formats.tableTennis(5), refereeId: referee.id, slot: 2, code: 'LATER' });
		const first = await createScoringMatch(db, { format: formats.darts(2), refereeId: referee.id, slot: 1, code: 'FIRST' });
		const lines = await ctx().caller(referee).scoring.myMatches();
		expect(lines.map((l) => l.code)).toEqual(['FIRST', 'LATER']);
		expect(lines[0]).toMatchObject({ sport: 'darts', sideA: first.names.a, sideB: first.names.b, status: 'scheduled' });
		const view = await ctx().caller(referee).scoring.match({ matchId: later.matchId });
		expect(view).toMatchObject({ code: 'LATER', format: { sport: 'tableTennis', bestOf: 5 }, version: 0, sideA: { name: later.names.a } });
		const text = JSON.stringify(view);
		expect(text).not.toContain('residentId');
		expect(text).not.toContain('certificate');
	});

	it('lets an organizer correct a signed-off result as an audited new event, never an overwrite', async () => {
		const { send, fixture, db } = await setup();
		await send({ type: 'call' });
		await send({ type: 'start' });
		for (let i = 0; i < 22; i++) await send({ type: 'point', side: 'A' });
		await send({ type: 'signoff' });
		const organizer = await ctx().createUser('organizer');
		const corrected = await ctx()
			.caller(organizer)
			.scoring.admin.correct({
				opId: opId(),
				matchId: fixture.matchId,
				baseVersion: 25,
				event: { type: 'correction', games: [{ a: 11, b: 9 }, { a: 5, b: 11 }, { a: 9, b: 11 }], reason: 'score sheet signed by both players' }
			});
		expect(corrected).toMatchObject({ ok: true, version: 26, summary: { winner: 'B', corrected: true } });
		const match = await db.match.findUniqueOrThrow({ where: { id: fixture.matchId } });
		expect(match.winnerEntryId).toBe(fixture.entryBId);
		expect(await db.matchEvent.count({ where: { matchId: fixture.matchId } })).toBe(26);
		const audit = await db.auditLog.findFirst({ where: { action: 'match.correction', entityId: fixture.matchId } });
		expect(JSON.parse(audit?.before ?? '{}')).toMatchObject({ summary: { winner: 'A' } });
	});

	it('continues a match whose log was seeded without call and start, and refuses to re-sign a finished one', async () => {
		const { send, fixture, db } = await setup();
		const seed = async (matchId: string, events: object[], status: string) => {
			for (const [i, event] of events.entries()) {
				await db.matchEvent.create({ data: { matchId, seq: i + 1, opId: opId(), event: JSON.stringify(event) } });
			}
			await db.match.update({ where: { id: matchId }, data: { version: events.length, status } });
		};
		await seed(fixture.matchId, [{ type: 'point', side: 'A' }, { type: 'point', side: 'B' }], 'live');
		const next = await send({ type: 'point', side: 'A' }, { base: 2 });
		expect(next.ok && next.summary).toMatchObject({ currentGame: { a: 2, b: 1 } });

		const referee = await ctx().createUser('referee');
		const done = await createScoringMatch(db, { format: formats.xiangqi(), refereeId: referee.id });
		await seed(done.matchId, [{ type: 'result', outcome: 'A' }], 'finished');
		const refused = await errorOf(
			ctx().caller(referee).scoring.submit({ opId: opId(), matchId: done.matchId, baseVersion: 1, deviceId: deviceId(), event: { type: 'signoff' } })
		);
		expect(refused.key).toBe('scoring.log.signed_off');
		expect(await db.matchEvent.count({ where: { matchId: done.matchId } })).toBe(1);
	});
});
