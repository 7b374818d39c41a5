import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectNoAxeViolations, launchBrowser } from './browser';

const baseUrl = inject('baseUrl');
const admin = inject('admin');

let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;

beforeAll(async () => {
	browser = await launchBrowser();
	page = await browser.context.newPage();
	await page.goto(`${baseUrl}/login`);
	await page.getByLabel('用户名').fill(admin.username);
	await page.getByLabel('密码', { exact: true }).fill(admin.password);
	await page.getByRole('button', { name: '登录' }).click();
	await page.waitForURL(`${baseUrl}/admin`);
});
afterAll(async () => {
	await browser?.close();
});

/** The first-round bracket as text: what a re-draw must change and a repeated seed reproduce. */
async function firstRound(p: Page): Promise<string> {
	return (await p.locator('.bracket .round').first().innerText()).trim();
}

describe('an organizer making a draw', () => {
	it('generates, previews, re-draws, reproduces and publishes a knockout, and the public bracket shows it', async () => {
		await page.goto(`${baseUrl}/admin/draws`);
		expect(await page.locator('h1').textContent()).toBe('抽签与签表');
		await expectNoAxeViolations(page);
		await page.getByRole('link', { name: '管理 TT-ID 的抽签' }).click();
		await page.waitForURL(/\/admin\/draws\/[^/]+$/);
		const categoryUrl = page.url();

		// still open for registration: refused with the reason
		await page.getByRole('button', { name: '生成抽签' }).click();
		await expect.poll(() => page.getByRole('alert').textContent()).toContain('仍在报名中');
		await page.getByRole('button', { name: '截止本项目报名' }).click();
		await expect.poll(() => page.getByTestId('draw-status').textContent()).toContain('报名已截止');

		await page.getByLabel(/随机种子/).fill('e2e-one');
		await page.getByRole('button', { name: '生成抽签' }).click();
		await expect.poll(() => page.getByTestId('draw-status').textContent()).toContain('e2e-one');
		await expect.poll(() => page.locator('#bracket-title').count()).toBe(1);
		const drawOne = await firstRound(page);
		expect(drawOne.length).toBeGreaterThan(0);
		await expectNoAxeViolations(page);

		await page.getByLabel(/随机种子/).fill('e2e-two');
		await page.getByRole('button', { name: '重新抽签' }).first().click();
		await expect.poll(() => page.getByTestId('draw-status').textContent()).toContain('e2e-two');
		await expect.poll(() => firstRound(page)).not.toBe(drawOne);

		await page.getByLabel(/随机种子/).fill('e2e-one');
		await page.getByRole('button', { name: '重新抽签' }).first().click();
		await expect.poll(() => page.getByTestId('draw-status').textContent()).toContain('e2e-one');
		await expect.poll(() => firstRound(page)).toBe(drawOne);

		await page.getByRole('button', { name: '公布抽签' }).click();
		await expect.poll(() => page.getByTestId('draw-status').textContent()).toContain('抽签已公布');

		// the public page, as a spectator in a fresh context
		const id = categoryUrl.split('/').pop();
		const spectator = await browser.context.browser()!.newContext();
		const pub = await spectator.newPage();
		await pub.goto(`${baseUrl}/categories`);
		await expectNoAxeViolations(pub);
		await pub.goto(`${baseUrl}/categories/${id}`);
		expect(await pub.locator('h1').textContent()).toContain('TT-ID');
		expect(await firstRound(pub)).toBe(drawOne);
		expect(await pub.getByText('e2e-one').count()).toBeGreaterThan(0);
		// every match of the bracket is reachable with the keyboard
		const links = pub.locator('.bracket a.match');
		expect(await links.count()).toBeGreaterThan(0);
		await links.first().focus();
		expect(await pub.evaluate(() => document.activeElement?.classList.contains('match'))).toBe(true);
		// and the table alternative lists the same matches
		await pub.getByText('签表（表格）').click();
		expect(await pub.locator('.bracket-table tbody tr').count()).toBe(await links.count());
		await expectNoAxeViolations(pub);
		await spectator.close();
	});

	it('sees the demo competition: groups, Swiss standings with tie-breaks explained, and the order of play', async () => {
		await page.goto(`${baseUrl}/categories`);
		await page.getByRole('link', { name: /男子乒乓球站立组/ }).click();
		await expect.poll(() => page.locator('h2#groups-title').count()).toBe(1);
		expect(await page.getByRole('table', { name: /A 组积分/ }).count()).toBe(1);
		await expectNoAxeViolations(page);

		await page.goto(`${baseUrl}/categories`);
		await page.getByRole('link', { name: '男子中国象棋' }).click();
		await expect.poll(() => page.getByText('破同分规则说明').count()).toBe(1);
		await expectNoAxeViolations(page);

		await page.goto(`${baseUrl}/admin/schedule`);
		expect(await page.locator('h1').textContent()).toBe('秩序册：比赛安排');
		expect(await page.getByRole('table').count()).toBeGreaterThan(0);
		await expectNoAxeViolations(page);

		await page.goto(`${baseUrl}/categories/schedule`);
		expect(await page.locator('tbody tr').count()).toBeGreaterThan(0);
		await expectNoAxeViolations(page);
	});
});
