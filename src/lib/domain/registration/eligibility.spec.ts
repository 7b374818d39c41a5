import { describe, it, expect } from 'vitest';
import {
	checkEligibility,
	formatSportClasses,
	isSportClass,
	normaliseSportClass,
	parseSportClassRange,
	sportClassGroup,
	validateEligibilityRule,
	type AthleteFacts,
	type EligibilityRule
} from './eligibility';
import { registrationMessages } from './messages';

const athlete: AthleteFacts = {
	birthDate: '1990-05-20',
	gender: 'male',
	disabilityCategory: 4,
	disabilityGrade: 3,
	sportClass: 'TT8'
};

const standingMen: EligibilityRule = {
	genders: ['male'],
	minAge: 16,
	maxAge: 60,
	ageReferenceDate: '2025-06-01',
	disabilityCategories: [4],
	grades: [2, 3, 4],
	sportClasses: ['TT6-10']
};

function codes(rule: EligibilityRule, facts: AthleteFacts): string[] {
	const result = checkEligibility(rule, facts);
	return result.eligible ? [] : result.reasons.map((r) => r.code);
}

describe('checkEligibility', () => {
	it('admits an athlete who meets every condition', () => {
		expect(checkEligibility(standingMen, athlete)).toEqual({ eligible: true });
	});

	it('admits everybody when the rule only sets the reference date or has empty lists', () => {
		expect(checkEligibility({ ageReferenceDate: '2025-06-01' }, athlete).eligible).toBe(true);
		const emptyLists: EligibilityRule = {
			ageReferenceDate: '2025-06-01',
			genders: [],
			disabilityCategories: [],
			grades: [],
			sportClasses: []
		};
		expect(checkEligibility(emptyLists, { ...athlete, sportClass: undefined }).eligible).toBe(true);
	});

	it('refuses a woman in a men-only category and a man in a women-only one', () => {
		expect(codes(standingMen, { ...athlete, gender: 'female' })).toEqual(['eligibility.men_only']);
		expect(codes({ ...standingMen, genders: ['female'] }, athlete)).toEqual(['eligibility.women_only']);
	});

	it('counts the age on the reference date with inclusive bounds', () => {
		// 16th birthday on the reference date: exactly the minimum age.
		expect(codes(standingMen, { ...athlete, birthDate: '2009-06-01' })).toEqual([]);
		const young = checkEligibility(standingMen, { ...athlete, birthDate: '2009-06-02' });
		expect(young).toEqual({
			eligible: false,
			reasons: [
				{
					code: 'eligibility.too_young',
					params: { age: 15, minAge: 16, referenceDate: '2025-06-01' }
				}
			]
		});
		// 61st birthday on the reference date: one year too old; the day after: still 60.
		expect(codes(standingMen, { ...athlete, birthDate: '1964-06-01' })).toEqual(['eligibility.too_old']);
		expect(codes(standingMen, { ...athlete, birthDate: '1964-06-02' })).toEqual([]);
	});

	it('refuses a disability category the rule does not list, naming the allowed ones', () => {
		const result = checkEligibility({ ...standingMen, disabilityCategories: [4, 1] }, {
			...athlete,
			disabilityCategory: 2
		});
		expect(result).toEqual({
			eligible: false,
			reasons: [
				{ code: 'eligibility.disability_category', params: { disabilityCategory: 2, allowed: '1, 4' } }
			]
		});
	});

	it('treats multiple disabilities (7) as its own category', () => {
		expect(codes(standingMen, { ...athlete, disabilityCategory: 7 })).toEqual([
			'eligibility.disability_category'
		]);
	});

	it('refuses a grade the rule does not list', () => {
		const result = checkEligibility(standingMen, { ...athlete, disabilityGrade: 1 });
		expect(result).toEqual({
			eligible: false,
			reasons: [{ code: 'eligibility.grade', params: { grade: 1, allowed: '2, 3, 4' } }]
		});
	});

	it('asks for the sport class when the rule needs one and the athlete has none', () => {
		const result = checkEligibility(standingMen, { ...athlete, sportClass: undefined });
		expect(result).toEqual({
			eligible: false,
			reasons: [{ code: 'eligibility.sport_class_missing', params: { allowed: 'TT6-10' } }]
		});
	});

	it('refuses a sport class outside the range and accepts a loosely typed one inside it', () => {
		const result = checkEligibility(standingMen, { ...athlete, sportClass: 'TT11' });
		expect(result).toEqual({
			eligible: false,
			reasons: [{ code: 'eligibility.sport_class', params: { sportClass: 'TT11', allowed: 'TT6-10' } }]
		});
		expect(codes(standingMen, { ...athlete, sportClass: ' tt 10' })).toEqual([]);
	});

	it('lists every failing condition at once, in a fixed order', () => {
		const girl: AthleteFacts = {
			birthDate: '2015-01-01',
			gender: 'female',
			disabilityCategory: 5,
			disabilityGrade: 1,
			sportClass: 'TT11'
		};
		expect(codes(standingMen, girl)).toEqual([
			'eligibility.men_only',
			'eligibility.too_young',
			'eligibility.disability_category',
			'eligibility.grade',
			'eligibility.sport_class'
		]);
	});

	it('has a zh-CN and an English message for every reason code', () => {
		const all = [
			'eligibility.men_only',
			'eligibility.women_only',
			'eligibility.too_young',
			'eligibility.too_old',
			'eligibility.disability_category',
			'eligibility.grade',
			'eligibility.sport_class_missing',
			'eligibility.sport_class'
		] as const;
		for (const code of all) {
			expect(registrationMessages[code]['zh-CN']).not.toBe('');
			expect(registrationMessages[code].en).not.toBe('');
		}
	});
});

describe('sport classes', () => {
	it('expands a range into canonical classes', () => {
		expect(parseSportClassRange('TT6-10')).toEqual(['TT6', 'TT7', 'TT8', 'TT9', 'TT10']);
		expect(parseSportClassRange('TT1-5')).toEqual(['TT1', 'TT2', 'TT3', 'TT4', 'TT5']);
	});

	it('accepts a repeated prefix, en dashes, tildes, lower case, spaces and full-width text', () => {
		expect(parseSportClassRange('TT6-TT8')).toEqual(['TT6', 'TT7', 'TT8']);
		expect(parseSportClassRange('tt 6 – 8')).toEqual(['TT6', 'TT7', 'TT8']);
		expect(parseSportClassRange('TT6~7')).toEqual(['TT6', 'TT7']);
		expect(parseSportClassRange('ＴＴ１１')).toEqual(['TT11']);
	});

	it('merges several parts, sorted and without duplicates', () => {
		expect(parseSportClassRange('TT11, TT1-2、TT2')).toEqual(['TT1', 'TT2', 'TT11']);
	});

	it('throws sport_class.invalid for unknown classes, descending ranges and empty text', () => {
		for (const bad of ['TT0', 'TT12', 'TT10-6', 'TT5-12', '', 'T6', 'TT6-', 'class 6']) {
			expect(() => parseSportClassRange(bad)).toThrow(
				expect.objectContaining({ code: 'sport_class.invalid' })
			);
		}
	});

	it('normalises loose class names and tells canonical ones apart', () => {
		expect(normaliseSportClass('tt06')).toBe('TT6');
		expect(normaliseSportClass('TT12')).toBeNull();
		expect(isSportClass('TT6')).toBe(true);
		expect(isSportClass('tt6')).toBe(false);
	});

	it('knows the wheelchair, standing and intellectual groups', () => {
		expect(['TT1', 'TT5', 'TT6', 'TT10', 'TT11', 'TT0'].map(sportClassGroup)).toEqual([
			'wheelchair',
			'wheelchair',
			'standing',
			'standing',
			'intellectual',
			null
		]);
	});

	it('formats classes back into short ranges', () => {
		expect(formatSportClasses(['TT7', 'TT6', 'TT8', 'TT11', 'TT1'])).toBe('TT1, TT6-8, TT11');
		expect(formatSportClasses(parseSportClassRange('TT1-5'))).toBe('TT1-5');
	});
});

describe('validateEligibilityRule', () => {
	it('accepts a well-formed rule', () => {
		expect(validateEligibilityRule(standingMen)).toEqual([]);
	});

	it('reports a minimum age above the maximum age', () => {
		expect(validateEligibilityRule({ ...standingMen, minAge: 40, maxAge: 30 })).toEqual([
			{ code: 'eligibility_rule.age_range', params: { minAge: 40, maxAge: 30 } }
		]);
	});

	it('reports every malformed field', () => {
		const rule = {
			ageReferenceDate: '2025-02-30',
			minAge: -1,
			maxAge: 12.5,
			genders: ['male', 'other'],
			disabilityCategories: [0, 4, 8],
			grades: [5],
			sportClasses: ['TT6-10', 'TT13']
		} as unknown as EligibilityRule;
		expect(validateEligibilityRule(rule).map((p) => [p.code, p.params.value])).toEqual([
			['eligibility_rule.reference_date', '2025-02-30'],
			['eligibility_rule.min_age', '-1'],
			['eligibility_rule.max_age', '12.5'],
			['eligibility_rule.gender', 'other'],
			['eligibility_rule.disability_category', '0'],
			['eligibility_rule.disability_category', '8'],
			['eligibility_rule.grade', '5'],
			['eligibility_rule.sport_class', 'TT13']
		]);
	});
});
