/**
 * Benchmark of referee scoring through the real path: the built app (`server.js`, one
 * process) and tRPC over HTTP, 40 tables scoring at once, on SQLite and on PostgreSQL.
 *
 * Run: npm run bench:scoring  (builds the app first when `build/` is missing)
 * Options (environment): BENCH_TABLES (40), BENCH_PACED_SECONDS (10), BENCH_PACED_RATE (ops
 * per second per table, 2), TEST_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/test;
 * the bench creates and drops a fresh database beside it), BENCH_SKIP_PG=1.
 *
 * Two runs per database:
 * - saturated: every table sends its next operation as soon as the previous one is
 *   acknowledged (a whole best-of-7 table tennis match each): the throughput one process sustains;
 * - paced: every table sends BENCH_PACED_RATE operations per second (a real table scores a
 *   point every 10-20 s, so 2/s is ~30× a real hall): the acknowledgement latency referees feel.
 * Latency is measured at the client from request to acknowledgement (HTTP included). At the end
 * the database must hold every operation exactly once. The same two runs then call the scoring
 * service in-process (path "service": no HTTP, no session lookup), which separates the
 * database's share of the cost from the web stack's. BENCH_SKIP_SERVICE=1 leaves them out.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase } from '../../src/lib/server/db';
import { seedBase } from '../../src/lib/server/db/seed';
import { createSession, SESSION_COOKIE } from '../../src/lib/server/auth/session';
import { createScoringMatch, formats } from '../support/scoring';
import { startAppProcess } from '../support/server';
import { applyOperation, broadcastsSettled } from '../../src/lib/server/scoring/service';
import type { SessionUser } from '../../src/lib/roles';
import { percentile } from './stats';

const TABLES = Number(process.env.BENCH_TABLES ?? 40);
const PACED_SECONDS = Number(process.env.BENCH_PACED_SECONDS ?? 10);
const PACED_RATE = Number(process.env.BENCH_PACED_RATE ?? 2);
const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
const root = process.cwd();

type Event = Record<string, unknown> & { type: string };

/** A best-of-7 match that goes the distance: 7 games, each through deuce to 12-10. */
function longMatch(): Event[] {
	const events: Event[] = [{ type: 'call' }, { type: 'start' }];
	for (let g = 0; g < 7; g++) {
		const winner = g % 2 === 0 ? 'A' : 'B';
		const loser = winner === 'A' ? 'B' : 'A';
		for (let i = 0; i < 20; i++) events.push({ type: 'point', side: i % 2 ? loser : winner });
		events.push({ type: 'point', side: winner }, { type: 'point', side: winner });
	}
	events.push({ type: 'signoff' });
	return events;
}



interface Table {
	matchId: string;
	token: string;
	version: number;
	device: string;
	referee: SessionUser;
}

interface Setup {
	url: string;
	tables: Table[];
	cleanup(): Promise<void>;
}

async function prepare(url: string, cleanup: () => Promise<void>, matchesPerTable: number): Promise<Setup> {
	const { db, close } = await openDatabase(url);
	await seedBase(db);
	const tables: Table[] = [];
	for (let t = 0; t < TABLES; t++) {
		const referee = await db.user.create({
			data: { username: `bench-ref-${t}`, displayName: `Bench ${t}`, role: 'referee', passwordHash: 'not-used' }
		});
		const { token } = await createSession(db, referee.id, 12);
		for (let m = 0; m < matchesPerTable; m++) {
			const match = await createScoringMatch(db, { format: formats.tableTennis(7), refereeId: referee.id, tableLabel: String(t + 1) });
			tables.push({
				matchId: match.matchId,
				token,
				version: 0,
				device: `dev_bench_${t}_${m}`,
				referee: { id: referee.id, username: referee.username, displayName: referee.displayName, role: 'referee', streetId: null, mustChangePassword: false }
			});
		}
	}
	await close();
	return { url, tables, cleanup };
}

async function startServer(url: string): Promise<{ base: string; stop(): Promise<void> }> {
	const app = await startAppProcess({ DATABASE_URL: url, SEED: 'none' }, { root });
	return { base: app.url, stop: app.stop };
}

let opCounter = 0;

/** Sends one operation; returns the acknowledgement latency in ms. */
async function send(base: string, table: Table, event: Event): Promise<number> {
	const body = JSON.stringify({
		opId: `op_bench_${process.pid}_${++opCounter}`,
		matchId: table.matchId,
		baseVersion: table.version,
		deviceId: table.device,
		event
	});
	const started = performance.now();
	const response = await fetch(`${base}/api/trpc/scoring.submit`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', cookie: `${SESSION_COOKIE}=${table.token}` },
		body
	});
	const json = (await response.json()) as { result?: { data?: { ok: boolean; version: number } }; error?: { message: string } };
	const elapsed = performance.now() - started;
	const data = json.result?.data;
	if (!response.ok || !data?.ok) throw new Error(`operation refused: ${response.status} ${JSON.stringify(json).slice(0, 300)}`);
	table.version = data.version;
	return elapsed;
}

interface RunResult {
	run: string;
	ops: number;
	seconds: number;
	latencies: number[];
}

type Sender = (table: Table, event: Event) => Promise<number>;

async function saturated(send: Sender, tables: Table[]): Promise<RunResult> {
	const script = longMatch();
	const latencies: number[] = [];
	const started = performance.now();
	await Promise.all(
		tables.map(async (table) => {
			for (const event of script) latencies.push(await send(table, event));
		})
	);
	return { run: 'saturated', ops: latencies.length, seconds: (performance.now() - started) / 1000, latencies };
}

async function paced(send: Sender, tables: Table[]): Promise<RunResult> {
	const script = longMatch();
	const latencies: number[] = [];
	const interval = 1000 / PACED_RATE;
	const started = performance.now();
	const deadline = started + PACED_SECONDS * 1000;
	await Promise.all(
		tables.map(async (table, t) => {
			await new Promise((r) => setTimeout(r, (t / tables.length) * interval));
			let next = performance.now();
			for (const event of script) {
				if (performance.now() > deadline) break;
				latencies.push(await send(table, event));
				next += interval;
				const wait = next - performance.now();
				if (wait > 0) await new Promise((r) => setTimeout(r, wait));
			}
		})
	);
	return { run: `paced ${PACED_RATE}/s/table`, ops: latencies.length, seconds: (performance.now() - started) / 1000, latencies };
}

async function verify(url: string, tables: Table[]): Promise<string> {
	const { db, close } = await openDatabase(url, { migrate: false });
	try {
		let expected = 0;
		for (const t of tables) expected += t.version;
		const stored = await db.matchEvent.count();
		const duplicates = stored - (await db.matchEvent.groupBy({ by: ['opId'] })).length;
		return stored === expected && duplicates === 0 ? `ok (${stored} events, each once)` : `MISMATCH: stored ${stored}, acknowledged ${expected}`;
	} finally {
		await close();
	}
}

async function sqliteSetup(matchesPerTable: number): Promise<Setup> {
	const dir = mkdtempSync(path.join(tmpdir(), 'dg-bench-scoring-'));
	return prepare(`file:${path.join(dir, 'bench.db')}`, async () => rmSync(dir, { recursive: true, force: true }), matchesPerTable);
}

async function postgresSetup(matchesPerTable: number): Promise<Setup> {
	const name = `bench_scoring_${Date.now().toString(36)}`;
	const admin = new pg.Client({ connectionString: PG_URL });
	await admin.connect();
	await admin.query(`CREATE DATABASE "${name}"`);
	await admin.end();
	const url = new URL(PG_URL);
	url.pathname = `/${name}`;
	return prepare(url.toString(), async () => {
		const client = new pg.Client({ connectionString: PG_URL });
		await client.connect();
		await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
		await client.end();
	}, matchesPerTable);
}

async function main() {
	if (!existsSync(path.join(root, 'build', 'handler.js'))) {
		console.log('Building the app (build/ is missing)…');
		const build = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'error'], { cwd: root, stdio: 'inherit' });
		if (build.status !== 0) throw new Error('vite build failed');
	}
	const rows: Array<Record<string, string>> = [];
	const providers: Array<[string, (n: number) => Promise<Setup>]> = [['SQLite', sqliteSetup]];
	if (!process.env.BENCH_SKIP_PG) providers.push(['PostgreSQL', postgresSetup]);
	const row = (label: string, path: string, result: RunResult) => {
		const sorted = [...result.latencies].sort((a, b) => a - b);
		return {
			database: label,
			path,
			run: result.run,
			tables: String(TABLES),
			ops: String(result.ops),
			'ops/s': (result.ops / result.seconds).toFixed(0),
			'p50 ms': percentile(sorted, 50).toFixed(1),
			'p95 ms': percentile(sorted, 95).toFixed(1),
			'p99 ms': percentile(sorted, 99).toFixed(1),
			'max ms': sorted[sorted.length - 1]!.toFixed(1),
			'p99 ≤ 20 ms': percentile(sorted, 99) <= 20 ? 'yes' : 'no',
			stored: ''
		};
	};
	for (const [label, setupFor] of providers) {
		// HTTP: the started app, tRPC over HTTP (session cookie, the real route).
		let setup: Setup;
		try {
			setup = await setupFor(2);
		} catch (error) {
			console.log(`${label}: skipped (${error instanceof Error ? error.message : String(error)})`);
			continue;
		}
		const server = await startServer(setup.url);
		try {
			// Two matches per table: the first for the saturated run, the second for the paced run.
			const first = setup.tables.filter((_, i) => i % 2 === 0);
			const second = setup.tables.filter((_, i) => i % 2 === 1);
			// Warm-up: the first requests load the route modules.
			for (const table of first.slice(0, 3)) {
				await fetch(`${server.base}/api/trpc/scoring.myMatches`, { headers: { cookie: `${SESSION_COOKIE}=${table.token}` } });
			}
			const http: Sender = (table, event) => send(server.base, table, event);
			const results = [await saturated(http, first), await paced(http, second)];
			await server.stop();
			const stored = await verify(setup.url, setup.tables);
			for (const r of results) rows.push({ ...row(label, 'HTTP', r), stored });
		} finally {
			await server.stop().catch(() => undefined);
			await setup.cleanup();
		}
		if (process.env.BENCH_SKIP_SERVICE) continue;
		// In-process: the scoring service called directly (no HTTP, no session lookup).
		const local = await setupFor(2);
		const { db, close } = await openDatabase(local.url, { migrate: false });
		try {
			const first = local.tables.filter((_, i) => i % 2 === 0);
			const second = local.tables.filter((_, i) => i % 2 === 1);
			const direct: Sender = async (table, event) => {
				const started = performance.now();
				const result = await applyOperation(db, table.referee, {
					opId: `op_bench_${process.pid}_${++opCounter}`,
					matchId: table.matchId,
					baseVersion: table.version,
					deviceId: table.device,
					event: event as never
				});
				const elapsed = performance.now() - started;
				if (!result.ok) throw new Error('stale in the service bench');
				table.version = result.version;
				return elapsed;
			};
			const results = [await saturated(direct, first), await paced(direct, second)];
			await broadcastsSettled();
			await close();
			const stored = await verify(local.url, local.tables);
			for (const r of results) rows.push({ ...row(label, 'service', r), stored });
		} finally {
			await local.cleanup();
		}
	}
	console.log(`\nReferee scoring through tRPC over HTTP, one app process, ${TABLES} tables at once (best-of-7 table tennis, ${longMatch().length} operations per match)\n`);
	console.table(rows);
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
