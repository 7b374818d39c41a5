import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { RuleViolation } from '../errors';
import {
	ageOn,
	checkIdentityConsistency,
	makeResidentId,
	normaliseIdText,
	parseDisabilityCertificate,
	parseResidentId,
	PROVINCE_CODES,
	residentIdCheckChar,
	residentIdFromCertificate
} from './identity';
import { registrationMessages } from './messages';

/** An ID with a correct check character but whatever digits we want in front (date tests). */
function withCheckChar(first17: string): string {
	return first17 + residentIdCheckChar(first17);
}

function codeOf(result: { ok: boolean; error?: { code: string } }): string | undefined {
	return result.ok ? undefined : result.error?.code;
}

describe('parseResidentId', () => {
	it('accepts the well-known sample number ending in X and derives birth date and gender', () => {
		const result = parseResidentId('11010519491231002X');
		expect(result).toEqual({
			ok: true,
			value: {
				birthDate: '1949-12-31',
				gender: 'female',
				residentId: '11010519491231002X',
				regionCode: '110105'
			}
		});
	});

	it('accepts a lower-case x and stores it as an upper-case X', () => {
		const result = parseResidentId('11010519491231002x');
		expect(result.ok && result.value.residentId).toBe('11010519491231002X');
	});

	it('accepts full-width digits and Ｘ typed on a Chinese IME, and trims surrounding spaces', () => {
		const result = parseResidentId('\u3000１１０１０５１９４９１２３１００２Ｘ ');
		expect(result.ok && result.value.residentId).toBe('11010519491231002X');
	});

	it('accepts a number pasted in groups separated by spaces', () => {
		expect(parseResidentId('110105 19491231 002X').ok).toBe(true);
	});

	it('reads an odd 17th digit as male and an even one as female', () => {
		const male = parseResidentId(makeResidentId('310104', '1988-07-15', '457'));
		const female = parseResidentId(makeResidentId('310104', '1988-07-15', '458'));
		expect(male.ok && male.value.gender).toBe('male');
		expect(female.ok && female.value.gender).toBe('female');
	});

	it('reports an empty input, also when it is only spaces', () => {
		expect(codeOf(parseResidentId(''))).toBe('identity.empty');
		expect(codeOf(parseResidentId('   '))).toBe('identity.empty');
	});

	it('reports a wrong length with the length typed', () => {
		const result = parseResidentId('1101051949123100');
		expect(result).toMatchObject({
			ok: false,
			error: { code: 'identity.length', params: { length: 16, expected: 18 } }
		});
	});

	it('recognises a 20-digit certificate number typed into the ID field', () => {
		expect(codeOf(parseResidentId('11010519491231002X41'))).toBe('identity.looks_like_certificate');
	});

	it('reports a letter inside the number with its position', () => {
		const result = parseResidentId('1101051949A231002X');
		expect(result).toMatchObject({
			ok: false,
			error: { code: 'identity.characters', params: { position: 11 } }
		});
	});

	it('refuses an X anywhere but the last position', () => {
		expect(codeOf(parseResidentId('X10105194912310021'))).toBe('identity.characters');
	});

	it('reports a region whose province code does not exist', () => {
		const result = parseResidentId(withCheckChar('99010519491231002'));
		expect(result).toMatchObject({ ok: false, error: { code: 'identity.region', params: { province: '99' } } });
		expect(codeOf(parseResidentId(withCheckChar('00010519491231002')))).toBe('identity.region');
		expect(codeOf(parseResidentId(withCheckChar('16010519491231002')))).toBe('identity.region');
	});

	it('accepts the Hong Kong, Macao, Taiwan and foreigner permanent residence codes', () => {
		for (const province of ['71', '81', '82', '83', '91']) {
			expect(parseResidentId(makeResidentId(`${province}0000`, '1980-01-01', '001')).ok).toBe(true);
		}
	});

	it('accepts 29 February in a leap year', () => {
		const result = parseResidentId(makeResidentId('440305', '2000-02-29', '123'));
		expect(result.ok && result.value.birthDate).toBe('2000-02-29');
		expect(parseResidentId(makeResidentId('440305', '1996-02-29', '123')).ok).toBe(true);
	});

	it('refuses 29 February in a common year, including 1900 which is not a leap year', () => {
		expect(codeOf(parseResidentId(withCheckChar('44030520010229123')))).toBe('identity.birth_date');
		expect(codeOf(parseResidentId(withCheckChar('44030519000229123')))).toBe('identity.birth_date');
	});

	it('refuses month 13, month 00, day 00 and 31 April', () => {
		for (const date of ['19901301', '19900001', '19900100', '19900431']) {
			expect(codeOf(parseResidentId(withCheckChar(`440305${date}123`)))).toBe('identity.birth_date');
		}
	});

	it('refuses a birth date before 1900', () => {
		expect(codeOf(parseResidentId(withCheckChar('44030518991231123')))).toBe(
			'identity.birth_date_too_early'
		);
		expect(parseResidentId(makeResidentId('440305', '1900-01-01', '123')).ok).toBe(true);
	});

	it('refuses a birth date after the given today, but accepts one on today', () => {
		const id = makeResidentId('440305', '2025-06-02', '123');
		expect(codeOf(parseResidentId(id, { today: '2025-06-01' }))).toBe('identity.birth_date_future');
		expect(codeOf(parseResidentId(id, '2025-06-01'))).toBe('identity.birth_date_future');
		expect(parseResidentId(id, { today: '2025-06-02' }).ok).toBe(true);
	});

	it('does not check for a future birth date when no today is given', () => {
		expect(parseResidentId(makeResidentId('440305', '2090-01-01', '123')).ok).toBe(true);
	});

	it('reports a wrong check character with a message that asks to compare with the card', () => {
		const result = parseResidentId('110105194912310021');
		expect(codeOf(result)).toBe('identity.check_char');
		expect(!result.ok && result.error.message).toMatch(/compare it with the card/);
		expect(!result.ok && result.error.message).toMatch(/cannot be told/);
	});

	it('gives every error code it can return a zh-CN and an English message', () => {
		const inputs = [
			'',
			'123',
			'11010519491231002X41',
			'1101051949A231002X',
			withCheckChar('99010519491231002'),
			withCheckChar('44030520010229123'),
			withCheckChar('44030518991231123'),
			'110105194912310021'
		];
		for (const input of inputs) {
			const result = parseResidentId(input);
			expect(result.ok).toBe(false);
			const code = codeOf(result) as keyof typeof registrationMessages;
			expect(registrationMessages[code]['zh-CN'].length).toBeGreaterThan(0);
			expect(registrationMessages[code].en.length).toBeGreaterThan(0);
		}
	});
});

describe('parseDisabilityCertificate', () => {
	it('derives category and grade from the last two digits besides birth date and gender', () => {
		expect(parseDisabilityCertificate('11010519491231002x41')).toEqual({
			ok: true,
			value: {
				birthDate: '1949-12-31',
				gender: 'female',
				residentId: '11010519491231002X',
				regionCode: '110105',
				category: 4,
				grade: 1,
				certificateNumber: '11010519491231002X41'
			}
		});
	});

	it('accepts every category 1-7 and grade 1-4', () => {
		for (let category = 1; category <= 7; category++) {
			for (let grade = 1; grade <= 4; grade++) {
				const result = parseDisabilityCertificate(`11010519491231002X${category}${grade}`);
				expect(result.ok && [result.value.category, result.value.grade]).toEqual([category, grade]);
			}
		}
	});

	it('refuses category 0, 8 and 9', () => {
		for (const category of [0, 8, 9]) {
			expect(parseDisabilityCertificate(`11010519491231002X${category}1`)).toMatchObject({
				ok: false,
				error: { code: 'certificate.category', params: { category } }
			});
		}
	});

	it('refuses grade 0 and 5', () => {
		for (const grade of [0, 5]) {
			expect(parseDisabilityCertificate(`11010519491231002X4${grade}`)).toMatchObject({
				ok: false,
				error: { code: 'certificate.grade', params: { grade } }
			});
		}
	});

	it('recognises an ID number typed without the category and grade digits', () => {
		expect(codeOf(parseDisabilityCertificate('11010519491231002X'))).toBe(
			'certificate.missing_category_grade'
		);
	});

	it('reports empty input and wrong lengths with certificate codes', () => {
		expect(codeOf(parseDisabilityCertificate(' '))).toBe('certificate.empty');
		expect(parseDisabilityCertificate('11010519491231002X4')).toMatchObject({
			ok: false,
			error: { code: 'certificate.length', params: { length: 19, expected: 20 } }
		});
	});

	it('reports a letter in the category or grade position with its position', () => {
		expect(parseDisabilityCertificate('11010519491231002X4A')).toMatchObject({
			ok: false,
			error: { code: 'certificate.characters', params: { position: 20 } }
		});
	});

	it('validates the ID part with certificate codes', () => {
		expect(codeOf(parseDisabilityCertificate('11010519491231002141'))).toBe('certificate.check_char');
		expect(codeOf(parseDisabilityCertificate(`${withCheckChar('44030520010229123')}41`))).toBe(
			'certificate.birth_date'
		);
		expect(
			codeOf(parseDisabilityCertificate(`${makeResidentId('440305', '2030-01-01', '123')}41`, '2025-01-01'))
		).toBe('certificate.birth_date_future');
	});
});

describe('residentIdFromCertificate and checkIdentityConsistency', () => {
	it('extracts the normalised ID part of a certificate number', () => {
		expect(residentIdFromCertificate(' 11010519491231002x41 ')).toBe('11010519491231002X');
		expect(residentIdFromCertificate('11010519491231002X')).toBeNull();
	});

	it('accepts an ID and a certificate of the same person, whatever the case of x', () => {
		const result = checkIdentityConsistency('11010519491231002x', '11010519491231002X52');
		expect(result.ok && [result.value.category, result.value.grade]).toEqual([5, 2]);
	});

	it('reports identity.mismatch when the certificate belongs to another ID number', () => {
		const other = makeResidentId('110105', '1949-12-31', '003');
		expect(codeOf(checkIdentityConsistency('11010519491231002X', `${other}41`))).toBe(
			'identity.mismatch'
		);
	});

	it('reports the parse error of either number before comparing them', () => {
		expect(codeOf(checkIdentityConsistency('110105194912310021', '11010519491231002X41'))).toBe(
			'identity.check_char'
		);
		expect(codeOf(checkIdentityConsistency('11010519491231002X', '11010519491231002X81'))).toBe(
			'certificate.category'
		);
	});
});

describe('ageOn', () => {
	it('counts whole years, a year more only from the birthday on', () => {
		expect(ageOn('2007-06-15', '2025-06-14')).toBe(17);
		expect(ageOn('2007-06-15', '2025-06-15')).toBe(18);
		expect(ageOn('2007-06-15', '2025-12-31')).toBe(18);
	});

	it('makes someone born on 29 February a year older on 1 March in common years', () => {
		expect(ageOn('2000-02-29', '2018-02-28')).toBe(17);
		expect(ageOn('2000-02-29', '2018-03-01')).toBe(18);
		expect(ageOn('2000-02-29', '2020-02-29')).toBe(20);
	});

	it('throws date.invalid for a date that does not exist', () => {
		expect(() => ageOn('2001-02-29', '2020-01-01')).toThrow(RuleViolation);
		expect(() => ageOn('2000-01-01', '2020-13-01')).toThrow(
			expect.objectContaining({ code: 'date.invalid' })
		);
	});
});

describe('normaliseIdText and makeResidentId', () => {
	it('removes spaces and zero-width characters and converts full-width characters', () => {
		expect(normaliseIdText(' 1１0\u200B105 x ')).toBe('110105X');
	});

	it('pads a numeric sequence to three digits', () => {
		expect(makeResidentId('110105', '1949-12-31', 2)).toBe('11010519491231002X');
	});

	it('refuses malformed input with identity.make_input', () => {
		expect(() => makeResidentId('11010', '1949-12-31', '002')).toThrow(RuleViolation);
		expect(() => makeResidentId('110105', '1949-02-30', '002')).toThrow(/6-digit region/);
		expect(() => makeResidentId('110105', '1949-12-31', '02')).toThrow(RuleViolation);
	});
});

const provinces = [...PROVINCE_CODES];
const arbId = fc
	.record({
		province: fc.constantFrom(...provinces),
		county: fc.integer({ min: 0, max: 9999 }),
		date: fc.date({
			min: new Date('1900-01-01T00:00:00Z'),
			max: new Date('2024-12-31T00:00:00Z'),
			noInvalidDate: true
		}),
		sequence: fc.integer({ min: 0, max: 999 })
	})
	.map(({ province, county, date, sequence }) => {
		const birthDate = date.toISOString().slice(0, 10);
		const id = makeResidentId(province + String(county).padStart(4, '0'), birthDate, sequence);
		return { id, birthDate, male: sequence % 2 === 1 };
	});

describe('resident ID properties', () => {
	it('round-trips birth date and gender through makeResidentId and parseResidentId', () => {
		fc.assert(
			fc.property(arbId, ({ id, birthDate, male }) => {
				const result = parseResidentId(id, '2025-01-01');
				expect(result.ok).toBe(true);
				if (result.ok) {
					expect(result.value.birthDate).toBe(birthDate);
					expect(result.value.gender).toBe(male ? 'male' : 'female');
				}
			}),
			{ seed: 42, numRuns: 500 }
		);
	});

	it('rejects every number that differs from a valid one in exactly one character', () => {
		fc.assert(
			fc.property(
				arbId,
				fc.integer({ min: 0, max: 17 }),
				fc.integer({ min: 1, max: 10 }),
				({ id }, position, shift) => {
					const alphabet = position === 17 ? '0123456789X' : '0123456789';
					const current = alphabet.indexOf(id.charAt(position));
					const replacement = alphabet.charAt((current + shift) % alphabet.length);
					if (replacement === id.charAt(position)) return; // shift 10 on a digit-only alphabet
					const changed = id.slice(0, position) + replacement + id.slice(position + 1);
					const result = parseResidentId(changed);
					expect(result.ok).toBe(false);
					// The region and date checks may catch it first; otherwise it is the check char.
					expect([
						'identity.region',
						'identity.birth_date',
						'identity.birth_date_too_early',
						'identity.check_char'
					]).toContain(codeOf(result));
				}
			),
			{ seed: 42, numRuns: 2000 }
		);
	});

	it('detects every single-digit change with the check character alone', () => {
		// Exhaustive over one valid number: MOD 11-2 catches all single substitutions.
		const id = '11010519491231002X';
		for (let position = 0; position < 17; position++) {
			for (const digit of '0123456789') {
				if (digit === id.charAt(position)) continue;
				const first17 = id.slice(0, position) + digit + id.slice(position + 1, 17);
				expect(residentIdCheckChar(first17)).not.toBe('X');
			}
		}
	});

	it('round-trips category and grade through a certificate number', () => {
		fc.assert(
			fc.property(
				arbId,
				fc.integer({ min: 1, max: 7 }),
				fc.integer({ min: 1, max: 4 }),
				({ id, birthDate }, category, grade) => {
					const result = parseDisabilityCertificate(`${id}${category}${grade}`);
					expect(result.ok && [result.value.birthDate, result.value.category, result.value.grade]).toEqual([
						birthDate,
						category,
						grade
					]);
				}
			),
			{ seed: 42, numRuns: 300 }
		);
	});
});
