import { describe, expect, it } from 'vitest';
import {
	REFERENCE_ALPHABET,
	isReferenceCode,
	makeReferenceCode,
	normaliseReferenceCode,
	qrPayload,
	referenceFromScan
} from './reference';

const bytes = (...values: number[]) => Uint8Array.from(values);

describe('reference codes', () => {
	it('are built as DG-XXXX-XXXX from random bytes, with a check character that validates', () => {
		const code = makeReferenceCode(bytes(1, 2, 3, 4, 5, 6, 7));
		expect(code).toMatch(/^DG-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
		expect(isReferenceCode(code)).toBe(true);
	});

	it('never contain look-alike characters', () => {
		for (const c of '01ILOUV') expect(REFERENCE_ALPHABET).not.toContain(c);
		for (let i = 0; i < 200; i++) {
			const code = makeReferenceCode(bytes(i, i * 3, i * 7, 255 - i, i * 11, i * 13, i * 17));
			expect(code.slice(3)).not.toMatch(/[01ILOUV]/);
		}
	});

	it('accept lower case, spaces, full-width characters and a missing prefix', () => {
		const code = makeReferenceCode(bytes(9, 8, 7, 6, 5, 4, 3));
		const bare = code.replace(/^DG-/, '').replace('-', '');
		expect(normaliseReferenceCode(bare.toLowerCase())).toBe(code);
		expect(normaliseReferenceCode(` dg ${bare.slice(0, 4)} ${bare.slice(4)} `)).toBe(code);
		const fullWidth = [...code].map((c) => (c === '-' ? c : String.fromCharCode(c.charCodeAt(0) + 0xfee0))).join('');
		expect(normaliseReferenceCode(fullWidth)).toBe(code);
	});

	it('reject every single mistyped character and every swap of two neighbours', () => {
		const code = makeReferenceCode(bytes(10, 20, 30, 40, 50, 60, 70));
		const chars = code.replace(/^DG-/, '').replace('-', '');
		for (let i = 0; i < chars.length; i++) {
			for (const c of REFERENCE_ALPHABET) {
				if (c === chars[i]) continue;
				expect(isReferenceCode(chars.slice(0, i) + c + chars.slice(i + 1))).toBe(false);
			}
			if (i + 1 < chars.length && chars[i] !== chars[i + 1]) {
				const swapped = chars.slice(0, i) + chars[i + 1] + chars[i] + chars.slice(i + 2);
				expect(isReferenceCode(swapped)).toBe(false);
			}
		}
	});

	it('reject wrong lengths and characters outside the alphabet', () => {
		expect(normaliseReferenceCode('')).toBeNull();
		expect(normaliseReferenceCode('DG-ABCD-EFG')).toBeNull();
		expect(normaliseReferenceCode('DG-ABCD-EFO0')).toBeNull();
	});

	it('are read back from a scanned QR payload or a typed code alike', () => {
		const code = makeReferenceCode(bytes(1, 1, 2, 3, 5, 8, 13));
		expect(referenceFromScan(qrPayload(code))).toBe(code);
		expect(referenceFromScan(code.toLowerCase())).toBe(code);
		expect(referenceFromScan('DGENTRY:nonsense')).toBeNull();
	});
});
