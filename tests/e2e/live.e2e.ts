/**
 * The live pages in a real browser against the built server with the demo seed (matches in
 * progress): a spectator's page updates when a referee scores through the API, announces it
 * politely, and the pause control stops updates until the spectator asks for them; every page
 * of the flow is axe-core clean; the public leaderboard ships at most 100 KB of JavaScript (gzip).
 */
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { expectNoAxeViolations, launchBrowser } from './browser';
import { ApiClient, RefereeTablet } from '../support/live';
import type { CategoryLive, NowPlaying } from '../../src/lib/realtime/views';

const baseUrl = inject('baseUrl');
const admin = inject('admin');

let browser: Awaited<ReturnType<typeof launchBrowser>>;
let context: BrowserContext;
let page: Page;
let tablet: RefereeTablet;
let matchId: string;

/** A referee account made by the organizer (one-time password changed), who calls and starts a table tennis match. */
async function refereeForLiveMatch(): Promise<{ tablet: RefereeTablet; matchId: string }> {
	const organizer = new ApiClient(baseUrl);
	await organizer.login(admin.username, admin.password);
	const created = await organizer.mutation<{ user: { id: string }; oneTimePassword: string }>('admin.users.create', {
		username: `live-ref-${Date.now().toString(36)}`,
		displayName: '实时测试裁判',
		role: 'referee'
	});
	// A scheduled table tennis match of a demo category with both players known.
	const live = await organizer.query<{ data: NowPlaying }>('live.nowPlaying');
	const any = [...live.data.playing, ...live.data.recent].find((m) => m.category.sport === 'tableTennis');
	if (!any) throw new Error('the demo seed has no table tennis match');
	const category = await organizer.query<{ data: CategoryLive }>('live.category', { id: any.categoryId });
	const match = category.data.matches.find((m) => m.status === 'scheduled' && m.sideA && m.sideB);
	if (!match) throw new Error('the demo category has no scheduled match with both players');
	await organizer.mutation('competition.schedule.matchReferee', { matchId: match.id, refereeId: created.user.id });
	await organizer.mutation('scoring.admin.unlock', { matchId: match.id, reason: 'live browser test' }).catch(() => undefined);

	const referee = new ApiClient(baseUrl);
	const username = (await organizer.query<Array<{ id: string; username: string }>>('scoring.admin.referees')).find((r) => r.id === created.user.id)?.username;
	if (!username) throw new Error('the new referee is not listed');
	await referee.login(username, created.oneTimePassword);
	const next = 'a new referee password 42';
	await referee.mutation('auth.changePassword', { current: created.oneTimePassword, next });
	const tablet = new RefereeTablet(referee);
	tablet.versions.set(match.id, match.version);
	await tablet.send(match.id, { type: 'call' });
	await tablet.send(match.id, { type: 'start' });
	return { tablet, matchId: match.id };
}

const currentGame = () => page.getByTestId('scoreboard').locator('.now strong').textContent();

beforeAll(async () => {
	browser = await launchBrowser();
	context = browser.context;
	page = await context.newPage();
	({ tablet, matchId } = await refereeForLiveMatch());
});
afterAll(async () => {
	await browser?.close();
});

describe('a spectator following the games live', () => {
	it('sees the matches in progress, rendered by the server before any script runs', async () => {
		const response = await page.request.get(`${baseUrl}/live`);
		const html = await response.text();
		expect(html).toContain('data-testid="now-playing"');
		expect(html).toContain(`data-match="${matchId}"`);
		await page.goto(`${baseUrl}/live`);
		await expect.poll(() => page.getByTestId('connection-status').textContent(), { timeout: 10_000 }).toContain('实时连接正常');
		await expectNoAxeViolations(page);
	});

	it('loads at most 100 KB of JavaScript (gzip) on the public leaderboard page', async () => {
		const fresh = await context.newPage();
		const scripts: Promise<{ file: string; gzip: number; head: string }>[] = [];
		fresh.on('response', (response) => {
			const type = response.headers()['content-type'] ?? '';
			if (response.request().resourceType() === 'script' || type.includes('javascript')) {
				scripts.push(
					response.body().then((body) => ({
						file: response.url().split('/').pop() ?? '',
						gzip: gzipSync(body, { level: 9 }).length,
						head: body.subarray(0, 160).toString().replace(/\s+/g, ' ')
					}))
				);
			}
		});
		await fresh.goto(`${baseUrl}/live/medals`, { waitUntil: 'networkidle' });
		const files = (await Promise.all(scripts)).sort((a, b) => b.gzip - a.gzip);
		const total = files.reduce((sum, f) => sum + f.gzip, 0);
		const breakdown = files.map((f) => `${(f.gzip / 1024).toFixed(1).padStart(6)} KB  ${f.file}  ${f.head.slice(0, 70)}`).join('\n');
		console.log(`JavaScript on /live/medals: ${files.length} files, ${(total / 1024).toFixed(1)} KB gzip\n${breakdown}`);
		expect(files.length).toBeGreaterThan(0);
		expect(total, `JavaScript of /live/medals (gzip), largest first:\n${breakdown}`).toBeLessThanOrEqual(100 * 1024);
		await fresh.close();
	});

	it('sees a point on the match page as soon as the referee scores it, and hears a short summary', async () => {
		await page.goto(`${baseUrl}/live/match/${matchId}`);
		await expect.poll(() => page.getByTestId('connection-status').textContent(), { timeout: 10_000 }).toContain('实时连接正常');
		await expectNoAxeViolations(page);
		const before = await currentGame();
		await tablet.send(matchId, { type: 'point', side: 'A' });
		await expect.poll(currentGame, { timeout: 10_000 }).not.toBe(before);
		await expect.poll(() => page.getByTestId('live-announcer').textContent(), { timeout: 15_000 }).toMatch(/\S/);
	});

	it('stops updating while paused, says how many updates wait, and shows them on request', async () => {
		await page.getByRole('radio', { name: '暂停' }).check();
		const frozen = await currentGame();
		await tablet.send(matchId, { type: 'point', side: 'B' });
		await expect.poll(() => page.getByTestId('live-waiting').textContent(), { timeout: 10_000 }).toContain('1');
		expect(await currentGame()).toBe(frozen);
		await expectNoAxeViolations(page);
		await page.getByRole('button', { name: '立即显示' }).click();
		await expect.poll(currentGame).not.toBe(frozen);
		// The choice is remembered on the next page, and live again when chosen.
		await page.getByRole('radio', { name: '实时' }).check();
	});

	it('shows the same update on the now-playing page of a second browser context', async () => {
		const second = await context.browser()?.newContext();
		const other = second ? await second.newPage() : await context.newPage();
		await other.goto(`${baseUrl}/live`);
		await expect.poll(() => other.getByTestId('connection-status').textContent(), { timeout: 10_000 }).toContain('实时连接正常');
		const card = other.locator(`[data-match="${matchId}"] [data-testid="match-score"]`);
		const before = await card.textContent();
		await tablet.send(matchId, { type: 'point', side: 'A' });
		await expect.poll(() => card.textContent(), { timeout: 10_000 }).not.toBe(before);
		await other.close();
		await second?.close();
	});

	it('has an accessible medal table, street pages and big-screen mode', async () => {
		for (const path of ['/live/medals', '/live/streets', '/live/streets/S01', '/live/screen', '/live/screen?run=1&pace=60&views=now', '/live/screen?run=1&pace=60&views=medals']) {
			await page.goto(`${baseUrl}${path}`);
			expect(await page.locator('h1').count()).toBe(1);
			await expectNoAxeViolations(page);
		}
		// Rotation: a tiny classic script (also for old TV browsers), a meta refresh without JavaScript.
		await page.goto(`${baseUrl}/live/screen?run=1&pace=5&views=now,medals`);
		expect(await page.getByTestId('big-screen').getAttribute('data-view')).toBe('now');
		await page.waitForURL(/views=now%2Cmedals&i=1/, { timeout: 10_000 });
		expect(await page.getByTestId('big-screen').getAttribute('data-view')).toBe('medals');
		await page.getByRole('link', { name: '停止轮换' }).click();
		await page.waitForURL(/hold=1/);
		await page.waitForTimeout(6_000);
		expect(page.url()).toContain('hold=1');
		const noJs = await page.request.get(`${baseUrl}/live/screen?run=1&pace=30&views=now`);
		expect(await noJs.text()).toMatch(/<noscript><meta http-equiv="refresh" content="30;url=\/live\/screen\?/);
	});

	it('reflows at 400 % zoom (320 CSS px) and holds still for people who ask for reduced motion', async () => {
		const size = page.viewportSize();
		await page.setViewportSize({ width: 320, height: 640 });
		await page.emulateMedia({ reducedMotion: 'reduce' });
		try {
			for (const path of ['/live', `/live/match/${matchId}`, '/live/medals', '/live/streets', '/live/streets/S01', '/live/screen?views=now', '/live/screen?views=medals']) {
				await page.goto(`${baseUrl}${path}`);
				const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
				expect(overflow, `horizontal scrolling at 320 px on ${path}`).toBeLessThanOrEqual(0);
				const moving = await page.evaluate(() =>
					[...document.querySelectorAll('*')]
						.filter((el) => {
							const style = getComputedStyle(el);
							return style.animationName !== 'none' || style.transitionDuration.split(',').some((d) => parseFloat(d) > 0);
						})
						.map((el) => `${el.tagName.toLowerCase()}.${el.className}`)
				);
				expect(moving, `animated or transitioning with reduced motion on ${path}`).toEqual([]);
			}
		} finally {
			await page.emulateMedia({ reducedMotion: null });
			if (size) await page.setViewportSize(size);
		}
	});

	it('answers an unknown match with a 404 page', async () => {
		const response = await page.goto(`${baseUrl}/live/match/no-such-match`);
		expect(response?.status()).toBe(404);
	});
});
