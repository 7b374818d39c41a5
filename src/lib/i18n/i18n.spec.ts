import { describe, expect, it } from 'vitest';
import { domainMessages } from './domain';
import { LOCALES, translate, catalogue } from './index';

const placeholders = (text: string) => [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();

describe('translations', () => {
	it('gives every app message an English text with the same placeholders', () => {
		const zh = catalogue('zh-CN');
		const en = catalogue('en');
		expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
		for (const key of Object.keys(zh)) {
			expect(en[key], key).toBeTruthy();
			expect(placeholders(en[key] ?? ''), key).toEqual(placeholders(zh[key] ?? ''));
		}
		expect(LOCALES).toEqual(['zh-CN', 'en']);
	});

	it('gives every domain message both languages with the same placeholders', () => {
		for (const [code, texts] of Object.entries(domainMessages)) {
			expect(texts['zh-CN'], code).toBeTruthy();
			expect(texts.en, code).toBeTruthy();
			expect(placeholders(texts.en), code).toEqual(placeholders(texts['zh-CN']));
		}
	});

	it('fills placeholders and falls back to the key for an unknown message', () => {
		expect(translate('en', 'errors.rate_limited', { seconds: 30 })).toBe('Too many attempts. Please try again in 30 seconds.');
		expect(translate('zh-CN', 'errors.rate_limited', { seconds: 30 })).toBe('尝试次数过多，请 30 秒后再试。');
		expect(translate('en', 'no.such.key')).toBe('no.such.key');
	});
});
