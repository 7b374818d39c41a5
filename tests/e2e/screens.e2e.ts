/**
 * The venue's devices, looked at: the hall's big screen at 1920×1080 and 3840×2160 and the
 * registration steps on phones (390×844 and 320 px). The tests assert the layout a person
 * relies on (every card on screen, a name on one line that never touches the score, radios
 * beside their labels, an error summary that takes focus and links to the field) and save a
 * screenshot of each state under test-results/screens/ for people to review.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { expectNoAxeViolations, launchBrowser } from './browser';

const baseUrl = inject('baseUrl');
const shots = path.resolve('test-results/screens');

let browser: Awaited<ReturnType<typeof launchBrowser>>;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
	mkdirSync(shots, { recursive: true });
	browser = await launchBrowser();
	context = browser.context;
	page = await context.newPage();
});
afterAll(async () => {
	await browser?.close();
});

type Box = { x: number; y: number; width: number; height: number };
const boxOf = async (locator: Locator): Promise<Box> => {
	const box = await locator.boundingBox();
	if (!box) throw new Error('element not rendered');
	return box;
};
const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const inside = (a: Box, width: number, height: number) => a.x >= 0 && a.y >= 0 && a.x + a.width <= width + 0.5 && a.y + a.height <= height + 0.5;

describe('the big screen in the hall', () => {
	for (const [width, height] of [
		[1920, 1080],
		[3840, 2160]
	] as const) {
		it(`shows six whole match cards at ${width}×${height}, names on one line clear of the scores`, async () => {
			await page.setViewportSize({ width, height });
			// The latest results: the demo has more than six finished matches, so the screen is full.
			await page.goto(`${baseUrl}/live/screen?run=1&pace=300&views=recent&hold=1`);
			const cards = page.locator('[data-testid="big-screen"] .match');
			const count = await cards.count();
			expect(count, 'a full screen holds six matches').toBe(6);
			const scroll = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight]);
			expect(scroll, 'the screen needs no scrolling').toEqual([width, height]);
			for (let i = 0; i < count; i++) {
				const card = cards.nth(i);
				const cardBox = await boxOf(card);
				expect(inside(cardBox, width, height), `card ${i + 1} is on screen`).toBe(true);
				const names = card.locator('.line .name');
				const numbers = card.locator('.num');
				for (let n = 0; n < (await names.count()); n++) {
					const name = names.nth(n);
					const box = await boxOf(name);
					const lineHeight = await name.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight) || parseFloat(getComputedStyle(el).fontSize) * 1.4);
					expect(box.height, `name ${n + 1} of card ${i + 1} stays on one line`).toBeLessThanOrEqual(lineHeight * 1.2);
					const fontSize = await name.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
					expect(fontSize, 'names are readable from 5 m').toBeGreaterThanOrEqual((48 * height) / 1080 - 1);
					for (let k = 0; k < (await numbers.count()); k++) {
						expect(overlaps(box, await boxOf(numbers.nth(k))), `name ${n + 1} of card ${i + 1} clear of the score`).toBe(false);
					}
				}
			}
			await page.screenshot({ path: path.join(shots, `big-screen-${width}x${height}.png`) });
			await page.goto(`${baseUrl}/live/screen?run=1&pace=300&views=now&hold=1`);
			await page.screenshot({ path: path.join(shots, `big-screen-now-${width}x${height}.png`) });
		});
	}

	it('gives every score words a screen reader can say, and is axe-clean', async () => {
		await page.setViewportSize({ width: 1920, height: 1080 });
		await page.goto(`${baseUrl}/live/screen?run=1&pace=300&views=now&hold=1`);
		const spoken = await page.locator('[data-testid="match-score"] .visually-hidden').allTextContents();
		expect(spoken.length).toBeGreaterThan(0);
		for (const text of spoken) expect(text).toMatch(/^(局分|局数|积分|最高)/);
		await expectNoAxeViolations(page);
	});
});

describe('registration on a phone', () => {
	for (const [width, height] of [
		[390, 844],
		[320, 640]
	] as const) {
		it(`at ${width} px keeps radios beside their labels, numbers the steps, and leads from an error summary to the field`, async () => {
			await page.setViewportSize({ width, height });
			await page.goto(`${baseUrl}/register`);
			const steps = page.locator('ol.progress > li');
			expect(await steps.count()).toBe(5);
			expect(await steps.first().getAttribute('aria-current')).toBe('step');
			for (const choice of await page.locator('label.choice').all()) {
				const radio = await boxOf(choice.locator('input'));
				expect(radio.width, 'the radio is not stretched across the form').toBeLessThan(40);
			}
			await page.screenshot({ path: path.join(shots, `register-${width}-step1.png`), fullPage: true });

			// Next with nothing filled in: the summary appears, takes focus and links to the field.
			await page.getByRole('button', { name: '下一步' }).click();
			const summary = page.getByTestId('error-summary');
			await expect.poll(() => summary.isVisible(), { timeout: 15_000 }).toBe(true);
			await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')), { timeout: 15_000 }).toBe('error-summary');
			expect(await page.getByRole('alert').textContent()).toContain('出现了问题');
			expect(await page.getAttribute('#name', 'aria-invalid')).toBe('true');
			await page.screenshot({ path: path.join(shots, `register-${width}-errors.png`), fullPage: true });
			await summary.locator('a[href="#name"]').click();
			await expect.poll(() => page.evaluate(() => document.activeElement?.id), { timeout: 15_000 }).toBe('name');
			await expectNoAxeViolations(page);

			await page.locator('#name').fill('手机测试员');
			await page.locator('#streetId').selectOption({ index: 3 });
			await page.getByRole('button', { name: '下一步' }).click();
			await expect.poll(() => page.locator('#step-title').textContent(), { timeout: 15_000 }).toContain('证件');
			expect(await steps.nth(1).getAttribute('aria-current')).toBe('step');
			await page.screenshot({ path: path.join(shots, `register-${width}-step2.png`), fullPage: true });
			const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
			expect(overflow, 'no sideways scrolling').toBeLessThanOrEqual(0);
		});
	}
});
