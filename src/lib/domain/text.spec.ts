import { describe, expect, it } from 'vitest';
import { cleanText, hasInvisibleCharacters } from './text';

describe('cleanText', () => {
	it('removes bidi controls, so a name cannot be shown reversed', () => {
		expect(cleanText('\u202Enimda')).toBe('nimda');
		for (const c of ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069']) {
			expect(cleanText(`张${c}三`)).toBe('张三');
		}
	});

	it('removes zero-width characters, the byte-order mark, soft hyphens and other format characters', () => {
		for (const c of ['\u200B', '\u200C', '\u200D', '\u200E', '\u200F', '\uFEFF', '\u00AD', '\u2060', '\u061C', '\u180E', '\u{E0041}']) {
			expect(cleanText(`李${c}四`)).toBe('李四');
		}
	});

	it('keeps CJK text and the middle dot of ethnic-minority names', () => {
		expect(cleanText('阿不都热依木·买买提')).toBe('阿不都热依木·买买提');
		expect(cleanText('Zhang San 张三')).toBe('Zhang San 张三');
	});

	it('turns control characters into spaces in one-line text and keeps line breaks in multi-line text', () => {
		expect(cleanText('a\nb\tc\u0000d')).toBe('a b c d');
		expect(cleanText('line one\r\nline two\u2028three\u0007', { multiline: true })).toBe('line one\nline two\nthree');
	});

	it('normalises to NFC so that the same name is stored the same way', () => {
		expect(cleanText('e\u0301')).toBe('\u00E9');
	});
});

describe('hasInvisibleCharacters', () => {
	it('finds a bidi control and passes ordinary text', () => {
		expect(hasInvisibleCharacters('a\u202Eb')).toBe(true);
		expect(hasInvisibleCharacters('王·五')).toBe(false);
	});
});
