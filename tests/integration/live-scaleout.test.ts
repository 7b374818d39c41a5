/**
 * Scale-out: two app processes (the production entry, `node server.js`) on the same PostgreSQL
 * database and the same Redis. A referee scores through the HTTP API on one process; a
 * spectator connected to the other receives the update, numbered by the shared room log.
 * Needs TEST_DATABASE_URL and REDIS_URL_TEST (CI sets both); runs in the PostgreSQL project.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect } from 'socket.io-client';
import { createClient } from 'redis';
import type { OpenedDatabase } from '../../src/lib/server/db';
import { openWithTestKeys } from '../support/database';
import { seedBase } from '../../src/lib/server/db/seed';
import {
	ApiClient,
	collect,
	createLiveFixture,
	createPostgresDatabase,
	createReferee,
	ensureBuild,
	RefereeTablet,
	startAppProcess,
	until,
	type ClientSocket,
	type LiveFixture
} from '../support/live';
import type { SubscribeResult } from '../../src/lib/realtime/events';
import type { PublicMatchView } from '../../src/lib/realtime/views';

const pgUrl = process.env.TEST_DATABASE_URL;
const redisUrl = process.env.REDIS_URL_TEST;
const reason =
	process.env.TEST_DB !== 'postgresql'
		? null // runs once, in the PostgreSQL project
		: !pgUrl || !redisUrl
			? 'Live scale-out test skipped: set TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test and REDIS_URL_TEST=redis://127.0.0.1:6379 to run it'
			: null;
const active = process.env.TEST_DB === 'postgresql' && !reason;
if (reason) {
	if (process.env.CI) throw new Error(`${reason} (required in CI)`);
	console.warn(reason);
}

(active ? describe : describe.skip)('live updates across two app processes sharing Redis [postgresql]', () => {
	let database: { url: string; drop(): Promise<void> };
	let opened: OpenedDatabase;
	const apps: Array<Awaited<ReturnType<typeof startAppProcess>>> = [];
	let fixture: LiveFixture;
	let referee: { username: string; password: string };
	const sockets: ClientSocket[] = [];

	beforeAll(async () => {
		await ensureBuild();
		database = await createPostgresDatabase(pgUrl as string);
		const env = { DATABASE_URL: database.url, REDIS_URL: redisUrl as string, SEED: 'base' };
		// One after the other: the first migrates the new database.
		apps.push(await startAppProcess(env));
		apps.push(await startAppProcess(env));
		opened = await openWithTestKeys(database.url, { migrate: false }); // the app processes run with the same test key
		await seedBase(opened.db);
		fixture = await createLiveFixture(opened.db, { matches: 1 });
		referee = await createReferee(opened.db, fixture.matchIds);
	}, 240_000);

	afterAll(async () => {
		for (const socket of sockets) socket.disconnect();
		await Promise.all(apps.map((app) => app.stop()));
		await opened?.close();
		await database?.drop();
	}, 60_000);

	it('delivers a point scored through the API of one process to a spectator of the other, in order', async () => {
		const [first, second] = apps as [(typeof apps)[0], (typeof apps)[0]];
		const matchId = fixture.matchIds[0]!;
		const room = `match:${matchId}`;
		const spectator: ClientSocket = connect(second.url, { transports: ['websocket'] });
		sockets.push(spectator);
		await until(() => spectator.connected, 10_000);
		const joined = await new Promise<SubscribeResult>((resolve) => spectator.emit('subscribe', { rooms: [{ room }] }, resolve));
		expect(joined.ok && joined.rooms[0]?.ok).toBe(true);
		const start = joined.ok && joined.rooms[0]?.ok ? joined.rooms[0].seq : 0;
		const updates = collect(spectator, 'update');

		const api = new ApiClient(first.url);
		await api.login(referee.username, referee.password);
		const tablet = new RefereeTablet(api);
		await tablet.send(matchId, { type: 'call' });
		await tablet.send(matchId, { type: 'start' });
		const { version } = await tablet.send(matchId, { type: 'point', side: 'A' });

		await until(() => updates.some((u) => (u.payload as PublicMatchView).version === version), 10_000);
		expect(updates.map((u) => u.seq)).toEqual([start + 1, start + 2, start + 3]);
		const last = updates.at(-1)!.payload as PublicMatchView;
		expect(last.status).toBe('live');
		expect((last.summary as { currentGame: { a: number; b: number } }).currentGame).toEqual({ a: 1, b: 0 });
	});

	it('numbers a room monotonically across both processes and lets either serve the catch-up', async () => {
		const [first, second] = apps as [(typeof apps)[0], (typeof apps)[0]];
		const matchId = fixture.matchIds[0]!;
		const room = `match:${matchId}`;
		// A spectator of process 1 notes its position, drops, and comes back on process 2.
		const before: ClientSocket = connect(first.url, { transports: ['websocket'] });
		sockets.push(before);
		await until(() => before.connected, 10_000);
		const joined = await new Promise<SubscribeResult>((resolve) => before.emit('subscribe', { rooms: [{ room }] }, resolve));
		const position = joined.ok && joined.rooms[0]?.ok ? joined.rooms[0] : null;
		expect(position).not.toBeNull();
		before.disconnect();

		const api = new ApiClient(second.url);
		await api.login(referee.username, referee.password);
		const tablet = new RefereeTablet(api);
		tablet.versions.set(matchId, (await opened.db.match.findUniqueOrThrow({ where: { id: matchId } })).version);
		// The device that started the match controls it; take over through the same device id.
		(tablet as unknown as { deviceId: string }).deviceId = (await opened.db.match.findUniqueOrThrow({ where: { id: matchId } })).controllerId ?? tablet.deviceId;
		await tablet.send(matchId, { type: 'point', side: 'B' });
		await tablet.send(matchId, { type: 'point', side: 'B' });

		const after: ClientSocket = connect(first.url, { transports: ['websocket'] });
		sockets.push(after);
		await until(() => after.connected, 10_000);
		const catchUp = await new Promise<SubscribeResult>((resolve) =>
			after.emit('subscribe', { rooms: [{ room, since: position!.seq, epoch: position!.epoch }] }, resolve)
		);
		const result = catchUp.ok ? catchUp.rooms[0] : null;
		expect(result?.ok && result.mode).toBe('updates');
		if (!result?.ok || result.mode !== 'updates') return;
		expect(result.updates.map((u) => u.seq)).toEqual([position!.seq + 1, position!.seq + 2]);

		const redis = createClient({ url: redisUrl });
		await redis.connect();
		expect(Number(await redis.get(`dg:rt:seq:${room}`))).toBe(position!.seq + 2);
		await redis.quit();
	});
});
