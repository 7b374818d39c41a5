/**
 * Factories for the live tests: a venue with tables, a table tennis category with approved
 * entries from given streets, matches in progress, scoring without the scoring service
 * (`scorePoint`: a committed DB write of the engine's next summary, then the broadcast the
 * service would do), and a Socket.IO server on a free port for the realtime tests.
 */
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
