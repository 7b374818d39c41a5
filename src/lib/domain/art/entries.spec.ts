import { describe, expect, it } from 'vitest';
import {
	assertArtWindowOpen,
	assertArtWindowValid,
	assertImageCount,
	assertPanelSize,
	assertStreetQuota,
	countedScores
} from './entries';
import { RuleViolation } from '../errors';
import { artMessages } from './messages';

const code = (fn: () => void) => {
	try {
		fn();
		return null;
	} catch (error) {
		return error instanceof RuleViolation ? error.code : 'other';
	}
};

describe('art entry window', () => {
	const opens = new Date('2025-09-01T00:00:00Z');
	const closes = new Date('2025-10-01T00:00:00Z');
	it('accepts a submission inside the window', () => {
		expect(code(() => assertArtWindowOpen(new Date('2025-09-15T00:00:00Z'), opens, closes))).toBeNull();
	});
	it('refuses a submission when no window is set', () => {
		expect(code(() => assertArtWindowOpen(new Date(), null, closes))).toBe('art.window_not_set');
	});
	it('refuses a submission before the window opens', () => {
		expect(code(() => assertArtWindowOpen(new Date('2025-08-31T23:59:59Z'), opens, closes))).toBe('art.window_not_open');
	});
	it('refuses a submission at or after the closing instant', () => {
		expect(code(() => assertArtWindowOpen(closes, opens, closes))).toBe('art.window_closed');
	});
	it('refuses a window that closes before it opens', () => {
		expect(code(() => assertArtWindowValid(closes, opens))).toBe('art.window_invalid');
		expect(code(() => assertArtWindowValid(opens, closes))).toBeNull();
	});
});

describe('street quota per medium', () => {
	it('lets a street submit while below its quota and refuses once it is full', () => {
		expect(code(() => assertStreetQuota(2, 3))).toBeNull();
		expect(code(() => assertStreetQuota(3, 3))).toBe('art.street_quota_full');
	});
	it('has no limit without a quota', () => {
		expect(code(() => assertStreetQuota(500, null))).toBeNull();
	});
});

describe('images per work and jurors per panel', () => {
	it('needs one to five images', () => {
		expect(code(() => assertImageCount(0))).toBe('art.image_count');
		expect(code(() => assertImageCount(1))).toBeNull();
		expect(code(() => assertImageCount(5))).toBeNull();
		expect(code(() => assertImageCount(6))).toBe('art.image_count');
	});
	it('needs three to nine jurors', () => {
		expect(code(() => assertPanelSize(2))).toBe('art.panel_size');
		expect(code(() => assertPanelSize(3))).toBeNull();
		expect(code(() => assertPanelSize(9))).toBeNull();
		expect(code(() => assertPanelSize(10))).toBe('art.panel_size');
	});
});

describe('counted scores', () => {
	it('leaves out declared conflicts and blank scores', () => {
		expect(
			countedScores([
				{ score: 8, conflict: false },
				{ score: 10, conflict: true },
				{ score: null, conflict: false },
				{ score: 7, conflict: false }
			])
		).toEqual([8, 7]);
	});
});

describe('entry messages', () => {
	it('has a Chinese and an English text for every entry rule code', () => {
		for (const key of ['art.window_not_set', 'art.window_not_open', 'art.window_closed', 'art.window_invalid', 'art.street_quota_full', 'art.image_count', 'art.panel_size']) {
			const texts = (artMessages as Record<string, { 'zh-CN': string; en: string }>)[key];
			expect(texts?.['zh-CN'], key).toBeTruthy();
			expect(texts?.en, key).toBeTruthy();
		}
	});
});
