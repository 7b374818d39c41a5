import { describe, expect, inject, it } from 'vitest';
import { findPersonalNumbers } from '../../src/lib/domain/registration/mask';

const baseUrl = inject('baseUrl');

describe('public pages and personal data', () => {
	it('shows no resident ID or certificate number on any public page reachable by links (demo data with 150 athletes)', async () => {
		const seen = new Set<string>();
		const queue = ['/', '/live', '/live/medals', '/categories', '/art', '/register'];
		const leaks: string[] = [];
		while (queue.length && seen.size < 150) {
			const path = queue.shift()!;
			if (seen.has(path)) continue;
			seen.add(path);
			const response = await fetch(`${baseUrl}${path}`, { redirect: 'manual' });
			if (response.status !== 200 || !(response.headers.get('content-type') ?? '').includes('text/html')) continue;
			const html = await response.text();
			for (const hit of findPersonalNumbers(html)) leaks.push(`${path}: ${hit.text.slice(0, 6)}…`);
			for (const [, href] of html.matchAll(/href="(\/[^"#?]*)[^"]*"/g)) {
				if (href && !href.startsWith('/_app') && !/^\/(admin|street|referee|jury|account|logout|checkin|api)/.test(href)) queue.push(href);
			}
		}
		expect(seen.size).toBeGreaterThan(20);
		expect(leaks).toEqual([]);
	});
});
