/**
 * Load benchmark (`npm run bench:load`, prints tables). Against the production server
 * (`node server.js`, built app) on a temporary SQLite database — or PostgreSQL with
 * `--database-url` — over loopback only, every loop bounded:
 *
 * 1. Registration: 200 athletes submit the public form at the same moment (each from its own
 *    address, as people do); p50/p99/max latency, and a check that every accepted submission is
 *    in the database exactly once and nothing else is.
 * 2. Game day: 40 referees score (one point every ~0.5 s each, through `scoring.submit`),
 *    2,000 spectators stay connected over Socket.IO (in a separate process) following the
 *    matches and the "now playing" room, and 5 organizers browse their pages; throughput and
 *    latency per kind, updates received, CPU and memory of each process.
 *
 *   npm run bench:load [-- --spectators 2000 --referees 40 --seconds 20 --database-url postgresql://…]
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { startAppProcess } from '../support/server';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { percentile } from './stats';
import { cpuMs, rssBytes } from './proc';
import { openWithTestKeys } from '../support/database';
import { residentIdIndex } from '../../src/lib/server/privacy/person';

const here = fileURLToPath(import.meta.url);
const root = path.resolve(path.dirname(here), '../..');
const { values } = parseArgs({
	options: {
		role: { type: 'string', default: 'driver' },
		spectators: { type: 'string', default: '2000' },
		referees: { type: 'string', default: '40' },
		registrations: { type: 'string', default: '200' },
		seconds: { type: 'string', default: '20' },
		'database-url': { type: 'string' },
		url: { type: 'string' },
		rooms: { type: 'string' }
	}
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const children: ChildProcess[] = [];
process.on('exit', () => children.forEach((c) => c.exitCode === null && c.kill('SIGKILL')));

function stats(samples: number[]) {
	const s = [...samples].sort((a, b) => a - b);
	return { n: s.length, p50: percentile(s, 50), p99: percentile(s, 99), max: s[s.length - 1] ?? NaN };
}
const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : '—');

/** CPU (% of one core) and RSS (MB) of a process, sampled from /proc. */
function sampler(pid: number) {
	const rss = () => rssBytes(pid) / 1024 / 1024;
	const samples: Array<{ cpu: number; rss: number }> = [];
	let last = cpuMs(pid);
	let lastAt = Date.now();
	const timer = setInterval(() => {
		try {
			const t = cpuMs(pid);
			const at = Date.now();
			samples.push({ cpu: ((t - last) / (at - lastAt)) * 100, rss: rss() });
			last = t;
			lastAt = at;
		} catch {
			/* the process ended */
		}
	}, 500);
	return {
		stop() {
			clearInterval(timer);
			const cpu = samples.map((s) => s.cpu);
			return {
				cpuAvg: cpu.reduce((a, b) => a + b, 0) / Math.max(1, cpu.length),
				cpuMax: Math.max(0, ...cpu),
				rssMax: Math.max(0, ...samples.map((s) => s.rss))
			};
		}
	};
}

// ─── Spectator process ────────────────────────────────────────────────────────

async function spectatorRole(): Promise<void> {
	const { io } = await import('socket.io-client');
	const rooms = (values.rooms as string).split(',');
	const count = Number(values.spectators);
	const { unbatch } = await import('../../src/lib/realtime/events');
	let received = 0;
	let views = 0;
	const sockets: Array<ReturnType<typeof io>> = [];
	for (let i = 0; i < count; i++) {
		const socket = io(values.url as string, { transports: ['websocket'], reconnection: false, forceNew: true });
		socket.on('update', (update: Parameters<typeof unbatch>[0]) => {
			received++;
			views += unbatch(update).length;
		});
		const room = i % 5 === 0 ? 'live' : (rooms[i % rooms.length] as string);
		await new Promise<void>((resolve, reject) => {
			socket.once('connect', () => socket.emit('subscribe', { rooms: [{ room }] }, () => resolve()));
			socket.once('connect_error', reject);
		});
		sockets.push(socket);
	}
	process.send?.({ type: 'connected', count: sockets.length });
	process.on('message', (message: { type: string }) => {
		if (message.type !== 'report') return;
		process.send?.({ type: 'report', received, views, connected: sockets.filter((s) => s.connected).length });
		setTimeout(() => process.exit(0), 100);
	});
}

// ─── Driver ───────────────────────────────────────────────────────────────────

async function driver(): Promise<void> {
	const { hashPassword } = await import('../../src/lib/server/auth/password');
	const { makeResidentId } = await import('../../src/lib/domain/registration/identity');
	const { createScoringMatch, formats, opId, deviceId } = await import('../support/scoring');

	// Always measure the code as it is now (a stale build once hid a fix), unless told otherwise.
	if (!process.env.BENCH_SKIP_BUILD || !existsSync(path.join(root, 'build/handler.js'))) {
		console.log('building the app…');
		const built = spawn(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'error'], { cwd: root, stdio: 'inherit' });
		await new Promise((r) => built.on('exit', r));
	}
	const dir = mkdtempSync(path.join(tmpdir(), 'dg-load-'));
	process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
	let databaseUrl = `file:${path.join(dir, 'load.db')}`;
	let dropDatabase: (() => Promise<void>) | null = null;
	if (values['database-url']) {
		const pg = (await import('pg')).default;
		const name = `bench_load_${Date.now()}`;
		const admin = new pg.Client({ connectionString: values['database-url'] });
		await admin.connect();
		await admin.query(`CREATE DATABASE ${name}`);
		await admin.end();
		const url = new URL(values['database-url']);
		url.pathname = `/${name}`;
		databaseUrl = url.toString();
		dropDatabase = async () => {
			const c = new pg.Client({ connectionString: values['database-url'] });
			await c.connect();
			await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
			await c.end();
		};
	}
	const app = await startAppProcess(
		{
			DATABASE_URL: databaseUrl,
			SEED: 'demo',
			ADMIN_USERNAME: 'load-organizer',
			ADMIN_PASSWORD: 'lantern pebble orchard for load',
			ADDRESS_HEADER: 'x-forwarded-for'
		},
		{ root }
	);
	children.push(app.child);
	const base = app.url;

	const { db, close } = await openWithTestKeys(databaseUrl, { migrate: false }); // the app process runs with TEST_DATA_KEY
	const post = async (procedure: string, body: unknown, headers: Record<string, string> = {}) => {
		const started = performance.now();
		const response = await fetch(`${base}/api/trpc/${procedure}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.30.0.1', ...headers },
			body: JSON.stringify(body)
		});
		const json = (await response.json()) as { result?: { data: unknown }; error?: { message: string } };
		return { ms: performance.now() - started, status: response.status, json, headers: response.headers };
	};

	// ── 1. Registration: 200 at once ──
	const edition = await db.edition.findFirstOrThrow({ where: { current: true } });
	const sport = await db.sport.findUniqueOrThrow({ where: { key: 'darts' } });
	const category = await db.category.create({
		data: { editionId: edition.id, sportId: sport.id, code: 'LOAD', nameZh: '压力测试组', nameEn: 'Load test', format: 'dartsTotal', eligibility: JSON.stringify({ ageReferenceDate: edition.startsOn }) }
	});
	const streets = await db.street.findMany({ orderBy: { sortOrder: 'asc' } });
	const registrations = Number(values.registrations);
	const people = Array.from({ length: registrations }, (_, i) => {
		const residentId = makeResidentId('110105', `19${50 + (i % 45)}-0${1 + (i % 9)}-1${i % 9}`, (i * 7) % 1000);
		return {
			name: `压测${i}`,
			residentId,
			certificateNo: `${residentId}43`,
			phone: '13800000000',
			consentPersonal: true,
			consentSensitive: true,
			categoryIds: [category.id],
			streetId: streets[i % streets.length]!.id
		};
	});
	const unique = new Set(people.map((p) => p.residentId));
	const results = await Promise.all(
		people.map((person, i) => post('registration.submit', person, { 'x-forwarded-for': `10.20.${Math.floor(i / 250)}.${i % 250}` }))
	);
	const accepted = results.filter((r) => r.status === 200).length;
	const indexOf = new Map([...unique].map((id) => [residentIdIndex(id), id]));
	const stored = await db.athlete.findMany({ where: { residentIdIndex: { in: [...indexOf.keys()] } }, select: { residentIdIndex: true } });
	const storedIds = new Set(stored.map((s) => indexOf.get(s.residentIdIndex)));
	const registration = stats(results.map((r) => r.ms));
	const refusedReasons = [...new Set(results.filter((r) => r.status !== 200).map((r) => `${r.status} ${r.json.error?.message}`))];

	// ── 2. Game day ──
	const referee = await db.user.create({
		data: { username: 'load-ref', displayName: 'Load referee', role: 'referee', passwordHash: await hashPassword('load referee password') }
	});
	const tables = Number(values.referees);
	const matches = [];
	for (let i = 0; i < tables; i++) {
		matches.push(await createScoringMatch(db, { format: formats.tableTennis(7), refereeId: referee.id, tableLabel: `L${i + 1}` }));
	}
	await close();
	const login = async (username: string, password: string) => {
		const r = await post('auth.login', { username, password });
		return (r.headers.get('set-cookie') ?? '').split(';')[0]!;
	};
	const refereeCookie = await login('load-ref', 'load referee password');
	const organizerCookie = await login('load-organizer', 'lantern pebble orchard for load');

	const spectatorCount = Number(values.spectators);
	const spectators = fork(here, ['--role', 'spectators', '--url', base, '--spectators', String(spectatorCount), '--rooms', matches.map((m) => `match:${m.matchId}`).join(',')], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
	children.push(spectators);
	const connected = await new Promise<number>((resolve, reject) => {
		spectators.once('message', (m: { count: number }) => resolve(m.count));
		spectators.once('exit', (code) => reject(new Error(`spectators exited ${code}`)));
	});
	const serverCpu = sampler(app.pid);
	const spectatorCpu = sampler(spectators.pid!);
	const seconds = Number(values.seconds);
	const until = Date.now() + seconds * 1000;
	const scoring: number[] = [];
	const browsing: number[] = [];
	let scoringErrors = 0;
	let browsingErrors = 0;

	const tablet = async (matchId: string, index: number) => {
		const device = deviceId();
		let version = 0;
		const first = [{ type: 'call' }, { type: 'start' }];
		await sleep((index * 500) / tables);
		while (Date.now() < until) {
			const event = first.shift() ?? { type: 'point', side: Math.random() < 0.5 ? 'A' : 'B' };
			const r = await post('scoring.submit', { opId: opId(), matchId, baseVersion: version, deviceId: device, event }, { cookie: refereeCookie });
			const data = r.json.result?.data as { ok: boolean; version: number; summary: { finished: boolean } } | undefined;
			if (r.status !== 200 || !data?.ok) {
				scoringErrors++;
				if (scoringErrors === 1) console.error('scoring refused:', r.status, JSON.stringify(r.json).slice(0, 300));
				break;
			}
			scoring.push(r.ms);
			version = data.version;
			if (data.summary.finished) break;
			await sleep(500);
		}
	};
	const organizer = async (index: number) => {
		const pages = ['/admin', '/admin/entries', '/categories', '/live', '/admin/schedule', '/live/medals'];
		let i = index;
		while (Date.now() < until) {
			const started = performance.now();
			const r = await fetch(`${base}${pages[i++ % pages.length]}`, { headers: { cookie: organizerCookie, 'x-forwarded-for': `10.40.0.${index}` } });
			await r.arrayBuffer();
			if (r.status === 200) browsing.push(performance.now() - started);
			else if (++browsingErrors === 1) console.error('page refused:', r.status, r.url);
			await sleep(1000);
		}
	};
	const started = Date.now();
	await Promise.all([...matches.map((m, i) => tablet(m.matchId, i)), ...Array.from({ length: 5 }, (_, i) => organizer(i))]);
	const elapsed = (Date.now() - started) / 1000;
	const server_ = serverCpu.stop();
	const spectators_ = spectatorCpu.stop();
	spectators.send({ type: 'report' });
	const report = await new Promise<{ received: number; views: number; connected: number }>((resolve) => spectators.once('message', resolve as never));

	await app.stop();
	await dropDatabase?.();

	const db_ = databaseUrl.startsWith('file:') ? 'SQLite' : 'PostgreSQL';
	console.log(`\nRegistration burst (${db_}): ${registrations} submissions at once`);
	console.table([
		{
			submissions: registrations,
			accepted,
			refused: registrations - accepted,
			'stored (accepted ones)': [...unique].filter((id) => storedIds.has(id)).length,
			'lost or duplicated': Math.abs(storedIds.size - accepted),
			'p50 ms': ms(registration.p50),
			'p99 ms': ms(registration.p99),
			'max ms': ms(registration.max)
		}
	]);
	if (refusedReasons.length) console.log('refusals:', refusedReasons.join('; '));
	const serverErrors = app.output().split('\n').filter((line) => line.includes('"level":"error"'));
	if (serverErrors.length) console.log(`server errors (${serverErrors.length}), first:`, serverErrors[0]);
	const s = stats(scoring);
	const b = stats(browsing);
	console.log(`\nGame day (${db_}): ${tables} referees, ${connected} spectators connected, 5 organizers, ${elapsed.toFixed(1)} s`);
	console.table([
		{ kind: 'scoring (referees)', requests: s.n, 'per s': (s.n / elapsed).toFixed(1), errors: scoringErrors, 'p50 ms': ms(s.p50), 'p99 ms': ms(s.p99), 'max ms': ms(s.max) },
		{ kind: 'pages (organizers)', requests: b.n, 'per s': (b.n / elapsed).toFixed(1), errors: browsingErrors, 'p50 ms': ms(b.p50), 'p99 ms': ms(b.p99), 'max ms': ms(b.max) },
		{ kind: 'messages to spectators', requests: report.received, 'per s': (report.received / elapsed).toFixed(0), errors: connected - report.connected, 'p50 ms': '', 'p99 ms': '', 'max ms': '' },
		{ kind: 'match views in them', requests: report.views, 'per s': (report.views / elapsed).toFixed(0), errors: '', 'p50 ms': '', 'p99 ms': '', 'max ms': '' }
	]);
	console.table([
		{ process: 'app server', 'CPU avg %': server_.cpuAvg.toFixed(0), 'CPU peak %': server_.cpuMax.toFixed(0), 'RSS peak MB': server_.rssMax.toFixed(0) },
		{ process: `spectator clients (${connected})`, 'CPU avg %': spectators_.cpuAvg.toFixed(0), 'CPU peak %': spectators_.cpuMax.toFixed(0), 'RSS peak MB': spectators_.rssMax.toFixed(0) }
	]);
	process.exit(0);
}

if (values.role === 'spectators') await spectatorRole();
else await driver();
