/**
 * Crash safety: live scoring on 20 matches through the real server while the process is
 * killed with SIGKILL at random moments and restarted. Every acknowledged operation must be
 * in the database exactly once, and the tablets' retried (queued) operations must replay
 * without duplicates.
 */
import { mulberry32 } from '../../src/lib/domain/draws/random';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/lib/server/auth/password';
import { createScoringMatch, deviceId, formats, opId } from '../support/scoring';
import { freePort, startAppProcess, type AppProcess } from '../support/server';
import { openWithTestKeys } from '../support/database';

const MATCHES = 20;
const KILLS = 4;
const dir = mkdtempSync(path.join(tmpdir(), 'dg-crash-'));
const file = path.join(dir, 'crash.db');
let server: AppProcess | undefined;
afterAll(async () => {
	await server?.kill();
	rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The app on `port` (the same port after every restart, as the tablets keep their URL). */
const startServer = (port: number) =>
	startAppProcess({ DATABASE_URL: `file:${file}`, SEED: 'base' }, { port });

describe('crash safety of live scoring', () => {
	it('keeps every acknowledged point exactly once through repeated SIGKILLs, and queued retries never duplicate', async () => {
		const port = await freePort();
		const base = `http://127.0.0.1:${port}`;
		server = await startServer(port); // creates and migrates the database

		const { db, close } = await openWithTestKeys(`file:${file}`, { migrate: false }); // the app process runs with the same test key
		const referee = await db.user.create({
			data: { username: 'crash-ref', displayName: 'Crash referee', role: 'referee', passwordHash: await hashPassword('crash referee password') }
		});
		const matches = [];
		for (let i = 0; i < MATCHES; i++) {
			matches.push(await createScoringMatch(db, { format: formats.tableTennis(3), refereeId: referee.id, tableLabel: String(i + 1) }));
		}
		await close();

		const login = await fetch(`${base}/api/trpc/auth.login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ username: 'crash-ref', password: 'crash referee password' })
		});
		const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
		expect(cookie).toMatch(/^dg_session=/);

		const acknowledged = new Map<string, string>(); // opId → matchId
		const generated = new Map<string, number>(); // matchId → operations generated
		let duplicates = 0;
		let retries = 0;
		let failure: unknown = null;

		/** Sends one operation until the server answers it (the tablet's queue: same opId, same base). */
		async function send(op: { opId: string; matchId: string; baseVersion: number; deviceId: string; event: object }) {
			for (;;) {
				if (failure) throw failure;
				try {
					const response = await fetch(`${base}/api/trpc/scoring.submit`, {
						method: 'POST',
						headers: { 'content-type': 'application/json', cookie },
						body: JSON.stringify(op),
						signal: AbortSignal.timeout(5000)
					});
					if (response.status >= 500) throw new Error(`status ${response.status}`);
					const body = (await response.json()) as { result?: { data: { ok: boolean; duplicate?: boolean; version?: number; summary?: { finished: boolean } } }; error?: unknown };
					if (!body.result) throw new Error(`refused: ${JSON.stringify(body.error)}`);
					return body.result.data;
				} catch (error) {
					if (error instanceof Error && error.message.startsWith('refused')) throw error;
					retries++;
					await sleep(50);
				}
			}
		}

		async function tablet(matchId: string, seed: number) {
			const random = mulberry32(seed);
			const device = deviceId();
			let version = 0;
			let finished = false;
			const events: object[] = [{ type: 'call' }, { type: 'start' }];
			while (true) {
				const event = events.shift() ?? (finished ? { type: 'signoff' } : { type: 'point', side: random() < 0.5 ? 'A' : 'B' });
				const op = { opId: opId(), matchId, baseVersion: version, deviceId: device, event };
				generated.set(matchId, (generated.get(matchId) ?? 0) + 1);
				const result = await send(op);
				expect(result.ok, `operation on ${matchId} was refused as stale`).toBe(true);
				if (result.duplicate) duplicates++;
				acknowledged.set(op.opId, matchId);
				version = result.version!;
				if ((event as { type: string }).type === 'signoff') return;
				finished = Boolean(result.summary?.finished);
			}
		}

		const random = mulberry32(42);
		let running = true;
		const killer = (async () => {
			for (let kill = 0; kill < KILLS && running; kill++) {
				await sleep(400 + random() * 1200);
				if (!running) break;
				await server?.kill();
				server = await startServer(port);
			}
		})().catch((error: unknown) => {
			failure = error;
		});
		await Promise.all(matches.map((m, i) => tablet(m.matchId, 1000 + i)));
		running = false;
		await killer;
		if (failure) throw failure;
		await server?.stop();

		const check = new Database(file, { readonly: true });
		const rows = check.prepare('SELECT "opId", "matchId", "seq" FROM "MatchEvent"').all() as Array<{ opId: string; matchId: string; seq: number }>;
		const versions = check.prepare('SELECT "id", "version", "status" FROM "Match"').all() as Array<{ id: string; version: number; status: string }>;
		check.close();

		const stored = new Map(rows.map((r) => [r.opId, r]));
		expect(rows.length, 'one stored event per acknowledged operation').toBe(acknowledged.size);
		for (const [op, matchId] of acknowledged) expect(stored.get(op)?.matchId, `acknowledged ${op} is stored once`).toBe(matchId);
		for (const match of matches) {
			const seqs = rows.filter((r) => r.matchId === match.matchId).map((r) => r.seq).sort((a, b) => a - b);
			const row = versions.find((v) => v.id === match.matchId)!;
			expect(seqs).toEqual(Array.from({ length: row.version }, (_, i) => i + 1));
			expect(row.version).toBe(generated.get(match.matchId));
			expect(row.status).toBe('finished');
		}
		console.log(`crash test: ${acknowledged.size} operations on ${MATCHES} matches, ${KILLS} SIGKILLs, ${retries} retries, ${duplicates} replays answered from the stored result`);
	}, 300_000);
});
