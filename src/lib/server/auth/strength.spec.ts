import { describe, expect, it } from 'vitest';
import { guessableWords, passwordWeakness } from './strength';

const edition = guessableWords(['2026年区残疾人运动会', '2026 District Games for Persons with Disabilities', '2026']);

describe('staff password strength', { timeout: 30_000 }, () => {
	it('refuses passwords glued from the site\'s own words and a year, saying they lean on the site\'s words', () => {
		for (const weak of ['districtgames2026', 'DistrictGames2026!', 'Admin2026!!', 'Referee2026!!', 'xiangqi2026!!']) {
			expect(passwordWeakness(weak), weak).toBe('validation.password_weak.userInputs');
		}
	});

	it("refuses the edition's name in pinyin and English, and the person's own name in pinyin", () => {
		expect(passwordWeakness('canjirenyundonghui2026', edition)).toBe('validation.password_weak.userInputs');
		expect(passwordWeakness('personswithdisabilities26', edition)).toBe('validation.password_weak.userInputs');
		expect(passwordWeakness('wangxiaoming2026!', guessableWords(['wxm', '王小明']))).toBe('validation.password_weak.userInputs');
		expect(passwordWeakness('chaoyangqu2026!', guessableWords(['朝阳区']))).toBe('validation.password_weak.userInputs');
	});

	it('names repeats, sequences and common passwords', () => {
		expect(passwordWeakness('aaaaaaaaaa')).toBe('validation.password_weak.simpleRepeat');
		expect(passwordWeakness('1234567890')).toMatch(/^validation\.password_weak/);
		expect(passwordWeakness('password123')).toMatch(/^validation\.password_weak/);
	});

	it('accepts a passphrase of several unusual words, even beside the edition and the username', () => {
		for (const good of ['three blue teacups on the sill', 'the right password', 'lantern pebble orchard 42']) {
			expect(passwordWeakness(good, [...edition, ...guessableWords(['coordinator7', '李华'])]), good).toBeNull();
		}
	});

	it('turns Chinese names into the pinyin runs a person would type', () => {
		const words = guessableWords(['区残疾人运动会']);
		expect(words).toEqual(expect.arrayContaining(['canjiren', 'yundonghui', 'qucanjirenyundonghui']));
	});
});
