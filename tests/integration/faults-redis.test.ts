/**
 * A failing component degrades visibly, process level: two app processes (`node server.js`,
 * the built app) share one PostgreSQL database and a private `redis-server` that this test starts,
 * kills and restarts on a port of its own. Redis down at start, killed mid-run, restarted:
 * every page answers within a second, readiness says `degraded` (naming Redis) then `ok`
 * again without a restart, and live updates flow again across the processes.
 * Runs once, in the PostgreSQL project (two processes on one SQLite file is not a supported
 * set-up); skipped with a message when `redis-server` is missing.
 */
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect } from 'socket.io-client';
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
	PrivateRedis,
	type ClientSocket,
	type LiveFixture
} from '../support/live';
import { freePort, type AppProcess } from '../support/server';
import type { SubscribeResult } from '../../src/lib/realtime/events';
import type { PublicMatchView } from '../../src/lib/realtime/views';

const pgUrl = process.env.TEST_DATABASE_URL;
const hasRedisServer = spawnSync('redis-server', ['--version']).status === 0;
const reason =
	process.env.TEST_DB !== 'postgresql'
		? null // runs once, in the PostgreSQL project
		: !hasRedisServer
			? 'Redis fault test skipped: redis-server is not installed (apt-get install -y redis-server)'
			: !pgUrl
				? 'Redis fault test skipped: set TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test to run it'
				: null;
const active = process.env.TEST_DB === 'postgresql' && !reason;
if (reason) {
	if (process.env.CI && hasRedisServer) throw new Error(`${reason} (required in CI)`);
	console.warn(reason);
}

/** Fetches a path and returns its status, body and how long it took. */
async function timed(url: string): Promise<{ status: number; ms: number; body: string }> {
	const started = performance.now();
	const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
	const body = await response.text();
	return { status: response.status, ms: performance.now() - started, body };
}

/** Socket.IO connections per address for the two processes together (small, so the test can fill it). */
const MAX_PER_ADDRESS = 6;

/** Opens one spectator connection; resolves with the refusal when the server turns it away. */
function open(app: AppProcess, sockets: ClientSocket[]): Promise<string | null> {
	const socket: ClientSocket = connect(app.url, { transports: ['websocket'], reconnection: false, forceNew: true });
	sockets.push(socket);
	return new Promise((resolve) => {
		socket.once('connect', () => resolve(null));
		socket.once('connect_error', (error) => resolve(error.message));
	});
}

const PAGES = ['/live', '/live/medals', '/api/trpc/live.nowPlaying', '/health/live', '/health'];

(active ? describe : describe.skip)('the app without Redis, and when Redis comes back [postgresql]', () => {
	let database: { url: string; drop(): Promise<void> };
	let redis: PrivateRedis;
	let opened: OpenedDatabase;
	const apps: AppProcess[] = [];
	let fixture: LiveFixture;
	let referee: { username: string; password: string };
	let tablet: RefereeTablet;
	const sockets: ClientSocket[] = [];

	beforeAll(async () => {
		await ensureBuild();
		database = await createPostgresDatabase(pgUrl as string);
		redis = new PrivateRedis(await freePort());
		const env = {
			DATABASE_URL: database.url,
			REDIS_URL: redis.url,
			SEED: 'base',
			REGISTRATION_SECRET: 'a-shared-secret-of-the-two',
			LIVE_MAX_CONNECTIONS_PER_ADDRESS: String(MAX_PER_ADDRESS)
		};
		// Redis is not running: both processes start anyway (one after the other: the first migrates).
		// One after the other: the first migrates the new database.
		apps.push(await startAppProcess(env));
		apps.push(await startAppProcess(env));
		opened = await openWithTestKeys(env.DATABASE_URL, { migrate: false }); // the app processes run with the same test key
		await seedBase(opened.db);
		fixture = await createLiveFixture(opened.db, { matches: 1 });
		referee = await createReferee(opened.db, fixture.matchIds);
		const api = new ApiClient(apps[0]!.url);
		await api.login(referee.username, referee.password);
		tablet = new RefereeTablet(api);
		const matchId = fixture.matchIds[0]!;
		await tablet.send(matchId, { type: 'call' });
		await tablet.send(matchId, { type: 'start' });
		// A page's first request after start loads its modules (seconds on a busy machine): warm up.
		for (const app of apps) for (const page of PAGES) await timed(`${app.url}${page}`);
	}, 240_000);

	afterAll(async () => {
		for (const socket of sockets) socket.disconnect();
		await Promise.all(apps.map((app) => app.stop()));
		await redis?.kill();
		await opened?.close();
		await database?.drop();
	}, 60_000);

	async function expectPagesFast(app: AppProcess): Promise<void> {
		for (const page of PAGES) {
			const result = await timed(`${app.url}${page}`);
			expect(result.status, `${page} answers`).toBe(200);
			expect(result.ms, `${page} took ${Math.round(result.ms)} ms`).toBeLessThan(1_000);
		}
	}

	async function readiness(app: AppProcess): Promise<{ status: number; body: { status: string; failing: string[]; redis: string } }> {
		const result = await timed(`${app.url}/health/ready`);
		expect(result.ms).toBeLessThan(2_000);
		return { status: result.status, body: JSON.parse(result.body) as { status: string; failing: string[]; redis: string } };
	}

	async function spectate(app: AppProcess, room: string) {
		const socket: ClientSocket = connect(app.url, { transports: ['websocket'], reconnection: false });
		sockets.push(socket);
		await until(() => socket.connected, 10_000);
		const joined = await new Promise<SubscribeResult>((resolve) => socket.emit('subscribe', { rooms: [{ room }] }, resolve));
		expect(joined.ok && joined.rooms[0]?.ok).toBe(true);
		return collect(socket, 'update');
	}

	it('serves every page within a second and reports Redis as degraded when Redis is down at start', async () => {
		for (const app of apps) {
			await expectPagesFast(app);
			const ready = await readiness(app);
			expect(ready.status).toBe(503);
			expect(ready.body).toMatchObject({ status: 'degraded', redis: 'down', failing: ['redis'] });
		}
		const health = JSON.parse((await timed(`${apps[0]!.url}/health`)).body) as { status: string };
		expect(health.status).toBe('degraded');
		// Scoring still works and this process's spectators still get the update.
		const matchId = fixture.matchIds[0]!;
		const updates = await spectate(apps[0]!, `match:${matchId}`);
		const { version } = await tablet.send(matchId, { type: 'point', side: 'A' });
		await until(() => updates.some((u) => (u.payload as PublicMatchView).version === version), 5_000);
	});

	it('recovers without a restart when Redis starts: readiness ok, updates cross processes', async () => {
		await redis.start();
		for (const app of apps) {
			const started = Date.now();
			let ready = await readiness(app);
			while (ready.status !== 200 && Date.now() - started < 10_000) {
				await new Promise((r) => setTimeout(r, 200));
				ready = await readiness(app);
			}
			expect(ready.body).toMatchObject({ status: 'ok', redis: 'up', failing: [] });
		}
		const matchId = fixture.matchIds[0]!;
		const updates = await spectate(apps[1]!, `match:${matchId}`);
		const { version } = await tablet.send(matchId, { type: 'point', side: 'A' });
		await until(() => updates.some((u) => (u.payload as PublicMatchView).version === version), 5_000);
	});

	it('keeps serving within a second when Redis is killed mid-run, and recovers when it restarts', async () => {
		const matchId = fixture.matchIds[0]!;
		const local = await spectate(apps[0]!, `match:${matchId}`);
		await redis.kill();
		for (const app of apps) {
			await expectPagesFast(app);
			const ready = await readiness(app);
			expect(ready.status).toBe(503);
			expect(ready.body).toMatchObject({ status: 'degraded', failing: ['redis'] });
		}
		const during = await tablet.send(matchId, { type: 'point', side: 'B' });
		await until(() => local.some((u) => (u.payload as PublicMatchView).version === during.version), 5_000);

		await redis.start();
		for (const app of apps) {
			const started = Date.now();
			let ready = await readiness(app);
			while (ready.status !== 200 && Date.now() - started < 10_000) {
				await new Promise((r) => setTimeout(r, 200));
				ready = await readiness(app);
			}
			expect(ready.body.status).toBe('ok');
		}
		const remote = await spectate(apps[1]!, `match:${matchId}`);
		const after = await tablet.send(matchId, { type: 'point', side: 'A' });
		await until(() => remote.some((u) => (u.payload as PublicMatchView).version === after.version), 5_000);
	});

	it('caps Socket.IO connections per address across both processes, per process while Redis is down (visibly), and across them again when it is back', async () => {
		for (const socket of sockets.splice(0)) socket.disconnect();
		await new Promise((r) => setTimeout(r, 500));
		const mine: ClientSocket[] = [];
		// Four tries at each process: together they admit the cap, not twice it.
		const first = [];
		for (let i = 0; i < 8; i++) first.push(await open(apps[i % 2]!, mine));
		expect(first.filter((r) => r === null)).toHaveLength(MAX_PER_ADDRESS);
		expect(first.filter((r) => r !== null)).toEqual(['too_many_connections', 'too_many_connections']);
		for (const app of apps) expect((await readiness(app)).body).toMatchObject({ limits: 'shared' });

		await redis.kill();
		// Each process now counts alone: the first may fill its own cap, and says so.
		const held = mine.filter((s, i) => i % 2 === 0 && s.connected).length;
		const alone = [];
		for (let i = 0; i < MAX_PER_ADDRESS; i++) alone.push(await open(apps[0]!, mine));
		expect(alone.filter((r) => r === null)).toHaveLength(MAX_PER_ADDRESS - held);
		expect((await readiness(apps[0]!)).body).toMatchObject({ status: 'degraded', limits: 'process' });
		expect(apps[0]!.output()).toContain('connections per address are capped per process');

		await redis.start();
		const started = Date.now();
		while ((await readiness(apps[1]!)).status !== 200 && Date.now() - started < 10_000) await new Promise((r) => setTimeout(r, 200));
		// Back in Redis, the first process's connections count for both: the second admits none.
		const waitShared = Date.now();
		let refused = await open(apps[1]!, mine);
		while (refused === null && Date.now() - waitShared < 10_000) {
			mine.at(-1)?.disconnect();
			await new Promise((r) => setTimeout(r, 300));
			refused = await open(apps[1]!, mine);
		}
		expect(refused).toBe('too_many_connections');
		for (const socket of mine) socket.disconnect();
	}, 60_000);
});
