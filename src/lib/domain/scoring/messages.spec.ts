import { describe, expect, it } from 'vitest';
import { fillMessage, scoringMessage, scoringMessages } from './messages';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('scoring messages', () => {
	it('has a non-empty zh-CN and English text for every key, with the same placeholders', () => {
		for (const [key, texts] of Object.entries(scoringMessages)) {
			expect(texts['zh-CN'].trim(), key).not.toBe('');
			expect(texts.en.trim(), key).not.toBe('');
			expect(placeholders(texts['zh-CN']), key).toEqual(placeholders(texts.en));
		}
	});

	it('writes the Chinese texts in Chinese', () => {
		for (const [key, texts] of Object.entries(scoringMessages)) {
			expect(/[\u4e00-\u9fff]/.test(texts['zh-CN']), key).toBe(true);
		}
	});

	it('fills placeholders from params and leaves unknown ones visible', () => {
		expect(fillMessage('{a} and {b}', { a: 1 })).toBe('1 and {b}');
		expect(scoringMessage('darts.impossible_score', 'en', { scored: 179 })).toBe(
			'Three darts cannot score 179. Check each dart and enter the total again.'
		);
		expect(scoringMessage('ui.tt.change_ends')).toBe('交换场地');
	});
});
