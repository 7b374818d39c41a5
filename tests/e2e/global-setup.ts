/**
 * Builds the app and starts the real production server (server.js) on a free port with a fresh
 * SQLite database and the demo seed, as `npm start` does; the browser tests drive it.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
	export interface ProvidedContext {
		baseUrl: string;
		admin: { username: string; password: string };
	}
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
		});
	});
}

let server: ChildProcess | undefined;
let dir: string | undefined;

export async function setup(project: TestProject): Promise<void> {
	const root = process.cwd();
	if (!process.env.E2E_SKIP_BUILD) {
		const build = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'error'], {
			cwd: root,
			stdio: 'inherit'
		});
		if (build.status !== 0) throw new Error('vite build failed');
	}
	dir = mkdtempSync(path.join(tmpdir(), 'dg-e2e-'));
	const port = await freePort();
	const admin = { username: 'e2e-organizer', password: 'e2e organizer password' };
	server = spawn(process.execPath, [path.join(root, 'server.js')], {
		cwd: root,
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			DATABASE_URL: `file:${path.join(dir, 'e2e.db')}`,
			UPLOAD_DIR: path.join(dir, 'uploads'), // art images go to the temp folder, not ./data
			ADMIN_USERNAME: admin.username,
			ADMIN_PASSWORD: admin.password,
			NODE_ENV: 'production'
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	await new Promise<void>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
		const onData = (chunk: Buffer) => {
			output += chunk.toString();
			if (output.includes('listening on')) {
				clearTimeout(timer);
				resolve();
			}
		};
		server?.stdout?.on('data', onData);
		server?.stderr?.on('data', onData);
		server?.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
	});
	project.provide('baseUrl', `http://127.0.0.1:${port}`);
	project.provide('admin', admin);
}

export async function teardown(): Promise<void> {
	server?.kill('SIGTERM');
	if (dir) rmSync(dir, { recursive: true, force: true });
}
