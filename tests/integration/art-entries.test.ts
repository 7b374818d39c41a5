import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { TRPCError } from '@trpc/server';
import { beforeAll, expect, it } from 'vitest';
import { describeWithDatabase } from '../support/setup';
import { artWorld, filesUnder, makeImage, registeredAthlete, submitWork, useTempUploads } from '../support/art';
import { formatError } from '../../src/lib/server/trpc/format';

let uploads: string;
beforeAll(() => {
	uploads = useTempUploads();
	process.env.ART_MAX_IMAGE_MB = '1';
});

const messageOf = (error: unknown, locale: 'zh-CN' | 'en' = 'en') => formatError(error as TRPCError, locale).message;

describeWithDatabase('submitting art entries with images', (ctx) => {
	it('stores an entry with its original, large and thumbnail files, all without EXIF, and audits it', async () => {
		const world = await artWorld(ctx());
		const coordinator = await ctx().createUser('coordinator', { streetCode: 'S02' });
		const entry = await submitWork(ctx(), coordinator, world.categoryId, {
			images: [
				{ data: await makeImage('jpeg', 3000, 1000), altText: '  Wide photograph of a harbour at dusk ' },
				{ data: await makeImage('png'), altText: 'Detail of the signature seal' }
			]
		});
		expect(entry.number).toBeGreaterThan(100);
		const images = await ctx().database.db.artImage.findMany({ where: { entryId: entry.id }, orderBy: { sortOrder: 'asc' } });
		expect(images.map((i) => i.altText)).toEqual(['Wide photograph of a harbour at dusk', 'Detail of the signature seal']);
		expect(images[0]).toMatchObject({ mime: 'image/jpeg', width: 3000, height: 1000 });
		for (const image of images) {
			for (const rel of [image.originalPath, image.largePath, image.thumbPath]) {
				const bytes = readFileSync(path.join(uploads, rel));
				const meta = await sharp(bytes).metadata();
				expect(meta.exif, rel).toBeUndefined();
				expect(bytes.includes(Buffer.from('SecretCam')), rel).toBe(false);
			}
		}
		const large = await sharp(path.join(uploads, images[0]!.largePath)).metadata();
		expect(Math.max(large.width ?? 0, large.height ?? 0)).toBe(2400);
		const thumb = await sharp(path.join(uploads, images[0]!.thumbPath)).metadata();
		expect(thumb.width).toBe(480);
		const record = await ctx().database.db.auditLog.findFirst({ where: { action: 'art.entry.submit', entityId: entry.id } });
		expect(record?.actorLabel).toBe(`user:${coordinator.username}`);
		expect(filesUnder(path.join(uploads, '.staging'))).toEqual([]);
	});

	it('files a coordinator’s entry under their own street whatever street the form names', async () => {
		const world = await artWorld(ctx());
		const coordinator = await ctx().createUser('coordinator', { streetCode: 'S03' });
		const entry = await submitWork(ctx(), coordinator, world.categoryId, { streetCode: 'S09' });
		const row = await ctx().database.db.artEntry.findUniqueOrThrow({ where: { id: entry.id }, select: { street: { select: { code: true } } } });
		expect(row.street.code).toBe('S03');
	});

	for (const [name, images, expected] of [
		['a text file renamed to .jpg', async () => [{ data: new TextEncoder().encode('not an image at all, just text'), altText: 'x' }], 'is not a JPEG, PNG or WebP image'],
		['a GIF (a real image of a type not accepted)', async () => [{ data: new Uint8Array(await sharp({ create: { width: 8, height: 8, channels: 3, background: 'red' } }).gif().toBuffer()), altText: 'x' }], 'is not a JPEG, PNG or WebP image'],
		['an image larger than the configured maximum', async () => [{ data: new Uint8Array(1024 * 1024 + 1), altText: 'x' }], 'larger than 1 MB'],
		['an image without alt text', async () => [{ data: await makeImage(), altText: '   ' }], 'needs a description'],
		['a valid image followed by a bad one', async () => [{ data: await makeImage(), altText: 'ok' }, { data: new Uint8Array([0xff, 0xd8, 0xff, 0x00, 1, 2]), altText: 'broken' }], 'Image 2'],
		['no image at all', async () => [], '1 to 5 images'],
		['six images', async () => Array.from({ length: 6 }, () => ({ data: new Uint8Array([1]), altText: 'x' })), '']
	] as const) {
		it(`refuses ${name} clearly, writing no entry, no image row and no file`, async () => {
			const world = await artWorld(ctx());
			const coordinator = await ctx().createUser('coordinator', { streetCode: 'S04' });
			const before = { entries: await ctx().database.db.artEntry.count(), images: await ctx().database.db.artImage.count(), files: filesUnder(uploads).length };
			const error = await submitWork(ctx(), coordinator, world.categoryId, { images: await images() }).catch((e: unknown) => e);
			expect(error).toBeInstanceOf(TRPCError);
			if (expected) expect(messageOf(error)).toContain(expected);
			expect(messageOf(error, 'zh-CN')).toMatch(/[\u4e00-\u9fff]/);
			expect(await ctx().database.db.artEntry.count()).toBe(before.entries);
			expect(await ctx().database.db.artImage.count()).toBe(before.images);
			expect(filesUnder(uploads).length).toBe(before.files);
		});
	}

	it('removes the staged files when the database refuses the entry after the images were written', async () => {
		const world = await artWorld(ctx(), { streetQuota: 1 });
		const coordinator = await ctx().createUser('coordinator', { streetCode: 'S05' });
		await submitWork(ctx(), coordinator, world.categoryId);
		const files = filesUnder(uploads).length;
		const error = await submitWork(ctx(), coordinator, world.categoryId).catch((e: unknown) => e);
		expect(messageOf(error)).toContain('quota');
		expect(filesUnder(uploads).length).toBe(files);
	});

	it('refuses entries outside the window for coordinators, and lets them withdraw before the deadline', async () => {
		const world = await artWorld(ctx());
		const coordinator = await ctx().createUser('coordinator', { streetCode: 'S06' });
		const entry = await submitWork(ctx(), coordinator, world.categoryId);
		await ctx().caller(coordinator).art.entries.withdraw({ entryId: entry.id });
		expect((await ctx().database.db.artEntry.findUniqueOrThrow({ where: { id: entry.id } })).status).toBe('withdrawn');
		await ctx().caller(world.organizer).art.admin.setWindow({ opensAt: new Date(Date.now() - 2 * 86_400_000), closesAt: new Date(Date.now() - 86_400_000) });
		const late = await submitWork(ctx(), coordinator, world.categoryId).catch((e: unknown) => e);
		expect(messageOf(late)).toContain('closed');
		expect(await ctx().database.db.artEntry.count({ where: { artCategoryId: world.categoryId, status: 'submitted' } })).toBe(0);
	});

	it('shows a coordinator only their own street’s entries', async () => {
		const world = await artWorld(ctx());
		const a = await ctx().createUser('coordinator', { streetCode: 'S07' });
		const b = await ctx().createUser('coordinator', { streetCode: 'S08' });
		await submitWork(ctx(), a, world.categoryId, { title: 'From S07' });
		await submitWork(ctx(), b, world.categoryId, { title: 'From S08' });
		const mine = await ctx().caller(a).art.entries.mine();
		expect(mine.every((e) => e.street.code === 'S07')).toBe(true);
		expect(mine.map((e) => e.title)).toContain('From S07');
		await expect(ctx().caller(a).art.entries.withdraw({ entryId: (await ctx().caller(b).art.entries.mine())[0]!.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
	});

	it('replays a submission with the same operation id instead of creating a second entry', async () => {
		const world = await artWorld(ctx());
		const coordinator = await ctx().createUser('coordinator', { streetCode: 'S10' });
		const input = {
			artCategoryId: world.categoryId,
			title: 'Once',
			authorName: 'Li Si',
			coAuthors: '',
			dimensions: '',
			technique: '',
			statement: '',
			images: [{ data: await makeImage(), altText: 'A bamboo grove' }],
			opId: 'op-art-submit-0001'
		};
		const first = await ctx().caller(coordinator).art.entries.submit(input);
		const second = await ctx().caller(coordinator).art.entries.submit(input);
		expect(second).toEqual(first);
		expect(await ctx().database.db.artEntry.count({ where: { title: 'Once' } })).toBe(1);
	});
	it('gives simultaneous submissions distinct entry numbers, each with its own files', async () => {
		const world = await artWorld(ctx());
		const coordinators = await Promise.all(['S11', 'S12', 'S13', 'S14'].map((streetCode) => ctx().createUser('coordinator', { streetCode })));
		const entries = await Promise.all(coordinators.map((c, i) => submitWork(ctx(), c, world.categoryId, { title: `Simultaneous ${i}` })));
		expect(new Set(entries.map((e) => e.number)).size).toBe(4);
		for (const entry of entries) expect(filesUnder(path.join(uploads, 'art', entry.id))).toHaveLength(3);
		expect(filesUnder(path.join(uploads, '.staging'))).toEqual([]);
	});
	it('admits only one of five simultaneous submissions for a street with one place left', async () => {
		const world = await artWorld(ctx(), { streetQuota: 1 });
		const coordinator = await ctx().createUser('coordinator', { streetCode: 'S17' });
		const results = await Promise.allSettled(
			Array.from({ length: 5 }, (_, i) => submitWork(ctx(), coordinator, world.categoryId, { title: `Race ${i}` }))
		);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		const street = await ctx().database.db.street.findUniqueOrThrow({ where: { code: 'S17' } });
		expect(await ctx().database.db.artEntry.count({ where: { artCategoryId: world.categoryId, streetId: street.id } })).toBe(1);
		expect(filesUnder(path.join(uploads, '.staging'))).toEqual([]);
	});

	it('takes the author from a registered athlete of the street, and refuses an athlete of another street', async () => {
		const world = await artWorld(ctx());
		const coordinator = await ctx().createUser('coordinator', { streetCode: 'S15' });
		const own = await registeredAthlete(ctx(), 'S15', '王书墨');
		const other = await registeredAthlete(ctx(), 'S16', '赵外街');
		const options = await ctx().caller(coordinator).art.entries.formOptions();
		expect(options.athletes).toEqual([{ id: own.id, name: '王书墨' }]);
		expect(JSON.stringify(options)).not.toMatch(/residentId|certificate|11010519/);
		const base = { artCategoryId: world.categoryId, title: 'Athlete work', coAuthors: '', dimensions: '', technique: '', statement: '', images: [{ data: await makeImage(), altText: 'A plum blossom' }] };
		const entry = await ctx().caller(coordinator).art.entries.submit({ ...base, authorName: '', authorAthleteId: own.id });
		expect(await ctx().database.db.artEntry.findUniqueOrThrow({ where: { id: entry.id }, select: { authorName: true, authorAthleteId: true } })).toEqual({ authorName: '王书墨', authorAthleteId: own.id });
		const before = filesUnder(uploads).length;
		const refused = await ctx().caller(coordinator).art.entries.submit({ ...base, authorName: '', authorAthleteId: other.id }).catch((e: unknown) => e);
		expect((refused as TRPCError).code).toBe('NOT_FOUND');
		const nameless = await ctx().caller(coordinator).art.entries.submit({ ...base, authorName: '  ' }).catch((e: unknown) => e);
		expect(messageOf(nameless)).toContain('author');
		expect(filesUnder(uploads).length).toBe(before);
	});
});
