import { describe, expect, it } from 'vitest';
import { isDrawPublic, isMatchPublic } from './visibility';

describe('isMatchPublic', () => {
	it('hides a match of a draw that is not published yet', () => {
		expect(isMatchPublic({ draw: { publishedAt: null } })).toBe(false);
	});

	it('shows a match once its draw is published', () => {
		expect(isMatchPublic({ draw: { publishedAt: new Date('2026-06-01T02:00:00Z') } })).toBe(true);
		expect(isMatchPublic({ draw: { publishedAt: '2026-06-01T02:00:00.000Z' } })).toBe(true);
	});

	it('shows a match that no draw made, since nothing unpublished stands behind it', () => {
		expect(isMatchPublic({ draw: null })).toBe(true);
	});
});

describe('isDrawPublic', () => {
	it('is true only for a published draw', () => {
		expect(isDrawPublic({ publishedAt: null })).toBe(false);
		expect(isDrawPublic({ publishedAt: new Date() })).toBe(true);
	});
});
