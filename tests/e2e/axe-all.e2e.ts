/**
 * axe-core with every rule it ships — WCAG A/AA/AAA-tagged, best practices and the experimental
 * rules such as label-content-name-mismatch — on one or two pages of each kind as each role sees
 * them (public, coordinator, organizer, referee, juror), in Chinese at 320 CSS px (a phone, or
 * 400 % zoom) and in English at 1920 px. One browser, one page; all violations of all pages are
 * collected and reported together. (Every rule costs 15–80 s per page on a busy 2-core machine,
 * so this covers a sample of pages; the other e2e files check their pages with the WCAG rules.)
 */
import axe from 'axe-core';
import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchBrowser } from './browser';
import { ApiClient } from '../support/live';

const baseUrl = inject('baseUrl');
const admin = inject('admin');
const PASSWORD = 'an axe test password 42';
/**
 * Each page in Chinese at 320 px and in English at 1920 px: both languages and both widths on
 * every page, at half the cost of all four combinations (axe with every rule is slow).
 */
const RUNS = [
	['zh-CN', 320],
	['en', 1920]
] as const;

/** Every rule axe-core ships, experimental ones included, switched on. */
const ALL_RULES = Object.fromEntries(axe.getRules().map((rule) => [rule.ruleId, { enabled: true }]));

let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
const organizer = new ApiClient(baseUrl);

beforeAll(async () => {
	browser = await launchBrowser();
	page = await browser.context.newPage();
	await organizer.login(admin.username, admin.password);
});
afterAll(async () => {
	await browser?.close();
});

/** A staff account of `role` whose one-time password has been replaced, so it can log in. */
async function account(role: 'coordinator' | 'referee' | 'juror'): Promise<string> {
	const streets = await organizer.query<{ streets: Array<{ id: string }> }>('registration.form');
	const username = `axe-${role}-${Date.now().toString(36)}`;
	const created = await organizer.mutation<{ oneTimePassword: string }>('admin.users.create', {
		username,
		displayName: `无障碍${role}`,
		role,
		streetId: role === 'coordinator' ? streets.streets[0]?.id : null
	});
	const client = new ApiClient(baseUrl);
	await client.login(username, created.oneTimePassword);
	await client.mutation('auth.changePassword', { current: created.oneTimePassword, next: PASSWORD });
	return username;
}

async function logIn(username: string, password: string): Promise<void> {
	await browser.context.clearCookies();
	await page.goto(`${baseUrl}/login`);
	await page.locator('#username').fill(username);
	await page.locator('#password').fill(password);
	await page.locator('form button[type="submit"]').last().click();
	await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

async function setLocale(locale: 'zh-CN' | 'en'): Promise<void> {
	const url = new URL(baseUrl);
	await browser.context.addCookies([{ name: 'dg_locale', value: locale, domain: url.hostname, path: '/' }]);
}

/** The first link on `path` whose address starts with `prefix` (a page with an id). */
async function firstLink(path: string, prefix: string): Promise<string | null> {
	await page.goto(`${baseUrl}${path}`);
	const hrefs = await page.locator(`main a[href^="${prefix}"]`).evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
	return hrefs.find((href) => href.length > prefix.length && !href.includes('?')) ?? null;
}

/** Runs axe on each path in each language at its width; returns the violations found. */
async function audit(paths: Array<string | null>): Promise<string[]> {
	const found: string[] = [];
	for (const [locale, width] of RUNS) {
		await setLocale(locale);
		await page.setViewportSize({ width, height: width === 320 ? 640 : 1080 });
		for (const path of paths) {
			if (!path) continue;
			await page.goto(`${baseUrl}${path}`);
			const started = Date.now();
			const results = await new AxeBuilder({ page }).options({ rules: ALL_RULES }).analyze();
			if (process.env.AXE_TIMING) console.log(`${Date.now() - started} ms ${path} ${locale} ${width}`);
			for (const v of results.violations) {
				found.push(`${path} [${locale}, ${width}px] ${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('\n    ')}`);
			}
		}
	}
	return found;
}

describe('axe-core, every rule, every role', () => {
	it('finds nothing on the public pages', { timeout: 900_000 }, async () => {
		await browser.context.clearCookies();
		const category = await firstLink('/categories', '/categories/');
		expect(await audit(['/', '/live', '/live/screen?run=1&pace=300&views=now&hold=1', category, '/register'])).toEqual([]);
	});

	it('finds nothing on the organizer, coordinator, referee and juror pages', { timeout: 900_000 }, async () => {
		const found: string[] = [];
		await logIn(admin.username, admin.password);
		const draw = await firstLink('/admin/draws', '/admin/draws/');
		found.push(...(await audit(['/admin/draws', draw])));
		await logIn(await account('coordinator'), PASSWORD);
		found.push(...(await audit(['/street'])));
		await logIn(await account('referee'), PASSWORD);
		found.push(...(await audit(['/referee'])));
		await logIn(await account('juror'), PASSWORD);
		found.push(...(await audit(['/jury'])));
		expect(found).toEqual([]);
	});
});
