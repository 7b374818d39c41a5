import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
	finalScore,
	jurorDeviations,
	jurorMayScore,
	outliers,
	rank,
	selectByQuota,
	validateScore,
	weightedScore,
	type PanelScore
} from './jury';
import { artMessages } from './messages';

describe('finalScore', () => {
	it('takes the plain mean of three scores', () => {
		expect(finalScore([7, 8, 9.5])).toBe(8.17);
	});

	it('takes the plain mean of four scores (too few to drop any)', () => {
		expect(finalScore([6, 8, 9, 10])).toBe(8.25);
	});

	it('drops the single highest and the single lowest of five scores', () => {
		expect(finalScore([2, 8, 8.5, 9, 10])).toBe(8.5);
	});

	it('drops only one of several equal highest or lowest scores among nine', () => {
		// Sorted: 5 5 7 8 8 8 9 10 10 → drop one 5 and one 10 → 5+7+8+8+8+9+10 = 55 / 7.
		expect(finalScore([10, 5, 8, 7, 8, 10, 9, 5, 8])).toBe(7.86);
	});

	it('returns the single score of a one-juror panel', () => {
		expect(finalScore([9.25])).toBe(9.25);
	});

	it('rounds half away from zero on the exact value, free of floating-point error', () => {
		// 8.125 is not exactly representable; a naive Math.round(x * 100) / 100 may go either way.
		expect(finalScore([8.125])).toBe(8.13);
		expect(finalScore([8.1, 9.3])).toBe(8.7);
		expect(finalScore([1.005, 1.005, 1.005])).toBe(1.01);
	});

	it('keeps more decimals on request', () => {
		expect(finalScore([7, 8, 9.5], { decimals: 4 })).toBe(8.1667);
		expect(finalScore([7, 8, 9.5], { decimals: 0 })).toBe(8);
		expect(() => finalScore([7], { decimals: 7 })).toThrow(
			expect.objectContaining({ code: 'jury.decimals_invalid' })
		);
	});

	it('refuses an empty panel and a score that is not a number', () => {
		expect(() => finalScore([])).toThrow(expect.objectContaining({ code: 'jury.no_scores' }));
		expect(() => finalScore([8, Number.NaN])).toThrow(
			expect.objectContaining({ code: 'jury.score_not_number' })
		);
	});

	it('gives the same result for the same scores in any order', () => {
		const scoresAndPermutation = fc
			.array(fc.integer({ min: 0, max: 100 }).map((n) => n / 10), { minLength: 1, maxLength: 12 })
			.chain((scores) =>
				fc.tuple(
					fc.constant(scores),
					fc.shuffledSubarray(scores, { minLength: scores.length, maxLength: scores.length })
				)
			);
		fc.assert(
			fc.property(scoresAndPermutation, ([scores, shuffled]) => {
				expect(finalScore(shuffled)).toBe(finalScore(scores));
				expect(finalScore(scores)).toBeGreaterThanOrEqual(Math.min(...scores));
				expect(finalScore(scores)).toBeLessThanOrEqual(Math.max(...scores));
			}),
			{ seed: 42, numRuns: 300 }
		);
	});
});

describe('rank', () => {
	it('orders by final score, highest first', () => {
		const ranked = rank([
			{ id: 'a', scores: [7, 7, 7] },
			{ id: 'b', scores: [9, 9, 9] },
			{ id: 'c', scores: [8, 8, 8] }
		]);
		expect(ranked.map((r) => [r.id, r.finalScore, r.rank])).toEqual([
			['b', 9, 1],
			['c', 8, 2],
			['a', 7, 3]
		]);
	});

	it('breaks a final-score tie by the untrimmed mean', () => {
		// Both trim to 8; x has mean 8.2, y has mean 8.
		const ranked = rank([
			{ id: 'y', scores: [6, 8, 8, 8, 10] },
			{ id: 'x', scores: [7, 8, 8, 8, 10] }
		]);
		expect(ranked.map((r) => [r.id, r.finalScore, r.mean, r.rank])).toEqual([
			['x', 8, 8.2, 1],
			['y', 8, 8, 2]
		]);
	});

	it('breaks a remaining tie by the number of top marks in the panel', () => {
		const ranked = rank([
			{ id: 'c', scores: [9, 9, 7, 7] },
			{ id: 'b', scores: [10, 8, 8, 6] },
			{ id: 'a', scores: [10, 10, 6, 6] }
		]);
		expect(ranked.map((r) => [r.id, r.finalScore, r.mean, r.topScores, r.rank])).toEqual([
			['a', 8, 8, 2, 1],
			['b', 8, 8, 1, 2],
			['c', 8, 8, 0, 3]
		]);
	});

	it('counts top marks against the scale maximum when given', () => {
		const ranked = rank(
			[
				{ id: 'a', scores: [9, 9, 6] },
				{ id: 'b', scores: [8, 8, 8] }
			],
			{ topScore: 10 }
		);
		expect(ranked.map((r) => r.topScores)).toEqual([0, 0]);
		expect(ranked.map((r) => r.rank)).toEqual([1, 1]);
	});

	it('gives exact ties the same rank and skips the following ranks', () => {
		const ranked = rank([
			{ id: 'd', scores: [9, 7, 9, 7] },
			{ id: 'c', scores: [7, 9, 7, 9] },
			{ id: 'e', scores: [5, 5, 5, 5] },
			{ id: 'a', scores: [10, 10, 10] }
		]);
		expect(ranked.map((r) => [r.id, r.rank])).toEqual([
			['a', 1],
			['c', 2],
			['d', 2],
			['e', 4]
		]);
	});

	it('treats scores equal after rounding the same way, whatever their float representation', () => {
		const ranked = rank([
			{ id: 'a', scores: [0.1 + 0.2, 0.3] },
			{ id: 'b', scores: [0.3, 0.3] }
		]);
		expect(ranked.map((r) => r.rank)).toEqual([1, 1]);
	});

	it('reports the score count and whether the extremes were dropped', () => {
		const [entry] = rank([{ id: 'a', scores: [1, 2, 3, 4, 5] }]);
		expect(entry).toMatchObject({ scoreCount: 5, trimmed: true, finalScore: 3, mean: 3 });
	});

	it('refuses an entry without scores, naming it', () => {
		expect(() => rank([{ id: 'a', scores: [8] }, { id: 'blank', scores: [] }])).toThrow(
			expect.objectContaining({ code: 'jury.no_scores', params: { entryId: 'blank' } })
		);
	});

	it('returns an empty ranking for no entries', () => {
		expect(rank([])).toEqual([]);
	});
});

describe('weightedScore', () => {
	const weights = { idea: 30, technique: 40, expression: 30 };

	it('is the weighted average, whatever the weights add up to', () => {
		expect(weightedScore({ idea: 8, technique: 9, expression: 7 }, weights)).toBe(8.1);
		expect(weightedScore({ idea: 8, technique: 9, expression: 7 }, { idea: 0.3, technique: 0.4, expression: 0.3 })).toBe(8.1);
	});

	it('ignores criteria with weight zero in the average', () => {
		expect(weightedScore({ a: 10, b: 0 }, { a: 1, b: 0 })).toBe(10);
	});

	it('refuses a missing criterion, an unknown one, negative weights and all-zero weights', () => {
		expect(() => weightedScore({ idea: 8, technique: 9 }, weights)).toThrow(
			expect.objectContaining({ code: 'jury.criterion_missing', params: { criterion: 'expression' } })
		);
		expect(() => weightedScore({ idea: 8, technique: 9, expression: 7, colour: 5 }, weights)).toThrow(
			expect.objectContaining({ code: 'jury.criterion_unknown', params: { criterion: 'colour' } })
		);
		expect(() => weightedScore({ a: 8 }, { a: -1 })).toThrow(
			expect.objectContaining({ code: 'jury.weights_invalid' })
		);
		expect(() => weightedScore({ a: 8 }, { a: 0 })).toThrow(
			expect.objectContaining({ code: 'jury.weights_invalid' })
		);
	});
});

describe('validateScore', () => {
	const scale = { min: 0, max: 10, step: 0.5 };

	it('accepts a score on the scale, including both ends', () => {
		expect(validateScore(8.5, scale)).toEqual({ ok: true, value: 8.5 });
		expect(validateScore(0, scale)).toEqual({ ok: true, value: 0 });
		expect(validateScore(10, scale)).toEqual({ ok: true, value: 10 });
	});

	it('accepts form text with spaces or full-width digits', () => {
		expect(validateScore(' 9.5 ', scale)).toEqual({ ok: true, value: 9.5 });
		expect(validateScore('８．５', scale)).toEqual({ ok: true, value: 8.5 });
	});

	it('accepts decimal steps despite floating-point error', () => {
		expect(validateScore(0.1 + 0.2, { min: 0, max: 1, step: 0.1 })).toEqual({ ok: true, value: 0.3 });
		expect(validateScore(7.3, { min: 0, max: 10, step: 0.1 }).ok).toBe(true);
	});

	it('refuses a score outside the scale with the scale bounds', () => {
		expect(validateScore(10.5, scale)).toMatchObject({
			ok: false,
			error: { code: 'jury.score_out_of_range', params: { min: 0, max: 10, score: 10.5 } }
		});
		expect(validateScore(-1, scale)).toMatchObject({ ok: false, error: { code: 'jury.score_out_of_range' } });
	});

	it('refuses a score between two steps', () => {
		expect(validateScore(8.3, scale)).toMatchObject({
			ok: false,
			error: { code: 'jury.score_step', params: { step: 0.5 } }
		});
	});

	it('refuses text that is not a number, and empty text', () => {
		expect(validateScore('八', scale)).toMatchObject({ ok: false, error: { code: 'jury.score_not_number' } });
		expect(validateScore('', scale)).toMatchObject({ ok: false, error: { code: 'jury.score_not_number' } });
	});

	it('reports a broken scale instead of judging the score', () => {
		expect(validateScore(5, { min: 10, max: 0 })).toMatchObject({ ok: false, error: { code: 'jury.scale_invalid' } });
		expect(validateScore(5, { min: 0, max: 10, step: 0 })).toMatchObject({
			ok: false,
			error: { code: 'jury.scale_invalid' }
		});
	});

	it('writes an English fallback message from the catalogue', () => {
		const result = validateScore(11, scale);
		expect(!result.ok && result.error.message).toBe(
			'The score 11 is outside the scale. Please enter a score from 0 to 10.'
		);
	});
});

describe('outliers', () => {
	// Five jurors, six entries; j1-j4 agree within half a point, j5 is erratic.
	const table: Record<string, number[]> = {
		e1: [8, 8.5, 8, 8, 3],
		e2: [6, 6, 6.5, 6, 10],
		e3: [9, 9, 9, 8.5, 4],
		e4: [7, 7.5, 7, 7, 7],
		e5: [5, 5, 5.5, 5, 9.5],
		e6: [8, 8, 8, 8.5, 8]
	};
	const panel: PanelScore[] = Object.entries(table).flatMap(([entryId, scores]) =>
		scores.map((score, j) => ({ jurorId: `j${j + 1}`, entryId, score }))
	);

	it('flags the juror far from the entry medians and nobody else', () => {
		const flagged = outliers(panel, 2);
		expect(flagged.map((j) => j.jurorId)).toEqual(['j5']);
		expect(flagged[0]?.deviation).toBeCloseTo((5 + 4 + 5 + 0 + 4.5 + 0) / 6, 6);
	});

	it('flags nobody in a panel that agrees', () => {
		const calm = panel.filter((s) => s.jurorId !== 'j5');
		expect(outliers(calm, 2)).toEqual([]);
	});

	it('reports the direction of a juror who is systematically harsh', () => {
		// j5 now scores every entry 3 points below j1, who always gives the entry median.
		const harsh = panel.map((s) =>
			s.jurorId === 'j5' ? { ...s, score: (table[s.entryId]?.[0] ?? 0) - 3 } : s
		);
		const stats = jurorDeviations(harsh);
		const j5 = stats.find((j) => j.jurorId === 'j5');
		expect(j5?.bias).toBe(-3);
		expect(j5?.deviation).toBe(3);
	});

	it('ignores entries with fewer scores than the minimum', () => {
		const sparse: PanelScore[] = [
			{ jurorId: 'a', entryId: 'x', score: 1 },
			{ jurorId: 'b', entryId: 'x', score: 10 }
		];
		expect(jurorDeviations(sparse)).toEqual([]);
		expect(jurorDeviations(sparse, { minScoresPerEntry: 2 }).map((j) => j.deviation)).toEqual([4.5, 4.5]);
	});

	it('uses the minimum spread so a near-unanimous panel is not flagged for half a point', () => {
		const unanimous: PanelScore[] = ['a', 'b', 'c', 'd'].flatMap((jurorId) =>
			['x', 'y', 'z'].map((entryId) => ({
				jurorId,
				entryId,
				score: jurorId === 'd' && entryId === 'x' ? 8.5 : 8
			}))
		);
		expect(outliers(unanimous, 2).map((j) => j.jurorId)).toEqual(['d']);
		expect(outliers(unanimous, 2, { minSpread: 0.5 })).toEqual([]);
	});
});

describe('jurorMayScore', () => {
	it('allows a juror to score an entry from another street', () => {
		expect(jurorMayScore({ jurorStreet: 's01', entryStreet: 's02', declaredConflict: false })).toEqual({
			allowed: true
		});
	});

	it('never lets a juror score an entry from their own street', () => {
		expect(jurorMayScore({ jurorStreet: 's01', entryStreet: 's01' })).toEqual({
			allowed: false,
			reasons: [{ code: 'jury.own_street', params: {} }]
		});
	});

	it('excludes a declared conflict, also for a juror from outside the district', () => {
		expect(jurorMayScore({ jurorStreet: null, entryStreet: 's01', declaredConflict: true })).toEqual({
			allowed: false,
			reasons: [{ code: 'jury.declared_conflict', params: {} }]
		});
		expect(jurorMayScore({ jurorStreet: null, entryStreet: null })).toEqual({ allowed: true });
	});

	it('lists both reasons when both apply', () => {
		const result = jurorMayScore({ jurorStreet: 's01', entryStreet: 's01', declaredConflict: true });
		expect(result.allowed === false && result.reasons.map((r) => r.code)).toEqual([
			'jury.own_street',
			'jury.declared_conflict'
		]);
	});
});

describe('selectByQuota', () => {
	const ranked = rank(
		Array.from({ length: 25 }, (_, i) => ({ id: `e${String(i + 1).padStart(2, '0')}`, scores: [100 - i] }))
	);

	it('fills independent lists from the top of the ranking by default', () => {
		const [regional, national] = selectByQuota(ranked, [
			{ list: 'regional', size: 17 },
			{ list: 'national', size: 3 }
		]);
		expect(regional?.selected).toHaveLength(17);
		expect(regional?.selected.slice(0, 3)).toEqual(['e01', 'e02', 'e03']);
		expect(national?.selected).toEqual(['e01', 'e02', 'e03']);
		expect(national).toMatchObject({ tiedAtCutoff: [], openPlaces: 0 });
	});

	it('fills exclusive lists in order, each from the entries not yet selected', () => {
		const [national, regional] = selectByQuota(
			ranked,
			[
				{ list: 'national', size: 3 },
				{ list: 'regional', size: 17 }
			],
			{ exclusive: true }
		);
		expect(national?.selected).toEqual(['e01', 'e02', 'e03']);
		expect(regional?.selected[0]).toBe('e04');
		expect(regional?.selected).toHaveLength(17);
		expect(regional?.selected).not.toContain('e03');
	});

	it('does not break a tie at the cut-off silently but reports it with the open places', () => {
		const tied = [
			{ id: 'a', rank: 1 },
			{ id: 'b', rank: 2 },
			{ id: 'c', rank: 3 },
			{ id: 'd', rank: 3 },
			{ id: 'e', rank: 5 }
		];
		expect(selectByQuota(tied, [{ list: 'national', size: 3 }])).toEqual([
			{ list: 'national', size: 3, selected: ['a', 'b'], tiedAtCutoff: ['c', 'd'], openPlaces: 1 }
		]);
		expect(selectByQuota(tied, [{ list: 'regional', size: 4 }])[0]).toMatchObject({
			selected: ['a', 'b', 'c', 'd'],
			tiedAtCutoff: [],
			openPlaces: 0
		});
	});

	it('leaves places open when the ranking is shorter than the quota, and handles size zero', () => {
		const [big, none] = selectByQuota(ranked.slice(0, 2), [
			{ list: 'big', size: 5 },
			{ list: 'none', size: 0 }
		]);
		expect(big).toMatchObject({ selected: ['e01', 'e02'], openPlaces: 3 });
		expect(none).toMatchObject({ selected: [], tiedAtCutoff: [], openPlaces: 0 });
	});

	it('refuses a quota that is not a whole number of places', () => {
		expect(() => selectByQuota(ranked, [{ list: 'x', size: 2.5 }])).toThrow(
			expect.objectContaining({ code: 'jury.quota_invalid' })
		);
	});
});

describe('artMessages', () => {
	it('uses the same placeholders in zh-CN and English for every code', () => {
		const placeholders = (t: string) => [...t.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
		for (const [code, texts] of Object.entries(artMessages)) {
			expect([code, placeholders(texts['zh-CN'])]).toEqual([code, placeholders(texts.en)]);
		}
	});
});
