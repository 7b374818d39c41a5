import { describe, it, expect } from 'vitest';
import { guardianRequired } from './guardian';

const referenceDate = '2025-06-01';

describe('guardianRequired', () => {
	it('requires a guardian for a minor, with the age on the reference date', () => {
		expect(guardianRequired({ birthDate: '2010-01-01', disabilityCategory: 4, referenceDate })).toEqual({
			required: true,
			reasons: [{ code: 'guardian.minor', params: { age: 15, referenceDate } }]
		});
	});

	it('no longer requires one from the 18th birthday on', () => {
		expect(guardianRequired({ birthDate: '2007-06-02', disabilityCategory: 4, referenceDate }).required).toBe(
			true
		);
		expect(guardianRequired({ birthDate: '2007-06-01', disabilityCategory: 4, referenceDate })).toEqual({
			required: false,
			reasons: []
		});
	});

	it('requires a guardian for an adult with an intellectual disability', () => {
		expect(guardianRequired({ birthDate: '1980-01-01', disabilityCategory: 5, referenceDate })).toEqual({
			required: true,
			reasons: [{ code: 'guardian.intellectual', params: {} }]
		});
	});

	it('gives both reasons for a minor with an intellectual disability', () => {
		const result = guardianRequired({ birthDate: '2012-01-01', disabilityCategory: 5, referenceDate });
		expect(result.reasons.map((r) => r.code)).toEqual(['guardian.minor', 'guardian.intellectual']);
	});

	it('does not require one for adults with other disabilities, including mental and multiple', () => {
		for (const disabilityCategory of [1, 2, 3, 4, 6, 7]) {
			expect(guardianRequired({ birthDate: '1980-01-01', disabilityCategory, referenceDate }).required).toBe(
				false
			);
		}
	});

	it('throws date.invalid on a malformed birth date', () => {
		expect(() =>
			guardianRequired({ birthDate: '1980-02-30', disabilityCategory: 4, referenceDate })
		).toThrow(expect.objectContaining({ code: 'date.invalid' }));
	});
});
