import { describe, expect, it } from 'vitest';
import { makeResidentId } from './identity';
import {
	isPhoneNumber,
	parseEventCodes,
	validateImportRows,
	validateRegistration,
	type RegistrationContext,
	type RegistrationFields
} from './registration';
import { registrationMessages } from './messages';

const adultMan = makeResidentId('110105', '1980-05-01', '013');
const girl = makeResidentId('110105', '2012-03-04', '024');
const context: RegistrationContext = {
	categories: [
		{ id: 'tt-m', name: "Men's TT standing", rule: { ageReferenceDate: '2026-12-12', genders: ['male'], disabilityCategories: [4] }, streetQuota: 2, streetCount: 0 },
		{ id: 'xq', name: 'Xiangqi', rule: { ageReferenceDate: '2026-12-12' }, streetQuota: null, streetCount: 0 },
		{ id: 'darts', name: 'Darts', rule: { ageReferenceDate: '2026-12-12' }, streetQuota: 1, streetCount: 1 }
	],
	maxEventsPerAthlete: 2,
	window: { opensAt: 0, closesAt: 2_000_000_000_000 },
	now: 1_800_000_000_000,
	today: '2026-11-29',
	referenceDate: '2026-12-12'
};
const fields = (over: Partial<RegistrationFields> = {}): RegistrationFields => ({
	name: '  张  伟 ',
	residentId: adultMan,
	certificateNo: `${adultMan}42`,
	sportClass: 'tt7',
	phone: '139 1234 5678',
	categoryIds: ['tt-m'],
	...over
});

describe('validateRegistration', () => {
	it('accepts a valid registration and returns the person as stored, facts derived from the numbers', () => {
		const result = validateRegistration(fields(), context);
		expect(result.problems).toEqual([]);
		expect(result.person).toEqual({
			name: '张 伟',
			residentId: adultMan,
			certificateNo: `${adultMan}42`,
			birthDate: '1980-05-01',
			gender: 'male',
			disabilityCategory: 4,
			disabilityGrade: 2,
			sportClass: 'TT7',
			phone: '139 1234 5678',
			guardianName: '',
			guardianPhone: '',
			guardianRelation: ''
		});
	});

	it('puts each problem on its field: name, certificate mismatch, phone', () => {
		const other = makeResidentId('110105', '1980-05-02', '013');
		const result = validateRegistration(fields({ name: ' ', certificateNo: `${other}42`, phone: 'abc' }), context);
		expect(result.problems.map((p) => [p.field, p.code])).toEqual([
			['name', 'person.name_required'],
			['certificateNo', 'identity.mismatch'],
			['phone', 'contact.phone_invalid']
		]);
		expect(result.person).toBeNull();
	});

	it('reports an empty certificate too when the ID number itself is wrong', () => {
		const result = validateRegistration(fields({ residentId: '123', certificateNo: '' }), context);
		expect(result.problems.map((p) => [p.field, p.code])).toEqual([
			['residentId', 'identity.length'],
			['certificateNo', 'certificate.empty']
		]);
	});

	it('requires a guardian with a phone for a minor, with the reason', () => {
		const result = validateRegistration(
			fields({ residentId: girl, certificateNo: `${girl}13`, categoryIds: ['xq'] }),
			context
		);
		expect(result.problems.map((p) => [p.field, p.code])).toEqual([
			['guardianName', 'guardian.minor'],
			['guardianPhone', 'guardian.phone_required']
		]);
		const ok = validateRegistration(
			fields({ residentId: girl, certificateNo: `${girl}13`, categoryIds: ['xq'], guardianName: '李芳', guardianPhone: '13800000000' }),
			context
		);
		expect(ok.ok).toBe(true);
	});

	it('requires a guardian for an adult with an intellectual disability (category 5)', () => {
		const result = validateRegistration(fields({ certificateNo: `${adultMan}53`, categoryIds: ['xq'] }), context);
		expect(result.problems.map((p) => p.code)).toEqual(['guardian.intellectual', 'guardian.phone_required']);
	});

	it('refuses an ineligible category, a full street quota and too many events, on the events field', () => {
		const woman = makeResidentId('110105', '1985-01-01', '022');
		const result = validateRegistration(
			fields({ residentId: woman, certificateNo: `${woman}43`, categoryIds: ['tt-m', 'xq', 'darts'] }),
			context
		);
		expect(result.problems.map((p) => [p.field, p.code, p.categoryId])).toEqual([
			['categoryIds', 'eligibility.men_only', 'tt-m'],
			['categoryIds', 'quota.event_limit', undefined],
			['categoryIds', 'quota.street_full', 'darts']
		]);
	});

	it('refuses everything after the deadline', () => {
		const result = validateRegistration(fields(), { ...context, now: 2_000_000_000_000 });
		expect(result.problems.map((p) => p.code)).toEqual(['window.closed']);
	});

	it('can check the person alone, without events (a step of the form)', () => {
		expect(validateRegistration(fields({ categoryIds: [] }), { ...context, skipEvents: true }).ok).toBe(true);
	});
});

describe('phone numbers and event codes', () => {
	it('accepts mobiles, landlines with area codes and international numbers; refuses words and short numbers', () => {
		for (const ok of ['13912345678', '010-65001234', '+86 139 1234 5678', '(010) 6500 1234']) expect(isPhoneNumber(ok)).toBe(true);
		for (const bad of ['', '12345', 'call me', '1391234567x']) expect(isPhoneNumber(bad)).toBe(false);
	});

	it('splits event codes on ASCII and Chinese commas and spaces, upper-cased', () => {
		expect(parseEventCodes('tt-m6, XQ-M、dt-s ；x')).toEqual(['TT-M6', 'XQ-M', 'DT-S', 'X']);
		expect(parseEventCodes('')).toEqual([]);
	});
});

describe('validateImportRows', () => {
	const codeToId = new Map([['TT-M', 'tt-m'], ['XQ', 'xq'], ['DT', 'darts']]);
	const cells = (id: string, over: Record<string, string> = {}) => ({
		name: '王强', residentId: id, certificateNo: `${id}42`, sportClass: 'TT8', phone: '13900000000', events: 'TT-M', ...over
	});

	it('validates each row with the same rules and counts the street quota over accepted rows', () => {
		const ids = ['1980-01-01', '1981-01-01', '1982-01-01'].map((d) => makeResidentId('110105', d, '011'));
		const results = validateImportRows({
			rows: ids.map((id, i) => ({ row: i + 2, cells: cells(id) })),
			codeToId,
			registeredIds: new Set(),
			context
		});
		expect(results.map((r) => [r.row, r.problems.map((p) => p.code)])).toEqual([
			[2, []],
			[3, []],
			[4, ['quota.street_full']]
		]);
		expect(results[0]?.person?.residentId).toBe(ids[0]);
	});

	it('reports a person twice in the file, a person already registered and an unknown code', () => {
		const id = makeResidentId('110105', '1970-07-07', '031');
		const other = makeResidentId('110105', '1971-07-07', '031');
		const results = validateImportRows({
			rows: [
				{ row: 2, cells: cells(id, { events: 'XQ' }) },
				{ row: 3, cells: cells(id, { events: 'XQ' }) },
				{ row: 4, cells: cells(other, { events: 'NOPE' }) }
			],
			codeToId,
			registeredIds: new Set([other]),
			context
		});
		expect(results.map((r) => r.problems.map((p) => [p.code, p.params]))).toEqual([
			[],
			[['import.duplicate_in_file', { firstRow: 2 }]],
			[['entry.unknown_code', { code: 'NOPE' }], ['import.already_registered', {}]]
		]);
	});

	it('has texts in both languages for the codes it adds', () => {
		for (const code of ['person.name_required', 'person.name_too_long', 'person.already_registered', 'contact.phone_invalid', 'guardian.phone_required', 'guardian.phone_invalid', 'entry.unknown_code', 'import.duplicate_in_file', 'import.already_registered', 'reference.invalid']) {
			expect(registrationMessages).toHaveProperty(code);
		}
	});
});
