import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithDatabase } from '../support/setup';
import {
	collect,
	createLiveFixture,
	scorePoint,
	SECRET_RESIDENT_ID,
	startRealtime,
	until,
	type ClientSocket,
	type LiveFixture,
	type RealtimeServer
} from '../support/live';
import type { RoomCatchUp, SubscribeResult } from '../../src/lib/realtime/events';
import { RoomSequencer } from '../../src/lib/realtime/sequencer';
import type { PublicMatchView } from '../../src/lib/realtime/views';
import { CLIENT_LIMITS, type Batch } from '../../src/lib/realtime/events';
import { flushBatches } from '../../src/lib/server/realtime/io';
import { createScoringMatch, deviceId, formats, opId } from '../support/scoring';
import type { RefereeEvent } from '../../src/lib/server/scoring/schema';
import { broadcastsSettled } from '../../src/lib/server/scoring/service';
import { publicMatchView } from '../../src/lib/server/live/views';

const HISTORY = 6;

function subscribe(socket: ClientSocket, rooms: Array<{ room: string; since?: number; epoch?: string }>): Promise<SubscribeResult> {
	return new Promise((resolve) => socket.emit('subscribe', { rooms }, resolve));
}

function only(result: SubscribeResult): RoomCatchUp {
	if (!result.ok) throw new Error(`subscribe refused: ${result.error}`);
	const first = result.rooms[0];
	if (!first) throw new Error('no room in the answer');
	return first;
}

describeWithDatabase('live updates over Socket.IO', (ctx) => {
	let server: RealtimeServer;
	let fixture: LiveFixture;

	beforeAll(async () => {
		server = await startRealtime(ctx().database.db, { historySize: HISTORY });
		fixture = await createLiveFixture(ctx().database.db, { matches: 2 });
	});
	afterAll(async () => {
		await server?.close();
	});

	it('sends a scored point to every spectator of the match with the next sequence number of the room', async () => {
		const room = `match:${fixture.matchIds[0]!}`;
		const a = await server.client();
		const b = await server.client();
		const first = only(await subscribe(a, [{ room }]));
		await subscribe(b, [{ room }]);
		expect(first).toMatchObject({ ok: true, mode: 'snapshot' });
		const seenA = collect(a, 'update');
		const seenB = collect(b, 'update');
		await scorePoint(ctx().database.db, fixture.matchIds[0]!, 'A');
		await until(() => seenA.length === 1 && seenB.length === 1);
		const start = first.ok ? first.seq : -1;
		expect(seenA[0]!.seq).toBe(start + 1);
		expect(seenA[0]!.type).toBe('match');
		const view = seenA[0]!.payload as PublicMatchView;
		expect((view.summary as { currentGame: { a: number } }).currentGame.a).toBe(1);
		a.disconnect();
		b.disconnect();
	});

	it('gives a spectator who reconnects after a gap exactly the updates missed, in order', async () => {
		const db = ctx().database.db;
		const room = `match:${fixture.matchIds[1]!}`;
		const first = await server.client();
		const start = only(await subscribe(first, [{ room }]));
		if (!start.ok) throw new Error('refused');
		first.disconnect();

		const versions: number[] = [];
		for (const side of ['A', 'B', 'A'] as const) versions.push(await scorePoint(db, fixture.matchIds[1]!, side));

		const again = await server.client();
		const late = collect(again, 'update');
		const catchUp = only(await subscribe(again, [{ room, since: start.seq, epoch: start.epoch }]));
		expect(catchUp.ok && catchUp.mode).toBe('updates');
		if (!catchUp.ok || catchUp.mode !== 'updates') return;
		expect(catchUp.updates.map((u) => u.seq)).toEqual([start.seq + 1, start.seq + 2, start.seq + 3]);
		expect(catchUp.updates.map((u) => (u.payload as PublicMatchView).version)).toEqual(versions);
		expect(catchUp.seq).toBe(start.seq + 3);

		// And it goes on live from there, without a duplicate.
		await scorePoint(db, fixture.matchIds[1]!, 'B');
		await until(() => late.length === 1);
		expect(late[0]!.seq).toBe(start.seq + 4);
		again.disconnect();
	});

	it('gives a fresh snapshot instead of a partial history when the gap is older than the history kept', async () => {
		const db = ctx().database.db;
		const room = `match:${fixture.matchIds[0]!}`;
		const first = await server.client();
		const start = only(await subscribe(first, [{ room }]));
		if (!start.ok) throw new Error('refused');
		first.disconnect();
		for (let i = 0; i < HISTORY + 2; i++) await scorePoint(db, fixture.matchIds[0]!, i % 2 ? 'A' : 'B');

		const again = await server.client();
		const catchUp = only(await subscribe(again, [{ room, since: start.seq, epoch: start.epoch }]));
		expect(catchUp).toMatchObject({ ok: true, mode: 'snapshot', seq: start.seq + HISTORY + 2 });
		if (!catchUp.ok || catchUp.mode !== 'snapshot') return;
		const current = await db.match.findUniqueOrThrow({ where: { id: fixture.matchIds[0]! } });
		expect((catchUp.snapshot as PublicMatchView).version).toBe(current.version);
		again.disconnect();
	});

	it('gives a snapshot when the numbering the client knows is from another epoch (a restarted server)', async () => {
		const room = `match:${fixture.matchIds[0]!}`;
		const socket = await server.client();
		const catchUp = only(await subscribe(socket, [{ room, since: 1, epoch: 'old-run' }]));
		expect(catchUp).toMatchObject({ ok: true, mode: 'snapshot' });
		socket.disconnect();
	});

	it('lets Socket.IO recover a short disconnection with the missed updates replayed in order', async () => {
		const db = ctx().database.db;
		const room = `match:${fixture.matchIds[1]!}`;
		const socket = await server.client();
		const start = only(await subscribe(socket, [{ room }]));
		if (!start.ok) throw new Error('refused');
		const seen = collect(socket, 'update');
		// Drop the transport (not a client disconnect), so the client reconnects and recovers.
		socket.io.engine.close();
		await until(() => socket.disconnected);
		await scorePoint(db, fixture.matchIds[1]!, 'A');
		await scorePoint(db, fixture.matchIds[1]!, 'B');
		await until(() => socket.connected);
		expect(socket.recovered).toBe(true);
		await until(() => seen.length === 2);
		expect(seen.map((u) => u.seq)).toEqual([start.seq + 1, start.seq + 2]);
		socket.disconnect();
	});

	it('puts early updates in order on the client and asks for the gap only when it does not fill', () => {
		const applied: number[] = [];
		const sequencer = new RoomSequencer('match:x', { apply: (u) => applied.push(u.seq), snapshot: () => {} }, { seq: 4, epoch: 'e' });
		const u = (seq: number) => ({ room: 'match:x', seq, epoch: 'e', type: 'match', payload: null, at: 0 });
		expect(sequencer.receive(u(6))).toBe('held');
		expect(sequencer.receive(u(5))).toBe('applied');
		expect(applied).toEqual([5, 6]);
		expect(sequencer.receive(u(6))).toBe('duplicate');
		expect(sequencer.receive({ ...u(7), epoch: 'other' })).toBe('resync');
	});

	it('refuses rooms that do not exist, and tells only the client that asked', async () => {
		const asker = await server.client();
		const bystander = await server.client();
		const problems = collect(asker, 'problem');
		const bystanderProblems = collect(bystander, 'problem');
		const result = await subscribe(asker, [{ room: 'match:doesnotexist' }, { room: 'street:S99' }]);
		expect(result.ok && result.rooms.map((r) => r.ok)).toEqual([false, false]);
		await until(() => problems.length >= 1);
		expect(problems[0]!).toEqual({ code: 'unknown_room', event: 'subscribe' });
		const joined = await new Promise((resolve) => asker.emit('join', 'referee:console', resolve));
		expect(joined).toEqual({ ok: false, error: 'bad_message' });
		await new Promise((r) => setTimeout(r, 50));
		expect(bystanderProblems).toEqual([]);
		asker.disconnect();
		bystander.disconnect();
	});

	it('drops malformed, oversized and unknown messages with an error to that socket only, and stays connected', async () => {
		const sender = await server.client();
		const other = await server.client();
		const room = `match:${fixture.matchIds[0]!}`;
		await subscribe(other, [{ room }]);
		const problems = collect(sender, 'problem');
		const otherProblems = collect(other, 'problem');
		const otherUpdates = collect(other, 'update');

		const malformed = await new Promise((resolve) =>
			(sender as unknown as { emit: (...a: unknown[]) => void }).emit('subscribe', { rooms: 'everything' }, resolve)
		);
		expect(malformed).toEqual({ ok: false, error: 'bad_message' });
		const huge = 'x'.repeat(CLIENT_LIMITS.maxMessageBytes + 10);
		const oversized = await new Promise((resolve) =>
			(sender as unknown as { emit: (...a: unknown[]) => void }).emit('subscribe', { rooms: [{ room: 'live', epoch: huge }] }, resolve)
		);
		expect(oversized).toEqual({ ok: false, error: 'too_large' });
		// A spectator cannot score, nor emit into a room.
		(sender as unknown as { emit: (...a: unknown[]) => void }).emit('score', { matchId: fixture.matchIds[0]!, side: 'A' });
		(sender as unknown as { emit: (...a: unknown[]) => void }).emit('update', { room, seq: 999, type: 'match', payload: {} });
		await until(() => problems.length === 4);
		expect(problems.map((p) => p.code)).toEqual(['bad_message', 'too_large', 'unknown_event', 'unknown_event']);
		expect(sender.connected).toBe(true);
		await new Promise((r) => setTimeout(r, 50));
		expect(otherProblems).toEqual([]);
		expect(otherUpdates).toEqual([]);
		const stillWorks = only(await subscribe(sender, [{ room: 'live' }]));
		expect(stillWorks.ok).toBe(true);
		sender.disconnect();
		other.disconnect();
	});

	it("sends a referee's operations to spectators with exactly the state the database holds after each", async () => {
		const db = ctx().database.db;
		const referee = await ctx().createUser('referee');
		const { matchId } = await createScoringMatch(db, { format: formats.tableTennis(3), refereeId: referee.id });
		const socket = await server.client();
		only(await subscribe(socket, [{ room: `match:${matchId}` }]));
		const updates = collect(socket, 'update');
		const device = deviceId();
		let version = 0;
		const send = async (event: RefereeEvent) => {
			const result = await ctx().caller(referee).scoring.submit({ opId: opId(), matchId, baseVersion: version, deviceId: device, event });
			if (!result.ok) throw new Error('stale');
			version = result.version;
		};
		const events: RefereeEvent[] = [{ type: 'call' }, { type: 'start' }];
		for (let i = 0; i < 22; i++) events.push({ type: 'point', side: 'A' });
		events.push({ type: 'signoff' });
		for (const event of events) {
			await send(event);
			await broadcastsSettled();
			await until(() => updates.at(-1)?.payload !== undefined && (updates.at(-1)!.payload as PublicMatchView).version === version);
			// what spectators got is what a fresh read of the committed match gives
			expect(updates.at(-1)!.payload).toEqual(await publicMatchView(db, matchId));
		}
		expect(updates.map((u) => (u.payload as PublicMatchView).version)).toEqual(events.map((_, i) => i + 1));
		expect(updates.at(-1)!.payload).toMatchObject({ status: 'finished', winner: 'A' });
		socket.disconnect();
	});

	it('sends every point to the match room at once, and the overviews one batch with the latest view of each match', async () => {
		const db = ctx().database.db;
		const [first, second] = fixture.matchIds as [string, string];
		const overviews = [`category:${fixture.categoryId}`, `venue:${fixture.venueId}`, 'live', 'street:S01', 'street:S03'];
		// what earlier tests left waiting goes out now, before this spectator arrives
		await broadcastsSettled();
		await flushBatches();
		const socket = await server.client();
		const result = await subscribe(socket, [...overviews, `match:${first}`].map((room) => ({ room })));
		expect(result.ok && result.rooms.every((r) => r.ok)).toBe(true);
		const seen = collect(socket, 'update');
		const one = await scorePoint(db, first, 'A');
		const two = await scorePoint(db, first, 'B');
		const other = await scorePoint(db, second, 'A');
		await until(() => overviews.every((room) => seen.some((u) => u.room === room)));
		await new Promise((r) => setTimeout(r, 100));
		const versions = (room: string) =>
			seen.filter((u) => u.room === room).map((u) => (u.payload as PublicMatchView).version);
		expect(versions(`match:${first}`)).toEqual([one, two]);
		const batches = (room: string) =>
			seen
				.filter((u) => u.room === room)
				.map((u) => ({ type: u.type, of: u.type === 'batch' ? (u.payload as Batch<PublicMatchView>).items.map((v) => [v.id, v.version]) : null }));
		for (const room of [`category:${fixture.categoryId}`, `venue:${fixture.venueId}`, 'live']) {
			expect(batches(room)).toEqual([{ type: 'batch', of: [[first, two], [second, other]] }]);
		}
		// each side's street lists only its own matches (S01 plays the first, S03 the second)
		expect(batches('street:S01')).toEqual([{ type: 'batch', of: [[first, two]] }]);
		expect(batches('street:S03')).toEqual([{ type: 'batch', of: [[second, other]] }]);
		socket.disconnect();
	});

	it('never puts a personal number into a live view, a snapshot or an update', async () => {
		const caller = ctx().caller(null);
		const responses = [
			await caller.live.match({ id: fixture.matchIds[0]! }),
			await caller.live.nowPlaying(),
			await caller.live.category({ id: fixture.categoryId }),
			await caller.live.street({ code: 'S01' }),
			await caller.live.venue({ id: fixture.venueId }),
			await caller.live.medals()
		];
		const text = JSON.stringify(responses);
		expect(text).toContain(fixture.matchIds[0]!);
		expect(text).not.toContain(SECRET_RESIDENT_ID);
		expect(text).not.toContain(SECRET_RESIDENT_ID.slice(0, 14));
		expect(text).not.toMatch(/residentId|certificate|birthDate|phone/);
	});

	it('answers an unknown match with a translated not-found error', async () => {
		await expect(ctx().caller(null, { locale: 'en' }).live.match({ id: 'nope' })).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'live.not_found' });
	});

	it('counts gold, silver and bronze by street from the placings, with shared ranks for equal streets', async () => {
		const db = ctx().database.db;
		const medalFixture = await createLiveFixture(db, { matches: 2 });
		// Entries come from S01, S02, S03, S04 in turn: S01 gold, S02 silver, S03 and S04 bronze.
		for (const [i, place] of [1, 2, 3, 3].entries()) {
			await db.placing.create({ data: { categoryId: medalFixture.categoryId, entryId: medalFixture.entryIds[i]!, place } });
		}
		const { data } = await ctx().caller(null).live.medals();
		const row = (code: string) => data.rows.find((r) => r.street.code === code);
		expect(row('S01')).toMatchObject({ gold: 1, silver: 0, bronze: 0, rank: 1 });
		expect(row('S02')).toMatchObject({ gold: 0, silver: 1, bronze: 0, rank: 2 });
		expect(row('S03')).toMatchObject({ bronze: 1, rank: 3 });
		expect(row('S04')).toMatchObject({ bronze: 1, rank: 3 });
		expect(data.rows.slice(0, 4).map((r) => r.street.code)).toEqual(['S01', 'S02', 'S03', 'S04']);
		expect(data.rows).toHaveLength(43);
		const street = await ctx().caller(null).live.street({ code: 'S01' });
		expect(street.data.medals.gold).toBeGreaterThanOrEqual(1);
	});

	it('adds a points ranking when the organizer sets points per place, broadcast to the medal room', async () => {
		const organizer = await ctx().createUser('organizer');
		const socket = await server.client();
		await subscribe(socket, [{ room: 'medals' }]);
		const seen = collect(socket, 'update');
		await ctx().caller(organizer).live.setPointsTable({ points: [7, 5, 4] });
		await until(() => seen.length === 1);
		const table = seen[0]!.payload as { pointsTable: number[]; byPoints: Array<{ street: { code: string }; points: number; rank: number }> };
		expect(table.pointsTable).toEqual([7, 5, 4]);
		const s01 = table.byPoints.find((r) => r.street.code === 'S01');
		expect(s01?.points).toBeGreaterThanOrEqual(7);
		expect(table.byPoints[0]!.points).toBeGreaterThanOrEqual(table.byPoints[1]!.points);
		const { data } = await ctx().caller(null).live.medals();
		expect(data.pointsTable).toEqual([7, 5, 4]);
		await ctx().caller(organizer).live.setPointsTable({ points: [] });
		expect((await ctx().caller(null).live.medals()).data.byPoints).toEqual([]);
		socket.disconnect();
	});

	it('lets only organizers set the points table', async () => {
		const referee = await ctx().createUser('referee');
		await expect(ctx().caller(null).live.setPointsTable({ points: [1] })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
		await expect(ctx().caller(referee).live.setPointsTable({ points: [1] })).rejects.toMatchObject({ code: 'FORBIDDEN' });
	});
});
