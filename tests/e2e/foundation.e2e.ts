import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { expectNoAxeViolations, launchBrowser } from './browser';

const baseUrl = inject('baseUrl');
const admin = inject('admin');

let browser: Awaited<ReturnType<typeof launchBrowser>>;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
	browser = await launchBrowser();
	context = browser.context;
	page = await context.newPage();
});
afterAll(async () => {
	await browser?.close();
});

describe('a spectator on the public home page', () => {
	it('sees the games in Chinese by default with all 43 streets listed', async () => {
		await page.goto(baseUrl);
		expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
		await expect.poll(() => page.locator('h1').textContent()).toContain('第七届区残疾人运动会');
		const streets = await page.locator('[data-testid="street-list"] li, [data-testid="area-list"] li').allTextContents();
		expect(streets).toHaveLength(43);
		expect(streets).toContain('朝外街道');
		expect(streets).toContain('十八里店地区');
		await expectNoAxeViolations(page);
	});

	it('sees that live updates are connected, in words', async () => {
		await page.goto(baseUrl);
		await expect.poll(() => page.getByTestId('connection-status').textContent(), { timeout: 10_000 }).toContain('实时连接正常');
	});

	it('switches the whole page to English with the language button, and it stays English', async () => {
		await page.goto(baseUrl);
		await page.getByRole('button', { name: '切换到英文界面' }).click();
		await page.waitForFunction(() => document.documentElement.lang === 'en');
		expect(await page.locator('h1').textContent()).toContain('7th District Games for Persons with Disabilities');
		expect(await page.locator('[data-testid="street-list"] li').first().textContent()).toBe('Chaowai Subdistrict');
		await expectNoAxeViolations(page);
		await page.goto(`${baseUrl}/live`);
		expect(await page.locator('h1').textContent()).toBe('Live results');
		await page.getByRole('button', { name: 'Switch to Chinese' }).click();
		await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
		expect(page.url()).toBe(`${baseUrl}/live`);
	});

	it('can skip straight to the main content with the keyboard', async () => {
		await page.goto(baseUrl);
		await page.keyboard.press('Tab');
		const focused = await page.evaluate(() => document.activeElement?.textContent?.trim());
		expect(focused).toBe('跳到主要内容');
		await page.keyboard.press('Enter');
		expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
	});

	it('gets a helpful 404 page with links back for an unknown address', async () => {
		const response = await page.goto(`${baseUrl}/no-such-page`);
		expect(response?.status()).toBe(404);
		expect(await page.locator('h1').textContent()).toBe('找不到这个页面');
		expect(await page.getByRole('link', { name: '返回首页' }).count()).toBe(1);
		await expectNoAxeViolations(page);
	});
});

describe('an organizer', () => {
	it('is told clearly when the password is wrong', async () => {
		await page.goto(`${baseUrl}/login`);
		await expectNoAxeViolations(page);
		await page.getByLabel('用户名').fill(admin.username);
		await page.getByLabel('密码', { exact: true }).fill('not the password');
		await page.getByRole('button', { name: '登录' }).click();
		await expect.poll(() => page.getByRole('alert').textContent()).toContain('用户名或密码不正确');
		expect(page.url()).toBe(`${baseUrl}/login`);
	});

	it('logs in, lands on the dashboard, creates a coordinator account and logs out', async () => {
		await page.goto(`${baseUrl}/login`);
		await page.getByLabel('用户名').fill(admin.username);
		await page.getByLabel('密码', { exact: true }).fill(admin.password);
		await page.getByRole('button', { name: '登录' }).click();
		await page.waitForURL(`${baseUrl}/admin`);
		expect(await page.locator('h1').textContent()).toBe('组委会工作台');
		await expectNoAxeViolations(page);

		await page.getByLabel('用户名', { exact: true }).fill('coord-e2e');
		await page.getByLabel('姓名').fill('劲松协调员');
		await page.getByLabel('角色').selectOption('coordinator');
		await page.getByLabel('所属街道').selectOption({ label: '劲松街道' });
		await page.getByRole('button', { name: '新建账号' }).click();
		await expect.poll(() => page.getByRole('status').filter({ hasText: '一次性密码' }).textContent()).toContain('coord-e2e');
		expect(await page.getByRole('row', { name: /coord-e2e/ }).textContent()).toContain('劲松街道');

		await page.getByRole('button', { name: '退出登录' }).first().click();
		await page.waitForURL(`${baseUrl}/`);
		const dashboard = await page.goto(`${baseUrl}/admin`);
		expect(dashboard?.url()).toContain('/login');
	});
});

describe('the API and the server process', () => {
	it('answers malformed tRPC input with 400 and field messages in the caller language, changing nothing', async () => {
		const response = await fetch(`${baseUrl}/api/trpc/auth.login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', cookie: 'dg_locale=en' },
			body: JSON.stringify({ username: '', password: 42 })
		});
		expect(response.status).toBe(400);
		const body = (await response.json()) as { error: { message: string; data: { fieldErrors: Record<string, string[]> } } };
		expect(body.error.message).toMatch(/Please correct the marked fields/);
		expect(body.error.data.fieldErrors.username).toEqual(['This field is required.']);
		expect(body.error.data.fieldErrors.password?.[0]).toBeTruthy();
	});

	it('refuses an oversized API body before reading it, with a message', async () => {
		const response = await fetch(`${baseUrl}/api/trpc/auth.login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', cookie: 'dg_locale=en' },
			body: JSON.stringify({ username: 'x'.repeat(2 * 1024 * 1024), password: 'y' })
		});
		expect(response.status).toBe(413);
		expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/too large/);
	});

	it('refuses a tRPC mutation sent from another origin', async () => {
		const response = await fetch(`${baseUrl}/api/trpc/auth.login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
			body: JSON.stringify({ username: admin.username, password: admin.password })
		});
		expect(response.status).toBe(403);
	});

	it('reports health with the database it uses, and is never cached', async () => {
		const response = await fetch(`${baseUrl}/health`);
		expect(response.status).toBe(200);
		expect(response.headers.get('cache-control')).toBe('no-store');
		expect(await response.json()).toMatchObject({ status: 'ok', database: 'sqlite' });
	});

	it('sends security headers: a CSP without inline scripts that forbids framing, nosniff, referrer policy', async () => {
		const response = await fetch(baseUrl);
		const csp = response.headers.get('content-security-policy') ?? '';
		expect(csp).toContain("frame-ancestors 'none'");
		expect(csp).toMatch(/script-src 'self'( 'nonce-[^']+'| 'sha256-[^']+')*;/);
		expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
		expect(response.headers.get('x-content-type-options')).toBe('nosniff');
		expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
	});
});
