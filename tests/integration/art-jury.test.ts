import { TRPCError } from '@trpc/server';
import { beforeAll, expect, it } from 'vitest';
import { describeWithDatabase } from '../support/setup';
import { artWorld, makeImage, panelWithOpenRound, submitWork, useTempUploads } from '../support/art';
import { formatError } from '../../src/lib/server/trpc/format';
import { artAwardsByStreet } from '../../src/lib/server/art/awards';
import { imagePathFor } from '../../src/lib/server/art/access';

beforeAll(() => {
	useTempUploads();
});

const messageOf = (error: unknown, locale: 'zh-CN' | 'en' = 'en') => formatError(error as TRPCError, locale).message;

/** Authors with distinctive names, from three streets; jurors from S11, S12 and outside. */
async function judgedWorld(ctx: Parameters<Parameters<typeof describeWithDatabase>[1]>[0]) {
	const world = await artWorld(ctx());
	const authors = [
		{ streetCode: 'S11', authorName: '欧阳青山', title: 'Spring river' },
		{ streetCode: 'S12', authorName: 'Beatrix Quill', title: 'Harbour' },
		{ streetCode: 'S13', authorName: '司马云帆', title: 'Old gate' },
		{ streetCode: 'S13', authorName: 'Ottoline Marsh', title: 'Bamboo' }
	];
	const entries = [];
	for (const a of authors) {
		entries.push({ ...a, ...(await submitWork(ctx(), world.organizer, world.categoryId, { ...a, images: [{ data: await makeImage('png'), altText: `A work in ink and colour, view ${entries.length + 1}` }] })) });
	}
	const { jurors, roundId, panelId } = await panelWithOpenRound(ctx(), world, ['S11', 'S12', undefined]);
	const streets = await ctx().database.db.street.findMany({ where: { code: { in: ['S11', 'S12', 'S13'] } } });
	return { world, entries, jurors, roundId, panelId, streets };
}

describeWithDatabase('blind judging by a jury panel', (ctx) => {
	it('never sends a juror an author, a title, a street or a submitter, in any payload', async () => {
		const { entries, jurors, roundId, streets } = await judgedWorld(ctx);
		const payloads: unknown[] = [];
		for (const juror of jurors) {
			const jury = ctx().caller(juror).art.jury;
			payloads.push(await jury.rounds());
			const first = await jury.entry({ roundId });
			payloads.push(first);
			for (const item of first.list) {
				payloads.push(await jury.entry({ roundId, entryId: item.id }));
				payloads.push(await jury.score({ roundId, entryId: item.id, score: 7 }));
			}
			payloads.push(await jury.entry({ roundId, position: 1 }));
		}
		const text = JSON.stringify(payloads);
		const forbidden = [
			...entries.flatMap((e) => [e.authorName, e.title, e.referenceCode]),
			...streets.flatMap((s) => [s.nameZh, s.nameEn, s.code, s.id]),
			ctx().database.db ? (await ctx().database.db.user.findMany({ where: { role: 'organizer' } })).map((u) => u.username)[0]! : ''
		];
		for (const word of forbidden) expect(text, `juror payload contains "${word}"`).not.toContain(word);
		expect(text).toContain(`"number":${entries[1]!.number}`);
		expect(text).toContain('A work in ink and colour'); // the alt text does reach the juror
	});

	it('never gives a juror an entry from their own street, and refuses it when asked for directly', async () => {
		const { entries, jurors, roundId } = await judgedWorld(ctx);
		const [fromS11] = jurors;
		const view = await ctx().caller(fromS11).art.jury.entry({ roundId });
		const ownEntry = entries.find((e) => e.streetCode === 'S11')!;
		expect(view.list.map((i) => i.id)).not.toContain(ownEntry.id);
		expect(view.total).toBe(3);
		const opened = await ctx().caller(fromS11).art.jury.entry({ roundId, entryId: ownEntry.id }).catch((e: unknown) => e);
		expect(messageOf(opened)).toBe('Jurors do not score entries from their own street; this entry goes to other jurors.');
		const scored = await ctx().caller(fromS11).art.jury.score({ roundId, entryId: ownEntry.id, score: 10 }).catch((e: unknown) => e);
		expect((scored as TRPCError).code).toBe('FORBIDDEN');
		expect(await ctx().database.db.juryScore.count({ where: { entryId: ownEntry.id } })).toBe(0);
		const results = await ctx().caller((await ctx().createUser('organizer'))).art.admin.results({ roundId });
		expect(results.progress.find((p) => p.jurorId === fromS11!.id)?.assigned).toBe(3);
	});

	it('refuses a score outside the scale or off its steps with the scale in the message, writing nothing', async () => {
		const { entries, jurors, roundId } = await judgedWorld(ctx);
		const juror = jurors[2]!;
		const entryId = entries[0]!.id;
		for (const [score, words] of [[11, 'from 0 to 10'], [-1, 'from 0 to 10'], [7.3, 'steps of 0.5'], ['abc', 'not a valid score']] as const) {
			const error = await ctx().caller(juror).art.jury.score({ roundId, entryId, score }).catch((e: unknown) => e);
			expect((error as TRPCError).code).toBe('UNPROCESSABLE_CONTENT');
			expect(messageOf(error)).toContain(words);
		}
		expect(await ctx().database.db.juryScore.count({ where: { roundId, jurorId: juror.id } })).toBe(0);
		const saved = await ctx().caller(juror).art.jury.score({ roundId, entryId, score: '８.5' });
		expect(saved.score).toBe(8.5);
	});

	it('lets a juror change a score until the round closes, then refuses any change', async () => {
		const { world, entries, jurors, roundId } = await judgedWorld(ctx);
		const juror = jurors[2]!;
		const entryId = entries[1]!.id;
		await ctx().caller(juror).art.jury.score({ roundId, entryId, score: 6 });
		await ctx().caller(juror).art.jury.score({ roundId, entryId, score: 9 });
		await ctx().caller(world.organizer).art.admin.closeRound({ roundId });
		const late = await ctx().caller(juror).art.jury.score({ roundId, entryId, score: 2 }).catch((e: unknown) => e);
		expect((late as TRPCError).code).toBe('CONFLICT');
		expect(messageOf(late)).toContain('closed');
		const conflict = await ctx().caller(juror).art.jury.declareConflict({ roundId, entryId, conflict: true }).catch((e: unknown) => e);
		expect((conflict as TRPCError).code).toBe('CONFLICT');
		const row = await ctx().database.db.juryScore.findFirstOrThrow({ where: { roundId, entryId, jurorId: juror.id } });
		expect(row).toMatchObject({ score: 9, conflict: false });
	});

	it('excludes the score of a juror who declares a conflict from the final score', async () => {
		const { world, entries, jurors, roundId } = await judgedWorld(ctx);
		const target = entries.find((e) => e.streetCode === 'S13')!;
		const [a, b, c] = jurors as [typeof jurors[0], typeof jurors[0], typeof jurors[0]];
		await ctx().caller(a).art.jury.score({ roundId, entryId: target.id, score: 8 });
		await ctx().caller(b).art.jury.score({ roundId, entryId: target.id, score: 6 });
		await ctx().caller(c).art.jury.score({ roundId, entryId: target.id, score: 10 });
		await ctx().caller(c).art.jury.declareConflict({ roundId, entryId: target.id, conflict: true });
		const blocked = await ctx().caller(c).art.jury.score({ roundId, entryId: target.id, score: 10 }).catch((e: unknown) => e);
		expect((blocked as TRPCError).code).toBe('CONFLICT');
		const results = await ctx().caller(world.organizer).art.admin.results({ roundId });
		const row = results.rows.find((r) => r.id === target.id)!;
		expect(row.result?.finalScore).toBe(7);
		expect(row.scores.find((s) => s.jurorId === c.id)).toMatchObject({ conflict: true, score: null });
		const view = await ctx().caller(c).art.jury.entry({ roundId, entryId: target.id });
		expect(view.myScore?.conflict).toBe(true);
		expect(view.scored).toBe(1);
	});

	it('scores weighted criteria on the panel scale and keeps jurors off a panel they do not sit on', async () => {
		const world = await artWorld(ctx());
		const entry = await submitWork(ctx(), world.organizer, world.categoryId, { streetCode: 'S14' });
		const { jurors, roundId } = await panelWithOpenRound(ctx(), world, [undefined, undefined, undefined], { scaleMin: 0, scaleMax: 100, scaleStep: 1 }, [
			{ key: 'technique', nameZh: '技法', nameEn: 'Technique', weight: 40 },
			{ key: 'composition', nameZh: '构图', nameEn: 'Composition', weight: 30 },
			{ key: 'expression', nameZh: '表现', nameEn: 'Expression', weight: 30 }
		]);
		const saved = await ctx().caller(jurors[0]).art.jury.score({ roundId, entryId: entry.id, criteria: { technique: 90, composition: 80, expression: 70 } });
		expect(saved.score).toBe(81);
		const missing = await ctx().caller(jurors[1]).art.jury.score({ roundId, entryId: entry.id, criteria: { technique: 90 } }).catch((e: unknown) => e);
		expect((missing as TRPCError).code).toBe('UNPROCESSABLE_CONTENT');
		const outsider = await ctx().createUser('juror');
		await expect(ctx().caller(outsider).art.jury.entry({ roundId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
	});

	it('ranks by the trimmed mean, hides earlier scores in a shortlist round, selects by quota and feeds awards to the street table after publication', async () => {
		const world = await artWorld(ctx());
		const codes = ['S20', 'S21', 'S22', 'S23'];
		const entries = [];
		for (const code of codes) entries.push(await submitWork(ctx(), world.organizer, world.categoryId, { streetCode: code }));
		const { jurors, roundId, panelId } = await panelWithOpenRound(ctx(), world, [undefined, undefined, undefined, undefined, undefined]);
		const sheet = [
			[9, 9, 9, 2, 10], // trimmed 9
			[8, 8, 8, 8, 8], // 8
			[7, 7, 7, 7, 7], // 7
			[5, 5, 5, 5, 5] // 5
		];
		for (const [e, scores] of sheet.entries()) {
			for (const [j, score] of scores.entries()) await ctx().caller(jurors[j]).art.jury.score({ roundId, entryId: entries[e]!.id, score });
		}
		const admin = ctx().caller(world.organizer).art.admin;
		const results = await admin.results({ roundId });
		expect(results.rows.map((r) => r.result?.finalScore)).toEqual([9, 8, 7, 5]);
		expect(results.progress.every((p) => p.scored === 4 && p.assigned === 4)).toBe(true);
		expect(results.outliers.map((o) => o.jurorId)).toContain(jurors[3]!.id);
		await admin.closeRound({ roundId });
		const round2 = await admin.openRound({ panelId, shortlistTop: 2 });
		const view = await ctx().caller(jurors[0]).art.jury.entry({ roundId: round2.id });
		expect(view.total).toBe(2);
		expect(view.myScore).toBeNull();
		expect(JSON.stringify(view)).not.toContain('"score":9');
		for (const [e, score] of [[0, 6], [1, 9]] as const) {
			for (const juror of jurors) await ctx().caller(juror).art.jury.score({ roundId: round2.id, entryId: entries[e]!.id, score });
		}
		await admin.closeRound({ roundId: round2.id });
		const lists = await admin.selectByQuota({ artCategoryId: world.categoryId, quotas: [{ list: 'regional', size: 2 }, { list: 'national', size: 1 }] });
		expect(lists.find((l) => l.list === 'national')?.selected).toEqual([entries[1]!.id]);
		await admin.setAward({ entryId: entries[1]!.id, level: 'first' });
		await admin.setAward({ entryId: entries[0]!.id, level: 'second' });
		const edition = await ctx().database.db.edition.findFirstOrThrow({ where: { current: true } });
		const before = await artAwardsByStreet(ctx().database.db, edition.id);
		expect(before.find((s) => s.streetCode === 'S21')).toBeUndefined();
		await expect(ctx().caller(null).art.gallery.list({ category: world.categoryKey })).resolves.toEqual([]);
		await admin.publish({ artCategoryId: world.categoryId, published: true });
		const table = await artAwardsByStreet(ctx().database.db, edition.id);
		expect(table.find((s) => s.streetCode === 'S21')).toMatchObject({ first: 1, second: 0 });
		expect(table.find((s) => s.streetCode === 'S20')).toMatchObject({ first: 0, second: 1 });
		const gallery = await ctx().caller(null).art.gallery.list({ category: world.categoryKey });
		expect(gallery[0]).toMatchObject({ id: entries[1]!.id, result: { rank: 1, finalScore: 9 } });
		expect(gallery[0]!.awards).toEqual(expect.arrayContaining([{ kind: 'award', value: 'first' }, { kind: 'selection', value: 'national' }]));
		expect(JSON.stringify(gallery)).not.toContain('referenceCode');
		expect(gallery.map((g) => [g.id, g.result?.rank])).toEqual([
			[entries[1]!.id, 1],
			[entries[0]!.id, 2],
			[entries[2]!.id, 3],
			[entries[3]!.id, 4]
		]);
		const page = await ctx().caller(null).art.gallery.entry({ category: world.categoryKey, number: gallery[0]!.number });
		expect(page.next).toBe(gallery[1]!.number);
	});

	it('refuses a panel of fewer than three jurors and a juror list with non-jurors', async () => {
		const world = await artWorld(ctx());
		const admin = ctx().caller(world.organizer).art.admin;
		const two = [await ctx().createUser('juror'), await ctx().createUser('juror')];
		const small = await admin.savePanel({ artCategoryId: world.categoryId, name: 'P', scaleMin: 0, scaleMax: 10, scaleStep: 1, criteria: [], jurorIds: two.map((j) => j.id) }).catch((e: unknown) => e);
		expect(messageOf(small)).toContain('3 to 9 jurors');
		const referee = await ctx().createUser('referee');
		const mixed = await admin.savePanel({ artCategoryId: world.categoryId, name: 'P', scaleMin: 0, scaleMax: 10, scaleStep: 1, criteria: [], jurorIds: [...two.map((j) => j.id), referee.id] }).catch((e: unknown) => e);
		expect((mixed as TRPCError).code).toBe('BAD_REQUEST');
		expect(await ctx().database.db.juryPanel.count({ where: { artCategoryId: world.categoryId } })).toBe(0);
	});
	it('serves an image only to who may see it: never an unpublished work to the public, never a juror’s own street', async () => {
		const world = await artWorld(ctx());
		const coordinator = await ctx().createUser('coordinator', { streetCode: 'S30' });
		const otherCoordinator = await ctx().createUser('coordinator', { streetCode: 'S31' });
		const entry = await submitWork(ctx(), coordinator, world.categoryId);
		const image = await ctx().database.db.artImage.findFirstOrThrow({ where: { entryId: entry.id } });
		const { jurors, roundId } = await panelWithOpenRound(ctx(), world, ['S30', undefined, undefined]);
		const db = ctx().database.db;
		const may = async (user: Parameters<typeof imagePathFor>[1], size: 'original' | 'large' | 'thumb' = 'large') => (await imagePathFor(db, user, image.id, size)) !== null;
		expect(await may(null)).toBe(false);
		expect(await may(world.organizer, 'original')).toBe(true);
		expect(await may(coordinator)).toBe(true);
		expect(await may(otherCoordinator)).toBe(false);
		expect(await may(jurors[0]!)).toBe(false); // from the entry's own street
		expect(await may(jurors[1]!)).toBe(true);
		expect(await may(jurors[1]!, 'original')).toBe(false);
		expect(await may(await ctx().createUser('juror'))).toBe(false); // not on the panel
		await ctx().caller(jurors[1]).art.jury.score({ roundId, entryId: entry.id, score: 8 });
		await ctx().caller(world.organizer).art.admin.closeRound({ roundId });
		await ctx().caller(world.organizer).art.admin.publish({ artCategoryId: world.categoryId, published: true });
		expect(await may(null)).toBe(true);
		expect(await may(null, 'original')).toBe(false);
		expect(await imagePathFor(db, null, '../../etc/passwd', 'large')).toBeNull();
	});
});
