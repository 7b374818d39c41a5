import { describe, expect, it } from 'vitest';
import { DEFAULT_FORMAT_CONFIG, FORMATS, parseFormatConfig, validateFormatConfig } from './programme';
import { registrationMessages } from './messages';

describe('format settings of a category', () => {
	it('accepts the defaults of every format', () => {
		for (const format of FORMATS) expect(validateFormatConfig(format, DEFAULT_FORMAT_CONFIG[format])).toEqual([]);
	});

	it('fills missing settings from the defaults when reading them back', () => {
		expect(parseFormatConfig('swiss', '{"rounds":5}')).toEqual({ ...DEFAULT_FORMAT_CONFIG.swiss, rounds: 5 });
		expect(parseFormatConfig('knockout', '')).toEqual(DEFAULT_FORMAT_CONFIG.knockout);
	});

	it('refuses an unknown format', () => {
		expect(validateFormatConfig('marathon', {})).toEqual([{ code: 'format.unknown', params: { value: 'marathon' } }]);
	});

	it('reports every bad table tennis setting with the field it concerns', () => {
		const problems = validateFormatConfig('groupsKnockout', { bestOf: 4, groupSize: 3, qualifiers: 3, thirdPlace: 'yes' });
		expect(problems.map((p) => [p.code, p.params.field])).toEqual([
			['format.best_of', 'bestOf'],
			['format.qualifiers', 'qualifiers'],
			['format.flag', 'thirdPlace']
		]);
	});

	it('refuses Swiss points where a loss is worth as much as a win, and repeated tie-breaks', () => {
		const codes = validateFormatConfig('swiss', {
			points: { win: 1, draw: 1, loss: 1, bye: 1 },
			tieBreaks: ['buchholz', 'buchholz']
		}).map((p) => p.code);
		expect(codes).toEqual(['format.points', 'format.tie_breaks']);
	});

	it('checks darts settings: start score, legs, flights', () => {
		expect(validateFormatConfig('darts501Knockout', { start: 401 }).map((p) => p.code)).toEqual(['format.start']);
		expect(validateFormatConfig('dartsTotal', { rounds: 0, flightSize: 1 }).map((p) => p.code)).toEqual([
			'format.rounds',
			'format.flight_size'
		]);
	});

	it('throws on stored settings that are not valid (a hand-edited database)', () => {
		expect(() => parseFormatConfig('knockout', '{"bestOf":4}')).toThrow(RangeError);
		expect(() => parseFormatConfig('knockout', '{')).toThrow(RangeError);
	});

	it('has a text in both languages for every code it reports', () => {
		for (const code of ['format.unknown', 'format.best_of', 'format.flag', 'format.group_size', 'format.qualifiers', 'format.rounds', 'format.points', 'format.tie_breaks', 'format.start', 'format.legs', 'format.flight_size', 'format.throw_off']) {
			expect(registrationMessages).toHaveProperty(code);
		}
	});
});
