import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { expectNoAxeViolations, launchBrowser } from './browser';
import { makeResidentId } from '../../src/lib/domain/registration/identity';
import { looksLikePersonalNumber } from '../../src/lib/domain/registration/mask';

const baseUrl = inject('baseUrl');
const admin = inject('admin');

let browser: Awaited<ReturnType<typeof launchBrowser>>;
let context: BrowserContext;
let page: Page;

const residentId = makeResidentId('110105', '1979-04-18', '357');
const certificate = `${residentId}43`;
const athleteName = '键盘测试员';
let referenceCode = '';
let categoryName = '';

beforeAll(async () => {
	browser = await launchBrowser();
	context = browser.context;
	page = await context.newPage();
});
afterAll(async () => {
	await browser?.close();
});

/** Presses Tab until the focused element matches `selector` (keyboard only, like a person would). */
async function tabTo(selector: string, max = 80): Promise<void> {
	for (let i = 0; i < max; i++) {
		await page.keyboard.press('Tab');
		if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
	}
	throw new Error(`could not reach ${selector} with the Tab key`);
}

async function nextStep(heading: string): Promise<void> {
	await tabTo('button[value="next"]');
	await page.keyboard.press('Enter');
	await expect.poll(() => page.locator('#step-title').textContent()).toContain(heading);
}

async function logIn(username: string, password: string): Promise<void> {
	await page.goto(`${baseUrl}/login`);
	await page.getByLabel('用户名').fill(username);
	await page.getByLabel('密码', { exact: true }).fill(password);
	await page.getByRole('button', { name: '登录' }).click();
	await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

async function logOut(): Promise<void> {
	await page.getByRole('button', { name: '退出登录' }).first().click();
	await page.waitForURL(`${baseUrl}/`);
}

describe('registration, end to end', () => {
	it('an athlete registers with the keyboard only, sees errors next to fields, and gets a reference code', async () => {
		await page.goto(`${baseUrl}/register`);
		expect(await page.locator('h1').textContent()).toBe('运动员报名');
		await expectNoAxeViolations(page);

		await tabTo('#name');
		await page.keyboard.type(athleteName);
		await tabTo('#streetId');
		for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowDown');
		expect(await page.locator('#streetId option:checked').textContent()).toBe('八里庄街道');
		await nextStep('证件');
		await expectNoAxeViolations(page);

		// A mismatch between the two numbers is an error next to the certificate field.
		await tabTo('#residentId');
		await page.keyboard.type(residentId);
		await tabTo('#certificateNo');
		await page.keyboard.type(`${makeResidentId('110105', '1979-04-19', '357')}43`);
		await page.keyboard.press('Enter');
		await expect.poll(() => page.locator('#certificateNo-error').textContent()).toContain('不一致');
		expect(await page.getAttribute('#certificateNo', 'aria-invalid')).toBe('true');
		expect(await page.getAttribute('#certificateNo', 'aria-describedby')).toContain('certificateNo-error');
		await expectNoAxeViolations(page);

		await page.locator('#certificateNo').focus();
		await page.keyboard.press('ControlOrMeta+A');
		await page.keyboard.type(certificate);
		await tabTo('#sportClass');
		await page.keyboard.type('tt7');
		await nextStep('选择项目');
		// Derived facts are shown, not asked.
		const facts = await page.locator('dl.facts').textContent();
		expect(facts).toContain('1979-04-18');
		expect(facts).toContain('男');
		expect(facts).toContain('肢体残疾');
		// Ineligible categories are listed with the reason.
		expect(await page.locator('.ineligible').textContent()).toContain('仅限女子');
		await expectNoAxeViolations(page);

		// The first event offered (other areas' demo draws close some categories).
		const box = page.locator('input[name="categoryIds"]:not([disabled])').first();
		const value = await box.getAttribute('value');
		categoryName = ((await box.locator('xpath=following-sibling::span').textContent()) ?? '').replace(/\s*\S+$/, '').trim();
		expect(categoryName.length).toBeGreaterThan(1);
		await tabTo(`input[name="categoryIds"][value="${value}"]`);
		await page.keyboard.press('Space');
		await nextStep('联系方式');
		await expectNoAxeViolations(page);
		await tabTo('#phone');
		await page.keyboard.type('13911112222');
		await nextStep('核对并提交');
		expect(await page.locator('dl.review').textContent()).toContain(categoryName);
		await expectNoAxeViolations(page);

		// Without the two separate consents (personal data; ID numbers and disability) nothing is registered.
		await tabTo('button[value="submit"]');
		await page.keyboard.press('Enter');
		await expect.poll(() => page.locator('#consentSensitive-error').count()).toBe(1);
		expect(await page.locator('#consentPersonal-error').textContent()).toContain('同意');
		await expectNoAxeViolations(page);
		await tabTo('#consentPersonal');
		await page.keyboard.press('Space');
		await tabTo('#consentSensitive');
		await page.keyboard.press('Space');
		await tabTo('button[value="submit"]');
		await page.keyboard.press('Enter');
		await expect.poll(() => page.getByTestId('reference-code').textContent()).toMatch(/^DG-/);
		referenceCode = (await page.getByTestId('reference-code').textContent()) ?? '';
		expect(looksLikePersonalNumber(await page.content())).toBe(false);
		await expectNoAxeViolations(page);
	});

	it('the athlete comes back with the reference code and ID number and sees the entry pending', async () => {
		await page.goto(`${baseUrl}/entry`);
		await expectNoAxeViolations(page);
		await page.getByLabel('报名编号').fill(referenceCode);
		await page.getByLabel('身份证号码').fill(residentId);
		await page.getByRole('button', { name: '查看' }).click();
		await page.waitForURL(`${baseUrl}/entry/status`);
		expect(await page.locator('.entries').textContent()).toContain('待审核');
		expect(looksLikePersonalNumber(await page.content())).toBe(false);
		await expectNoAxeViolations(page);
	});

	it('the street coordinator approves the entry in the street console', async () => {
		await logIn(admin.username, admin.password);
		await page.goto(`${baseUrl}/admin`);
		await page.getByLabel('用户名', { exact: true }).fill('coord-reg');
		await page.getByLabel('姓名').fill('八里庄协调员');
		await page.getByLabel('角色').selectOption('coordinator');
		await page.getByLabel('所属街道').selectOption({ label: '八里庄街道' });
		await page.getByRole('button', { name: '新建账号' }).click();
		const created = await page.getByRole('status').filter({ hasText: '一次性密码' }).textContent();
		const oneTime = /一次性密码：(\S+?)（/.exec(created ?? '')?.[1] ?? '';
		expect(oneTime.length).toBeGreaterThan(5);
		await logOut();

		await logIn('coord-reg', oneTime);
		await page.getByLabel('当前密码').fill(oneTime);
		await page.getByLabel('新密码（至少 10 个字符）').fill('coordinator password 1');
		await page.getByLabel('再次输入新密码').fill('coordinator password 1');
		await page.getByRole('button', { name: '保存新密码' }).click();
		await expect.poll(() => page.getByText('新密码已保存').count()).toBeGreaterThan(0);

		await page.goto(`${baseUrl}/street`);
		expect(await page.locator('h1').textContent()).toContain('八里庄街道');
		await expectNoAxeViolations(page);
		const card = page.locator('.athletes > li', { hasText: athleteName });
		expect(await card.textContent()).toContain('**************357');
		expect(looksLikePersonalNumber(await page.content())).toBe(false);
		await card.getByRole('button', { name: /审核通过/ }).click();
		await expect.poll(() => page.getByRole('status').filter({ hasText: '已审核通过' }).count()).toBe(1);
		await page.goto(`${baseUrl}/street?status=approved`);
		expect(await page.locator('.athletes > li', { hasText: athleteName }).textContent()).toContain('已通过');
		await expectNoAxeViolations(page);
		for (const path of ['/street/register', '/street/import']) {
			await page.goto(`${baseUrl}${path}`);
			await expectNoAxeViolations(page);
		}
		// Registering on behalf applies the same rules: an invalid ID number is explained next to its field.
		await page.goto(`${baseUrl}/street/register`);
		await page.locator('#name').fill('代报测试');
		await page.locator('#residentId').fill('11010519790418357');
		await page.getByRole('button', { name: '提交报名' }).click();
		await expect.poll(() => page.locator('#residentId-error').textContent()).toContain('18 位');
		await expectNoAxeViolations(page);
		await logOut();
	});

	it('the organizer sees the approved entry in the overview and the category list', async () => {
		await logIn(admin.username, admin.password);
		await page.goto(`${baseUrl}/admin/entries`);
		expect(await page.locator('h1').textContent()).toBe('报名总览');
		await expectNoAxeViolations(page);
		await page.getByRole('link', { name: categoryName }).click();
		await page.waitForURL(/\/admin\/entries\/.+/);
		const row = page.getByRole('row', { name: new RegExp(athleteName) });
		expect(await row.textContent()).toContain('已通过');
		expect(await row.textContent()).toContain(referenceCode);
		expect(looksLikePersonalNumber(await page.content())).toBe(false);
		await expectNoAxeViolations(page);
		await page.goto(`${baseUrl}/admin/programme`);
		await expectNoAxeViolations(page);
		await page.goto(`${baseUrl}/checkin`);
		await page.getByLabel('报名编号或二维码内容').fill(`DGENTRY:${referenceCode}`);
		await page.getByRole('button', { name: '查找' }).click();
		await page.getByRole('button', { name: new RegExp(`确认 ${athleteName} 签到`) }).click();
		await expect.poll(() => page.getByRole('status').filter({ hasText: '已签到' }).count()).toBe(1);
		await expectNoAxeViolations(page);
		await logOut();
	});

	it('after approval the athlete’s status page shows the check-in QR code', async () => {
		await page.goto(`${baseUrl}/entry/status`);
		expect(await page.locator('.entries').textContent()).toContain('已通过');
		expect(await page.locator('.qr svg').count()).toBe(1);
		await expectNoAxeViolations(page);
		await page.goto(`${baseUrl}/entry/card`);
		expect(await page.locator('.entry-card').textContent()).toContain(referenceCode);
		await expectNoAxeViolations(page);
	});
});

describe('registration without JavaScript', () => {
	it('works step by step with server-side state only, keeping the numbers out of the page after the documents step', async () => {
		const plain = await context.newPage();
		await plain.route(/\.(js|mjs)(\?.*)?$/, (route) => route.abort());
		const id = makeResidentId('110105', '1990-10-10', '246');
		await plain.goto(`${baseUrl}/register`);
		await plain.locator('#name').fill('无脚本测试');
		await plain.locator('#streetId').selectOption({ index: 3 });
		await plain.getByRole('button', { name: '下一步' }).click();
		await plain.locator('#residentId').fill(id);
		await plain.locator('#certificateNo').fill(`${id}24`);
		await plain.getByRole('button', { name: '下一步' }).click();
		await expect.poll(() => plain.locator('#step-title').textContent()).toContain('选择项目');
		expect(looksLikePersonalNumber(await plain.content())).toBe(false);
		// Nothing chosen: the error is next to the events, in words.
		await plain.getByRole('button', { name: '下一步' }).click();
		await expect.poll(() => plain.locator('#categoryIds-error').textContent()).toContain('至少选择一个项目');
		await plain.locator('input[name="categoryIds"]:not([disabled])').first().check();
		await plain.getByRole('button', { name: '下一步' }).click();
		await plain.locator('#phone').fill('010-65001234');
		await plain.getByRole('button', { name: '下一步' }).click();
		await plain.locator('#consentPersonal').check();
		await plain.locator('#consentSensitive').check();
		await plain.getByRole('button', { name: '提交报名' }).click();
		await expect.poll(() => plain.getByTestId('reference-code').textContent()).toMatch(/^DG-/);
		expect(looksLikePersonalNumber(await plain.content())).toBe(false);
		await plain.close();
	});
});
