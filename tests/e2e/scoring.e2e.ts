/**
 * A referee scores on a tablet: a whole best-of-5 table tennis match and a darts leg by
 * clicks, losing the connection mid-game, reloading with actions still queued, and the
 * server holding every point exactly once. Runs its own server (the built app, as in the
 * global setup) on a database this file seeds with a referee and two matches.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { expectNoAxeViolations, launchBrowser } from './browser';
import { openDatabase, type OpenedDatabase } from '../../src/lib/server/db';
import { openWithTestKeys } from '../support/database';
import { seedBase } from '../../src/lib/server/db/seed';
import { hashPassword } from '../../src/lib/server/auth/password';
import { createScoringMatch, formats, type ScoringFixture } from '../support/scoring';
import { startAppProcess, type AppProcess } from '../support/server';

const referee = { username: 'ref-e2e', password: 'referee e2e password' };
const organizer = { username: 'org-scoring-e2e', password: 'organizer e2e password' };
let dir: string;
let baseUrl: string;
let server: AppProcess | undefined;
let database: OpenedDatabase;
let tt: ScoringFixture;
let darts: ScoringFixture;
let third: ScoringFixture;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
	dir = mkdtempSync(path.join(tmpdir(), 'dg-scoring-e2e-'));
	const url = `file:${path.join(dir, 'scoring.db')}`;
	database = await openWithTestKeys(url); // the app process runs with the same test key (startAppProcess)
	await seedBase(database.db);
	const user = await database.db.user.create({
		data: { username: referee.username, displayName: '裁判员测试', role: 'referee', passwordHash: await hashPassword(referee.password) }
	});
	await database.db.user.create({
		data: { username: organizer.username, displayName: '组委会测试', role: 'organizer', passwordHash: await hashPassword(organizer.password) }
	});
	tt = await createScoringMatch(database.db, { format: formats.tableTennis(5), refereeId: user.id, names: { a: '王芳', b: '李强' }, code: 'TT-1', slot: 1 });
	darts = await createScoringMatch(database.db, { format: formats.darts(1), refereeId: user.id, names: { a: '张伟', b: '刘洋' }, code: 'DA-1', slot: 2, tableLabel: '2' });

	// The server migrates at start-up and wants the file to itself for that moment.
	await database.close();
	server = await startAppProcess({ DATABASE_URL: url, SEED: 'base' });
	baseUrl = server.url;
	database = await openDatabase(url, { migrate: false });
	browser = await launchBrowser();
	context = browser.context;
	page = await context.newPage();
	page.on('pageerror', (error) => console.error('[browser] page error:', error.stack ?? error.message));
	await page.setViewportSize({ width: 1180, height: 820 });
});

afterAll(async () => {
	await browser?.close();
	await server?.stop();
	await database?.close();
	if (dir) rmSync(dir, { recursive: true, force: true });
});

async function storedEvents(matchId: string) {
	const rows = await database.db.matchEvent.findMany({ where: { matchId }, orderBy: { seq: 'asc' } });
	return rows.map((r) => ({ seq: r.seq, opId: r.opId, event: JSON.parse(r.event) as { type: string; side?: string; scored?: number } }));
}

async function waitSynced() {
	await expect.poll(() => page.getByTestId('sync-status').getAttribute('data-waiting'), { timeout: 15_000 }).toBe('0');
	await expect.poll(() => page.getByTestId('sync-status').textContent()).toContain('所有操作已保存');
}

async function point(name: string) {
	await page.getByRole('button', { name: `${name} 得分`, exact: true }).click();
}

describe('a referee on a tablet', () => {
	it('logs in and sees the assigned matches in playing order', async () => {
		await page.goto(`${baseUrl}/login`);
		await page.getByLabel('用户名').fill(referee.username);
		await page.getByLabel('密码', { exact: true }).fill(referee.password);
		await page.getByRole('button', { name: '登录' }).click();
		await page.waitForURL(`${baseUrl}/referee`);
		expect(await page.locator('h1').textContent()).toBe('裁判员记分台');
		const rows = await page.locator('tbody tr th[scope="row"]').allTextContents();
		expect(rows).toEqual(['TT-1', 'DA-1']);
		await expectNoAxeViolations(page);
	});

	it('scores a whole best-of-5 table tennis match by clicks, offline in the middle, every point stored exactly once', async () => {
		await page.getByRole('link', { name: '为 TT-1 记分' }).click();
		await page.waitForURL(`${baseUrl}/referee/match/${tt.matchId}`);
		await expectNoAxeViolations(page);
		await page.getByRole('button', { name: '检录：呼叫选手到场' }).click();
		await page.getByRole('button', { name: '双方到场，开始比赛' }).click();
		await expect.poll(() => page.getByTestId('match-status').textContent(), { timeout: 15_000 }).toBe('进行中');
		await expect.poll(() => page.getByTestId('serve-A').textContent()).toContain('发球');

		const A = '王芳';
		const B = '李强';
		const games: string[][] = [
			[...Array(5).fill(B), ...Array(11).fill(A)], // 11-5 A
			[...Array(7).fill(A), ...Array(11).fill(B)], // 7-11 B
			[...Array(9).fill(B), ...Array(11).fill(A)], // 11-9 A
			[...Array.from({ length: 20 }, (_, i) => (i % 2 ? B : A)), A, A] // 12-10 A, through deuce
		];
		let expectedPoints = 0;
		for (const [g, points] of games.entries()) {
			for (const [i, name] of points.entries()) {
				if (g === 2 && i === 4) {
					await waitSynced();
					await context.setOffline(true);
					await expect.poll(() => page.getByTestId('offline-banner').textContent()).toContain('离线');
				}
				await point(name);
				expectedPoints++;
				if (g === 2 && i === 9) {
					// Six points entered offline: shown at once, waiting in the queue.
					await expect.poll(() => page.getByTestId('offline-banner').textContent()).toContain('离线 — 6 个操作等待发送');
					expect(await page.getByTestId('points-B').textContent()).toBe('9');
					expect(await page.getByTestId('points-A').textContent()).toBe('1');
					await context.setOffline(false);
					await waitSynced();
				}
			}
			if (g < games.length - 1) {
				await page.getByRole('button', { name: '确认，继续下一局' }).click();
				if (g === 0) {
					// After each game the players change ends: the tablet says so and follows them.
					expect(await page.getByTestId('change-ends').textContent()).toContain('请交换场地');
					await expectNoAxeViolations(page);
				}
			}
		}
		await expect.poll(() => page.getByTestId('match-winner').textContent()).toContain(A);
		await expectNoAxeViolations(page);
		await page.getByLabel('我已核对比分，确认成绩').check();
		await page.getByRole('button', { name: '签字确认成绩' }).click();
		await expect.poll(() => page.getByRole('heading', { name: '成绩已确认并保存。' }).count()).toBe(1);
		await waitSynced();

		const events = await storedEvents(tt.matchId);
		expect(events.filter((e) => e.event.type === 'point')).toHaveLength(expectedPoints);
		expect(new Set(events.map((e) => e.opId)).size).toBe(events.length);
		expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
		const match = await database.db.match.findUniqueOrThrow({ where: { id: tt.matchId } });
		expect(match).toMatchObject({ status: 'finished', winnerEntryId: tt.entryAId, version: events.length });
		expect(JSON.parse(match.summary)).toMatchObject({
			games: [{ a: 11, b: 5 }, { a: 7, b: 11 }, { a: 11, b: 9 }, { a: 12, b: 10 }],
			gamesWon: { a: 3, b: 1 }
		});
	});

	it('scores a darts leg with the keypad and quick buttons, through a drop of the connection and a bust, to a double-out finish', async () => {
		await page.goto(`${baseUrl}/referee/match/${darts.matchId}`);
		await page.getByRole('button', { name: '检录：呼叫选手到场' }).click();
		await page.getByRole('button', { name: '双方到场，开始比赛' }).click();
		await expect.poll(() => page.getByTestId('throw-A').textContent()).toContain('投镖');
		await expectNoAxeViolations(page);
		const keypad = page.getByRole('group', { name: '得分键盘' });
		const quick = page.getByRole('group', { name: '常用分数' });
		const typeScore = async (score: number) => {
			for (const d of String(score)) await keypad.getByRole('button', { name: d, exact: true }).click();
			await keypad.getByRole('button', { name: `确认 ${score} 分` }).click();
		};
		await quick.getByRole('button', { name: '180', exact: true }).click(); // A 321
		await typeScore(60); // B 441
		await waitSynced();
		await context.setOffline(true);
		await quick.getByRole('button', { name: '140', exact: true }).click(); // A 181
		await typeScore(100); // B 341
		await quick.getByRole('button', { name: '140', exact: true }).click(); // A 41
		await expect.poll(() => page.getByTestId('offline-banner').textContent()).toContain('离线 — 3 个操作等待发送');
		expect(await page.getByTestId('remaining-A').textContent()).toBe('41');
		expect(await page.getByTestId('checkout-A').textContent()).toContain('收镖建议');
		await context.setOffline(false);
		await waitSynced();
		await quick.getByRole('button', { name: '45', exact: true }).click(); // B 296
		await typeScore(60); // A bust: 41 - 60 < 0
		await expect.poll(() => page.getByTestId('last-turn').textContent()).toContain('爆镖');
		expect(await page.getByTestId('remaining-A').textContent()).toBe('41');
		await typeScore(179); // impossible: refused on the tablet, nothing queued
		await expect.poll(() => page.getByTestId('console-notice').textContent()).toContain('三支镖不可能得到 179 分');
		await keypad.getByRole('button', { name: '清除' }).click();
		await quick.getByRole('button', { name: '26', exact: true }).click(); // B 270
		await quick.getByRole('button', { name: '41', exact: true }).click(); // A finishes?
		await page.getByRole('button', { name: '收镖成功，用了 2 支镖' }).click();
		await expect.poll(() => page.getByTestId('match-winner').textContent()).toContain('张伟');
		await page.getByLabel('我已核对比分，确认成绩').check();
		await page.getByRole('button', { name: '签字确认成绩' }).click();
		await expect.poll(() => page.getByRole('heading', { name: '成绩已确认并保存。' }).count()).toBe(1);
		await waitSynced();

		const turns = (await storedEvents(darts.matchId)).filter((e) => e.event.type === 'turn').map((e) => e.event.scored);
		expect(turns).toEqual([180, 60, 140, 100, 140, 45, 60, 26, 41]);
		const match = await database.db.match.findUniqueOrThrow({ where: { id: darts.matchId } });
		expect(match).toMatchObject({ status: 'finished', winnerEntryId: darts.entryAId });
		expect(JSON.parse(match.summary)).toMatchObject({ legsWon: { a: 1, b: 0 }, stats: { a: { busts: 1, max180: 1 } } });
	});

	it('keeps queued actions and the score through a page reload while the server cannot be reached', async () => {
		const user = await database.db.user.findUniqueOrThrow({ where: { username: referee.username } });
		third = await createScoringMatch(database.db, { format: formats.tableTennis(3), refereeId: user.id, names: { a: '陈静', b: '杨帆' }, code: 'TT-2', slot: 3 });
		await page.goto(`${baseUrl}/referee/match/${third.matchId}`);
		await page.getByRole('button', { name: '检录：呼叫选手到场' }).click();
		await page.getByRole('button', { name: '双方到场，开始比赛' }).click();
		await waitSynced();
		await page.route('**/api/trpc/**', (route) => route.abort('internetdisconnected'));
		await point('陈静');
		await page.keyboard.press('l'); // keyboard shortcut: point to the player on the right (杨帆)
		await page.keyboard.press('ArrowLeft'); // and to the left (陈静)
		await expect.poll(() => page.getByTestId('points-B').textContent()).toBe('1');
		await expect.poll(() => page.getByTestId('offline-banner').textContent()).toContain('离线 — 3 个操作等待发送');
		await page.reload();
		await expect.poll(() => page.getByTestId('offline-banner').textContent(), { timeout: 10_000 }).toContain('离线 — 3 个操作等待发送');
		expect(await page.getByTestId('points-A').textContent()).toBe('2');
		expect(await page.getByTestId('points-B').textContent()).toBe('1');
		expect((await storedEvents(third.matchId)).length).toBe(2);
		// With the network gone altogether, the page still reloads (service worker) and keeps
		// the queue; one more point joins it.
		await context.setOffline(true);
		await page.reload();
		await expect.poll(() => page.getByTestId('offline-banner').textContent(), { timeout: 10_000 }).toContain('离线 — 3 个操作等待发送');
		await point('杨帆');
		await expect.poll(() => page.getByTestId('offline-banner').textContent()).toContain('离线 — 4 个操作等待发送');
		await context.setOffline(false);
		await page.unroute('**/api/trpc/**');
		await expect.poll(async () => (await storedEvents(third.matchId)).length, { timeout: 20_000 }).toBe(6);
		const summary = JSON.parse((await database.db.match.findUniqueOrThrow({ where: { id: third.matchId } })).summary);
		expect(summary).toMatchObject({ currentGame: { a: 2, b: 2 } });
	});

	it('shows another tablet (another device) the match read-only, with the reason', async () => {
		await context.clearCookies({ name: 'dg_device' });
		await page.goto(`${baseUrl}/referee/match/${tt.matchId}`);
		await expect.poll(() => page.getByTestId('read-only').textContent()).toContain('只读');
		await expectNoAxeViolations(page);
	});
});

describe('a referee entering a xiangqi result', () => {
	it('calls the board, records red wins with the move count and signs it off', async () => {
		const user = await database.db.user.findUniqueOrThrow({ where: { username: referee.username } });
		const board = await createScoringMatch(database.db, { format: formats.xiangqi(), refereeId: user.id, names: { a: '赵磊', b: '孙悦' }, code: 'XQ-1', slot: 4 });
		await page.goto(`${baseUrl}/referee/match/${board.matchId}`);
		await page.getByRole('button', { name: '检录：呼叫选手到场' }).click();
		await page.getByRole('button', { name: '双方到场，开始比赛' }).click();
		await page.getByLabel('回合数（可选）').fill('42');
		await expectNoAxeViolations(page);
		await page.getByRole('button', { name: '红胜', exact: true }).click();
		await expect.poll(() => page.getByTestId('match-winner').textContent()).toContain('赵磊');
		await page.getByLabel('我已核对比分，确认成绩').check();
		await page.getByRole('button', { name: '签字确认成绩' }).click();
		await expect.poll(() => page.getByRole('heading', { name: '成绩已确认并保存。' }).count()).toBe(1);
		await waitSynced();
		const match = await database.db.match.findUniqueOrThrow({ where: { id: board.matchId } });
		expect(match).toMatchObject({ status: 'finished', winnerEntryId: board.entryAId });
		expect(JSON.parse(match.summary)).toMatchObject({ outcome: 'A', moves: 42, points: { a: 2, b: 0 } });
	});
});

describe('an organizer after the match', () => {
	it('unlocks a match’s scoring device and corrects a signed-off result, both audited', async () => {
		await context.clearCookies({ name: 'dg_session' });
		await page.goto(`${baseUrl}/login`);
		await page.getByLabel('用户名').fill(organizer.username);
		await page.getByLabel('密码', { exact: true }).fill(organizer.password);
		await page.getByRole('button', { name: '登录' }).click();
		await page.waitForURL(`${baseUrl}/admin`);
		await page.goto(`${baseUrl}/admin/matches`);
		await expectNoAxeViolations(page);
		await page.getByRole('button', { name: '解锁 TT-1 的记分设备' }).click();
		await expect.poll(() => page.getByRole('status').filter({ hasText: '已解锁' }).count()).toBe(1);
		expect((await database.db.match.findUniqueOrThrow({ where: { id: tt.matchId } })).controllerId).toBeNull();
		expect(await database.db.auditLog.count({ where: { action: 'match.unlock', entityId: tt.matchId } })).toBe(1);

		await page.getByRole('link', { name: 'TT-1 的详情与更正' }).click();
		await page.waitForURL(`${baseUrl}/admin/matches/${tt.matchId}`);
		await expectNoAxeViolations(page);
		await page.getByLabel('各局比分（每行一局，如 11-8）').fill('11-5\n7-11\n11-9\n10-12\n9-11');
		await page.getByLabel('更正原因（必填）').fill('记分表与双方签字核对');
		await page.getByRole('button', { name: '提交更正' }).click();
		await expect.poll(() => page.getByRole('status').filter({ hasText: '成绩已更正' }).count()).toBe(1);
		const match = await database.db.match.findUniqueOrThrow({ where: { id: tt.matchId } });
		expect(match.winnerEntryId).toBe(tt.entryBId);
		expect(await database.db.auditLog.count({ where: { action: 'match.correction', entityId: tt.matchId } })).toBe(1);
		const last = await database.db.matchEvent.findFirstOrThrow({ where: { matchId: tt.matchId }, orderBy: { seq: 'desc' } });
		expect(JSON.parse(last.event)).toMatchObject({ type: 'correction', reason: '记分表与双方签字核对' });

		await page.goto(`${baseUrl}/referee/match/${darts.matchId}`);
		await expect.poll(() => page.getByTestId('read-only').textContent()).toContain('查看模式');

		await page.goto(`${baseUrl}/admin/matches/tables`);
		expect(await page.locator('.qr svg').count()).toBeGreaterThanOrEqual(2);
		await expectNoAxeViolations(page);
	});
});

describe('a referee scanning a table’s QR code', () => {
	it('logs in and lands on the next unfinished match of that table', async () => {
		await context.clearCookies({ name: 'dg_session' });
		await page.goto(`${baseUrl}/referee/table/${third.tableId}`);
		await page.waitForURL(`${baseUrl}/login`);
		await page.getByLabel('用户名').fill(referee.username);
		await page.getByLabel('密码', { exact: true }).fill(referee.password);
		await page.getByRole('button', { name: '登录' }).click();
		await page.waitForURL(`${baseUrl}/referee/match/${third.matchId}`);
		expect(await page.locator('h1').textContent()).toBe('记分：TT-2');
	});
});
