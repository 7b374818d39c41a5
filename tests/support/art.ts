/**
 * Factories for the art showcase's integration tests: real images made with sharp, an open
 * entry window, categories, entries submitted through the router and a panel with an open round.
 */
import { mkdtempSync, readdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { TestContext } from './setup';
import type { SessionUser } from '../../src/lib/roles';
import { sealPerson } from '../../src/lib/server/privacy/person';

/** Points UPLOAD_DIR at a fresh temp folder (per test file) and returns it. */
export function useTempUploads(): string {
	const dir = mkdtempSync(path.join(tmpdir(), 'dg-art-uploads-'));
	process.env.UPLOAD_DIR = dir;
	return dir;
}

/** Every file under `dir`, relative, recursively (to prove nothing was left behind). */
export function filesUnder(dir: string): string[] {
	if (!existsSync(dir)) return [];
	return readdirSync(dir, { recursive: true, withFileTypes: true })
		.filter((d) => d.isFile())
		.map((d) => path.relative(dir, path.join(d.parentPath, d.name)));
}

/** A small real image; JPEGs carry EXIF (camera make, GPS-like comment) to prove stripping. */
export async function makeImage(format: 'jpeg' | 'png' | 'webp' = 'jpeg', width = 64, height = 48): Promise<Uint8Array> {
	const base = sharp({ create: { width, height, channels: 3, background: { r: 200, g: 80, b: 40 } } });
	const out =
		format === 'jpeg'
			? base.jpeg().withExif({ IFD0: { Make: 'SecretCam', Artist: 'Exif Author Name', ImageDescription: 'GPS 39.9N 116.4E' } })
			: format === 'png'
				? base.png()
				: base.webp();
	return new Uint8Array(await out.toBuffer());
}

let keyCounter = 0;

export interface ArtWorld {
	organizer: SessionUser;
	categoryId: string;
	categoryKey: string;
}

/** An organizer, an open entry window and a fresh visual category. */
export async function artWorld(ctx: TestContext, options: { streetQuota?: number | null; kind?: 'visual' | 'performance' } = {}): Promise<ArtWorld> {
	const organizer = await ctx.createUser('organizer');
	const admin = ctx.caller(organizer).art.admin;
	await admin.setWindow({ opensAt: new Date(Date.now() - 86_400_000), closesAt: new Date(Date.now() + 86_400_000) });
	const key = `medium-${++keyCounter}-${Math.random().toString(36).slice(2, 6)}`;
	const category = await admin.saveCategory({
		key,
		nameZh: `类别${keyCounter}`,
		nameEn: `Medium ${keyCounter}`,
		kind: options.kind ?? 'visual',
		streetQuota: options.streetQuota ?? null,
		sortOrder: keyCounter
	});
	return { organizer, categoryId: category.id, categoryKey: key };
}

/** Submits an entry as `user` (a coordinator submits for their own street). */
export async function submitWork(
	ctx: TestContext,
	user: SessionUser,
	categoryId: string,
	fields: { title?: string; authorName?: string; streetCode?: string; statement?: string; images?: Array<{ data: Uint8Array; altText: string }> } = {}
) {
	const street = fields.streetCode ? await ctx.database.db.street.findUniqueOrThrow({ where: { code: fields.streetCode } }) : null;
	return ctx.caller(user).art.entries.submit({
		artCategoryId: categoryId,
		title: fields.title ?? 'Untitled',
		authorName: fields.authorName ?? 'Zhang San',
		coAuthors: '',
		streetId: street?.id ?? null,
		year: 2025,
		dimensions: '68 × 136 cm',
		technique: 'ink on paper',
		statement: fields.statement ?? 'A landscape of the river in spring.',
		images: fields.images ?? [{ data: await makeImage(), altText: 'Ink painting of mountains above a river' }]
	});
}

/** A panel of jurors from the given streets (null = from outside the district) with round 1 open. */
export async function panelWithOpenRound(
	ctx: TestContext,
	world: ArtWorld,
	jurorStreets: Array<string | undefined>,
	scale: { scaleMin: number; scaleMax: number; scaleStep: number } = { scaleMin: 0, scaleMax: 10, scaleStep: 0.5 },
	criteria: Array<{ key: string; nameZh: string; nameEn: string; weight: number }> = []
) {
	const jurors: SessionUser[] = [];
	for (const streetCode of jurorStreets) jurors.push(await ctx.createUser('juror', streetCode ? { streetCode } : {}));
	const admin = ctx.caller(world.organizer).art.admin;
	const panel = await admin.savePanel({ artCategoryId: world.categoryId, name: 'Panel', ...scale, criteria, jurorIds: jurors.map((j) => j.id) });
	const round = await admin.openRound({ panelId: panel.id });
	return { jurors, panelId: panel.id, roundId: round.id };
}

let athleteCounter = 0;

/** A registered athlete of a street (made-up document numbers; the art tests only need the name). */
export async function registeredAthlete(ctx: TestContext, streetCode: string, name: string) {
	const db = ctx.database.db;
	const edition = await db.edition.findFirstOrThrow({ where: { current: true } });
	const street = await db.street.findUniqueOrThrow({ where: { code: streetCode } });
	const n = String(++athleteCounter).padStart(4, '0') + Math.random().toString().slice(2, 6);
	return db.athlete.create({
		data: {
			editionId: edition.id,
			streetId: street.id,
			referenceCode: `ART-TEST-${n}`,
			name,
			...sealPerson({ residentId: `11010519800101${n.slice(0, 4)}`, certificateNo: `11010519800101${n.slice(0, 4)}41` }),
			birthDate: '1980-01-01',
			gender: 'male',
			disabilityCategory: 4,
			disabilityGrade: 1
		},
		select: { id: true, name: true }
	});
}
