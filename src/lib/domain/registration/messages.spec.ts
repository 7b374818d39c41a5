import { describe, it, expect } from 'vitest';
import { formatRegistrationMessage, registrationMessages } from './messages';

function placeholders(text: string): string[] {
	return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string).sort();
}

describe('registrationMessages', () => {
	it('uses the same placeholders in zh-CN and English for every code', () => {
		for (const [code, texts] of Object.entries(registrationMessages)) {
			expect([code, placeholders(texts['zh-CN'])]).toEqual([code, placeholders(texts.en)]);
		}
	});

	it('has no empty text in either language', () => {
		for (const texts of Object.values(registrationMessages)) {
			expect(texts['zh-CN'].trim().length).toBeGreaterThan(0);
			expect(texts.en.trim().length).toBeGreaterThan(0);
		}
	});
});

describe('formatRegistrationMessage', () => {
	it('fills placeholders from params in the requested language, zh-CN by default', () => {
		expect(formatRegistrationMessage('identity.length', { length: 17 })).toContain('您输入了 17 位');
		expect(formatRegistrationMessage('identity.length', { length: 17 }, 'en')).toContain('you entered 17');
	});

	it('leaves a placeholder without a param visible and returns unknown codes as they are', () => {
		expect(formatRegistrationMessage('identity.length', {}, 'en')).toContain('{length}');
		expect(formatRegistrationMessage('no.such.code')).toBe('no.such.code');
	});
});
