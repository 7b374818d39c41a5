/**
 * Benchmark of live updates (`npm run bench:live`, prints a table).
 *
 * For each audience size (default 500, 1,000, 2,000 and 3,200 spectators), spectator clients in
 * separate processes connect over WebSocket and follow one of 40 match rooms; 40 simulated
 * tables post scoring operations through the real API (HTTP tRPC `scoring.submit` as a
 * logged-in referee, against the production server `node server.js` on a temporary SQLite
 * database); each client records when each update arrives. Latency = arrival − the moment the
 * scoring request was sent: p50, p99, max. The same load then runs against a minimal raw `ws`
 * broadcast server (same payload size, same fan-out) as the baseline; the table shows both
 * and the ratio of the p99s. Memory per connected client is the server's RSS growth divided
 * by the number of clients. Loopback only; every loop is bounded.
 *
 *   npm run bench:live [-- --sizes 500,1000,2000,3200 --ops 25 --interval 400 --fanout match|live]
 *
 * To see inside the server during a run: APP_NODE_ARGS="--trace-gc" (or `--cpu-prof
 * --cpu-prof-dir=DIR`) passes flags to its node, and `--server-log FILE` keeps what it printed.
 *
 * `--fanout live` makes every client follow the `live` room instead (the "now playing" page).
 * That room is batched: every 500 ms each client gets the latest view of each match that
 * changed, so a version superseded within the window is never sent (receipts < expected) and
 * latencies include the wait for the batch; the raw baseline still sends every operation.
 * Goal (match rooms): p99 ≤ 50 ms at 3,200 clients and ≤ 2× the baseline.
 *
 * `--capacity` (`npm run bench:capacity`) finds what ONE app process sustains at p99 ≤ 100 ms
 * from the scoring request to the spectator's receipt (match rooms; the request's own round
 * trip is printed beside it):
 * (1) spectators — growing audiences (`--spectators`), a quarter on the batched `live` room and
 * the rest on match rooms, while 40 tables score at a game-day pace (~67 operations/s); (2)
 * scoring operations per second — growing rates (`--rates`) before `--audience` spectators.
 * `--live-share` sets the part of each audience on "now playing" (default 0.25).
 * Each level runs `--seconds`; a sweep stops after the first level over 100 ms. Prints both
 * sweeps and the sizing they give (processes per 1,000 / 10,000 / 30,000 spectators).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { percentile } from './stats';
import { cpuMs, rssBytes } from './proc';

const here = fileURLToPath(import.meta.url);
/** Every child process, killed if the driver stops early (no orphans left behind). */
const forked: ChildProcess[] = [];
const cleanups: Array<() => void> = [];
process.on('exit', () => {
	for (const child of forked) if (child.exitCode === null) child.kill();
	for (const cleanup of cleanups) cleanup();
});
// Wall-clock milliseconds: the one clock every process shares (performance.timeOrigin can be
// tens of milliseconds apart between processes started at different times).
const now = () => Date.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const { values } = parseArgs({
	options: {
		role: { type: 'string', default: 'driver' },
		sizes: { type: 'string', default: '500,1000,2000,3200' },
		ops: { type: 'string', default: '25' },
		interval: { type: 'string', default: '400' },
		fanout: { type: 'string', default: 'match' },
		/** A PostgreSQL server URL: the bench creates (and drops) a database of its own there. Default: a temporary SQLite file. */
		'database-url': { type: 'string' },
		tables: { type: 'string', default: '40' },
		/** Writes everything the app server printed to this file at the end (with APP_NODE_ARGS=--trace-gc, say). */
		'server-log': { type: 'string' },
		// client role
		url: { type: 'string' },
		kind: { type: 'string' },
		count: { type: 'string' },
		offset: { type: 'string' },
		rooms: { type: 'string' },
		// capacity mode (npm run bench:capacity)
		capacity: { type: 'boolean', default: false },
		spectators: { type: 'string', default: '1000,2000,3000,4000,5000,6000' },
		rates: { type: 'string', default: '50,100,200,300,400' },
		audience: { type: 'string', default: '1000' },
		'live-share': { type: 'string', default: '0.25' },
		seconds: { type: 'string', default: '10' }
	}
});

// ─── Client processes ─────────────────────────────────────────────────────────

interface Receipt {
	key: string;
	at: number;
	/** Server time of the broadcast (Socket.IO updates carry it): arrival − this = fan-out only. */
	server?: number;
}

async function clientRole(): Promise<void> {
	const url = values.url as string;
	const count = Number(values.count);
	const offset = Number(values.offset);
	const rooms = (values.rooms as string).split(',');
	const receipts: Receipt[] = [];
	const closers: Array<() => void> = [];
	if (values.kind === 'socketio') {
		const { io } = await import('socket.io-client');
		const { unbatch } = await import('../../src/lib/realtime/events');
		for (let i = 0; i < count; i++) {
			const room = rooms[(offset + i) % rooms.length] as string;
			const socket = io(url, { transports: ['websocket'], reconnection: false, forceNew: true });
			socket.on('update', (received: Parameters<typeof unbatch>[0]) => {
				// the live room gets batches: each match view in one counts as a receipt
				for (const update of unbatch(received)) {
					const payload = update.payload as { id: string; version: number };
					receipts.push({ key: `${payload.id}:${payload.version}`, at: now(), server: update.at });
				}
			});
			await new Promise<void>((resolve, reject) => {
				socket.once('connect', () => socket.emit('subscribe', { rooms: [{ room }] }, () => resolve()));
				socket.once('connect_error', reject);
			});
			closers.push(() => socket.disconnect());
			if (i % 50 === 49) await sleep(5);
		}
	} else {
		const { WebSocket } = await import('ws');
		for (let i = 0; i < count; i++) {
			const room = rooms[(offset + i) % rooms.length] as string;
			const ws = new WebSocket(url);
			ws.on('message', (data) => {
				const message = JSON.parse(String(data)) as { key: string };
				receipts.push({ key: message.key, at: now() });
			});
			await new Promise<void>((resolve, reject) => {
				ws.once('open', () => {
					ws.send(JSON.stringify({ sub: room }));
					resolve();
				});
				ws.once('error', reject);
			});
			closers.push(() => ws.close());
			if (i % 50 === 49) await sleep(5);
		}
	}
	process.send?.({ ready: true });
	process.on('message', (message: { collect?: boolean }) => {
		if (!message.collect) return;
		process.send?.({ receipts }, () => {
			for (const close of closers) close();
			setTimeout(() => process.exit(0), 200);
		});
	});
}

// ─── Raw ws baseline server ───────────────────────────────────────────────────

async function wsServerRole(): Promise<void> {
	const { WebSocketServer, WebSocket } = await import('ws');
	const rooms = new Map<string, Set<InstanceType<typeof WebSocket>>>();
	const server = createServer((req: IncomingMessage, res: ServerResponse) => {
		let body = '';
		req.on('data', (chunk) => (body += chunk));
		req.on('end', () => {
			// A "scoring request": the payload is broadcast to the room's clients, then answered.
			const { room, key, payload } = JSON.parse(body) as { room: string; key: string; payload: string };
			const text = JSON.stringify({ room, key, payload });
			for (const ws of rooms.get(room) ?? []) if (ws.readyState === WebSocket.OPEN) ws.send(text);
			res.end('{"ok":true}');
		});
	});
	const wss = new WebSocketServer({ server, perMessageDeflate: false });
	wss.on('connection', (ws) => {
		ws.on('message', (data) => {
			const { sub } = JSON.parse(String(data)) as { sub: string };
			let set = rooms.get(sub);
			if (!set) rooms.set(sub, (set = new Set()));
			set.add(ws);
			ws.on('close', () => set?.delete(ws));
		});
	});
	server.listen(0, '127.0.0.1', () => process.send?.({ port: (server.address() as AddressInfo).port }));
}

// ─── Driver ───────────────────────────────────────────────────────────────────

async function startClients(kind: 'socketio' | 'ws', url: string, count: number, rooms: string[]): Promise<ChildProcess[]> {
	const perProcess = 800;
	const children: ChildProcess[] = [];
	for (let offset = 0; offset < count; offset += perProcess) {
		const n = Math.min(perProcess, count - offset);
		const child = fork(here, ['--role', 'client', '--kind', kind, '--url', url, '--count', String(n), '--offset', String(offset), '--rooms', rooms.join(',')], {
			execArgv: ['--import', 'tsx'],
			stdio: ['ignore', 'inherit', 'inherit', 'ipc']
		});
		children.push(child);
		forked.push(child);
	}
	await Promise.all(
		children.map(
			(child) =>
				new Promise<void>((resolve, reject) => {
					child.once('message', () => resolve());
					child.once('exit', (code) => reject(new Error(`client process exited with ${code}`)));
				})
		)
	);
	return children;
}

async function collect(children: ChildProcess[]): Promise<Receipt[]> {
	const all = await Promise.all(
		children.map(
			(child) =>
				new Promise<Receipt[]>((resolve) => {
					child.removeAllListeners('exit');
					child.once('message', (message: { receipts: Receipt[] }) => resolve(message.receipts));
					child.send({ collect: true });
				})
		)
	);
	await Promise.all(children.map((child) => new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve())))));
	return all.flat();
}

interface Row {
	system: string;
	clients: number;
	receipts: number;
	expected: number;
	p50: number;
	p99: number;
	max: number;
	memoryPerClient: number;
	opsPerSecond: number;
	/** Server CPU time (user + system) per scoring operation during the run, ms. */
	cpuPerOp: number;
	/** Broadcast (after the commit) to arrival, p99 — the realtime layer alone. */
	fanoutP99: number;
}

function summarise(system: string, clients: number, sent: Map<string, number>, receipts: Receipt[], expected: number, memory: number, seconds: number, cpu: number): Row {
	const latencies = receipts.flatMap((r) => {
		const t0 = sent.get(r.key);
		return t0 === undefined ? [] : [r.at - t0];
	});
	latencies.sort((a, b) => a - b);
	const fanout = receipts.filter((r) => r.server !== undefined).map((r) => r.at - (r.server as number));
	fanout.sort((a, b) => a - b);
	return {
		fanoutP99: percentile(fanout, 99),
		system,
		clients,
		receipts: latencies.length,
		expected,
		p50: percentile(latencies, 50),
		p99: percentile(latencies, 99),
		max: latencies.at(-1) ?? NaN,
		memoryPerClient: memory / clients,
		opsPerSecond: sent.size / seconds,
		cpuPerOp: cpu / Math.max(1, sent.size)
	};
}

async function driver(): Promise<void> {
	const sizes = (values.sizes as string).split(',').map(Number).filter((n) => n > 0);
	const opsPerTable = Math.max(1, Math.min(200, Number(values.ops)));
	const interval = Math.max(20, Number(values.interval));
	const tableCount = Math.max(1, Math.min(200, Number(values.tables)));
	const fanout = values.fanout === 'live' ? 'live' : 'match';

	const { ensureBuild, startAppProcess, createLiveFixture, createPostgresDatabase, createReferee, ApiClient, RefereeTablet } = await import('../support/live');
	const { openDatabase } = await import('../../src/lib/server/db');
	const { seedBase } = await import('../../src/lib/server/db/seed');
	const { publicMatchView } = await import('../../src/lib/server/live/views');

	console.log('Preparing: build (if missing), a temporary SQLite database, the app and the baseline server…');
	await ensureBuild();
	const dir = mkdtempSync(path.join(tmpdir(), 'dg-bench-live-'));
	const pg = values['database-url'] ? await createPostgresDatabase(values['database-url']) : null;
	const url = pg?.url ?? `file:${path.join(dir, 'bench.db')}`;
	console.log(`Database: ${pg ? 'PostgreSQL (a fresh database)' : 'SQLite (a temporary file)'}`);
	const opened = await openDatabase(url);
	await seedBase(opened.db);
	// The app process runs with the test data key (startAppProcess): seal the fixtures with it.
	await (await import('../support/keys')).useTestKeys(opened.db);
	const fixture = await createLiveFixture(opened.db, { matches: tableCount, tables: tableCount });
	const referee = await createReferee(opened.db, fixture.matchIds, 'bench-referee');
	const samplePayload = JSON.stringify(await publicMatchView(opened.db, fixture.matchIds[0] as string));
	await opened.close();

	const app = await startAppProcess({ DATABASE_URL: url, SEED: 'none' });
	cleanups.push(() => void app.stop());
	const baseline = fork(here, ['--role', 'ws-server'], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
	forked.push(baseline);
	const baselinePort = await new Promise<number>((resolve) => baseline.once('message', (m: { port: number }) => resolve(m.port)));
	const baselineUrl = `http://127.0.0.1:${baselinePort}`;

	// The referee's tablets: one logged-in API client per table, each match called and started.
	const api = new ApiClient(app.url);
	await api.login(referee.username, referee.password);
	const tablets = fixture.matchIds.map(() => new RefereeTablet(api));
	await Promise.all(
		fixture.matchIds.map(async (matchId, i) => {
			const tablet = tablets[i] as InstanceType<typeof RefereeTablet>;
			await tablet.send(matchId, { type: 'call' });
			await tablet.send(matchId, { type: 'start' });
		})
	);
	const appServerPid = app.pid;

	const rooms = fanout === 'live' ? ['live'] : fixture.matchIds.map((id) => `match:${id}`);
	// Memory per client: resident memory with the clients connected minus the idle server's,
	// divided by the clients (memory freed by earlier levels is not always returned: an upper bound).
	await sleep(1000);
	const appIdle = rssBytes(appServerPid);
	const wsIdle = rssBytes(baseline.pid as number);
	const rows: Row[] = [];
	const apiRows: string[] = [];
	for (const size of sizes) {
		// ── Socket.IO through the real scoring API ──
		const clients = await startClients('socketio', app.url, size, rooms);
		await sleep(1500);
		const memory = rssBytes(appServerPid) - appIdle;
		const sent = new Map<string, number>();
		const requestTimes: number[] = [];
		const started = now();
		const cpuBefore = cpuMs(appServerPid);
		await Promise.all(
			fixture.matchIds.map(async (matchId, i) => {
				const tablet = tablets[i] as InstanceType<typeof RefereeTablet>;
				await sleep((i * interval) / tableCount);
				let side = tablet.versions.get(matchId) ?? 0;
				for (let op = 0; op < opsPerTable; op++) {
					const version = (tablet.versions.get(matchId) ?? 0) + 1;
					const t0 = now();
					sent.set(`${matchId}:${version}`, t0);
					// Alternating rallies: a game that never ends (deuce), so every point is legal.
					await tablet.send(matchId, { type: 'point', side: side++ % 2 ? 'A' : 'B' });
					requestTimes.push(now() - t0);
					await sleep(interval * (0.75 + Math.random() / 2));
				}
			})
		);
		const seconds = (now() - started) / 1000;
		await sleep(1000);
		const cpu = cpuMs(appServerPid) - cpuBefore;
		const receipts = await collect(clients);
		const perOp = fanout === 'live' ? size : size / tableCount;
		rows.push(summarise('Socket.IO + scoring API', size, sent, receipts, Math.round(sent.size * perOp), memory, seconds, cpu));
		requestTimes.sort((a, b) => a - b);
		apiRows.push(`  ${size} clients: scoring.submit round trip p50 ${ms(percentile(requestTimes, 50))} ms, p99 ${ms(percentile(requestTimes, 99))} ms (the scoring service broadcasts right after acknowledging)`);

		// ── Raw ws baseline: same clients, same rooms, same payload size ──
		const wsClients = await startClients('ws', baselineUrl.replace('http', 'ws'), size, rooms);
		await sleep(1500);
		const wsMemory = rssBytes(baseline.pid as number) - wsIdle;
		const wsSent = new Map<string, number>();
		const wsStarted = now();
		const wsCpuBefore = cpuMs(baseline.pid as number);
		await Promise.all(
			fixture.matchIds.map(async (matchId, i) => {
				await sleep((i * interval) / tableCount);
				for (let op = 0; op < opsPerTable; op++) {
					const key = `${matchId}:ws${size}-${op}`;
					wsSent.set(key, now());
					await fetch(baselineUrl, {
						method: 'POST',
						body: JSON.stringify({ room: fanout === 'live' ? 'live' : `match:${matchId}`, key, payload: samplePayload })
					}).then((r) => r.text());
					await sleep(interval * (0.75 + Math.random() / 2));
				}
			})
		);
		const wsSeconds = (now() - wsStarted) / 1000;
		await sleep(1000);
		const wsCpu = cpuMs(baseline.pid as number) - wsCpuBefore;
		const wsReceipts = await collect(wsClients);
		rows.push(summarise('raw ws baseline', size, wsSent, wsReceipts, Math.round(wsSent.size * perOp), wsMemory, wsSeconds, wsCpu));
		printRow(rows.at(-2) as Row, rows.at(-1) as Row);
	}

	printTable(rows, fanout, opsPerTable, tableCount, interval);
	console.log(`\nThe scoring request itself (HTTP, transaction, audit, broadcast):\n${apiRows.join('\n')}`);
	if (values['server-log']) writeFileSync(values['server-log'], app.output());
	await app.stop();
	baseline.kill();
	await pg?.drop();
	rmSync(dir, { recursive: true, force: true });
}

const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '—');

interface CapacityRow {
	spectators: number;
	opsPerSecond: number;
	/** Scoring request sent → update applied by a spectator (match rooms only), p99 ms. */
	deliveryP99: number;
	/** The scoring request's own round trip, p99 ms. */
	requestP99: number;
	receipts: string;
	cpuPercent: number;
	rssMb: number;
}

/** One process's capacity at p99 ≤ 100 ms (see the module comment). */
async function capacityDriver(): Promise<void> {
	const LIMIT = 100;
	const tableCount = 40;
	const seconds = Math.max(3, Number(values.seconds));
	const { ensureBuild, startAppProcess, createLiveFixture, createPostgresDatabase, createReferee, ApiClient, RefereeTablet } = await import('../support/live');
	const { openDatabase } = await import('../../src/lib/server/db');
	const { seedBase } = await import('../../src/lib/server/db/seed');
	await ensureBuild();
	const dir = mkdtempSync(path.join(tmpdir(), 'dg-bench-capacity-'));
	cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
	const pg = values['database-url'] ? await createPostgresDatabase(values['database-url']) : null;
	const url = pg?.url ?? `file:${path.join(dir, 'bench.db')}`;
	console.log(`Capacity of one app process on ${pg ? 'PostgreSQL' : 'SQLite'}: ${tableCount} tables; p99 limit ${LIMIT} ms; ${seconds} s per level.`);
	const opened = await openDatabase(url);
	await seedBase(opened.db);
	// The app process runs with the test data key (startAppProcess): seal the fixtures with it.
	await (await import('../support/keys')).useTestKeys(opened.db);
	const fixture = await createLiveFixture(opened.db, { matches: tableCount, tables: tableCount });
	const referee = await createReferee(opened.db, fixture.matchIds, 'capacity-referee');
	await opened.close();
	const app = await startAppProcess({ DATABASE_URL: url, SEED: 'none', LIVE_MAX_CONNECTIONS_PER_ADDRESS: '100000' });
	cleanups.push(() => void app.stop());
	const api = new ApiClient(app.url);
	await api.login(referee.username, referee.password);
	const tablets = fixture.matchIds.map(() => new RefereeTablet(api));
	await Promise.all(
		fixture.matchIds.map(async (matchId, i) => {
			await tablets[i]!.send(matchId, { type: 'call' });
			await tablets[i]!.send(matchId, { type: 'start' });
		})
	);
	const matchRooms = fixture.matchIds.map((id) => `match:${id}`);

	async function level(spectators: number, opsPerSecond: number): Promise<CapacityRow> {
		// By default three match-room spectators for each one on "now playing" (the batched live room).
		const onLive = Math.floor(spectators * Math.min(1, Math.max(0, Number(values['live-share']))));
		const matchChildren = spectators - onLive > 0 ? await startClients('socketio', app.url, spectators - onLive, matchRooms) : [];
		const liveChildren = onLive > 0 ? await startClients('socketio', app.url, onLive, ['live']) : [];
		await sleep(1500);
		const sent = new Map<string, number>();
		const requests: number[] = [];
		const interval = (tableCount / opsPerSecond) * 1000;
		const cpuBefore = cpuMs(app.pid);
		const started = now();
		await Promise.all(
			fixture.matchIds.map(async (matchId, i) => {
				const tablet = tablets[i]!;
				await sleep((i * interval) / tableCount);
				let side = tablet.versions.get(matchId) ?? 0;
				while (now() - started < seconds * 1000) {
					const t0 = now();
					sent.set(`${matchId}:${(tablet.versions.get(matchId) ?? 0) + 1}`, t0);
					await tablet.send(matchId, { type: 'point', side: side++ % 2 ? 'A' : 'B' });
					requests.push(now() - t0);
					// Paced from the request's start: a slow answer does not slow the table down.
					await sleep(Math.max(0, interval * (0.75 + Math.random() / 2) - (now() - t0)));
				}
			})
		);
		const elapsed = (now() - started) / 1000;
		const rss = rssBytes(app.pid);
		const cpu = cpuMs(app.pid) - cpuBefore;
		await sleep(1000);
		// Match rooms carry every operation; the live room's batches are late by design (500 ms):
		// counted, not timed.
		const [receipts, liveReceipts] = await Promise.all([collect(matchChildren), collect(liveChildren)]);
		const latencies: number[] = [];
		let matchReceipts = 0;
		for (const r of receipts) {
			const t0 = sent.get(r.key);
			if (t0 === undefined) continue;
			matchReceipts++;
			latencies.push(r.at - t0);
		}
		latencies.sort((a, b) => a - b);
		requests.sort((a, b) => a - b);
		const expected = Math.round(sent.size * ((spectators - onLive) / tableCount));
		return {
			spectators,
			opsPerSecond: sent.size / elapsed,
			deliveryP99: percentile(latencies, 99),
			requestP99: percentile(requests, 99),
			receipts: `${matchReceipts}/${expected} match, ${liveReceipts.length} live`,
			cpuPercent: (cpu / (elapsed * 1000)) * 100,
			rssMb: rss / 1024 / 1024
		};
	}

	const show = (r: CapacityRow) =>
		`  ${String(r.spectators).padStart(6)} spectators  ${r.opsPerSecond.toFixed(0).padStart(4)} ops/s  delivery p99 ${ms(r.deliveryP99).padStart(7)} ms  request p99 ${ms(r.requestP99).padStart(7)} ms  CPU ${r.cpuPercent.toFixed(0).padStart(3)} %  RSS ${r.rssMb.toFixed(0)} MB  receipts ${r.receipts}`;
	// The limit is on delivery (scoring request sent → update at the spectator), as in bench:live.
	const within = (r: CapacityRow) => r.deliveryP99 <= LIMIT;

	const share = Number(values['live-share']);
	console.log(`\n1. Spectators at a game-day pace (~67 operations/s), ${Math.round(share * 100)} % of them on "now playing":`);
	const audience: CapacityRow[] = [];
	for (const n of (values.spectators as string).split(',').map(Number).filter((x) => x > 0)) {
		const row = await level(n, 67);
		audience.push(row);
		console.log(show(row));
		if (!within(row)) break;
	}
	const base = Math.max(1, Number(values.audience));
	console.log(`\n2. Scoring operations per second before ${base} spectators:`);
	const rates: CapacityRow[] = [];
	for (const rate of (values.rates as string).split(',').map(Number).filter((x) => x > 0)) {
		const row = await level(base, rate);
		rates.push(row);
		console.log(show(row));
		if (!within(row)) break;
	}
	const maxSpectators = Math.max(0, ...audience.filter(within).map((r) => r.spectators));
	const maxOps = Math.max(0, ...rates.filter(within).map((r) => r.opsPerSecond));
	console.log(`\nOne process at p99 ≤ ${LIMIT} ms: ${maxSpectators} spectators (with ~67 ops/s), ${maxOps.toFixed(0)} scoring operations/s (with ${base} spectators).`);
	if (maxSpectators > 0) {
		console.log('Sizing (processes = ⌈spectators ÷ capacity⌉ + 1 spare, so one can die or restart without overloading the rest):');
		for (const n of [1000, 10000, 30000]) console.log(`  ${String(n).padStart(6)} spectators: ${Math.ceil(n / maxSpectators) + 1} processes`);
	}
	await app.stop();
	await pg?.drop();
}

function printRow(live: Row, ws: Row): void {
	console.log(
		`  ${String(live.clients).padStart(5)} clients: Socket.IO p50 ${ms(live.p50)} ms, p99 ${ms(live.p99)} ms, max ${ms(live.max)} ms (${live.receipts}/${live.expected} receipts) · raw ws p99 ${ms(ws.p99)} ms`
	);
}

function printTable(rows: Row[], fanout: string, ops: number, tables: number, interval: number): void {
	console.log(`\nLive updates: ${tables} tables × ${ops} scoring operations at ~${interval} ms each, clients follow ${fanout === 'live' ? 'the live room (batched every 500 ms: superseded versions are not sent; the raw baseline sends every operation)' : 'one match room each'}.`);
	console.log('Latency = arrival at the client − scoring request sent (ms); fan-out = arrival − broadcast after the commit (server clock, ms resolution).');
	console.log('Memory = (server RSS with the clients − idle server RSS) ÷ clients: an upper bound.');
	console.log('CPU ms/op = the server process\'s CPU time (user + system) from the first operation to a second after the last ÷ operations.\n');
	const header = ['clients', 'system', 'receipts', 'p50', 'p99', 'max', 'fan-out p99', 'KB/client', 'ops/s', 'CPU ms/op', 'p99 ratio'];
	const lines = [header];
	for (let i = 0; i < rows.length; i += 2) {
		const live = rows[i] as Row;
		const ws = rows[i + 1] as Row;
		lines.push([String(live.clients), live.system, `${live.receipts}/${live.expected}`, ms(live.p50), ms(live.p99), ms(live.max), ms(live.fanoutP99), (live.memoryPerClient / 1024).toFixed(1), live.opsPerSecond.toFixed(0), live.cpuPerOp.toFixed(2), (live.p99 / ws.p99).toFixed(2)]);
		lines.push(['', ws.system, `${ws.receipts}/${ws.expected}`, ms(ws.p50), ms(ws.p99), ms(ws.max), '', (ws.memoryPerClient / 1024).toFixed(1), ws.opsPerSecond.toFixed(0), ws.cpuPerOp.toFixed(2), '']);
	}
	const widths = header.map((_, c) => Math.max(...lines.map((l) => (l[c] ?? '').length)));
	for (const [index, line] of lines.entries()) {
		console.log(line.map((cell, c) => (c === 1 ? cell.padEnd(widths[c] as number) : cell.padStart(widths[c] as number))).join('  '));
		if (index === 0) console.log(widths.map((w) => '─'.repeat(w)).join('  '));
	}
	const last = rows.at(-2);
	const lastWs = rows.at(-1);
	if (last && lastWs) {
		const ok = last.p99 <= 50 && last.p99 <= 2 * lastWs.p99;
		console.log(`\nGoal at ${last.clients} clients: p99 ≤ 50 ms and ≤ 2× raw ws → p99 ${ms(last.p99)} ms, ratio ${(last.p99 / lastWs.p99).toFixed(2)}: ${ok ? 'met' : 'NOT met'}`);
	}
}

if (values.role === 'client') await clientRole();
else if (values.role === 'ws-server') await wsServerRole();
else
	await (values.capacity ? capacityDriver() : driver()).catch((error: unknown) => {
		console.error(error instanceof Error ? error.message : error);
		process.exit(1);
	});
