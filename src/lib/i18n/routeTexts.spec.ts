import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { messagesFor } from './index';
import { publicNav, roleNav } from '$lib/nav';

const routes = path.resolve('src/routes');
const components = path.resolve('src/lib/components');

function files(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const full = path.join(dir, name);
		return statSync(full).isDirectory() ? files(full) : full.endsWith('.svelte') ? [full] : [];
	});
}

/** Static keys (`t('live.title')`) and the fixed start of built keys (`t(\`live.status.${s}\`)`). */
function keysIn(source: string): Array<{ key: string; prefix: boolean }> {
	const found: Array<{ key: string; prefix: boolean }> = [];
	for (const m of source.matchAll(/\bt\(\s*'([a-zA-Z_][\w.]*)'/g)) found.push({ key: m[1] as string, prefix: false });
	for (const m of source.matchAll(/\bt\(\s*`([a-zA-Z_][\w.]*)\$\{/g)) found.push({ key: m[1] as string, prefix: true });
	return found;
}

/** The SvelteKit route id of a file under src/routes ('/live/match/[id]'). */
const routeId = (file: string) => '/' + path.relative(routes, path.dirname(file)).split(path.sep).join('/');

/** The component files a file uses, followed through their own imports of components. */
function componentsOf(file: string, seen = new Set<string>()): string[] {
	const source = readFileSync(file, 'utf8');
	const direct = [
		...[...source.matchAll(/\$lib\/components\/([\w/]+\.svelte)['"]/g)].map((m) => path.join(components, m[1] as string)),
		...[...source.matchAll(/from '(\.\/[\w/]+\.svelte)'/g)].map((m) => path.resolve(path.dirname(file), m[1] as string))
	];
	for (const c of direct) {
		if (seen.has(c) || !existsSync(c)) continue;
		seen.add(c);
		componentsOf(c, seen);
	}
	return [...seen];
}

describe('texts sent with each page', () => {
	it('carry every text the route and the components it imports ask for, in both languages', () => {
		const missing: string[] = [];
		for (const file of files(routes)) {
			const id = routeId(file).replace(/\/$/, '') || '/';
			const source = readFileSync(file, 'utf8');
			const used = [source, ...componentsOf(file).map((c) => readFileSync(c, 'utf8'))].flatMap(keysIn);
			for (const locale of ['zh-CN', 'en'] as const) {
				const texts = messagesFor(locale, id);
				const keys = Object.keys(texts);
				for (const { key, prefix } of used) {
					const ok = prefix ? keys.some((k) => k.startsWith(key)) : key in texts;
					if (!ok) missing.push(`${id} (${locale}): ${key}`);
				}
			}
		}
		expect([...new Set(missing)]).toEqual([]);
	});

	it('carry the label of every link of the site navigation on every page', () => {
		const labels = [...publicNav, ...Object.values(roleNav).flat()].map((item) => item.label);
		for (const id of ['/', '/live', '/register', '/login', '/referee', null]) {
			const texts = messagesFor('en', id);
			for (const label of labels) expect(texts[label], `${label} on ${id}`).toBeTruthy();
		}
	});

	it('sends the live pages a fraction of the whole catalogue', () => {
		const live = JSON.stringify(messagesFor('zh-CN', '/live')).length;
		const admin = JSON.stringify(messagesFor('zh-CN', '/admin/draws')).length;
		expect(live).toBeLessThan(admin / 2);
	});
});
