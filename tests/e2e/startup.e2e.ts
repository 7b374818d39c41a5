import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(path.join(tmpdir(), 'dg-startup-e2e-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Starts the built production server with `env` and returns how it ended. */
function start(env: Record<string, string>) {
	const result = spawnSync(process.execPath, ['server.js'], {
		cwd: process.cwd(),
		env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
		encoding: 'utf8',
		timeout: 30_000
	});
	return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('starting the server with a bad configuration', () => {
	it('refuses an invalid environment and names the variable', () => {
		const { code, output } = start({ DATABASE_URL: 'mysql://nope', ADMIN_USERNAME: 'boss' });
		expect(code).toBe(1);
		expect(output).toContain('The app cannot start');
		expect(output).toContain('DATABASE_URL: must be a SQLite URL');
		expect(output).toContain('ADMIN_PASSWORD: set ADMIN_USERNAME and ADMIN_PASSWORD together');
	});

	it('refuses a corrupt SQLite file with a clear message instead of a stack trace', () => {
		const file = path.join(dir, 'corrupt.db');
		writeFileSync(file, 'definitely not SQLite '.repeat(200));
		const { code, output } = start({ DATABASE_URL: `file:${file}` });
		expect(code).toBe(1);
		expect(output).toMatch(/DATABASE_URL: cannot use .*corrupt\.db.*not a valid SQLite database/);
		expect(output).not.toMatch(/\n\s+at /);
	});
});

describe('starting a second server on the same SQLite file', () => {
	it('stops the second one with one line that says what to do, and leaves the first one serving', async () => {
		const env = { ...process.env, PORT: '0', HOST: '127.0.0.1', DATABASE_URL: `file:${path.join(dir, 'twice.db')}`, SEED: 'base' };
		const first = spawn(process.execPath, ['server.js'], { cwd: process.cwd(), env, stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		first.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
		first.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
		try {
			await expect.poll(() => output, { timeout: 30_000 }).toContain('listening on');
			const second = start({ DATABASE_URL: env.DATABASE_URL, SEED: 'base' });
			expect(second.code).toBe(1);
			expect(second.output).toMatch(/DATABASE_URL: another app process \(pid \d+\) is already using the SQLite database .*twice\.db\. .*PostgreSQL/);
			expect(second.output).not.toMatch(/wasm|\n\s+at /);
			expect(first.exitCode).toBeNull();
		} finally {
			const exited = new Promise((resolve) => first.on('exit', resolve));
			first.kill('SIGTERM');
			await exited;
		}
	}, 60_000);
});

describe('stopping the server', () => {
	it('stops cleanly on SIGTERM, closing live connections and the database', async () => {
		const child = spawn(process.execPath, ['server.js'], {
			cwd: process.cwd(),
			env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATABASE_URL: `file:${path.join(dir, 'stop.db')}`, SEED: 'base' },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let output = '';
		child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
		await expect.poll(() => output, { timeout: 30_000 }).toContain('listening on');
		const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
		child.kill('SIGTERM');
		expect(await exited).toBe(0);
		expect(output).toContain('SIGTERM received');
	});
});
