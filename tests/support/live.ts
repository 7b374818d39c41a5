/**
 * Factories for the live tests: a venue with tables, a table tennis category with approved
 * entries from given streets, matches in progress, scoring without the scoring service
 * (`scorePoint`: a committed DB write of the engine's next summary, then the broadcast the
 * service would do), a Socket.IO server on a free port for the realtime tests, and for the
 * process-level tests: a private `redis-server` (`PrivateRedis`), nginx with the shipped
 * deploy/ configuration (`PrivateNginx`), a spectator that follows rooms as the browser does
 * (`Spectator`) and a referee tablet that retries as the console does (`RetryingTablet`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { io as connect, type Socket } from 'socket.io-client';
import type { Db } from '../../src/lib/server/db';
import { attachRealtime, detachRealtime } from '../../src/lib/server/realtime/io';
import { broadcastMatch } from '../../src/lib/server/realtime/broadcast';
import { engineFor } from '../../src/lib/domain/scoring/engine';
import type { TableTennisEvent, TableTennisFormat } from '../../src/lib/domain/scoring/tableTennis';
import type { ClientToServer, ServerToClient } from '../../src/lib/realtime/events';
import { sealPerson } from '../../src/lib/server/privacy/person';
import { RoomSequencer } from '../../src/lib/realtime/sequencer';

let counter = 0;

export interface LiveFixture {
	venueId: string;
	tableIds: string[];
	categoryId: string;
	entryIds: string[];
	streetCodes: string[];
	matchIds: string[];
}

/** A personal number that must never appear in a public response (valid shape, test only). */
export const SECRET_RESIDENT_ID = '11010519491231002X';

/**
 * A venue with `tables` tables, a table tennis category and `matches` live matches between
 * approved entries from streets S01, S02, S03, S04 (in turn).
 */
export async function createLiveFixture(db: Db, options: { matches?: number; tables?: number } = {}): Promise<LiveFixture> {
	const n = ++counter;
	const edition = await db.edition.findFirstOrThrow({ where: { current: true } });
	const sport = await db.sport.findUniqueOrThrow({ where: { key: 'tableTennis' } });
	const venue = await db.venue.create({ data: { editionId: edition.id, nameZh: `测试场馆${n}`, nameEn: `Test venue ${n}` } });
	const tableIds: string[] = [];
	for (let i = 1; i <= (options.tables ?? Math.max(1, options.matches ?? 1)); i++) {
		const table = await db.venueTable.create({ data: { venueId: venue.id, kind: 'table', label: String(i), sortOrder: i } });
		tableIds.push(table.id);
	}
	const category = await db.category.create({
		data: {
			editionId: edition.id,
			sportId: sport.id,
			code: `LV-${n}-${randomUUID().slice(0, 4)}`,
			nameZh: `男子乒乓球 站立 ${n}`,
			nameEn: `Men's table tennis, standing ${n}`,
			format: 'knockout',
			status: 'published'
		}
	});
	const streets = await db.street.findMany({ where: { code: { in: ['S01', 'S02', 'S03', 'S04'] } }, orderBy: { code: 'asc' } });
	const matches = options.matches ?? 1;
	const entryIds: string[] = [];
	for (let i = 0; i < matches * 2; i++) {
		const street = streets[i % streets.length]!;
		const athlete = await db.athlete.create({
			data: {
				editionId: edition.id,
				streetId: street.id,
				referenceCode: `LV${n}X${i}${randomUUID().slice(0, 6)}`,
				name: `选手${n}-${i + 1}`,
				...sealPerson({ residentId: i === 0 && n === 1 ? SECRET_RESIDENT_ID : `${SECRET_RESIDENT_ID.slice(0, 14)}${String(n * 100 + i).padStart(4, '0')}`, certificateNo: `${SECRET_RESIDENT_ID}41` }),
				birthDate: '1949-12-31',
				gender: 'male',
				disabilityCategory: 4,
				disabilityGrade: 1
			}
		});
		const entry = await db.entry.create({ data: { athleteId: athlete.id, categoryId: category.id, status: 'approved' } });
		entryIds.push(entry.id);
	}
	const matchIds: string[] = [];
	const format: TableTennisFormat = { bestOf: 5, firstServer: 'A' };
	const engine = engineFor('tableTennis');
	for (let i = 0; i < matches; i++) {
		const match = await db.match.create({
			data: {
				categoryId: category.id,
				stage: 'knockout',
				round: 1,
				position: i,
				code: `QF${i + 1}`,
				entryAId: entryIds[i * 2] ?? null,
				entryBId: entryIds[i * 2 + 1] ?? null,
				status: 'live',
				format: JSON.stringify({ sport: 'tableTennis', ...format }),
				summary: JSON.stringify(engine.summary(engine.init(format))),
				venueTableId: tableIds[i % tableIds.length] ?? null,
				startedAt: new Date()
			}
		});
		matchIds.push(match.id);
	}
	return { venueId: venue.id, tableIds, categoryId: category.id, entryIds, streetCodes: streets.map((s) => s.code), matchIds };
}

/**
 * One point for `side`, as the scoring service records it: the event and the new summary in
 * one committed transaction, then the broadcast (never before the commit).
 */
export async function scorePoint(db: Db, matchId: string, side: 'A' | 'B', options: { broadcast?: boolean } = {}): Promise<number> {
	const engine = engineFor('tableTennis');
	const version = await db.$transaction(async (tx) => {
		const match = await tx.match.findUniqueOrThrow({ where: { id: matchId }, include: { events: { orderBy: { seq: 'asc' } } } });
		const format = JSON.parse(match.format) as TableTennisFormat;
		let state = engine.init(format);
		for (const e of match.events) state = engine.apply(state, JSON.parse(e.event) as TableTennisEvent);
		const event: TableTennisEvent = { type: 'point', side };
		state = engine.apply(state, event);
		const seq = match.version + 1;
		await tx.matchEvent.create({ data: { matchId, seq, opId: randomUUID(), event: JSON.stringify(event) } });
		const summary = engine.summary(state);
		await tx.match.update({
			where: { id: matchId },
			data: {
				version: seq,
				summary: JSON.stringify(summary),
				status: summary.finished ? 'finished' : 'live',
				winnerEntryId: summary.finished ? (summary.winner === 'A' ? match.entryAId : match.entryBId) : null,
				finishedAt: summary.finished ? new Date() : null
			}
		});
		return seq;
	});
	if (options.broadcast !== false) await broadcastMatch(db, matchId);
	return version;
}

export type ClientSocket = Socket<ServerToClient, ClientToServer>;

export interface RealtimeServer {
	url: string;
	httpServer: HttpServer;
	/** A connected spectator client (WebSocket only). */
	client(): Promise<ClientSocket>;
	close(): Promise<void>;
}

/** Socket.IO on a free port with this test file's database, single process (memory log). */
export async function startRealtime(db: Db, options: { historySize?: number } = {}): Promise<RealtimeServer> {
	const httpServer = createServer((_req, res) => {
		res.statusCode = 404;
		res.end();
	});
	attachRealtime({ httpServer, db, redisUrl: null, historySize: options.historySize });
	await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
	const clients: ClientSocket[] = [];
	return {
		url,
		httpServer,
		async client() {
			const socket: ClientSocket = connect(url, { transports: ['websocket'], reconnection: true, reconnectionDelay: 50 });
			clients.push(socket);
			await new Promise<void>((resolve, reject) => {
				socket.once('connect', () => resolve());
				socket.once('connect_error', reject);
			});
			return socket;
		},
		async close() {
			for (const c of clients) c.disconnect();
			await detachRealtime();
			httpServer.closeAllConnections();
			await new Promise<void>((resolve) => httpServer.close(() => resolve()));
		}
	};
}

/** Collects the events of one kind a socket receives. */
export function collect<E extends keyof ServerToClient>(socket: ClientSocket, event: E): Parameters<ServerToClient[E]>[0][] {
	const seen: Parameters<ServerToClient[E]>[0][] = [];
	socket.on(event, ((payload: Parameters<ServerToClient[E]>[0]) => seen.push(payload)) as never);
	return seen;
}

/** Waits until `check` holds (polling), or fails after `timeout` ms. */
export async function until(check: () => boolean, timeout = 5000): Promise<void> {
	const start = Date.now();
	while (!check()) {
		if (Date.now() - start > timeout) throw new Error('timed out waiting for a condition');
		await new Promise((r) => setTimeout(r, 10));
	}
}

/** A tRPC-over-HTTP client with a cookie jar (one person's browser, without the browser). */
export class ApiClient {
	cookie = '';
	constructor(readonly baseUrl: string) {}

	async #call(path: string, method: 'GET' | 'POST', input?: unknown): Promise<unknown> {
		const url =
			method === 'GET'
				? `${this.baseUrl}/api/trpc/${path}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}`
				: `${this.baseUrl}/api/trpc/${path}`;
		const response = await fetch(url, {
			method,
			headers: { 'content-type': 'application/json', ...(this.cookie ? { cookie: this.cookie } : {}) },
			body: method === 'POST' ? JSON.stringify(input ?? {}) : undefined
		});
		const set = response.headers.getSetCookie?.() ?? [];
		for (const line of set) {
			const pair = line.split(';')[0] ?? '';
			if (pair.startsWith('dg_session=')) this.cookie = pair;
		}
		const body = (await response.json()) as { result?: { data: unknown }; error?: { message: string } };
		if (!response.ok || body.error) throw new Error(`${path}: ${response.status} ${body.error?.message ?? ''}`);
		return body.result?.data;
	}

	query<T>(path: string, input?: unknown): Promise<T> {
		return this.#call(path, 'GET', input) as Promise<T>;
	}

	mutation<T>(path: string, input?: unknown): Promise<T> {
		return this.#call(path, 'POST', input) as Promise<T>;
	}

	async login(username: string, password: string): Promise<void> {
		await this.mutation('auth.login', { username, password });
		if (!this.cookie) throw new Error('login gave no session cookie');
	}
}

/**
 * A referee's scoring through the real API (`scoring.submit`): keeps each match's version and
 * one device id, as a tablet does. `score` sends one event and returns when it is committed.
 */
export class RefereeTablet {
	readonly deviceId = `bench-${randomUUID().slice(0, 12)}`;
	versions = new Map<string, number>();
	constructor(readonly api: ApiClient) {}

	async send(matchId: string, event: Record<string, unknown>): Promise<{ version: number }> {
		const baseVersion = this.versions.get(matchId) ?? 0;
		const result = await this.api.mutation<{ ok: boolean; version?: number; match?: { version: number } }>('scoring.submit', {
			opId: randomUUID().replace(/-/g, ''),
			matchId,
			baseVersion,
			deviceId: this.deviceId,
			event
		});
		if (!result.ok) {
			this.versions.set(matchId, result.match?.version ?? baseVersion);
			throw new Error(`stale operation on ${matchId}`);
		}
		this.versions.set(matchId, result.version ?? baseVersion + 1);
		return { version: result.version ?? baseVersion + 1 };
	}
}

/** Makes a referee with a known password and assigns them to the matches (set-up, not scoring). */
export async function createReferee(db: Db, matchIds: string[], username = `ref-${randomUUID().slice(0, 8)}`): Promise<{ username: string; password: string }> {
	const { hashPassword } = await import('../../src/lib/server/auth/password');
	const password = 'live referee password';
	const user = await db.user.create({
		data: { username, displayName: username, role: 'referee', passwordHash: await hashPassword(password) }
	});
	await db.match.updateMany({ where: { id: { in: matchIds } }, data: { refereeId: user.id, status: 'scheduled' } });
	return { username, password };
}

/** A fresh PostgreSQL database (not a schema: the app process opens the URL as it is). */
export async function createPostgresDatabase(baseUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
	const pg = (await import('pg')).default;
	const name = `dg_live_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 7)}`;
	const admin = new pg.Client({ connectionString: baseUrl });
	await admin.connect();
	await admin.query(`CREATE DATABASE "${name}"`);
	await admin.end();
	const url = new URL(baseUrl);
	url.pathname = `/${name}`;
	return {
		url: url.toString(),
		async drop() {
			const client = new pg.Client({ connectionString: baseUrl });
			await client.connect();
			await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
			await client.end();
		}
	};
}

export { startAppProcess } from './server';

/** Builds the app once if there is no build yet (or LIVE_BUILD=1 asks for a fresh one). */
export async function ensureBuild(): Promise<void> {
	const { existsSync } = await import('node:fs');
	if (existsSync('build/handler.js') && process.env.LIVE_BUILD !== '1') return;
	const { spawnSync } = await import('node:child_process');
	const result = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'error'], { stdio: 'inherit' });
	if (result.status !== 0) throw new Error('vite build failed');
}

/** A private Redis on its own port, without persistence: killed and restarted by the fault tests. */
export class PrivateRedis {
	child: ChildProcess | null = null;
	constructor(readonly port: number) {}
	get url() {
		return `redis://127.0.0.1:${this.port}`;
	}
	async start(): Promise<void> {
		const child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
			stdio: ['ignore', 'pipe', 'pipe']
		});
		this.child = child;
		let output = '';
		await new Promise<void>((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${output}`)), 10_000);
			child.stdout?.on('data', (chunk: Buffer) => {
				output += chunk.toString();
				if (/ready to accept connections/i.test(output)) {
					clearTimeout(timer);
					resolve();
				}
			});
			child.once('exit', () => reject(new Error(`redis-server exited:\n${output}`)));
		});
	}
	async kill(): Promise<void> {
		const child = this.child;
		if (!child || child.exitCode !== null) return;
		const exited = new Promise((resolve) => child.once('exit', resolve));
		child.kill('SIGKILL');
		await exited;
		this.child = null;
	}
}

/**
 * Debian's nginx in front of app processes, with the shipped configuration (deploy/nginx): the
 * upstream and location snippets are included as they are, only the app ports and the install
 * folder (/srv/district-games) replaced, in a main configuration of the test's own (its port,
 * temporary folders, no TLS). Runs in the foreground as the test's child.
 */
export class PrivateNginx {
	child: ChildProcess | null = null;
	readonly dir = mkdtempSync(path.join(tmpdir(), 'dg-nginx-'));
	constructor(
		readonly port: number,
		readonly appPorts: number[],
		readonly root = process.cwd()
	) {}

	get url() {
		return `http://127.0.0.1:${this.port}`;
	}

	/** The shipped snippet with the test's ports and folder. */
	#snippet(name: string): string {
		let text = readFileSync(path.join(this.root, 'deploy/nginx', name), 'utf8').replaceAll('/srv/district-games', this.root);
		const servers = (line: string) => this.appPorts.map((port) => line.replace(/127\.0\.0\.1:\d+/, `127.0.0.1:${port}`)).join('\n');
		// Each upstream lists the shipped ports: one line per test app process instead.
		text = text.replace(/((?:^\s*server 127\.0\.0\.1:\d+[^\n]*\n)+)/gm, (block) => servers(block.split('\n')[0] ?? '') + '\n');
		return text;
	}

	async start(): Promise<void> {
		const d = this.dir;
		writeFileSync(path.join(d, 'upstream.conf'), this.#snippet('district-games-upstream.conf'));
		writeFileSync(path.join(d, 'locations.conf'), this.#snippet('district-games-locations.conf'));
		const user = process.getuid?.() === 0 ? 'user root;\n' : '';
		writeFileSync(
			path.join(d, 'nginx.conf'),
			`${user}worker_processes 1;
daemon off;
pid ${d}/nginx.pid;
error_log ${d}/error.log warn;
events { worker_connections 4096; }
http {
	include /etc/nginx/mime.types;
	default_type application/octet-stream;
	access_log off;
	client_body_temp_path ${d}/body;
	proxy_temp_path ${d}/proxy;
	fastcgi_temp_path ${d}/fastcgi;
	uwsgi_temp_path ${d}/uwsgi;
	scgi_temp_path ${d}/scgi;
	include ${d}/upstream.conf;
	server {
		listen 127.0.0.1:${this.port};
		server_name localhost;
		include ${d}/locations.conf;
	}
}
`
		);
		const child = spawn('nginx', ['-p', d, '-e', `${d}/error.log`, '-c', `${d}/nginx.conf`], { stdio: ['ignore', 'pipe', 'pipe'] });
		this.child = child;
		let output = '';
		child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
		child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
		const started = Date.now();
		for (;;) {
			if (child.exitCode !== null) throw new Error(`nginx exited:\n${output}\n${this.errors()}`);
			const ok = await fetch(`${this.url}/health/live`).then((r) => r.ok, () => false);
			if (ok) return;
			if (Date.now() - started > 20_000) throw new Error(`nginx did not answer:\n${output}\n${this.errors()}`);
			await new Promise((r) => setTimeout(r, 100));
		}
	}

	/** nginx's error log (upstream failures, configuration problems). */
	errors(): string {
		try {
			return readFileSync(path.join(this.dir, 'error.log'), 'utf8');
		} catch {
			return '';
		}
	}

	async stop(): Promise<void> {
		const child = this.child;
		if (child && child.exitCode === null) {
			const exited = new Promise((resolve) => child.once('exit', resolve));
			child.kill('SIGQUIT');
			await exited;
		}
		this.child = null;
		rmSync(this.dir, { recursive: true, force: true });
	}
}

/** What a spectator saw in one room, in the order it applied it. */
export type Seen = { kind: 'update'; seq: number; epoch: string; version?: number } | { kind: 'snapshot'; seq: number; epoch: string };

/**
 * A spectator's browser without the browser: one Socket.IO connection that follows rooms the
 * way the live pages do (src/lib/realtime/connection.svelte.ts) — the same `RoomSequencer`,
 * a subscribe with each room's position on every (re)connection, a resync when an update of
 * another epoch arrives or a gap does not fill within 300 ms — and records every update and
 * snapshot it applied, so a test can check each was applied exactly once and in order.
 */
export class Spectator {
	readonly socket: ClientSocket;
	readonly rooms = new Map<string, { sequencer: RoomSequencer; seen: Seen[]; timer: ReturnType<typeof setTimeout> | null }>();
	connections = 0;
	subscribed = 0;

	constructor(url: string, rooms: string[], options: { transports?: Array<'websocket' | 'polling'> } = {}) {
		for (const room of rooms) {
			const seen: Seen[] = [];
			const sequencer: RoomSequencer = new RoomSequencer(room, {
				apply: (u) => seen.push({ kind: 'update', seq: u.seq, epoch: u.epoch, version: (u.payload as { version?: number } | null)?.version }),
				snapshot: (_s, seq) => seen.push({ kind: 'snapshot', seq, epoch: sequencer.epoch ?? '' })
			});
			this.rooms.set(room, { sequencer, seen, timer: null });
		}
		this.socket = connect(url, {
			transports: options.transports ?? ['websocket', 'polling'],
			reconnectionDelay: 200,
			reconnectionDelayMax: 1_000
		});
		this.socket.on('connect', () => {
			this.connections++;
			this.#subscribe([...this.rooms.keys()]);
		});
		this.socket.on('update', (update) => {
			const entry = this.rooms.get(update.room);
			if (!entry) return;
			const verdict = entry.sequencer.receive(update);
			if (verdict === 'resync') this.#subscribe([update.room]);
			else if (entry.sequencer.waiting && !entry.sequencer.pending && !entry.timer) {
				entry.timer = setTimeout(() => {
					entry.timer = null;
					if (entry.sequencer.waiting) this.#subscribe([update.room]);
				}, 300);
			}
		});
	}

	#subscribe(rooms: string[]): void {
		if (!this.socket.connected) return;
		const entries = rooms.map((room) => this.rooms.get(room)!);
		for (const entry of entries) entry.sequencer.pending = true;
		const socket = this.socket;
		socket.emit('subscribe', { rooms: entries.map((e) => e.sequencer.position()) }, (result) => {
			if (!result.ok) {
				for (const entry of entries) entry.sequencer.pending = false;
				setTimeout(() => this.#subscribe(rooms), 200);
				return;
			}
			this.subscribed++;
			for (const catchUp of result.rooms) {
				const entry = this.rooms.get(catchUp.room);
				if (entry && entry.sequencer.catchUp(catchUp) === 'resync') this.#subscribe([catchUp.room]);
			}
		});
	}

	/** The last match version applied in `room` (from an update, or the snapshot's view). */
	seen(room: string): Seen[] {
		return this.rooms.get(room)?.seen ?? [];
	}

	close(): void {
		for (const entry of this.rooms.values()) if (entry.timer) clearTimeout(entry.timer);
		this.socket.disconnect();
	}
}

/**
 * A referee's tablet over HTTP with the console's retry rule (src/lib/scoring/console.svelte.ts):
 * an operation keeps its opId and base version and is sent again while the answer is a network
 * failure or a 5xx (a proxy's 502 when the process died), until the server answers it. Records
 * every acknowledgement, so a test can check each operation was acknowledged exactly once.
 */
export class RetryingTablet {
	readonly deviceId = `tablet-${randomUUID().slice(0, 12)}`;
	version = 0;
	readonly acked: Array<{ opId: string; version: number; duplicate: boolean; attempts: number }> = [];
	retries = 0;
	constructor(readonly api: ApiClient) {}

	async send(matchId: string, event: Record<string, unknown>): Promise<void> {
		const opId = randomUUID().replace(/-/g, '');
		const baseVersion = this.version;
		for (let attempt = 1; ; attempt++) {
			let response: Response;
			try {
				response = await fetch(`${this.api.baseUrl}/api/trpc/scoring.submit`, {
					method: 'POST',
					headers: { 'content-type': 'application/json', cookie: this.api.cookie },
					body: JSON.stringify({ opId, matchId, baseVersion, deviceId: this.deviceId, event }),
					signal: AbortSignal.timeout(15_000)
				});
			} catch {
				this.retries++;
				await new Promise((r) => setTimeout(r, 100));
				continue;
			}
			const text = await response.text().catch(() => '');
			if (response.status >= 500 || !text) {
				this.retries++;
				await new Promise((r) => setTimeout(r, 100));
				continue;
			}
			const body = JSON.parse(text) as { result?: { data: { ok: boolean; version?: number; duplicate?: boolean; reason?: string } }; error?: { message: string } };
			const data = body.result?.data;
			if (!response.ok || !data) throw new Error(`operation refused (${response.status}): ${body.error?.message ?? text}`);
			if (!data.ok) throw new Error(`operation ${opId} answered ${data.reason ?? 'not ok'} on attempt ${attempt}`);
			this.version = data.version ?? baseVersion + 1;
			this.acked.push({ opId, version: this.version, duplicate: data.duplicate === true, attempts: attempt });
			return;
		}
	}
}
