/**
 * Who may see an art image. Public: works of published categories (large and thumbnail).
 * Organizers: every image. Coordinators: their street's works. Jurors: works of the
 * categories of their panels' opened rounds, never of their own street.
 */
import type { Client } from './common';
import type { SessionUser } from '$lib/roles';

export type Rendition = 'original' | 'large' | 'thumb';

/** The image's stored path for `size` when `user` may see it, otherwise null. */
export async function imagePathFor(db: Client, user: SessionUser | null, imageId: string, size: Rendition): Promise<{ path: string; mime: string; public: boolean } | null> {
	const image = await db.artImage.findUnique({
		where: { id: imageId },
		select: {
			originalPath: true,
			largePath: true,
			thumbPath: true,
			mime: true,
			entry: { select: { status: true, streetId: true, artCategoryId: true, artCategory: { select: { resultsPublishedAt: true } } } }
		}
	});
	if (!image) return null;
	const file = size === 'original' ? { path: image.originalPath, mime: image.mime } : { path: size === 'large' ? image.largePath : image.thumbPath, mime: 'image/webp' };
	const entry = image.entry;
	const published = entry.status === 'submitted' && entry.artCategory.resultsPublishedAt !== null;
	if (published && size !== 'original') return { ...file, public: true };
	if (!user || user.mustChangePassword) return null;
	if (user.role === 'organizer') return { ...file, public: false };
	if (user.role === 'coordinator' && user.streetId && user.streetId === entry.streetId) return { ...file, public: false };
	if (user.role === 'juror' && size !== 'original' && entry.status === 'submitted') {
		const juror = await db.user.findUnique({ where: { id: user.id }, select: { streetId: true } });
		if (juror?.streetId && juror.streetId === entry.streetId) return null;
		const sits = await db.panelJuror.count({
			where: { userId: user.id, panel: { artCategoryId: entry.artCategoryId, rounds: { some: { status: { in: ['open', 'closed'] } } } } }
		});
		if (sits > 0) return { ...file, public: false };
	}
	return null;
}
