/**
 * `npm run backup` / `npm run restore` on a PostgreSQL deployment, as an operator runs them
 * (tsx scripts/backup.ts): the backup folder reveals no personal number, name or image; a
 * restore with another installation's key is refused in one line before the database is
 * touched; with the right key the database and the uploads come back. Runs once, in the
 * PostgreSQL project, on a database of its own (a restore needs the database to itself).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDatabase } from '../support/live';
import { openWithTestKeys } from '../support/database';
import { TEST_DATA_KEY } from '../support/keys';
import { person, setupProgramme, streetId } from '../support/registration';
import { seedBase } from '../../src/lib/server/db/seed';
import { createCaller } from '../../src/lib/server/trpc/router';
import { createContextInner } from '../../src/lib/server/trpc/context';
import { newKeyEntry } from '../../src/lib/server/privacy/crypto';
import type { OpenedDatabase } from '../../src/lib/server/db';

const pgUrl = process.env.TEST_DATABASE_URL;
const reason = process.env.TEST_DB === 'postgresql' && !pgUrl ? 'PostgreSQL backup test skipped: set TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test to run it' : null;
const active = process.env.TEST_DB === 'postgresql' && !reason;
if (reason) {
	if (process.env.CI) throw new Error(`${reason} (required in CI)`);
	console.warn(reason);
}

function script(args: string[], env: Record<string, string>) {
	const result = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/backup.ts', ...args], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 120_000 });
	return { code: result.status, stdout: result.stdout.trim(), stderr: result.stderr.trim() };
}

const everyFile = (folder: string): string[] => readdirSync(folder, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? everyFile(path.join(folder, e.name)) : [path.join(folder, e.name)]));

(active ? describe : describe.skip)('encrypted backup and restore of a PostgreSQL deployment [postgresql]', () => {
	let database: { url: string; drop(): Promise<void> };
	let opened: OpenedDatabase | null = null;
	let dir: string;
	let env: Record<string, string>;
	const athlete = { ...person(), phone: '13700008888' };
	let referenceCode = '';

	beforeAll(async () => {
		database = await createPostgresDatabase(pgUrl as string);
		dir = mkdtempSync(path.join(tmpdir(), 'dg-pg-backup-'));
		env = { DATABASE_URL: database.url, UPLOAD_DIR: path.join(dir, 'uploads'), DATA_KEY: TEST_DATA_KEY };
		opened = await openWithTestKeys(database.url);
		await seedBase(opened.db);
		const { xiangqi } = await setupProgramme(opened.db, { quota: 20 });
		const caller = createCaller(createContextInner({ db: opened.db, user: null }));
		({ referenceCode } = await caller.registration.submit({ ...athlete, streetId: await streetId(opened.db, 'S05'), categoryIds: [xiangqi.id] }));
		mkdirSync(path.join(dir, 'uploads', 'art'), { recursive: true });
		writeFileSync(path.join(dir, 'uploads', 'art', 'work.jpg'), 'JFIF a painting');
		await opened.close();
		opened = null;
	}, 120_000);

	afterAll(async () => {
		await opened?.close();
		await database?.drop();
		if (dir) rmSync(dir, { recursive: true, force: true });
	});

	it('writes a backup that reveals no number, name or image, refuses another key without touching the database, and restores with the right one', async () => {
		const backup = script(['backup', path.join(dir, 'backups')], env);
		expect(backup.stderr).toBe('');
		expect(backup.code).toBe(0);
		const folder = /backup written to (\S+)/.exec(backup.stdout)![1]!;
		expect(statSync(folder).mode & 0o777).toBe(0o700);
		const files = everyFile(folder);
		expect(files.map((f) => path.relative(folder, f)).sort()).toEqual(['database.pgdump.enc', 'manifest.json', path.join('uploads', 'art', 'work.jpg.enc')]);
		for (const f of files) {
			expect(statSync(f).mode & 0o777, f).toBe(0o600);
			const bytes = readFileSync(f);
			for (const secret of [athlete.residentId, athlete.residentId.slice(6, 14), athlete.phone, athlete.name, referenceCode, 'PGDMP', 'JFIF']) expect(bytes.includes(Buffer.from(secret)), `${path.basename(f)} reveals ${secret}`).toBe(false);
		}

		// after the backup: one more athlete, and the image changed
		opened = await openWithTestKeys(database.url, { migrate: false });
		const { xiangqi } = await setupProgramme(opened.db, { quota: 20 });
		const caller = createCaller(createContextInner({ db: opened.db, user: null }));
		await caller.registration.submit({ ...person(), streetId: await streetId(opened.db, 'S05'), categoryIds: [xiangqi.id] });
		const athletesAfter = await opened.db.athlete.count();
		writeFileSync(path.join(dir, 'uploads', 'art', 'work.jpg'), 'changed');

		// while a session uses the database (the app, here this test's client): refused
		const busy = script(['restore', folder], env);
		expect(busy.code).toBe(1);
		expect(busy.stderr).toMatch(/^restore refused: \d+ other sessions use the database \(the app is running\?\): stop every app process/);
		await opened.close();
		opened = null;

		const wrongKey = script(['restore', folder], { ...env, DATA_KEY: newKeyEntry() });
		expect(wrongKey.code).toBe(1);
		expect(wrongKey.stderr).toMatch(/^restore refused: the backup was encrypted with another data key: set DATA_KEY .* nothing was changed\.$/);
		opened = await openWithTestKeys(database.url, { migrate: false });
		expect(await opened.db.athlete.count()).toBe(athletesAfter);
		await opened.close();
		opened = null;

		const done = script(['restore', folder], env);
		expect(done.stderr).toBe('');
		expect(done.code).toBe(0);
		expect(done.stdout).toMatch(/^restored the backup of /);
		opened = await openWithTestKeys(database.url, { migrate: false });
		expect(await opened.db.athlete.count()).toBe(athletesAfter - 1);
		const status = await createCaller(createContextInner({ db: opened.db, user: null })).registration.athlete.status({ referenceCode, residentId: athlete.residentId });
		expect(status.phone).toBe(athlete.phone);
		expect(readFileSync(path.join(dir, 'uploads', 'art', 'work.jpg'), 'utf8')).toBe('JFIF a painting');
	}, 180_000);
});
