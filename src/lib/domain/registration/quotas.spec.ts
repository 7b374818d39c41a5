import { describe, it, expect } from 'vitest';
import {
	checkEventLimit,
	checkRegistrationWindow,
	checkStreetQuota,
	validateEntrySelection,
	type CategoryOffer,
	type EntrySelectionInput
} from './quotas';
import { registrationMessages } from './messages';

describe('checkStreetQuota', () => {
	it('accepts an entry while places remain, up to the last place', () => {
		expect(checkStreetQuota({ quota: 4, currentCount: 3, adding: 1 })).toBeNull();
		expect(checkStreetQuota({ quota: 4, currentCount: 0, adding: 4 })).toBeNull();
	});

	it('reports a full street quota', () => {
		expect(checkStreetQuota({ quota: 4, currentCount: 4, adding: 1 })).toEqual({
			code: 'quota.street_full',
			params: { quota: 4, currentCount: 4 }
		});
	});

	it('reports a batch larger than the remaining places with the number remaining', () => {
		expect(checkStreetQuota({ quota: 4, currentCount: 3, adding: 2 })).toEqual({
			code: 'quota.street_exceeded',
			params: { quota: 4, currentCount: 3, remaining: 1, adding: 2 }
		});
	});

	it('treats a missing quota as unlimited and a zero quota as closed', () => {
		expect(checkStreetQuota({ quota: null, currentCount: 500, adding: 10 })).toBeNull();
		expect(checkStreetQuota({ quota: undefined, currentCount: 0, adding: 1 })).toBeNull();
		expect(checkStreetQuota({ quota: 0, currentCount: 0, adding: 1 })?.code).toBe('quota.street_full');
	});

	it('reports a street already over its quota (after the organizer lowered it) as full', () => {
		expect(checkStreetQuota({ quota: 2, currentCount: 3, adding: 1 })?.code).toBe('quota.street_full');
	});
});

describe('checkEventLimit', () => {
	it('accepts entries up to the limit', () => {
		expect(checkEventLimit({ maxEventsPerAthlete: 2, currentEvents: 1, adding: 1 })).toBeNull();
	});

	it('reports one event too many with the number still possible', () => {
		expect(checkEventLimit({ maxEventsPerAthlete: 2, currentEvents: 1, adding: 2 })).toEqual({
			code: 'quota.event_limit',
			params: { max: 2, current: 1, adding: 2, remaining: 1 }
		});
	});

	it('treats a missing limit as unlimited', () => {
		expect(checkEventLimit({ maxEventsPerAthlete: null, currentEvents: 9, adding: 9 })).toBeNull();
	});
});

describe('checkRegistrationWindow', () => {
	const opensAt = Date.UTC(2025, 3, 1, 0, 0);
	const closesAt = Date.UTC(2025, 4, 1, 10, 0);

	it('is open from the opening instant inclusive', () => {
		expect(checkRegistrationWindow({ opensAt, closesAt, now: opensAt })).toBeNull();
		expect(checkRegistrationWindow({ opensAt, closesAt, now: opensAt - 1 })).toEqual({
			code: 'window.not_open',
			params: { opensAt }
		});
	});

	it('is closed from the closing instant on', () => {
		expect(checkRegistrationWindow({ opensAt, closesAt, now: closesAt - 1 })).toBeNull();
		expect(checkRegistrationWindow({ opensAt, closesAt, now: closesAt })).toEqual({
			code: 'window.closed',
			params: { closesAt }
		});
	});

	it('treats missing bounds as open', () => {
		expect(checkRegistrationWindow({ now: 0 })).toBeNull();
		expect(checkRegistrationWindow({ opensAt: null, closesAt: 10, now: -5 })).toBeNull();
	});
});

describe('validateEntrySelection', () => {
	const now = Date.UTC(2025, 3, 15);
	const offers: CategoryOffer[] = [
		{
			id: 'tt-men-standing',
			name: '男子乒乓球 站立 TT6-10',
			rule: { genders: ['male'], ageReferenceDate: '2025-06-01', sportClasses: ['TT6-10'] },
			streetQuota: 4,
			streetCount: 1
		},
		{
			id: 'xq-women-visual',
			name: '女子象棋 视力',
			rule: { genders: ['female'], ageReferenceDate: '2025-06-01', disabilityCategories: [1] },
			streetQuota: 2,
			streetCount: 0
		},
		{
			id: 'darts-open',
			name: '飞镖 公开组',
			rule: { ageReferenceDate: '2025-06-01', minAge: 18 },
			streetQuota: 3,
			streetCount: 3
		},
		{
			id: 'xq-open',
			name: '象棋 公开组',
			rule: { ageReferenceDate: '2025-06-01' },
			streetQuota: null,
			streetCount: 40
		}
	];
	const base: EntrySelectionInput = {
		athlete: {
			birthDate: '1980-03-03',
			gender: 'male',
			disabilityCategory: 4,
			disabilityGrade: 3,
			sportClass: 'TT7'
		},
		chosen: ['tt-men-standing'],
		alreadyEntered: [],
		categories: offers,
		maxEventsPerAthlete: 2,
		window: { opensAt: Date.UTC(2025, 3, 1), closesAt: Date.UTC(2025, 4, 1) },
		now
	};

	it('accepts a valid selection', () => {
		expect(validateEntrySelection(base)).toEqual({ ok: true, problems: [] });
		expect(validateEntrySelection({ ...base, chosen: ['tt-men-standing', 'xq-open'] }).ok).toBe(true);
	});

	it('lists every problem of a bad selection, tagged with the category it concerns', () => {
		const result = validateEntrySelection({
			...base,
			now: Date.UTC(2025, 4, 2),
			chosen: ['tt-men-standing', 'xq-women-visual', 'darts-open', 'xq-women-visual', 'nope'],
			alreadyEntered: ['xq-open']
		});
		expect(result.ok).toBe(false);
		expect(result.problems.map((p) => [p.code, p.categoryId])).toEqual([
			['window.closed', undefined],
			['entry.duplicate', 'xq-women-visual'],
			['entry.unknown_category', 'nope'],
			['eligibility.women_only', 'xq-women-visual'],
			['eligibility.disability_category', 'xq-women-visual'],
			['quota.event_limit', undefined],
			['quota.street_full', 'darts-open']
		]);
		const eligibility = result.problems.find((p) => p.code === 'eligibility.disability_category');
		expect(eligibility?.params).toEqual({
			disabilityCategory: 4,
			allowed: '1',
			categoryName: '女子象棋 视力'
		});
		const limit = result.problems.find((p) => p.code === 'quota.event_limit');
		expect(limit?.params).toEqual({ max: 2, current: 1, adding: 3, remaining: 1 });
	});

	it('reports a category the athlete is already entered in instead of counting it twice', () => {
		const result = validateEntrySelection({
			...base,
			chosen: ['tt-men-standing'],
			alreadyEntered: ['tt-men-standing']
		});
		expect(result.problems).toEqual([
			{
				code: 'entry.already_entered',
				params: { categoryName: '男子乒乓球 站立 TT6-10' },
				categoryId: 'tt-men-standing'
			}
		]);
	});

	it('reports an empty selection and a window that has not opened', () => {
		const result = validateEntrySelection({ ...base, chosen: [], now: Date.UTC(2025, 2, 1) });
		expect(result.problems.map((p) => p.code)).toEqual(['window.not_open', 'entry.none_chosen']);
	});

	it('skips the window check when no window is given (late entries by the organizer)', () => {
		const { window: _omit, ...rest } = base;
		expect(validateEntrySelection({ ...rest, now: Date.UTC(2030, 0, 1) }).ok).toBe(true);
	});

	it('has a zh-CN and an English message for every code it returns', () => {
		const all = [
			'quota.street_full',
			'quota.street_exceeded',
			'quota.event_limit',
			'window.not_open',
			'window.closed',
			'entry.none_chosen',
			'entry.duplicate',
			'entry.already_entered',
			'entry.unknown_category'
		] as const;
		for (const code of all) {
			expect(registrationMessages[code]['zh-CN']).not.toBe('');
			expect(registrationMessages[code].en).not.toBe('');
		}
	});
});
