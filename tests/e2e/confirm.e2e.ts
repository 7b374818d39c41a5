/**
 * Destructive acts ask first, naming who and what: a coordinator's withdrawal of an athlete, the
 * organizer's withdrawal from a drawn category (walkovers) and withdrawing published art
 * results. With JavaScript the question is a modal dialog (focus on Cancel, Escape cancels and
 * focus returns to the button); without JavaScript the server asks again in the page.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectNoAxeViolations, launchBrowser } from './browser';
import { ApiClient } from '../support/live';
import { person } from '../support/registration';

const baseUrl = inject('baseUrl');
const admin = inject('admin');
const PASSWORD = 'a confirm test password 42';

let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
const organizer = new ApiClient(baseUrl);
const coordinator = new ApiClient(baseUrl);
let coordinatorName = '';
let totalScore: { id: string; nameZh: string };

beforeAll(async () => {
	browser = await launchBrowser();
	page = await browser.context.newPage();
	await organizer.login(admin.username, admin.password);
	const form = await organizer.query<{ streets: Array<{ id: string }>; categories: Array<{ id: string; code: string; nameZh: string }> }>('registration.form');
	totalScore = form.categories.find((c) => c.code === 'DT-T')!;
	coordinatorName = `confirm-coordinator-${Date.now().toString(36)}`;
	const created = await organizer.mutation<{ oneTimePassword: string }>('admin.users.create', { username: coordinatorName, displayName: '确认测试联络员', role: 'coordinator', streetId: form.streets[0]?.id });
	await coordinator.login(coordinatorName, created.oneTimePassword);
	await coordinator.mutation('auth.changePassword', { current: created.oneTimePassword, next: PASSWORD });
});
afterAll(async () => {
	await browser?.close();
});

async function logIn(target: Page, username: string, password: string): Promise<void> {
	await browser.context.clearCookies();
	await target.goto(`${baseUrl}/login`);
	await target.locator('#username').fill(username);
	await target.locator('#password').fill(password);
	await target.locator('form button[type="submit"]').last().click();
	await target.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** The coordinator registers an athlete of their street into the darts total-score event; returns the name and entry id. */
async function athleteWithEntry(): Promise<{ name: string; entryId: string }> {
	const p = { ...person(), name: `确认${Date.now().toString(36).slice(-4)}` };
	const { referenceCode } = await coordinator.mutation<{ referenceCode: string }>('registration.street.register', {
		...p,
		categoryIds: [totalScore.id],
		opId: `confirm-${Date.now()}-${Math.random()}`,
		consentMethod: 'in_person'
	});
	const athletes = await coordinator.query<Array<{ referenceCode: string; entries: Array<{ id: string }> }>>('registration.street.athletes', { status: 'pending' });
	return { name: p.name, entryId: athletes.find((a) => a.referenceCode === referenceCode)!.entries[0]!.id };
}

async function entryStatus(entryId: string): Promise<string | undefined> {
	const athletes = await coordinator.query<Array<{ entries: Array<{ id: string; status: string }> }>>('registration.street.athletes', {});
	return athletes.flatMap((a) => a.entries).find((e) => e.id === entryId)?.status;
}

const isOpen = (target: Page, testid: string) => target.getByTestId(testid).evaluate((d) => (d as HTMLDialogElement).open);
const focusedTestId = (target: Page) => target.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.textContent ?? '');

describe('confirmations of destructive acts', () => {
	it('a coordinator withdraws an athlete only after a dialog that names them; Escape cancels and returns focus', async () => {
		const { name, entryId } = await athleteWithEntry();
		await logIn(page, coordinatorName, PASSWORD);
		await page.goto(`${baseUrl}/street?status=pending`);
		const button = page.getByTestId(`withdraw-${entryId}`);
		await button.click();
		const dialog = `withdraw-${entryId}-dialog`;
		await expect.poll(() => isOpen(page, dialog)).toBe(true);
		expect(await page.getByTestId(dialog).getByRole('heading').textContent()).toBe(`确认退出：${name} · ${totalScore.nameZh}`);
		expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('取消');
		await expectNoAxeViolations(page);
		await page.keyboard.press('Escape');
		await expect.poll(() => isOpen(page, dialog)).toBe(false);
		expect(await focusedTestId(page)).toBe(`withdraw-${entryId}`);
		expect(await entryStatus(entryId)).toBe('pending');

		await button.click();
		await page.getByTestId(`${dialog}-confirm`).click();
		await expect.poll(() => page.locator('.form-message').textContent()).toBe('已退出。');
		expect(await entryStatus(entryId)).toBe('withdrawn');
	});

	it('without JavaScript the server asks again in the page, naming the athlete, and a cancel changes nothing', async () => {
		const { name, entryId } = await athleteWithEntry();
		const plain = await browser.context.newPage();
		await plain.route(/\.(js|mjs)(\?.*)?$/, (route) => route.abort());
		await plain.goto(`${baseUrl}/street?status=pending`);
		await plain.getByTestId(`withdraw-${entryId}`).click();
		const step = plain.getByTestId(`withdraw-${entryId}-step`);
		expect(await step.textContent()).toContain(`${name} 将退出“${totalScore.nameZh}”`);
		expect(await entryStatus(entryId)).toBe('pending');
		await step.getByRole('link', { name: '取消' }).click();
		expect(await plain.getByTestId(`withdraw-${entryId}-step`).count()).toBe(0);
		expect(await entryStatus(entryId)).toBe('pending');

		await plain.getByTestId(`withdraw-${entryId}`).click();
		await plain.getByTestId(`withdraw-${entryId}-step`).getByRole('button', { name: `确认退出：${name}` }).click();
		await expect.poll(() => plain.locator('.form-message').textContent()).toBe('已退出。');
		expect(await entryStatus(entryId)).toBe('withdrawn');
		await plain.close();
	});

	it('the organizer’s withdrawal from a drawn category asks for the athlete first, then names them and the walkovers', async () => {
		await logIn(page, admin.username, admin.password);
		const categories = await organizer.query<Array<{ id: string; code: string; status: string }>>('competition.draws.list');
		const drawn = categories.find((c) => c.code === 'XQ-M' && c.status === 'published')!;
		await page.goto(`${baseUrl}/admin/draws/${drawn.id}`);
		const reason = page.locator('#withdraw-reason');
		await reason.fill('因伤');
		// No athlete chosen: the browser says so and no question is asked.
		await page.getByTestId('draw-withdraw').click();
		expect(await isOpen(page, 'draw-withdraw-dialog')).toBe(false);
		expect(await page.locator('#withdraw-entry').evaluate((s) => (s as HTMLSelectElement).validity.valueMissing)).toBe(true);

		const option = page.locator('#withdraw-entry option').nth(1);
		const athlete = (await option.textContent())!.trim();
		await page.locator('#withdraw-entry').selectOption({ index: 1 });
		await page.getByTestId('draw-withdraw').click();
		await expect.poll(() => isOpen(page, 'draw-withdraw-dialog')).toBe(true);
		const dialog = page.getByTestId('draw-withdraw-dialog');
		expect(await dialog.getByRole('heading').textContent()).toContain(`确认退赛：${athlete}`);
		expect(await dialog.textContent()).toContain('判对手弃权胜');
		await expectNoAxeViolations(page);
		await dialog.getByRole('button', { name: '取消' }).click();
		await expect.poll(() => isOpen(page, 'draw-withdraw-dialog')).toBe(false);
		expect(await focusedTestId(page)).toBe('draw-withdraw');
		// Nothing was recorded: the athlete is still in the list of those who can withdraw.
		await page.reload();
		expect(await page.locator('#withdraw-entry option').allTextContents()).toContain(athlete);

		// Without JavaScript the page asks, keeping the athlete and the reason chosen.
		const plain = await browser.context.newPage();
		await plain.route(/\.(js|mjs)(\?.*)?$/, (route) => route.abort());
		await plain.goto(`${baseUrl}/admin/draws/${drawn.id}`);
		await plain.locator('#withdraw-entry').selectOption({ index: 1 });
		await plain.locator('#withdraw-reason').fill('因伤');
		await plain.getByTestId('draw-withdraw').click();
		expect(await plain.getByTestId('draw-withdraw-step').textContent()).toContain(`${athlete} 将退出`);
		expect(await plain.locator('#withdraw-entry option:checked').textContent()).toBe(athlete);
		expect(await plain.locator('#withdraw-reason').inputValue()).toBe('因伤');
		await plain.close();
	});

	it('withdrawing published art results asks first, naming the category, with and without JavaScript', async () => {
		const overview = await organizer.query<{ categories: Array<{ id: string; nameZh: string; resultsPublishedAt: string | null }> }>('art.admin.overview');
		const published = overview.categories.find((c) => c.resultsPublishedAt)!;
		await page.goto(`${baseUrl}/admin/art/categories/${published.id}`);
		await page.getByTestId('art-unpublish').click();
		await expect.poll(() => isOpen(page, 'art-unpublish-dialog')).toBe(true);
		expect(await page.getByTestId('art-unpublish-dialog').getByRole('heading').textContent()).toBe(`确认撤回公布：${published.nameZh}`);
		await page.keyboard.press('Escape');
		await expect.poll(() => isOpen(page, 'art-unpublish-dialog')).toBe(false);
		expect(await focusedTestId(page)).toBe('art-unpublish');
		expect(await page.locator('#publish-title').textContent()).toBe('已公布');

		// (The demo's published works have no jury ranking, so they could not be published again:
		// the confirmed path is covered by the coordinator's withdrawal above.)
		const plain = await browser.context.newPage();
		await plain.route(/\.(js|mjs)(\?.*)?$/, (route) => route.abort());
		await plain.goto(`${baseUrl}/admin/art/categories/${published.id}`);
		await plain.getByTestId('art-unpublish').click();
		expect(await plain.getByTestId('art-unpublish-step').textContent()).toContain(`确认撤回公布：${published.nameZh}`);
		await plain.getByTestId('art-unpublish-step').getByRole('link', { name: '取消' }).click();
		expect(await plain.locator('#publish-title').textContent()).toBe('已公布');
		await plain.close();
	});
});
