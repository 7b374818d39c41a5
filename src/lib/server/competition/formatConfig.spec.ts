import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { defaultFormatConfig, minEntriesFor, parseFormatConfig } from './formatConfig';

describe('formatConfig', () => {
	it('gives every setting a default, so an empty config is valid for every format', () => {
		expect(parseFormatConfig('{}')).toEqual(defaultFormatConfig());
		expect(parseFormatConfig('')).toMatchObject({ bestOf: 5, groupSize: 4, qualifiersPerGroup: 2, swissRounds: 7, legsToWin: 3 });
		expect(defaultFormatConfig().points).toEqual({ win: 2, draw: 1, loss: 0, bye: 2 });
	});

	it('keeps what the organizer set and refuses impossible settings with message keys', () => {
		expect(parseFormatConfig({ bestOf: 3, points: { win: 1, draw: 0.5, loss: 0, bye: 1 } })).toMatchObject({
			bestOf: 3,
			points: { win: 1, draw: 0.5, loss: 0, bye: 1 }
		});
		const error = (() => {
			try {
				parseFormatConfig({ bestOf: 4, tieBreaks: ['coinFlip'], points: { win: 1, draw: 2, loss: 0, bye: 1 } });
			} catch (e) {
				return e;
			}
		})();
		expect(error).toBeInstanceOf(ZodError);
		const messages = (error as ZodError).issues.map((i) => i.message).sort();
		expect(messages).toEqual(['competition.config.best_of', 'competition.config.points_order', 'competition.config.tie_break']);
	});

	it('needs two groups of three for a groups-then-knockout category and two players otherwise', () => {
		expect(minEntriesFor('groupsKnockout', defaultFormatConfig())).toBe(6);
		expect(minEntriesFor('knockout', defaultFormatConfig())).toBe(2);
		expect(minEntriesFor('swiss', defaultFormatConfig())).toBe(3);
	});
});
