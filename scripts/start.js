// `npm start`: build the app when the build is missing or older than the sources, then serve it.
// The server's start-up migrates and seeds the database (demo data on the embedded SQLite).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const built = path.join(root, 'build', 'handler.js');

/** The newest modification time under the given paths. */
function newest(paths) {
	let latest = 0;
	const visit = (p) => {
		if (!existsSync(p)) return;
		const s = statSync(p);
		if (s.isDirectory()) for (const name of readdirSync(p)) visit(path.join(p, name));
		else latest = Math.max(latest, s.mtimeMs);
	};
	paths.forEach((p) => visit(path.join(root, p)));
	return latest;
}

const sources = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package-lock.json'];
if (!existsSync(built) || statSync(built).mtimeMs < newest(sources)) {
	console.log('Building the app (first start or changed sources)…');
	const result = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build'], {
		cwd: root,
		stdio: 'inherit'
	});
	if (result.status !== 0) process.exit(result.status ?? 1);
}
await import(path.join(root, 'server.js'));
