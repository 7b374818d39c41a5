/**
 * Submitting and withdrawing art entries. A submission is all or nothing: every rule and
 * every image is checked before a file is written; the files are staged, the entry and its
 * images are written in one transaction which moves the staged folder into place as its last
 * step; any failure removes the staged and moved files, so nothing is left behind.
 */
import { randomBytes } from 'node:crypto';
import { providerOfClient, type Db } from '../db';
import { audit } from '../audit';
import { userError } from '../trpc/errors';
import { assertArtWindowOpen, assertImageCount, assertStreetQuota } from '$lib/domain/art/entries';
import type { SessionUser } from '$lib/roles';
import { actorOf, currentEdition, remember, replayed } from './common';
import { processImages, type IncomingImage, type ProcessedImage } from './images';
import { Staging } from './storage';

export interface EntryInput {
	artCategoryId: string;
	title: string;
	authorName: string;
	/** A registered athlete of the entry's street; their name becomes the author's name. */
	authorAthleteId?: string | null;
	coAuthors: string;
	/** Organizers choose the street; a coordinator's entries are always of their own street. */
	streetId?: string | null;
	year?: number | null;
	dimensions: string;
	technique: string;
	statement: string;
	images: IncomingImage[];
	opId?: string;
}

export interface SubmittedEntry {
	id: string;
	number: number;
	referenceCode: string;
}

function referenceCode(): string {
	// No 0/O/1/I: read aloud over the phone without confusion.
	const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
	return `ART-${[...randomBytes(8)].map((b) => alphabet[b % alphabet.length]).join('')}`;
}

/** Submits an entry with its images (see the module comment for the all-or-nothing order). */
export async function submitEntry(
	db: Db,
	user: SessionUser,
	input: EntryInput,
	config: { uploadDir: string; maxImageBytes: number },
	now = new Date()
): Promise<SubmittedEntry> {
	const previous = await replayed<SubmittedEntry>(db, input.opId, user.id, 'art.entry.submit');
	if (previous) return previous;
	const edition = await currentEdition(db);
	const category = await db.artCategory.findFirst({ where: { id: input.artCategoryId, editionId: edition.id } });
	if (!category) throw userError('NOT_FOUND', 'art.category_not_found');
	const streetId = user.role === 'coordinator' ? user.streetId : input.streetId;
	if (!streetId) throw userError('BAD_REQUEST', 'art.street_required');
	if (!(await db.street.findUnique({ where: { id: streetId }, select: { id: true } }))) {
		throw userError('NOT_FOUND', 'art.street_required');
	}
	let authorName = input.authorName.trim();
	if (input.authorAthleteId) {
		const athlete = await db.athlete.findFirst({
			where: { id: input.authorAthleteId, editionId: edition.id, streetId },
			select: { name: true }
		});
		if (!athlete) throw userError('NOT_FOUND', 'art.athlete_not_found');
		authorName = athlete.name;
	}
	if (!authorName) throw userError('BAD_REQUEST', 'art.author_required');
	if (user.role !== 'organizer') assertArtWindowOpen(now, edition.artOpensAt, edition.artClosesAt);
	const quotaCount = () =>
		db.artEntry.count({ where: { artCategoryId: category.id, streetId, status: 'submitted' } });
	assertStreetQuota(await quotaCount(), category.streetQuota);
	assertImageCount(input.images.length);

	const images = await processImages(input.images, config.maxImageBytes);
	// Two submissions at the same moment may pick the same entry number: the unique index
	// refuses the second, which is staged again and retried (at most five attempts).
	for (let attempt = 1; ; attempt++) {
		try {
			return await writeEntry(db, user, { ...input, authorName }, { editionId: edition.id, category, streetId, images }, config.uploadDir);
		} catch (error) {
			if (attempt < 5 && (error as { code?: unknown }).code === 'P2002') continue;
			throw error;
		}
	}
}

/** Stages the files and writes the entry in one transaction (see submitEntry). */
async function writeEntry(
	db: Db,
	user: SessionUser,
	input: EntryInput,
	ready: { editionId: string; category: { id: string; streetQuota: number | null }; streetId: string; images: ProcessedImage[] },
	uploadDir: string
): Promise<SubmittedEntry> {
	const { category, streetId, images } = ready;
	const staging = await Staging.write(
		uploadDir,
		images.flatMap((i) => [i.files.original, i.files.large, i.files.thumb])
	);
	try {
		return await db.$transaction(async (tx) => {
			// PostgreSQL: submissions queue here, so two at the same moment cannot both take a
			// street's last place (SQLite runs one write transaction at a time anyway).
			if (providerOfClient(db) === 'postgresql') await tx.$executeRawUnsafe('SELECT pg_advisory_xact_lock(72010002)');
			assertStreetQuota(
				await tx.artEntry.count({ where: { artCategoryId: category.id, streetId, status: 'submitted' } }),
				category.streetQuota
			);
			const last = await tx.artEntry.findFirst({
				where: { editionId: ready.editionId },
				orderBy: { number: 'desc' },
				select: { number: true }
			});
			const entry = await tx.artEntry.create({
				data: {
					editionId: ready.editionId,
					artCategoryId: category.id,
					number: (last?.number ?? 100) + 1,
					title: input.title,
					authorName: input.authorName,
					authorAthleteId: input.authorAthleteId ?? null,
					coAuthors: input.coAuthors,
					streetId,
					year: input.year ?? null,
					dimensions: input.dimensions,
					technique: input.technique,
					statement: input.statement,
					submittedById: user.id,
					referenceCode: referenceCode()
				},
				select: { id: true, number: true, referenceCode: true }
			});
			const dir = `art/${entry.id}`;
			for (const [index, image] of images.entries()) {
				await tx.artImage.create({
					data: {
						id: image.id,
						entryId: entry.id,
						sortOrder: index,
						altText: image.altText,
						mime: image.mime,
						bytes: image.bytes,
						width: image.width,
						height: image.height,
						originalPath: `${dir}/${image.files.original.name}`,
						largePath: `${dir}/${image.files.large.name}`,
						thumbPath: `${dir}/${image.files.thumb.name}`
					}
				});
			}
			await audit(tx, actorOf(user), {
				action: 'art.entry.submit',
				entity: 'ArtEntry',
				entityId: entry.id,
				after: { number: entry.number, artCategoryId: category.id, streetId, title: input.title, images: images.length },
				opId: input.opId
			});
			await remember(tx, input.opId, user.id, 'art.entry.submit', entry);
			// Last step: if the commit below fails, the catch removes the moved folder.
			await staging.commit(dir);
			return entry;
		});
	} catch (error) {
		await staging.discard();
		throw error;
	}
}

/** Withdraws an entry before the deadline (coordinators: only their street's). */
export async function withdrawEntry(
	db: Db,
	user: SessionUser,
	input: { entryId: string; opId?: string },
	now = new Date()
): Promise<{ id: string; status: string }> {
	const previous = await replayed<{ id: string; status: string }>(db, input.opId, user.id, 'art.entry.withdraw');
	if (previous) return previous;
	const entry = await db.artEntry.findUnique({
		where: { id: input.entryId },
		select: { id: true, status: true, streetId: true, edition: { select: { artOpensAt: true, artClosesAt: true } } }
	});
	if (!entry || (user.role === 'coordinator' && entry.streetId !== user.streetId)) {
		throw userError('NOT_FOUND', 'art.entry_not_found');
	}
	if (user.role !== 'organizer') assertArtWindowOpen(now, entry.edition.artOpensAt, entry.edition.artClosesAt);
	if (entry.status === 'withdrawn') return { id: entry.id, status: entry.status };
	return db.$transaction(async (tx) => {
		await tx.artEntry.update({ where: { id: entry.id }, data: { status: 'withdrawn' } });
		await audit(tx, actorOf(user), {
			action: 'art.entry.withdraw',
			entity: 'ArtEntry',
			entityId: entry.id,
			before: { status: entry.status },
			after: { status: 'withdrawn' },
			opId: input.opId
		});
		const response = { id: entry.id, status: 'withdrawn' };
		await remember(tx, input.opId, user.id, 'art.entry.withdraw', response);
		return response;
	});
}
