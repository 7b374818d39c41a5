/**
 * The call room in a real browser against the built server with the demo seed: an organizer
 * calls a table's next match, and the public call-room page shows the players, the table and
 * the time (server-rendered), is axe-core clean and reflows at 320 CSS px; the big screen has a
 * call-room view. And one clock: two servers with TZ=UTC and TZ=America/New_York on the same
 * database show the same Beijing times.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { expectNoAxeViolations, launchBrowser } from './browser';
import { ApiClient } from '../support/live';
import { startAppProcess } from '../support/server';
import type { CallRoomLine } from '../../src/lib/server/competition/callroom';

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

describe('the call room', () => {
	let called: CallRoomLine;

	it('shows a match the organizer calls with its players, table and time, server-rendered and axe-clean', async () => {
		const organizer = new ApiClient(baseUrl);
		await organizer.login(admin.username, admin.password);
		const board = await organizer.query<{ next: CallRoomLine[] }>('callroom.board');
		const next = board.next.find((l) => l.names.length === 2);
		if (!next) throw new Error('the demo seed has no table with a match to call');
		await organizer.mutation('callroom.callNext', { venueTableId: next.table.id });
		const after = await organizer.query<{ called: CallRoomLine[] }>('callroom.board');
		called = after.called.find((l) => l.matchId === next.matchId)!;
		expect(called.calledAt).not.toBeNull();

		const html = await (await page.request.get(`${baseUrl}/live/callroom`)).text();
		expect(html).toContain(`data-match="${called.matchId}"`);
		for (const name of called.names) expect(html).toContain(name);

		await page.setViewportSize({ width: 1920, height: 1080 });
		await page.goto(`${baseUrl}/live/callroom`);
		const row = page.getByTestId('callroom-called').locator(`tr[data-match="${called.matchId}"]`);
		await expect.poll(() => row.locator('th').textContent()).toBe(called.table.label);
		const beijing = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(called.calledAt!));
		expect(await row.textContent()).toContain(beijing);
		await expectNoAxeViolations(page);
	});

	it('reflows at 320 CSS px without sideways scrolling, still naming the table and the players', async () => {
		await page.setViewportSize({ width: 320, height: 640 });
		await page.goto(`${baseUrl}/live/callroom`);
		const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
		expect(overflow).toBeLessThanOrEqual(0);
		await expect.poll(() => page.getByTestId('callroom-called').textContent()).toContain(called.names[0]);
		await expectNoAxeViolations(page);
	});

	it('has a call-room view on the big screen', async () => {
		await page.setViewportSize({ width: 1920, height: 1080 });
		await page.goto(`${baseUrl}/live/screen?run=1&pace=60&views=callroom&hold=1`);
		await expect.poll(() => page.getByTestId('big-screen').getAttribute('data-view')).toBe('callroom');
		expect(await page.getByTestId('callroom-called').textContent()).toContain(called.names[0]);
		await expectNoAxeViolations(page);
	});
});

describe('one clock', () => {
	it('shows the same Beijing times whether the server runs with TZ=UTC or TZ=America/New_York', async () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'dg-clock-'));
		const staff = { username: 'clock-organizer', password: 'copper kettle hums at noon' };
		/** Beijing's hour and minute of an instant, as the test computes it (not the server). */
		const beijing = (iso: string) =>
			new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
		try {
			const times: string[][] = [];
			for (const TZ of ['UTC', 'America/New_York']) {
				const server = await startAppProcess({
					TZ,
					DATABASE_URL: `file:${path.join(dir, 'clock.db')}`,
					UPLOAD_DIR: path.join(dir, 'uploads'),
					SEED: 'demo',
					ADMIN_USERNAME: staff.username,
					ADMIN_PASSWORD: staff.password
				});
				try {
					const organizer = new ApiClient(server.url);
					await organizer.login(staff.username, staff.password);
					const timesOf = async (url: string, cookie = '') => {
						const html = await (await fetch(`${server.url}${url}`, { headers: cookie ? { cookie } : {} })).text();
						const found = [...html.matchAll(/<time datetime="([^"]+)">([^<]+)<\/time>/g)].map((m) => [m[1]!, m[2]!] as const);
						expect(found.length, `times on ${url}`).toBeGreaterThan(0);
						// every time written on the page is the Beijing time of the instant it names
						for (const [iso, text] of found) expect(text, `${url}: ${iso}`).toContain(beijing(iso));
						return found.map(([iso, text]) => `${iso} ${text}`);
					};
					// the call room and the printed order of play (public), the audit log and last logins (staff)
					const callroom = await timesOf('/live/callroom');
					await timesOf('/categories/schedule');
					await timesOf('/admin', organizer.cookie);
					times.push(callroom);
				} finally {
					await server.stop();
				}
			}
			expect(times[1]).toEqual(times[0]);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	}, 120_000);
});
