/**
 * Page weight (npm run bench:pages): builds the app (skip with --no-build), starts the real
 * server with the demo seed on a temporary SQLite file, and prints for each page the HTML as
 * sent raw, gzip and brotli (what the server itself sends for each Accept-Encoding), and the
 * JavaScript the page loads (its module scripts and their static imports, gzip as served), and
 * beside it the JavaScript those modules load lazily once the page runs (e.g. the Socket.IO
 * client a live page fetches after hydration; the router's imports of other pages not counted).
 * Goals (issue #15): home ≤ 30 KB and /live ≤ 40 KB of compressed HTML; JS ≤ 60 KB gzip on
 * spectator pages (the first column).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startAppProcess } from '../support/server';

const root = process.cwd();
const build = !process.argv.includes('--no-build');
const kb = (n: number) => (n / 1024).toFixed(1);

/** Bytes of the response body as sent (not decompressed). */
async function rawBytes(url: string, encoding: string): Promise<number> {
	const http = await import('node:http');
	return new Promise((resolve, reject) => {
		const request = http.get(url, { headers: { 'accept-encoding': encoding } }, (response) => {
			let total = 0;
			response.on('data', (chunk: Buffer) => (total += chunk.length));
			response.on('end', () => resolve(total));
		});
		request.on('error', reject);
	});
}

/** The page's JavaScript: every /_app module the HTML or its Link header names (modulepreload, imports). */
function scriptsOf(html: string, link: string): string[] {
	const found = new Set<string>();
	for (const m of html.matchAll(/(?:href|src)="([^"]+\.js)"/g)) found.add(m[1] as string);
	for (const m of html.matchAll(/import\("([^"]+\.js)"\)/g)) found.add(m[1] as string);
	for (const m of link.matchAll(/<([^>]+\.js)>; rel="modulepreload"/g)) found.add(m[1] as string);
	return [...found].filter((src) => src.includes('/_app/')).map((src) => src.replace(/^(\.\/)+/, '/'));
}

/**
 * The modules that `loaded` import lazily (`import("./x.js")` in a chunk or page node, not the
 * router's table of pages in entry/app), with the static imports of those not already loaded.
 */
async function lazyModules(loaded: string[]): Promise<string[]> {
	const seen = new Set(loaded);
	const found: string[] = [];
	const queue: Array<{ url: string; lazyOnly: boolean }> = loaded.filter((u) => !u.includes('/entry/app.')).map((url) => ({ url, lazyOnly: true }));
	while (queue.length) {
		const { url, lazyOnly } = queue.shift()!;
		const code = await (await fetch(url)).text();
		const targets = [...code.matchAll(/import\(\s*[`'"](\.{1,2}\/[^`'"]+\.js)[`'"]\s*\)/g)].map((m) => m[1] as string);
		if (!lazyOnly) targets.push(...[...code.matchAll(/(?:^|[;}\s])(?:import|export)\s*(?:[^'"`;]*?\sfrom\s*)?["'`](\.{1,2}\/[^"'`]+\.js)["'`]/g)].map((m) => m[1] as string));
		for (const target of targets) {
			const next = new URL(target, url).href;
			if (seen.has(next)) continue;
			seen.add(next);
			found.push(next);
			queue.push({ url: next, lazyOnly: false });
		}
	}
	return found;
}

async function main(): Promise<void> {
	if (build) {
		const result = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'error'], { cwd: root, stdio: 'inherit' });
		if (result.status !== 0) throw new Error('vite build failed');
	}
	const dir = mkdtempSync(path.join(tmpdir(), 'dg-bench-pages-'));
	const server = await startAppProcess({ DATABASE_URL: `file:${path.join(dir, 'bench.db')}`, UPLOAD_DIR: path.join(dir, 'uploads') });
	try {
		const pages = ['/', '/live', '/live/medals', '/live/screen?run=1&views=now', '/categories', '/register', '/art', '/login'];
		const rows: string[][] = [];
		for (const page of pages) {
			const url = `${server.url}${page}`;
			const plain = await rawBytes(url, 'identity');
			const gzip = await rawBytes(url, 'gzip');
			const br = await rawBytes(url, 'br');
			const response = await fetch(url);
			const html = await response.text();
			const first = scriptsOf(html, response.headers.get('link') ?? '').map((src) => new URL(src, url).href);
			let js = 0;
			for (const src of first) js += await rawBytes(src, 'gzip');
			const lazy = await lazyModules(first);
			let later = 0;
			for (const src of lazy) later += await rawBytes(src, 'gzip');
			rows.push([page, kb(plain), kb(gzip), kb(br), kb(js), kb(later)]);
		}
		const header = ['page', 'HTML raw KB', 'HTML gzip KB', 'HTML br KB', 'JS gzip KB', '+ lazy JS gzip KB'];
		const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
		const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join(' | ');
		console.log(line(header));
		console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
		for (const row of rows) console.log(line(row));
	} finally {
		await server.stop();
		rmSync(dir, { recursive: true, force: true });
	}
}

await main();
