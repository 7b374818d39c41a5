/**
 * `npm run restore` against a real running app (`node server.js` on a SQLite file): refused
 * with one line and exit code 1 while the app runs (a write it acknowledges afterwards would
 * never reach the restored file), done once it has stopped; a corrupt backup is one line, not
 * a stack trace. Runs once, in the SQLite project.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuild, startAppProcess } from '../support/live';
import type { AppProcess } from '../support/server';
import { TEST_DATA_KEY } from '../support/keys';
import { newKeyEntry } from '../../src/lib/server/privacy/crypto';

const active = process.env.TEST_DB === 'sqlite';

/** Runs `npm run backup|restore` as an operator would (tsx scripts/backup.ts). */
function script(args: string[], env: Record<string, string>) {
	const result = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/backup.ts', ...args], {
		env: { ...process.env, ...env },
		encoding: 'utf8',
		timeout: 60_000
	});
	return { code: result.status, stdout: result.stdout.trim(), stderr: result.stderr.trim() };
}

(active ? describe : describe.skip)('npm run restore and a running app [sqlite]', () => {
	let dir: string;
	let env: Record<string, string>;
	let app: AppProcess | null = null;

	beforeAll(async () => {
		await ensureBuild();
		dir = mkdtempSync(path.join(tmpdir(), 'dg-restore-'));
		env = { DATABASE_URL: `file:${path.join(dir, 'data', 'app.db')}`, UPLOAD_DIR: path.join(dir, 'data', 'uploads'), SEED: 'base', DATA_KEY: TEST_DATA_KEY };
		app = await startAppProcess(env);
	}, 180_000);

	afterAll(async () => {
		await app?.stop();
		if (dir) rmSync(dir, { recursive: true, force: true });
	});

	it('refuses to restore while the app runs, with one line and exit code 1, and restores once it has stopped', async () => {
		const backup = script(['backup', path.join(dir, 'backups')], env);
		expect(backup.code).toBe(0);
		const folder = /backup written to (\S+)/.exec(backup.stdout)![1]!;

		const refused = script(['restore', folder], env);
		expect(refused.code).toBe(1);
		expect(refused.stderr.split('\n')).toHaveLength(1);
		expect(refused.stderr).toMatch(/^restore refused: the app is running .*\(process \d+\)/);

		await app!.stop();
		app = null;
		// Another installation's data key: refused in one line before the database is touched.
		const database = path.join(dir, 'data', 'app.db');
		const before = readFileSync(database);
		const wrongKey = script(['restore', folder], { ...env, DATA_KEY: newKeyEntry() });
		expect(wrongKey.code).toBe(1);
		expect(wrongKey.stderr).toMatch(/^restore refused: the backup was encrypted with another data key: set DATA_KEY .* nothing was changed\.$/);
		expect(readFileSync(database).equals(before)).toBe(true);
		// No key at all (no DATA_KEY, no key file): refused too, and no key is made up.
		const noKey = script(['restore', folder], { ...env, DATA_KEY: '', DATA_KEY_FILE: path.join(dir, 'no-such-key') });
		expect(noKey.code).toBe(1);
		expect(noKey.stderr).toMatch(/^restore refused: no data key: DATA_KEY is not set and there is no key file at /);
		expect(existsSync(path.join(dir, 'no-such-key'))).toBe(false);
		const done = script(['restore', folder], env);
		expect(done.stderr).toBe('');
		expect(done.code).toBe(0);
		expect(done.stdout).toMatch(/^restored the backup of /);
	}, 120_000);

	it('answers a corrupt backup with one line and exit code 1, not a stack trace', () => {
		const corrupt = path.join(dir, 'corrupt');
		mkdirSync(corrupt);
		writeFileSync(path.join(corrupt, 'database.db'), 'SQLite format 3\0'.padEnd(4096, 'x'));
		writeFileSync(path.join(corrupt, 'manifest.json'), JSON.stringify({ createdAt: 'x', database: 'sqlite', uploads: false, tables: {} }));
		const result = script(['restore', corrupt], env);
		expect(result.code).toBe(1);
		expect(result.stderr.split('\n')).toHaveLength(1);
		expect(result.stderr).toMatch(/^restore refused: the backup database is (not a usable SQLite database|damaged)/);
		expect(result.stderr).not.toMatch(/\s+at /);
	}, 60_000);
});
