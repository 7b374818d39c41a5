import { expect, it } from 'vitest';
import { describeWithDatabase } from '../support/setup';

describeWithDatabase('public facts about the games', (ctx) => {
	it('lists the 43 streets: 24 subdistricts and 19 township areas, in the seed order', async () => {
		const overview = await ctx().caller(null).games.overview();
		expect(overview.streets).toHaveLength(43);
		expect(overview.streets.filter((s) => s.kind === 'subdistrict')).toHaveLength(24);
		expect(overview.streets.filter((s) => s.kind === 'area')).toHaveLength(19);
		expect(overview.streets[0]).toMatchObject({ code: 'S01', nameZh: '朝外街道', nameEn: 'Chaowai Subdistrict' });
	});

	it('names the three sports in both languages', async () => {
		const { sports } = await ctx().caller(null).games.overview();
		expect(sports.map((s) => s.key)).toEqual(['tableTennis', 'xiangqi', 'darts']);
		expect(sports.every((s) => s.nameZh && s.nameEn)).toBe(true);
	});

	it('answers only with JSON-safe values, so HTTP and in-process callers see the same data', async () => {
		const overview = await ctx().caller(null).games.overview();
		expect(JSON.parse(JSON.stringify(overview))).toEqual(overview);
	});
});
