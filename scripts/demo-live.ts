/**
 * `npm run demo:live` — plays a simulated day of scoring against a running app, so a newcomer
 * sees the live pages move (/live, /live/screen, /live/medals).
 *
 *   npm start                       # in one terminal (demo seed: draws and matches in progress)
 *   npm run demo:live               # in another; open http://localhost:3000/live
 *
 * Options: --url http://localhost:3000  --tables 8 (matches played at once)
 *          --pace 1500 (ms between a referee's entries)  --minutes 20 (then it stops)
 *
 * Scoring goes through the real path: HTTP tRPC `scoring.submit` as a logged-in referee, so
 * the server commits each operation and broadcasts it. Set-up only touches the database
 * directly (same DATABASE_URL as the server): a `demo-live` referee account with a fresh
 * password for this run, assigned to the matches it plays, and free tables for them.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { openDatabase } from '../src/lib/server/db';
import { DEFAULT_SQLITE_URL } from '../src/lib/server/db/provider';
import { hashPassword } from '../src/lib/server/auth/password';
import { audit, systemActor } from '../src/lib/server/audit';
import { serverClock } from '../src/lib/server/clock';
import { DEMO_DEVICE, placeDemoMatches, playableMatches } from '../src/lib/server/live/demo';
import { nextEvent, rng } from '../src/lib/server/live/simulate';

const { values } = parseArgs({
	options: {
		url: { type: 'string', default: process.env.DEMO_URL ?? `http://localhost:${process.env.PORT ?? 3000}` },
		tables: { type: 'string', default: '8' },
		pace: { type: 'string', default: '1500' },
		minutes: { type: 'string', default: '20' }
	}
});
const baseUrl = values.url.replace(/\/$/, '');
const tables = Math.max(1, Math.min(40, Number(values.tables) || 8));
const pace = Math.max(50, Number(values.pace) || 1500);
const until = Date.now() + Math.max(0.1, Number(values.minutes) || 20) * 60_000;
const random = rng(Date.now() % 100_000);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let cookie = '';
async function trpc<T>(path: string, input: unknown): Promise<T> {
	const response = await fetch(`${baseUrl}/api/trpc/${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
		body: JSON.stringify(input)
	});
	for (const line of response.headers.getSetCookie()) if (line.startsWith('dg_session=')) cookie = line.split(';')[0] ?? '';
	const body = (await response.json()) as { result?: { data: T }; error?: { message: string } };
	if (!response.ok || !body.result) throw new Error(`${path}: ${body.error?.message ?? response.status}`);
	return body.result.data;
}

async function main(): Promise<void> {
	const url = process.env.DATABASE_URL ?? DEFAULT_SQLITE_URL;
	try {
		await fetch(`${baseUrl}/live`);
	} catch {
		console.error(`No app answers at ${baseUrl}. Start it first (npm start), or pass --url.`);
		process.exit(1);
	}
	const { db, close } = await openDatabase(url, { migrate: false });
	const username = 'demo-live';
	const password = randomBytes(12).toString('base64url');
	const existing = await db.user.findUnique({ where: { username } });
	const referee = existing
		? await db.user.update({ where: { username }, data: { passwordHash: await hashPassword(password), active: true, mustChangePassword: false, role: 'referee' } })
		: await db.user.create({ data: { username, displayName: '演示裁判 Demo referee', role: 'referee', passwordHash: await hashPassword(password) } });
	await audit(db, systemActor, { action: 'demo.referee', entity: 'User', entityId: referee.id });
	const clock = await serverClock(db, 'zh-CN');
	await trpc('auth.login', { username, password });
	console.log(`Scoring as "${username}" through ${baseUrl}/api/trpc (scoring.submit). Watch ${baseUrl}/live`);

	const playing = new Set<string>();
	let operations = 0;

	async function claim(): Promise<string | null> {
		const candidates = (await playableMatches(db, 200)).filter((m) => !playing.has(m.id));
		for (const candidate of candidates) {
			const match = await db.match.findUnique({ where: { id: candidate.id }, select: { controllerId: true, status: true } });
			// Never take a match another tablet controls.
			if (!match || (match.controllerId && match.controllerId !== DEMO_DEVICE)) continue;
			playing.add(candidate.id);
			await db.match.update({ where: { id: candidate.id }, data: { refereeId: referee.id } });
			await placeDemoMatches(db, [candidate.id]);
			return candidate.id;
		}
		return null;
	}

	async function table(index: number): Promise<void> {
		await sleep(index * (pace / tables));
		while (Date.now() < until) {
			const matchId = await claim();
			if (!matchId) return;
			const row = await db.match.findUniqueOrThrow({ where: { id: matchId }, select: { code: true, status: true, version: true, summary: true, format: true } });
			const sport = String((JSON.parse(row.format) as { sport?: unknown }).sport);
			let state = { status: row.status, version: row.version, summary: JSON.parse(row.summary) as unknown };
			while (Date.now() < until) {
				const event = nextEvent(sport, state.status, state.summary, random);
				if (!event) break;
				const result = await trpc<{ ok: boolean; version: number; status: string; summary: unknown; match?: { version: number; status: string; summary: unknown } }>(
					'scoring.submit',
					{ opId: randomUUID().replace(/-/g, ''), matchId, baseVersion: state.version, deviceId: DEMO_DEVICE, event }
				);
				operations++;
				state = result.ok
					? { status: result.status, version: result.version, summary: result.summary }
					: { status: result.match?.status ?? state.status, version: result.match?.version ?? state.version, summary: result.match?.summary ?? state.summary };
				if (event.type === 'signoff' || event.type === 'call') console.log(`${clock.format(new Date(), 'seconds')}  ${row.code}: ${event.type === 'call' ? 'called' : 'finished'}`);
				await sleep(pace * (0.5 + random()));
			}
			playing.delete(matchId);
		}
	}

	const timer = setInterval(() => console.log(`… ${operations} scoring operations so far, ${playing.size} matches in play`), 15_000);
	await Promise.all(Array.from({ length: tables }, (_, i) => table(i)));
	clearInterval(timer);
	console.log(`Done: ${operations} scoring operations. (No more playable matches, or the time is up.)`);
	await close();
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
