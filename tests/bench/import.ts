/**
 * Benchmark of registration at district-games scale (goals: importing 1,000 athletes from an
 * .xlsx into SQLite ≤ 3 s; the organizer's entries overview with 1,000 entries rendered
 * server-side ≤ 100 ms).
 *
 * Run: npm run bench:import [runs]   (needs a build for the render part: npx vite build)
 * The import runs through the coordinator's real procedures (importPreview: read the file and
 * validate every row with the domain rules; importConfirm: validate again and write, in one
 * transaction) on a fresh SQLite file. The overview is fetched from the production server
 * (server.js) on that database as a logged-in organizer: `runs` requests (default 20) after
 * one cold request; the table shows cold, median, p95 and max.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { openWithTestKeys } from '../support/database';
import { seedBase } from '../../src/lib/server/db/seed';
import { createSession, SESSION_COOKIE } from '../../src/lib/server/auth/session';
import { createCaller } from '../../src/lib/server/trpc/router';
import { createContextInner } from '../../src/lib/server/trpc/context';
import { writeImport } from '../../src/lib/server/registration/excel';
import { makeResidentId } from '../../src/lib/domain/registration/identity';
import { parseFormatConfig } from '../../src/lib/server/competition/formatConfig';
import type { SessionUser } from '../../src/lib/roles';
import { startAppProcess, type AppProcess } from '../support/server';
import { mulberry32 } from '../../src/lib/domain/draws/random';
import { percentile } from './stats';

/** Seeded, so every run works on the same data. */
const random = mulberry32(20261212);

const RUNS = Number(process.argv[2] ?? 20);
const ATHLETES = 1000;


const stats = (ms: number[]) => {
	const sorted = [...ms].sort((a, b) => a - b);
	return { median: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted[sorted.length - 1] ?? 0 };
};
const f = (n: number) => n.toFixed(1).padStart(9);

async function main() {
	const dir = mkdtempSync(path.join(tmpdir(), 'dg-bench-import-'));
	const url = `file:${path.join(dir, 'bench.db')}`;
	const rows: Array<{ name: string; ms: number; cpu?: number; goal?: number; note?: string }> = [];
	let server: AppProcess | undefined;
	try {
		// Encryption on: the personal numbers and phones are sealed with the data key, as in the app.
		const { db, close } = await openWithTestKeys(url);
		await seedBase(db);
		const edition = await db.edition.findFirstOrThrow({ where: { current: true } });
		await db.edition.update({ where: { id: edition.id }, data: { registrationOpensAt: new Date(Date.now() - 86_400_000), registrationClosesAt: new Date(Date.now() + 86_400_000 * 10), maxEventsPerAthlete: 2 } });
		const sport = await db.sport.findUniqueOrThrow({ where: { key: 'darts' } });
		for (const [code, rule] of [['DT-T', {}], ['DT-S', { disabilityCategories: [2, 3, 4] }]] as const) {
			await db.category.create({ data: { editionId: edition.id, sportId: sport.id, code, nameZh: code, nameEn: code, format: 'dartsTotal', formatConfig: JSON.stringify(parseFormatConfig({})), eligibility: JSON.stringify({ ...rule, ageReferenceDate: edition.startsOn }), streetQuota: null } });
		}
		const street = await db.street.findUniqueOrThrow({ where: { code: 'S01' } });
		const coordinator = await db.user.create({ data: { username: 'bench-coord', displayName: 'bench', role: 'coordinator', streetId: street.id, passwordHash: 'x' } });
		const organizer = await db.user.create({ data: { username: 'bench-org', displayName: 'bench', role: 'organizer', passwordHash: 'x' } });
		const user: SessionUser = { id: coordinator.id, username: coordinator.username, displayName: 'bench', role: 'coordinator', streetId: street.id, mustChangePassword: false };

		const used = new Set<string>();
		const people = [];
		while (people.length < ATHLETES) {
			const birth = `19${50 + Math.floor(random() * 50)}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
			const id = makeResidentId('110105', birth, Math.floor(random() * 1000));
			if (used.has(id)) continue;
			used.add(id);
			people.push({ name: `运动员${people.length + 1}`, residentId: id, certificateNo: `${id}${[2, 3, 4][Math.floor(random() * 3)]}${1 + Math.floor(random() * 4)}`, phone: '13900000000', events: 'DT-T' });
		}
		const file = await writeImport(people);
		const caller = createCaller(createContextInner({ db, user }));

		// Wall time, and this process's CPU time (stable when other work shares the machine).
		const cpuMs = (since: NodeJS.CpuUsage) => {
			const used = process.cpuUsage(since);
			return (used.user + used.system) / 1000;
		};
		let t = performance.now();
		let cpu = process.cpuUsage();
		const preview = await caller.registration.street.importPreview({ fileBase64: file.toString('base64') });
		const previewMs = performance.now() - t;
		const previewCpu = cpuMs(cpu);
		if (preview.valid !== ATHLETES) throw new Error(`expected ${ATHLETES} valid rows, got ${preview.valid}`);
		t = performance.now();
		cpu = process.cpuUsage();
		const done = await caller.registration.street.importConfirm({ token: preview.token!, opId: 'bench-import' });
		const confirmMs = performance.now() - t;
		const confirmCpu = cpuMs(cpu);
		if (done.imported !== ATHLETES || (await db.entry.count()) !== ATHLETES) throw new Error('import incomplete');
		rows.push({ name: `import preview: read .xlsx + validate ${ATHLETES} rows`, ms: previewMs, cpu: previewCpu });
		rows.push({ name: `import confirm: validate again + encrypt + write ${ATHLETES}`, ms: confirmMs, cpu: confirmCpu });
		rows.push({ name: `import total (${(file.length / 1024).toFixed(0)} KB .xlsx)`, ms: previewMs + confirmMs, cpu: previewCpu + confirmCpu, goal: 3000 });

		t = performance.now();
		await createCaller(createContextInner({ db, user: { ...user, id: organizer.id, role: 'organizer', streetId: null } })).registration.entries.overview();
		rows.push({ name: 'overview query (tRPC, in process)', ms: performance.now() - t });
		const { token } = await createSession(db, organizer.id, 1);
		await close();

		const root = process.cwd();
		if (!existsSync(path.join(root, 'build/handler.js'))) {
			rows.push({ name: 'overview SSR: skipped, run `npx vite build` first', ms: NaN });
		} else {
			server = await startAppProcess({ DATABASE_URL: url, SEED: 'none' }, { root });
			const port = server.port;
			const get = async () => {
				const start = performance.now();
				const res = await fetch(`http://127.0.0.1:${port}/admin/entries`, { headers: { cookie: `${SESSION_COOKIE}=${token}` } });
				const html = await res.text();
				const ms = performance.now() - start;
				if (res.status !== 200 || !html.includes('DT-T')) throw new Error(`overview answered ${res.status}`);
				return ms;
			};
			const cold = await get();
			const times: number[] = [];
			for (let i = 0; i < RUNS; i++) times.push(await get());
			const s = stats(times);
			rows.push({ name: `overview SSR over HTTP, cold`, ms: cold });
			rows.push({ name: `overview SSR over HTTP, median of ${RUNS}`, ms: s.median, goal: 100, note: `p95 ${s.p95.toFixed(1)} ms, max ${s.max.toFixed(1)} ms` });
		}
	} finally {
		await server?.stop();
		rmSync(dir, { recursive: true, force: true });
	}
	console.log(`\nRegistration benchmark (${ATHLETES} athletes, SQLite, encryption on, Node ${process.version}, load average ${loadavg()[0]!.toFixed(1)})\n`);
	console.log(`${'case'.padEnd(58)}${'ms'.padStart(9)}${'cpu ms'.padStart(9)}  ${'goal'.padStart(6)}  result`);
	for (const r of rows) {
		const verdict = r.goal === undefined ? '' : r.ms <= r.goal ? 'ok' : 'OVER GOAL';
		console.log(`${r.name.padEnd(58)}${f(r.ms)}${r.cpu === undefined ? ''.padStart(9) : f(r.cpu)}  ${r.goal === undefined ? ''.padStart(6) : String(r.goal).padStart(6)}  ${verdict}${r.note ? `  (${r.note})` : ''}`);
	}
}

await main();
