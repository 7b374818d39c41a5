/**
 * Builds the app and starts the real production server (server.js) on a free port with a fresh
 * SQLite database and the demo seed, as `npm start` does; the browser tests drive it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startAppProcess, type AppProcess } from '../support/server';

declare module 'vitest' {
	export interface ProvidedContext {
		baseUrl: string;
		admin: { username: string; password: string };
	}
}

let server: AppProcess | undefined;
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
	const admin = { username: 'e2e-organizer', password: 'lantern pebble orchard at dusk' };
	server = await startAppProcess({
		DATABASE_URL: `file:${path.join(dir, 'e2e.db')}`,
		UPLOAD_DIR: path.join(dir, 'uploads'), // art images go to the temp folder, not ./data
		ADMIN_USERNAME: admin.username,
		ADMIN_PASSWORD: admin.password
	});
	project.provide('baseUrl', server.url);
	project.provide('admin', admin);
}

export async function teardown(): Promise<void> {
	await server?.stop();
	if (dir) rmSync(dir, { recursive: true, force: true });
}
