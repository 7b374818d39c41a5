/**
 * Failover for real, the way production runs (deploy/): Debian's nginx with the shipped
 * configuration in front of two `node server.js` processes on one PostgreSQL database and a
 * private `redis-server` this test owns. 200 spectators (a few on the long-polling fallback)
 * and 8 referee tablets connect through nginx; the referees score continuously while:
 *
 * 1. one app process is SIGKILLed: every spectator reconnects through nginx to the survivor and
 *    catches up from the Redis room log — every update applied exactly once and in order, no
 *    snapshot needed; every referee operation in flight is retried and acknowledged once;
 * 2. the killed process is restarted and rejoins (nginx sends it connections again; its
 *    spectators get the other process's updates through Redis);
 * 3. Redis is killed and restarted empty mid-game: the processes carry on alone, then share
 *    rooms again without a restart (clients take one snapshot for the new epoch);
 * 4. PostgreSQL terminates every connection of the app: the pools reconnect, retried
 *    operations are acknowledged, nothing acknowledged is lost.
 *
 * At the end the database holds exactly one event per acknowledged operation, and every
 * spectator shows each match at its final version. Runs once, in the PostgreSQL project.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { openDatabase, type OpenedDatabase } from '../../src/lib/server/db';
import { seedBase } from '../../src/lib/server/db/seed';
import { useTestKeys } from '../support/keys';
import {
	ApiClient,
	createLiveFixture,
	createPostgresDatabase,
	createReferee,
	ensureBuild,
	PrivateNginx,
	PrivateRedis,
	RetryingTablet,
	Spectator,
	startAppProcess,
	until,
	type LiveFixture,
	type Seen
} from '../support/live';
import { freePort, type AppProcess } from '../support/server';

const SPECTATORS = 200;
const POLLING = 10; // of them, on the HTTP long-polling fallback (sticky in nginx)
const REFEREES = 8;

const pgUrl = process.env.TEST_DATABASE_URL;
const redisUrl = process.env.REDIS_URL_TEST;
const has = (command: string, args: string[]) => spawnSync(command, args).status === 0;
const missing = [has('nginx', ['-v']) ? null : 'nginx', has('redis-server', ['--version']) ? null : 'redis-server'].filter(Boolean);
const reason =
	process.env.TEST_DB !== 'postgresql'
		? null // runs once, in the PostgreSQL project
		: !pgUrl || !redisUrl
			? 'Failover test skipped: set TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test and REDIS_URL_TEST=redis://127.0.0.1:6379 to run it'
			: missing.length
				? `Failover test skipped: ${missing.join(' and ')} not installed (apt-get install -y nginx redis-server; .ci/run does)`
				: null;
const active = process.env.TEST_DB === 'postgresql' && !reason;
if (reason) {
	if (process.env.CI) throw new Error(`${reason} (required in CI)`);
	console.warn(reason);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Checks what one spectator applied in one room: within an epoch every update follows the one
 * before it (seq + 1: nothing twice, nothing skipped, nothing out of order); a snapshot only
 * first or where the epoch changed. Returns what is wrong, and how many snapshots came after the first.
 */
function checkRoom(seen: Seen[], label: string): { problems: string[]; resnapshots: number } {
	const problems: string[] = [];
	let resnapshots = 0;
	let previous: Seen | undefined;
	const show = () => seen.map((x) => `${x.kind[0]}${x.seq}@${x.epoch}`).join(' ');
	for (const item of seen) {
		if (item.kind === 'snapshot') {
			if (previous) {
				if (item.epoch === previous.epoch) problems.push(`${label}: a snapshot within epoch ${item.epoch}: ${show()}`);
				resnapshots++;
			}
		} else if (!previous) problems.push(`${label}: an update before the first snapshot: ${show()}`);
		else if (item.epoch !== previous.epoch) problems.push(`${label}: epoch ${item.epoch} without a snapshot: ${show()}`);
		else if (item.seq !== previous.seq + 1) problems.push(`${label}: seq ${item.seq} after ${previous.seq}: ${show()}`);
		previous = item;
	}
	return { problems, resnapshots };
}

(active ? describe : describe.skip)('failover behind nginx: two app processes, PostgreSQL, Redis [postgresql]', () => {
	let database: { url: string; drop(): Promise<void> };
	let redis: PrivateRedis;
	let nginx: PrivateNginx;
	let opened: OpenedDatabase;
	let env: Record<string, string>;
	const apps: AppProcess[] = [];
	const ports: number[] = [];
	let fixture: LiveFixture;
	const tablets: RetryingTablet[] = [];
	const spectators: Spectator[] = [];
	let scoring = false;
	let game: Promise<void> = Promise.resolve();
	const failures: string[] = [];

	/** Each referee scores its match in a loop, alternating sides (deuce for ever: never finished). */
	function play(): Promise<void> {
		scoring = true;
		return Promise.all(
			tablets.map(async (tablet, i) => {
				const matchId = fixture.matchIds[i]!;
				let side: 'A' | 'B' = i % 2 ? 'A' : 'B';
				while (scoring) {
					side = side === 'A' ? 'B' : 'A';
					try {
						await tablet.send(matchId, { type: 'point', side });
					} catch (error) {
						failures.push(String(error));
						return;
					}
					await sleep(150);
				}
			})
		).then(() => undefined);
	}

	function operationsNow(): number {
		return tablets.reduce((n, t) => n + t.acked.length, 0);
	}

	async function ready(url: string): Promise<boolean> {
		return fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(3_000) }).then(
			(r) => r.status === 200,
			() => false
		);
	}

	beforeAll(async () => {
		await ensureBuild();
		database = await createPostgresDatabase(pgUrl as string);
		redis = new PrivateRedis(await freePort());
		await redis.start();
		ports.push(await freePort(), await freePort());
		nginx = new PrivateNginx(await freePort(), ports);
		// What deploy/env.example sets: the proxy's forwarded headers are trusted, one hop.
		env = {
			DATABASE_URL: database.url,
			REDIS_URL: redis.url,
			SEED: 'base',
			REGISTRATION_SECRET: 'a-shared-secret-of-the-two',
			ORIGIN: nginx.url,
			ADDRESS_HEADER: 'x-forwarded-for',
			XFF_DEPTH: '1'
		};
		// Migrated, seeded and keyed before the processes start (deploy: the migrate unit), so
		// both start at once, as systemd starts them.
		opened = await openDatabase(database.url);
		await seedBase(opened.db);
		await useTestKeys(opened.db);
		const t0 = Date.now();
		apps.push(...(await Promise.all(ports.map((port) => startAppProcess(env, { port })))));
		console.info(`two app processes started in ${Date.now() - t0} ms`);
		await nginx.start();
		fixture = await createLiveFixture(opened.db, { matches: REFEREES });
		for (const matchId of fixture.matchIds) {
			const referee = await createReferee(opened.db, [matchId]);
			const api = new ApiClient(nginx.url);
			await api.login(referee.username, referee.password);
			tablets.push(new RetryingTablet(api));
		}
		for (const [i, tablet] of tablets.entries()) {
			await tablet.send(fixture.matchIds[i]!, { type: 'call' });
			await tablet.send(fixture.matchIds[i]!, { type: 'start' });
		}
		for (let i = 0; i < SPECTATORS; i++) {
			const rooms = [`match:${fixture.matchIds[i % REFEREES]}`];
			if (i % 4 === 0) rooms.push('live');
			spectators.push(new Spectator(nginx.url, rooms, i < POLLING ? { transports: ['polling'] } : {}));
		}
		await until(() => spectators.every((s) => s.subscribed > 0), 30_000);
		game = play();
	}, 180_000);

	afterAll(async () => {
		scoring = false;
		await game;
		for (const s of spectators) s.close();
		if (process.env.FAILOVER_LOGS) for (const [i, app] of apps.entries()) writeFileSync(`${process.env.FAILOVER_LOGS}/app${i}.log`, app.output());
		await Promise.all(apps.map((app) => app.stop()));
		await nginx?.stop();
		await redis?.kill();
		await opened?.close();
		await database?.drop();
	}, 60_000);

	it('moves every spectator and referee to the survivor when one process is SIGKILLed, catching up from the Redis room log', async () => {
		await until(() => tablets.every((t) => t.acked.length >= 6), 20_000);
		const connectionsBefore = spectators.map((s) => s.connections);
		const victim = apps[0]!;
		await victim.kill();
		if (process.env.FAILOVER_LOGS) writeFileSync(`${process.env.FAILOVER_LOGS}/killed.log`, victim.output());
		const killedAt = operationsNow();
		// The referees carry on (their requests in flight are retried through nginx)…
		await until(() => operationsNow() >= killedAt + REFEREES * 5, 30_000);
		expect(failures).toEqual([]);
		// …and every spectator that was on the victim connects again, to the survivor.
		const moved = spectators.filter((s, i) => s.connections > connectionsBefore[i]!);
		expect(moved.length, 'spectators that were on the killed process').toBeGreaterThan(0);
		await until(() => spectators.every((s) => s.socket.connected), 20_000);
		// No snapshot: the survivor served each of them exactly the updates missed, from Redis.
		const problems: string[] = [];
		for (const [i, s] of spectators.entries()) {
			for (const room of s.rooms.keys()) {
				const check = checkRoom(s.seen(room), `spectator ${i} ${room}`);
				problems.push(...check.problems);
				if (check.resnapshots) problems.push(`spectator ${i} ${room}: ${check.resnapshots} snapshot(s) after the first: ${s.seen(room).map((x) => `${x.kind[0]}${x.seq}@${x.epoch}`).join(' ')}`);
			}
		}
		expect(problems).toEqual([]);
		const retried = tablets.reduce((n, t) => n + t.retries, 0);
		console.info(`SIGKILL: ${moved.length} spectators reconnected, ${retried} referee requests retried`);
	}, 90_000);

	it('lets the killed process rejoin: restarted, it gets connections again and its spectators follow the game', async () => {
		const t0 = Date.now();
		const restarted = await startAppProcess(env, { port: ports[0]! });
		console.info(`restarted in ${Date.now() - t0} ms`);
		apps[0] = restarted;
		const started = Date.now();
		while (!(await ready(restarted.url)) && Date.now() - started < 20_000) await sleep(200);
		expect(await ready(restarted.url)).toBe(true);
		// New spectators through nginx (least connections): the fresh process takes them.
		const late = Array.from({ length: 20 }, (_, i) => new Spectator(nginx.url, [`match:${fixture.matchIds[i % REFEREES]}`]));
		spectators.push(...late);
		await until(() => late.every((s) => s.subscribed > 0), 20_000);
		const metrics = await (await fetch(`${restarted.url}/metrics`)).text();
		const sockets = Number(/^dg_socket_connections (\d+)/m.exec(metrics)?.[1] ?? 0);
		expect(sockets, 'connections on the restarted process').toBeGreaterThan(0);
		// Whichever process scores a point, every late spectator (on either process) gets it.
		const room = (s: Spectator) => [...s.rooms.keys()][0]!;
		const before = late.map((s) => s.seen(room(s)).length);
		await until(() => late.every((s, i) => s.seen(room(s)).length > before[i]! + 2), 10_000);
		expect(failures).toEqual([]);
	}, 90_000);

	it('carries on when Redis is killed and restarted empty mid-game, and shares rooms again without a restart', async () => {
		await redis.kill();
		const during = operationsNow();
		await until(() => operationsNow() >= during + REFEREES * 3, 20_000);
		await redis.start();
		for (const app of apps) {
			const started = Date.now();
			while (!(await ready(app.url)) && Date.now() - started < 20_000) await sleep(200);
			expect(await ready(app.url), `${app.url} ready again`).toBe(true);
		}
		const after = operationsNow();
		await until(() => operationsNow() >= after + REFEREES * 3, 20_000);
		expect(failures).toEqual([]);
	}, 90_000);

	it('recovers when PostgreSQL drops every connection of the app, losing nothing acknowledged', async () => {
		const admin = new pg.Client({ connectionString: pgUrl });
		await admin.connect();
		const name = new URL(database.url).pathname.slice(1);
		const { rows } = await admin.query<{ terminated: boolean }>(
			'SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
			[name]
		);
		await admin.end();
		expect(rows.length, 'app connections terminated').toBeGreaterThan(0);
		const after = operationsNow();
		await until(() => operationsNow() >= after + REFEREES * 5, 30_000);
		expect(failures).toEqual([]);
		for (const app of apps) expect(await ready(app.url)).toBe(true);
	}, 90_000);

	it('ends with every acknowledged operation stored exactly once and every spectator at the final score, each update applied once and in order', async () => {
		scoring = false;
		await game;
		expect(failures).toEqual([]);
		for (const [i, tablet] of tablets.entries()) {
			const matchId = fixture.matchIds[i]!;
			const events = await opened.db.matchEvent.findMany({ where: { matchId }, select: { opId: true, seq: true }, orderBy: { seq: 'asc' } });
			const match = await opened.db.match.findUniqueOrThrow({ where: { id: matchId }, select: { version: true } });
			// Acknowledged once each, in order, and exactly what the database holds.
			const acked = tablet.acked.map((a) => a.opId);
			expect(new Set(acked).size).toBe(acked.length);
			expect(events.map((e) => e.opId)).toEqual(acked);
			expect(tablet.acked.map((a) => a.version)).toEqual(events.map((e) => e.seq));
			expect(match.version).toBe(tablet.version);
		}
		// Every spectator reaches each match's final version (the last point was broadcast).
		const finalVersion = new Map(fixture.matchIds.map((id, i) => [id, tablets[i]!.version]));
		const lastVersion = (s: Spectator, room: string) => s.seen(room).findLast((x) => x.kind === 'update')?.version ?? -1;
		await until(
			() => spectators.every((s) => [...s.rooms.keys()].filter((r) => r.startsWith('match:')).every((r) => lastVersion(s, r) === finalVersion.get(r.slice(6)))),
			20_000
		);
		let resnapshots = 0;
		const problems: string[] = [];
		for (const [i, s] of spectators.entries()) {
			for (const room of s.rooms.keys()) {
				const check = checkRoom(s.seen(room), `spectator ${i} ${room}`);
				problems.push(...check.problems);
				resnapshots += check.resnapshots;
			}
		}
		expect(problems).toEqual([]);
		const ops = tablets.reduce((n, t) => n + t.acked.length, 0);
		const duplicates = tablets.reduce((n, t) => n + t.acked.filter((a) => a.duplicate).length, 0);
		console.info(`failover: ${ops} operations acknowledged (${duplicates} as replays), ${resnapshots} snapshots for a new epoch`);
	}, 90_000);
});
