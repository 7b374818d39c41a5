/**
 * The referee console on the venue's devices: at each screen size a referee meets (tablets in
 * landscape and portrait, a phone on its side, and the tablets at 200 % zoom) every primary
 * control of table tennis (after the change-ends banner), darts and xiangqi is inside the
 * viewport, does not overlap another and is at least 44 px; screenshots of each go to
 * test-results/devices/ for a person to look at. Then what a referee in a noisy hall relies
 * on: retirement and walkover ask first and name the player, a refused darts entry clears
 * itself and says why, a match taken away says who has it and how to get it back, and no
 * business rule anywhere answers with a 500.
 *
 * 200 % is emulated as the browser's zoom does it: the CSS viewport is halved (a 1024×768
 * tablet at 200 % lays out as 512×384 CSS pixels) and the device scale factor doubled, so the
 * screenshots are at the tablet's real pixel size.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { expectNoAxeViolations, launchBrowser } from './browser';
import { openDatabase, type OpenedDatabase } from '../../src/lib/server/db';
import { openWithTestKeys } from '../support/database';
import { seedBase } from '../../src/lib/server/db/seed';
import { hashPassword } from '../../src/lib/server/auth/password';
import { createScoringMatch, formats, type ScoringFixture } from '../support/scoring';
import { startAppProcess, type AppProcess } from '../support/server';

const referee = { username: 'ref-devices', password: 'referee devices password' };
const organizer = { username: 'org-devices', password: 'organizer devices password' };
const shots = path.join(process.cwd(), 'test-results', 'devices');

interface Size {
	name: string;
	width: number;
	height: number;
	/** 2 for the 200 % zoom emulation (CSS viewport halved). */
	zoom?: number;
}
const sizes: Size[] = [
	{ name: 'tablet-1024x768', width: 1024, height: 768 },
	{ name: 'tablet-1280x800', width: 1280, height: 800 },
	{ name: 'tablet-portrait-768x1024', width: 768, height: 1024 },
	{ name: 'phone-landscape-844x390', width: 844, height: 390 },
	{ name: 'tablet-1024x768-at-200pct', width: 1024, height: 768, zoom: 2 },
	{ name: 'tablet-1280x800-at-200pct', width: 1280, height: 800, zoom: 2 },
	{ name: 'tablet-portrait-768x1024-at-200pct', width: 768, height: 1024, zoom: 2 }
];

let dir: string;
let baseUrl: string;
let server: AppProcess | undefined;
let database: OpenedDatabase;
let tt: ScoringFixture;
let darts: ScoringFixture;
let xq: ScoringFixture;
let walkover: ScoringFixture;
let otherRefereesMatch: ScoringFixture;
let unknownSport: ScoringFixture;
let ttEnd: ScoringFixture;
let xqEnd: ScoringFixture;
let otherRefereeId: string;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let context: BrowserContext;
let page: Page;
let cdp: CDPSession;

beforeAll(async () => {
	mkdirSync(shots, { recursive: true });
	dir = mkdtempSync(path.join(tmpdir(), 'dg-devices-e2e-'));
	const url = `file:${path.join(dir, 'devices.db')}`;
	database = await openWithTestKeys(url); // the app process runs with the same test key (startAppProcess)
	await seedBase(database.db);
	const user = await database.db.user.create({
		data: { username: referee.username, displayName: '裁判员平板', role: 'referee', passwordHash: await hashPassword(referee.password) }
	});
	const other = await database.db.user.create({
		data: { username: 'ref-devices-2', displayName: '第二裁判员', role: 'referee', passwordHash: await hashPassword('second referee password') }
	});
	otherRefereeId = other.id;
	await database.db.user.create({
		data: { username: organizer.username, displayName: '组委会平板', role: 'organizer', passwordHash: await hashPassword(organizer.password) }
	});
	// Long names on purpose: the layout must hold the longest names a hall has.
	tt = await createScoringMatch(database.db, { format: formats.tableTennis(5), refereeId: user.id, names: { a: '欧阳建国', b: '司马晓雯' }, code: 'TT-D1', slot: 1 });
	darts = await createScoringMatch(database.db, { format: formats.darts(2), refereeId: user.id, names: { a: '张伟', b: '刘洋' }, code: 'DA-D1', slot: 2, tableLabel: '2' });
	xq = await createScoringMatch(database.db, { format: formats.xiangqi(), refereeId: user.id, names: { a: '赵磊', b: '孙悦' }, code: 'XQ-D1', slot: 3, tableLabel: '3' });
	walkover = await createScoringMatch(database.db, { format: formats.tableTennis(3), refereeId: user.id, names: { a: '陈静', b: '杨帆' }, code: 'TT-D2', slot: 4, tableLabel: '4' });
	otherRefereesMatch = await createScoringMatch(database.db, { format: formats.tableTennis(3), refereeId: user.id, code: 'TT-D3', slot: 5, tableLabel: '5' });
	unknownSport = await createScoringMatch(database.db, { format: formats.tableTennis(3), refereeId: user.id, code: 'XX-D4', slot: 6, tableLabel: '6' });
	await database.db.match.update({ where: { id: unknownSport.matchId }, data: { format: JSON.stringify({ sport: 'archery' }) } });
	ttEnd = await createScoringMatch(database.db, { format: formats.tableTennis(3), refereeId: user.id, names: { a: '欧阳建国', b: '司马晓雯' }, code: 'TT-E1', slot: 7, tableLabel: '7' });
	xqEnd = await createScoringMatch(database.db, { format: formats.xiangqi(), refereeId: user.id, names: { a: '欧阳建国', b: '司马晓雯' }, code: 'XQ-E1', slot: 8, tableLabel: '8' });

	await database.close();
	server = await startAppProcess({ DATABASE_URL: url, SEED: 'base' });
	baseUrl = server.url;
	database = await openDatabase(url, { migrate: false });
	browser = await launchBrowser();
	context = browser.context;
	page = await context.newPage();
	page.on('pageerror', (error) => console.error('[browser] page error:', error.stack ?? error.message));
	cdp = await context.newCDPSession(page);
	await resize(sizes[0]!);
	await page.goto(`${baseUrl}/login`);
	await page.getByLabel('用户名').fill(referee.username);
	await page.getByLabel('密码', { exact: true }).fill(referee.password);
	await page.getByRole('button', { name: '登录' }).click();
	await page.waitForURL(`${baseUrl}/referee`);
});

afterAll(async () => {
	await browser?.close();
	await server?.stop();
	await database?.close();
	if (dir) rmSync(dir, { recursive: true, force: true });
});

async function resize(size: Size) {
	const zoom = size.zoom ?? 1;
	const width = Math.round(size.width / zoom);
	const height = Math.round(size.height / zoom);
	await page.setViewportSize({ width, height });
	await cdp.send('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: zoom, mobile: false });
}

interface Box {
	id: string;
	x: number;
	y: number;
	width: number;
	height: number;
}

/** The boxes of the elements with these test ids (each must be there once and visible). */
async function boxes(ids: string[]): Promise<Box[]> {
	const found: Box[] = [];
	for (const id of ids) {
		const locator = page.getByTestId(id);
		expect(await locator.count(), `${id} is on the page`).toBe(1);
		const box = await locator.boundingBox();
		expect(box, `${id} is visible`).not.toBeNull();
		found.push({ id, ...box! });
	}
	return found;
}

/**
 * Every box inside the viewport (no scrolling needed), at least `min` px each way, and no two
 * overlapping. `large` ids must be at least `largeMin` px high (the primary targets).
 */
async function expectFits(size: Size, ids: string[], options: { large?: string[]; largeMin?: number; text?: string[] } = {}) {
	const viewport = page.viewportSize()!;
	const all = await boxes(ids);
	const problems: string[] = [];
	for (const b of all) {
		if (b.x < 0 || b.y < 0 || b.x + b.width > viewport.width + 0.5 || b.y + b.height > viewport.height + 0.5) {
			problems.push(`${b.id} is outside the ${viewport.width}×${viewport.height} viewport: ${JSON.stringify(b)}`);
		}
		if (!options.text?.includes(b.id) && (b.width < 44 || b.height < 44)) problems.push(`${b.id} is smaller than 44×44: ${Math.round(b.width)}×${Math.round(b.height)}`);
		if (options.large?.includes(b.id) && b.height < (options.largeMin ?? 64)) problems.push(`${b.id} is only ${Math.round(b.height)} px high`);
	}
	for (let i = 0; i < all.length; i++) {
		for (let j = i + 1; j < all.length; j++) {
			const a = all[i]!;
			const b = all[j]!;
			const overlap = a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 && a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5;
			if (overlap) problems.push(`${a.id} overlaps ${b.id}`);
		}
	}
	expect(problems, `layout at ${size.name}`).toEqual([]);
}

async function shoot(size: Size, what: string) {
	await page.screenshot({ path: path.join(shots, `${what}-${size.name}.png`) });
}

async function waitSynced() {
	await expect.poll(() => page.getByTestId('sync-status').getAttribute('data-waiting'), { timeout: 15_000 }).toBe('0');
}

async function callAndStart(matchId: string) {
	await page.goto(`${baseUrl}/referee/match/${matchId}`);
	await page.getByRole('button', { name: '检录：呼叫选手到场' }).click();
	await page.getByRole('button', { name: '双方到场，开始比赛' }).click();
	await expect.poll(() => page.getByTestId('match-status').textContent(), { timeout: 15_000 }).toBe('进行中');
}

describe('the referee console at every device size', () => {
	it('keeps both table tennis targets, undo and the other tools on screen after the change-ends banner, and time-outs, cards and retirement in a panel that fits', async () => {
		await resize(sizes[0]!);
		await callAndStart(tt.matchId);
		// Game 1 to 11-0, confirmed: the players change ends and the banner shows.
		for (let i = 0; i < 11; i++) await page.getByTestId('point-A').click();
		await page.getByTestId('game-confirm').click();
		await expect.poll(() => page.getByTestId('change-ends').count()).toBe(1);
		await waitSynced();
		expect(page.url()).toBe(`${baseUrl}/referee/match/${tt.matchId}`);
		// No site navigation on the console: the bar has the way back and the menu only.
		expect(await page.locator('header.site-header').count()).toBe(0);
		for (const size of sizes) {
			await resize(size);
			await shoot(size, 'table-tennis-after-change-ends');
			await expectFits(size, ['console-menu', 'point-A', 'point-B', 'undo', 'speak', 'swap', 'more'], { large: ['point-A', 'point-B'], largeMin: 72 });
			await page.getByTestId('more').click();
			await expect.poll(() => page.getByTestId('more-sheet').evaluate((d) => (d as HTMLDialogElement).open)).toBe(true);
			await shoot(size, 'table-tennis-more');
			await expectFits(size, ['timeout-A', 'yellow-A', 'yellowRed-A', 'retire-A', 'timeout-B', 'yellow-B', 'yellowRed-B', 'retire-B']);
			await page.keyboard.press('Escape');
			await expect.poll(() => page.getByTestId('more-sheet').evaluate((d) => (d as HTMLDialogElement).open)).toBe(false);
		}
		await resize(sizes[0]!);
		await expectNoAxeViolations(page);
	});

	it('keeps the whole darts keypad, the quick totals, enter, undo and retirement on screen', async () => {
		await resize(sizes[0]!);
		await callAndStart(darts.matchId);
		await page.getByTestId('key-6').click();
		const keys = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', 'clear', 'back', 'enter'].map((k) => `key-${k}`);
		const quick = [26, 41, 45, 60, 81, 85, 100, 140, 180].map((q) => `quick-${q}`);
		for (const size of sizes) {
			await resize(size);
			await shoot(size, 'darts');
			await expectFits(size, ['console-menu', ...keys, ...quick, 'undo', 'speak', 'retire'], { large: ['key-enter'], largeMin: 44 });
		}
		await resize(sizes[0]!);
		await expectNoAxeViolations(page);
	});

	it('keeps the xiangqi result buttons and the move count on screen', async () => {
		await resize(sizes[0]!);
		await callAndStart(xq.matchId);
		for (const size of sizes) {
			await resize(size);
			await shoot(size, 'xiangqi');
			await expectFits(size, ['console-menu', 'xq-A', 'xq-B', 'xq-draw'], { large: ['xq-A', 'xq-B', 'xq-draw'], largeMin: 64 });
			const moves = await page.getByLabel('回合数（可选）').boundingBox();
			expect(moves!.y + moves!.height).toBeLessThanOrEqual(page.viewportSize()!.height);
		}
		await resize(sizes[0]!);
		await expectNoAxeViolations(page);
	});
});

/** The end states are checked at the sizes where they fell off the screen in the device walk. */
const endSizes: Size[] = [
	{ name: 'tablet-1024x768', width: 1024, height: 768 },
	{ name: 'tablet-portrait-768x1024', width: 768, height: 1024 },
	{ name: 'phone-portrait-390x844', width: 390, height: 844 },
	{ name: 'phone-landscape-844x390', width: 844, height: 390 },
	{ name: 'tablet-1024x768-at-200pct', width: 1024, height: 768, zoom: 2 },
	{ name: 'tablet-1280x800-at-200pct', width: 1280, height: 800, zoom: 2 },
	{ name: 'tablet-portrait-768x1024-at-200pct', width: 768, height: 1024, zoom: 2 }
];

async function expectFitsEverywhere(what: string, ids: string[], options: { large?: string[]; largeMin?: number; text?: string[] } = {}) {
	for (const size of endSizes) {
		await resize(size);
		await shoot(size, what);
		await expectFits(size, ids, options);
	}
	await resize(sizes[0]!);
}

describe('every end state of the console at every device size', () => {
	it('keeps the game confirmation, its undo and the tools on screen at the end of a table tennis game, and the sign-off at the end of the match', async () => {
		await resize(sizes[0]!);
		await callAndStart(ttEnd.matchId);
		for (let i = 0; i < 11; i++) await page.getByTestId('point-A').click();
		await expect.poll(() => page.getByTestId('game-confirm').count()).toBe(1);
		await expectFitsEverywhere('table-tennis-game-end', ['console-menu', 'game-confirm', 'game-undo', 'undo', 'speak', 'swap', 'more'], { large: ['game-confirm'], largeMin: 56 });
		await page.getByTestId('game-confirm').click();
		for (let i = 0; i < 11; i++) await page.getByTestId('point-A').click();
		await expect.poll(() => page.getByTestId('match-winner').textContent()).toContain('欧阳建国');
		await waitSynced();
		await expectFitsEverywhere('table-tennis-match-end', ['console-menu', 'signoff-check', 'signoff', 'signoff-undo'], { large: ['signoff'], largeMin: 56 });
		await page.getByTestId('signoff-check').check();
		await page.getByTestId('signoff').click();
		await expect.poll(() => page.getByTestId('next-match').count(), { timeout: 15_000 }).toBe(1);
		await expectFitsEverywhere('table-tennis-signed-off', ['console-menu', 'next-match']);
		await expectNoAxeViolations(page);
	});

	it('keeps the xiangqi sign-off, its 44 px checkbox and undo on screen after red wins', async () => {
		await resize(sizes[0]!);
		await callAndStart(xqEnd.matchId);
		await page.getByTestId('xq-A').click();
		await expect.poll(() => page.getByTestId('signoff').count()).toBe(1);
		await waitSynced();
		await expectFitsEverywhere('xiangqi-sign-off', ['console-menu', 'signoff-check', 'signoff', 'signoff-undo'], { large: ['signoff'], largeMin: 56 });
		await expectNoAxeViolations(page);
	});
});

describe('what a referee in a noisy hall relies on', () => {
	it('clears a refused darts entry and says why, so the next digits start a new score', async () => {
		await resize(sizes[0]!);
		await page.goto(`${baseUrl}/referee/match/${darts.matchId}`);
		await page.getByTestId('key-clear').click();
		for (const d of '181') await page.getByTestId(`key-${d}`).click();
		await page.getByTestId('key-enter').click();
		await expect.poll(() => page.getByTestId('console-notice').textContent()).toContain('已清除输入');
		expect(await page.locator('[role="alert"] [data-testid="console-notice"]').count()).toBe(1);
		expect(await page.getByTestId('darts-entry').textContent()).toBe('–');
		for (const d of '60') await page.getByTestId(`key-${d}`).click();
		expect(await page.getByTestId('darts-entry').textContent()).toBe('60');
		// The same refusal again is announced again (a new alert node, not the same text left over).
		await page.getByTestId('key-clear').click();
		for (const d of '999') await page.getByTestId(`key-${d}`).click();
		const before = await page.getByTestId('console-notice').elementHandle();
		await page.getByTestId('key-enter').click();
		await expect.poll(async () => (await page.getByTestId('console-notice').elementHandle())?.evaluate((node, old) => node !== old, before)).toBe(true);
		expect(await page.getByTestId('darts-entry').textContent()).toBe('–');
		const turns = await database.db.matchEvent.count({ where: { matchId: darts.matchId, event: { contains: '"turn"' } } });
		expect(turns).toBe(0);
	});

	it('asks which darts player retires, names them, lets Escape cancel, and can undo a retirement until sign-off', async () => {
		await page.getByTestId('retire').click();
		await expect.poll(() => page.getByTestId('retire-sheet').evaluate((d) => (d as HTMLDialogElement).open)).toBe(true);
		await page.getByTestId('retire-B').click();
		const dialog = page.getByTestId('retire-dialog');
		await expect.poll(() => dialog.evaluate((d) => (d as HTMLDialogElement).open)).toBe(true);
		expect(await dialog.getByRole('heading').textContent()).toBe('确认退赛：刘洋');
		expect(await dialog.textContent()).toContain('张伟 获胜');
		// Focus starts on Cancel; Escape closes without retiring anyone.
		expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('取消');
		await shoot(sizes[0]!, 'darts-retire-confirm');
		await expectNoAxeViolations(page);
		await page.keyboard.press('Escape');
		await expect.poll(() => dialog.evaluate((d) => (d as HTMLDialogElement).open)).toBe(false);
		expect(await database.db.matchEvent.count({ where: { matchId: darts.matchId, event: { contains: 'retire' } } })).toBe(0);

		await page.getByTestId('retire').click();
		await page.getByTestId('retire-B').click();
		await page.getByRole('button', { name: '确认 刘洋 退赛' }).click();
		await expect.poll(() => page.getByTestId('match-winner').textContent()).toContain('张伟');
		await waitSynced();
		const retired = await database.db.matchEvent.findFirst({ where: { matchId: darts.matchId, event: { contains: 'retire' } } });
		expect(JSON.parse(retired!.event)).toMatchObject({ type: 'retire', side: 'B' });
		await page.getByRole('button', { name: '撤销上一步' }).click();
		await expect.poll(() => page.getByTestId('throw-A').textContent()).toContain('投镖');
		await waitSynced();
		expect((await database.db.match.findUniqueOrThrow({ where: { id: darts.matchId } })).status).toBe('live');
	});

	it('confirms a walkover naming the absent player before it ends the match', async () => {
		await page.goto(`${baseUrl}/referee/match/${walkover.matchId}`);
		await page.getByRole('button', { name: '检录：呼叫选手到场' }).click();
		await waitSynced();
		// A no-show is a walkover only after the category's minutes since the call (call room rule).
		await database.db.match.update({ where: { id: walkover.matchId }, data: { calledAt: new Date(Date.now() - 60 * 60 * 1000) } });
		await page.getByTestId('absent-A').click();
		const dialog = page.getByTestId('walkover-dialog');
		await expect.poll(() => dialog.evaluate((d) => (d as HTMLDialogElement).open)).toBe(true);
		expect(await dialog.getByRole('heading').textContent()).toBe('确认弃权：陈静 缺席');
		await dialog.getByRole('button', { name: '取消' }).click();
		expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('absent-A');
		await page.getByTestId('absent-A').click();
		await page.getByRole('button', { name: '确认 陈静 缺席弃权' }).click();
		await expect.poll(() => page.getByTestId('match-winner').textContent()).toContain('杨帆');
		await waitSynced();
		const stored = await database.db.matchEvent.findFirst({ where: { matchId: walkover.matchId, event: { contains: 'walkover' } } });
		expect(JSON.parse(stored!.event)).toMatchObject({ type: 'walkover', absent: 'A' });
	});

	it('tells a referee whose match was reassigned who scores it now and how to get it back, and another device how to take over', async () => {
		await page.goto(`${baseUrl}/referee/match/${otherRefereesMatch.matchId}`);
		await database.db.match.update({ where: { id: otherRefereesMatch.matchId }, data: { refereeId: otherRefereeId } });
		const response = await page.goto(`${baseUrl}/referee/match/${otherRefereesMatch.matchId}`);
		expect(response?.status()).toBe(403);
		expect(await page.locator('h1').textContent()).toBe('这场比赛已不由本设备记分');
		const message = await page.getByTestId('referee-error-message').textContent();
		expect(message).toContain('第二裁判员');
		expect(message).toContain('重新指派给您');
		expect(await page.locator('header.site-header').count()).toBe(0);
		await shoot(sizes[0]!, 'referee-match-reassigned');
		await expectNoAxeViolations(page);

		// Another tablet (another device id) sees who has the match and how to take it over.
		await context.clearCookies({ name: 'dg_device' });
		await page.goto(`${baseUrl}/referee/match/${tt.matchId}`);
		await expect.poll(() => page.getByTestId('read-only').textContent(), { timeout: 10_000 }).toContain('再次点“解锁”');
		await expectNoAxeViolations(page);
	});
});

describe('no business rule answers with a 500', () => {
	it('answers a referee’s and an organizer’s wrong turns with a 4xx page in their language', async () => {
		const asReferee: Array<[string, number]> = [
			[`/referee/match/${otherRefereesMatch.matchId}`, 403], // another referee's match
			['/referee/match/no-such-match', 404], // unknown id
			[`/referee/match/${walkover.matchId}`, 200], // a finished match opens read-only
			[`/referee/match/${unknownSport.matchId}`, 422], // a sport without scoring rules
			['/referee/table/no-such-table', 200],
			['/admin/draws/no-such-category', 403],
			['/jury/no-such-round', 403],
			['/categories/no-such-category', 404],
			['/live/match/no-such-match', 404],
			['/art/99999', 404]
		];
		const problems: string[] = [];
		for (const [url, status] of asReferee) {
			const response = await page.request.get(`${baseUrl}${url}`, { maxRedirects: 0 });
			if (response.status() !== status) problems.push(`${url}: ${response.status()} (expected ${status})`);
		}
		await context.clearCookies({ name: 'dg_session' });
		await page.goto(`${baseUrl}/login`);
		await page.getByLabel('用户名').fill(organizer.username);
		await page.getByLabel('密码', { exact: true }).fill(organizer.password);
		await page.getByRole('button', { name: '登录' }).click();
		await page.waitForURL(`${baseUrl}/admin`);
		const asOrganizer: Array<[string, number]> = [
			['/admin/draws/no-such-category', 404],
			['/admin/matches/no-such-match', 404],
			['/admin/entries/no-such-category', 404],
			['/admin/art/categories/no-such-category', 404],
			['/admin/art/categories/no-such-category/certificates', 404],
			['/admin/art/categories/no-such-category/catalogue', 404],
			['/admin/art/rounds/no-such-round', 404],
			['/referee/match/no-such-match', 404],
			[`/referee/match/${unknownSport.matchId}`, 422]
		];
		for (const [url, status] of asOrganizer) {
			const response = await page.request.get(`${baseUrl}${url}`, { maxRedirects: 0 });
			if (response.status() !== status) problems.push(`${url}: ${response.status()} (expected ${status})`);
			if (response.status() >= 500) problems.push(`${url} body: ${(await response.text()).slice(0, 200)}`);
		}
		expect(problems).toEqual([]);
		const page404 = await page.request.get(`${baseUrl}/admin/matches/no-such-match`);
		expect(await page404.text()).toContain('找不到这场比赛');
	});
});
