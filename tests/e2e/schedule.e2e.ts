/**
 * The order of play on game day in a real browser, against the built server on a database of
 * its own with the demo seed (finished matches at 09:00, live ones at 09:20): the organizer
 * auto-schedules a newly drawn event around them, then a table goes out of use and its queue
 * moves to free tables in one action. At every step the spectators' pages are read from the
 * DOM — the public order of play (every row's table, start and minutes) and the live page
 * (matches being played, by table) — and no table ever holds two matches at the same time.
 * Also: the Swiss absence form on the category page. Every page axe-core clean.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { expectNoAxeViolations, launchBrowser } from './browser';
import { ApiClient } from '../support/live';
import { startAppProcess, type AppProcess } from '../support/server';

const admin = { username: 'e2e-schedule', password: 'harbour lantern quietly mends' };
const MIN = 60_000;
/** Per test: each drives a browser and a server of its own on a shared 2-core machine. */
const SLOW = 240_000;

let dir: string;
let server: AppProcess;
let baseUrl: string;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
let spectatorContext: BrowserContext;
let spectator: Page;
let api: ApiClient;
let hallId: string;

type ViewRow = { id: string; code: string; status: string; slot: number | null; scheduledAt: string | null; table: { id: string; label: string } | null };

beforeAll(async () => {
	dir = mkdtempSync(path.join(tmpdir(), 'dg-e2e-schedule-'));
	server = await startAppProcess({
		DATABASE_URL: `file:${path.join(dir, 'schedule.db')}`,
		UPLOAD_DIR: path.join(dir, 'uploads'),
		SEED: 'demo',
		ADMIN_USERNAME: admin.username,
		ADMIN_PASSWORD: admin.password
	});
	baseUrl = server.url;
	api = new ApiClient(baseUrl);
	await api.login(admin.username, admin.password);
	const venues = await api.query<Array<{ id: string; nameZh: string }>>('competition.venues');
	hallId = venues[0]!.id;
	browser = await launchBrowser();
	page = await browser.context.newPage();
	await page.goto(`${baseUrl}/login`);
	await page.getByLabel('用户名').fill(admin.username);
	await page.getByLabel('密码', { exact: true }).fill(admin.password);
	await page.getByRole('button', { name: '登录' }).click();
	await page.waitForURL(`${baseUrl}/admin`);
	// a spectator keeps the hall's live page open all along (live updates over Socket.IO)
	spectatorContext = await browser.context.browser()!.newContext();
	// at any point, not only when the test looks: every change of the "now playing" list is
	// checked in the page for a table shown twice
	await spectatorContext.addInitScript(() => {
		const w = window as unknown as { liveDoubles: string[]; liveChecks: number };
		w.liveDoubles = [];
		w.liveChecks = 0;
		new MutationObserver(() => {
			const places = [...document.querySelectorAll('[data-testid="now-playing"] article[data-match]')].map((c) => c.querySelector('.where span')?.textContent?.trim() ?? '');
			if (places.length === 0) return;
			w.liveChecks++;
			if (new Set(places).size < places.length) w.liveDoubles.push(places.join(', '));
		}).observe(document, { childList: true, subtree: true, characterData: true });
	});
	spectator = await spectatorContext.newPage();
	await spectator.goto(`${baseUrl}/live?venue=${hallId}`);
}, 180_000);

afterAll(async () => {
	await spectatorContext?.close();
	await browser?.close();
	await server?.stop();
	if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The hall's order of play as the organizer's procedure returns it (rows with status and place). */
async function hallRows(): Promise<ViewRow[]> {
	const view = await api.query<{ rows: ViewRow[] }>('competition.schedule.view', { venueId: hallId, minRestSlots: 1 });
	return view.rows;
}

/**
 * Pairs of rows of the public order of play (as the browser shows it) that hold one table at
 * the same time: each row's table, start (`<time datetime>`) and minutes come from its DOM.
 */
async function doubleBookedInPrint(p: Page): Promise<string[]> {
	await p.goto(`${baseUrl}/categories/schedule?venue=${hallId}`);
	const rows = await p.locator('tr[data-match]').evaluateAll((trs) =>
		trs.map((tr) => ({
			code: tr.querySelector('th')?.textContent?.trim() ?? '',
			table: tr.getAttribute('data-table') ?? '',
			start: Date.parse(tr.querySelector('time')?.getAttribute('datetime') ?? ''),
			minutes: Number(tr.getAttribute('data-minutes'))
		}))
	);
	expect(rows.length).toBeGreaterThan(0);
	const out: string[] = [];
	for (const [i, a] of rows.entries()) {
		for (const b of rows.slice(i + 1)) {
			if (!a.table || a.table !== b.table || Number.isNaN(a.start) || Number.isNaN(b.start)) continue;
			if (a.start < b.start + b.minutes * MIN && b.start < a.start + a.minutes * MIN) out.push(`${a.code}/${b.code}`);
		}
	}
	return out;
}

/** What the spectator's page recorded since it loaded: how often the list changed, and any table shown twice. */
function liveRecord(p: Page): Promise<{ checks: number; doubles: string[] }> {
	return p.evaluate(() => {
		const w = window as unknown as { liveDoubles: string[]; liveChecks: number };
		return { checks: w.liveChecks, doubles: w.liveDoubles };
	});
}

/** Everything the page's status regions say now. */
async function statusText(p: Page): Promise<string> {
	return (await p.getByRole('status').allTextContents()).join(' ');
}

/** Tables that the spectator's live page shows with more than one match being played (its DOM now). */
async function doubleBookedLive(p: Page): Promise<{ playing: number; doubles: string[] }> {
	const places = await p.locator('[data-testid="now-playing"] article[data-match]').evaluateAll((cards) =>
		cards.map((c) => c.querySelector('.where span')?.textContent?.trim() ?? '')
	);
	const seen = new Set<string>();
	const doubles = places.filter((place) => (seen.has(place) ? true : (seen.add(place), false)));
	return { playing: places.length, doubles };
}

describe('the order of play on game day', () => {
	let before: ViewRow[];

	it('auto-schedules a new event around the finished and live matches without a double booking anywhere', async () => {
		before = await hallRows();
		const fixed = before.filter((r) => r.status === 'finished' || r.status === 'live');
		expect(fixed.some((r) => r.status === 'finished')).toBe(true);
		expect(fixed.some((r) => r.status === 'live')).toBe(true);
		// the live page shows the live matches, one per table
		await expect.poll(async () => (await doubleBookedLive(spectator)).playing).toBeGreaterThan(0);
		expect((await doubleBookedLive(spectator)).doubles).toEqual([]);

		// a new table-tennis event is drawn and published: its matches have no place yet
		const categories = await api.query<Array<{ id: string; code: string }>>('competition.draws.list');
		const newcomer = categories.find((c) => c.code === 'TT-ID')!;
		await api.mutation('competition.draws.close', { categoryId: newcomer.id });
		await api.mutation('competition.draws.generate', { categoryId: newcomer.id, seedString: 'e2e-schedule' });
		await api.mutation('competition.draws.publish', { categoryId: newcomer.id });

		await page.goto(`${baseUrl}/admin/schedule?venue=${hallId}`);
		await expect.poll(() => page.locator('#conflicts-title + p').textContent()).toBe('没有冲突。');
		await expect.poll(() => page.getByRole('heading', { name: '未安排', exact: true }).count()).toBe(1);
		await expectNoAxeViolations(page);
		await page.getByRole('button', { name: '自动编排', exact: true }).click();
		await expect.poll(() => statusText(page)).toMatch(/已安排 [1-9]\d* 场新比赛/);
		await expect.poll(() => page.locator('#conflicts-title + p').textContent()).toBe('没有冲突。');
		expect(await page.getByRole('heading', { name: '未安排', exact: true }).count()).toBe(0);

		const after = await hallRows();
		// finished and live matches kept their table and time
		for (const r of fixed) expect(after.find((x) => x.id === r.id)).toMatchObject({ status: r.status, scheduledAt: r.scheduledAt, table: r.table });
		// the newcomers start no earlier than the second slot (the first was played) …
		const origin = Math.min(...before.filter((r) => r.scheduledAt).map((r) => Date.parse(r.scheduledAt!)));
		const placed = after.filter((r) => r.code && !before.some((b) => b.id === r.id));
		expect(placed.length).toBeGreaterThan(0);
		for (const r of placed) expect(Date.parse(r.scheduledAt!)).toBeGreaterThan(origin);
		// … and nobody sees two matches on one table at one time
		const print = await browser.context.newPage();
		expect(await doubleBookedInPrint(print)).toEqual([]);
		await expectNoAxeViolations(print);
		await print.close();
		expect((await doubleBookedLive(spectator)).doubles).toEqual([]);
		expect(await liveRecord(spectator)).toMatchObject({ doubles: [] });
	}, SLOW);

	it('marks a table out of use and moves its queue to free tables in one action, still without a double booking', async () => {
		const rows = await hallRows();
		// the busiest table whose queue has not started
		const queued = new Map<string, ViewRow[]>();
		for (const r of rows) if (r.status === 'scheduled' && r.table) queued.set(r.table.id, [...(queued.get(r.table.id) ?? []), r]);
		const [tableId, queue] = [...queued].sort((x, y) => y[1].length - x[1].length)[0]!;
		const label = queue[0]!.table!.label;

		// a spectator follows the call room's "next match of each table" meanwhile
		const callroom = await spectatorContext.newPage();
		await callroom.goto(`${baseUrl}/live/callroom?venue=${hallId}`);
		const nextShown = () =>
			callroom.locator('[data-testid="callroom-next"] li').evaluateAll((lis) =>
				lis.map((li) => `${li.getAttribute('data-table')} ${li.getAttribute('data-match')} ${li.querySelector('time')?.getAttribute('datetime') ?? ''}`).sort()
			);
		const nextOnBoard = async () =>
			(await api.query<{ next: Array<{ matchId: string; table: { id: string }; scheduledAt: string | null }> }>('callroom.board', { venueId: hallId })).next
				.map((l) => `${l.table.id} ${l.matchId} ${l.scheduledAt ?? ''}`)
				.sort();
		const boardBefore = await nextOnBoard();
		expect(await nextShown()).toEqual(boardBefore);

		await page.goto(`${baseUrl}/admin/schedule?venue=${hallId}`);
		const tables = page.locator('ul.tables');
		await page.getByRole('button', { name: `球台 ${label}: 停用`, exact: true }).click();
		// the table's own line says it is out of use, and the status says how many matches must move
		await expect.poll(() => tables.getByText(`球台 ${label}：已停用`, { exact: true }).count()).toBe(1);
		await expect.poll(() => statusText(page)).toContain(`已停用，该场地上还有 ${queue.length} 场比赛待移动。`);
		expect(await page.getByRole('button', { name: `球台 ${label}: 恢复使用`, exact: true }).count()).toBe(1);
		// the conflicts panel names each match still on it
		await expect.poll(() => page.locator('ul.conflicts li').count()).toBe(queue.length);
		for (const m of queue) expect(await page.locator('ul.conflicts').textContent()).toContain(m.code);
		await expectNoAxeViolations(page);

		// preview: who is affected; nothing changes yet
		await page.getByLabel('场地', { exact: true }).selectOption(tableId);
		await page.getByLabel('移到空闲场地').check();
		await page.getByRole('button', { name: '预览受影响的比赛' }).click();
		const preview = page.locator('table').filter({ hasText: '将受影响的比赛' });
		await expect.poll(() => preview.count()).toBe(1);
		for (const m of queue) expect(await preview.textContent()).toContain(m.code);
		expect((await hallRows()).filter((r) => r.status === 'scheduled' && r.table?.id === tableId)).toHaveLength(queue.length);
		await expectNoAxeViolations(page);

		await page.getByRole('button', { name: '确认执行' }).click();
		await expect.poll(() => statusText(page)).toMatch(/已调整 \d+ 场比赛，现场页面已更新。/);
		await expect.poll(() => page.locator('#conflicts-title + p').textContent()).toBe('没有冲突。');
		const after = await hallRows();
		expect(after.filter((r) => r.status === 'scheduled' && r.table?.id === tableId)).toEqual([]);
		for (const m of queue) {
			const now = after.find((r) => r.id === m.id)!;
			expect(now.table?.id).not.toBe(tableId);
			expect(Date.parse(now.scheduledAt!)).toBeGreaterThanOrEqual(Date.parse(m.scheduledAt!));
		}
		const print = await browser.context.newPage();
		expect(await doubleBookedInPrint(print)).toEqual([]);
		await print.close();
		// the call room the spectator kept open shows the new next matches and times, without a reload
		const boardAfter = await nextOnBoard();
		expect(boardAfter).not.toEqual(boardBefore);
		expect(boardAfter.some((line) => line.startsWith(`${tableId} `))).toBe(false);
		await expect.poll(nextShown, { timeout: 30_000 }).toEqual(boardAfter);
		await expectNoAxeViolations(callroom);
		await callroom.close();

		// game goes on: every free table calls its next match; the live page never shows two on one table
		for (const table of new Set(after.filter((r) => r.table).map((r) => r.table!.id))) {
			await api.mutation('callroom.callNext', { venueTableId: table }).catch(() => undefined);
		}
		await expect.poll(async () => (await doubleBookedLive(spectator)).playing).toBeGreaterThan(2);
		expect((await doubleBookedLive(spectator)).doubles).toEqual([]);
		// the page was open all along and followed every change live
		const record = await liveRecord(spectator);
		expect(record.checks).toBeGreaterThan(1);
		expect(record.doubles).toEqual([]);
		await spectator.reload();
		expect((await doubleBookedLive(spectator)).doubles).toEqual([]);
		await expectNoAxeViolations(spectator);
	}, SLOW);

	it('refuses a move by hand onto another match’s table and time with the reason, and nothing double-booked appears', async () => {
		// the organizer tries to move a match onto another's table and time: the same rule book refuses it
		const rows = (await hallRows()).filter((r) => r.status === 'scheduled' && r.table && r.slot !== null);
		const target = rows[rows.length - 1]!;
		const mover = rows.find((r) => r.table!.id !== target.table!.id && r.code !== target.code)!;
		await page.goto(`${baseUrl}/admin/schedule?venue=${hallId}`);
		const row = page.locator('tbody tr').filter({ has: page.getByRole('rowheader', { name: mover.code, exact: true }) });
		await row.getByLabel(`把 ${mover.code} 移到 场地`).selectOption(target.table!.id);
		await row.getByLabel(`把 ${mover.code} 移到 时段`).fill(String(target.slot! + 1));
		await row.getByRole('button', { name: '移动' }).click();
		const summary = page.getByTestId('error-summary');
		await expect.poll(() => summary.textContent()).toContain(target.code);
		expect(await summary.textContent()).toContain(mover.code);
		expect((await page.locator('ul.conflicts').count()) === 0 || !(await page.locator('ul.conflicts').textContent())!.includes(mover.code)).toBe(true);
		const after = (await hallRows()).find((r) => r.code === mover.code)!;
		expect([after.table!.id, after.slot]).toEqual([mover.table!.id, mover.slot]);
		const print = await browser.context.newPage();
		expect(await doubleBookedInPrint(print)).toEqual([]);
		await print.close();
		await expectNoAxeViolations(page);
	}, SLOW);
});

describe('absences announced in advance in a Swiss event', () => {
	it('records a player absent for a round not paired yet, after asking, and lists it with its bye', async () => {
		const categories = await api.query<Array<{ id: string; code: string }>>('competition.draws.list');
		const swiss = categories.find((c) => c.code === 'XQ-M')!;
		await page.goto(`${baseUrl}/admin/draws/${swiss.id}`);
		const section = page.getByTestId('absences');
		await expect.poll(() => section.getByRole('heading', { name: '事先请假（按轮次）' }).count()).toBe(1);
		expect(await section.textContent()).toContain('尚无请假。');
		const player = section.getByLabel('选手');
		const name = (await player.locator('option').nth(1).textContent())!.trim();
		await player.selectOption({ index: 1 });
		await section.getByLabel('轮次').selectOption({ label: '第 3 轮' });
		await section.getByLabel('原因（可选）').fill('就医');
		await section.getByRole('button', { name: '登记请假', exact: true }).click();
		// asks first, naming who, which round and the bye
		const dialog = page.getByTestId('absence-dialog');
		await expect.poll(() => dialog.isVisible()).toBe(true);
		expect(await dialog.textContent()).toContain(`${name} 在第 3 轮不参加编排，该轮记为零分轮空`);
		await expectNoAxeViolations(page);
		await dialog.getByRole('button', { name: '登记请假' }).click();
		await expect.poll(() => page.getByTestId('draw-status').textContent()).toContain('已登记第 3 轮请假。');
		const list = section.getByRole('table', { name: '已登记的请假' });
		await expect.poll(() => list.textContent()).toContain(name);
		expect(await list.textContent()).toContain('零分轮空');
		expect(await list.textContent()).toContain('就医');
		await expectNoAxeViolations(page);
	}, SLOW);
});
