import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { makeResidentId, PROVINCE_CODES } from './identity';
import {
	findPersonalNumbers,
	looksLikePersonalNumber,
	maskCertificate,
	maskedPerson,
	maskResidentId
} from './mask';

describe('maskResidentId', () => {
	it('keeps only the last four characters, so neither the region nor the birth date shows', () => {
		expect(maskResidentId('11010519491231002X')).toBe('**************002X');
	});

	it('normalises before masking, so a typed lower-case x or full-width digits mask the same', () => {
		expect(maskResidentId(' 11010519491231002x')).toBe('**************002X');
		expect(maskResidentId('１１０１０５１９４９１２３１００２Ｘ')).toBe('**************002X');
	});

	it('masks a malformed number entirely instead of leaking part of it', () => {
		expect(maskResidentId('1101051949123100')).toBe('****************');
		expect(maskResidentId('')).toBe('');
	});

	it('masks a certificate number given by mistake as a certificate', () => {
		expect(maskResidentId('11010519491231002X41')).toBe('**************002X41');
	});
});

describe('maskCertificate', () => {
	it('keeps the category and grade digits visible', () => {
		expect(maskCertificate('11010519491231002X41')).toBe('**************002X41');
	});

	it('masks an 18-character number as an ID and anything else entirely', () => {
		expect(maskCertificate('11010519491231002X')).toBe('**************002X');
		expect(maskCertificate('11010519491231002X4')).toBe('*******************');
	});
});

describe('maskedPerson', () => {
	it('shows the masks and the age in whole years, never the birth date', () => {
		const view = maskedPerson({ residentId: '11010519491231002X', certificateNo: '11010519491231002X41', birthDate: '1949-12-31' }, '2026-06-01');
		expect(view).toEqual({ residentId: '**************002X', certificateNo: '**************002X41', age: 76 });
		expect(JSON.stringify(view)).not.toMatch(/1949|110105|1231/);
	});
});

describe('findPersonalNumbers and looksLikePersonalNumber', () => {
	it('finds an ID number inside a JSON body', () => {
		const body = JSON.stringify({ name: '张三', idNumber: '11010519491231002X', street: '东城' });
		expect(findPersonalNumbers(body)).toEqual([
			{ index: body.indexOf('110105'), text: '11010519491231002X' }
		]);
	});

	it('finds a certificate number, a lower-case x and full-width digits', () => {
		expect(looksLikePersonalNumber('cert=11010519491231002X41;')).toBe(true);
		expect(looksLikePersonalNumber('"11010519491231002x"')).toBe(true);
		expect(looksLikePersonalNumber('１１０１０５１９４９１２３１００２Ｘ')).toBe(true);
	});

	it('finds a number glued to other digits', () => {
		expect(looksLikePersonalNumber('99911010519491231002X')).toBe(true);
		expect(looksLikePersonalNumber('1101051949123100217777')).toBe(true);
	});

	it('finds a number whose check character is wrong unless valid ones are required', () => {
		expect(looksLikePersonalNumber('110105194912310021')).toBe(true);
		expect(looksLikePersonalNumber('110105194912310021', { requireValidCheckChar: true })).toBe(false);
		expect(looksLikePersonalNumber('11010519491231002X', { requireValidCheckChar: true })).toBe(true);
	});

	it('does not flag masked numbers', () => {
		const body = JSON.stringify({
			id: maskResidentId('11010519491231002X'),
			cert: maskCertificate('11010519491231002X41')
		});
		expect(looksLikePersonalNumber(body)).toBe(false);
	});

	it('does not flag timestamps, long floats or 17-digit numbers', () => {
		const body = JSON.stringify({
			at: 1748736000000,
			mean: 0.0033333333333333335,
			ratio: 0.30000000000000004,
			// eslint-disable-next-line no-loss-of-precision -- a number JSON cannot keep exactly, on purpose
			big: 12345678901234567
		});
		expect(looksLikePersonalNumber(body)).toBe(false);
	});

	it('does not flag an 18-digit run without a province code or a real birth date', () => {
		expect(looksLikePersonalNumber('000000000000000000')).toBe(false);
		expect(looksLikePersonalNumber('110105194913310021')).toBe(false);
		expect(looksLikePersonalNumber('110105180012310021')).toBe(false);
	});
});

const arbId = fc
	.record({
		province: fc.constantFrom(...PROVINCE_CODES),
		county: fc.integer({ min: 0, max: 9999 }),
		date: fc.date({
			min: new Date('1900-01-01T00:00:00Z'),
			max: new Date('2024-12-31T00:00:00Z'),
			noInvalidDate: true
		}),
		sequence: fc.integer({ min: 0, max: 999 })
	})
	.map(({ province, county, date, sequence }) =>
		makeResidentId(
			province + String(county).padStart(4, '0'),
			date.toISOString().slice(0, 10),
			sequence
		)
	);

// Short surrounding text: at most 10 characters each side, so the text alone can never hold
// 17 consecutive digits next to a masked number (which breaks digit runs with '*' and X).
const around = fc.string({ maxLength: 10, unit: 'binary' });

describe('scanner properties', () => {
	it('finds every generated ID and certificate number inside random text', () => {
		fc.assert(
			fc.property(around, arbId, fc.integer({ min: 10, max: 74 }), around, (before, id, tail, after) => {
				expect(looksLikePersonalNumber(before + id + after)).toBe(true);
				expect(looksLikePersonalNumber(before + id.toLowerCase() + String(tail) + after)).toBe(true);
			}),
			{ seed: 42, numRuns: 1000 }
		);
	});

	it('never flags a masked ID or certificate number inside random text', () => {
		fc.assert(
			fc.property(around, arbId, fc.integer({ min: 11, max: 74 }), around, (before, id, tail, after) => {
				expect(looksLikePersonalNumber(before + maskResidentId(id) + after)).toBe(false);
				expect(looksLikePersonalNumber(before + maskCertificate(id + String(tail)) + after)).toBe(false);
			}),
			{ seed: 42, numRuns: 1000 }
		);
	});
});
