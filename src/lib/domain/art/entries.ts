/**
 * Entry rules of the art showcase: the entry window, the per-street quota per medium, the
 * number of images of a work and the panel size. Pure; the art services call these before
 * writing anything, so a refusal never leaves a partial entry behind.
 */
import { RuleViolation } from '../errors';

/** A work has one to five images. */
export const MIN_IMAGES = 1;
export const MAX_IMAGES = 5;
/** A jury panel has three to nine jurors. */
export const MIN_JURORS = 3;
export const MAX_JURORS = 9;

/**
 * Whether entries may be submitted or withdrawn at `now`: the window must be set, opened and
 * not closed. Throws 'art.window_not_set', 'art.window_not_open' (params.opensAt) or
 * 'art.window_closed' (params.closesAt); ISO strings in params, formatted by the caller.
 */
export function assertArtWindowOpen(now: Date, opensAt: Date | null, closesAt: Date | null): void {
	if (!opensAt || !closesAt) {
		throw new RuleViolation('art.window_not_set', 'The art entry window is not set.');
	}
	if (now.getTime() < opensAt.getTime()) {
		throw new RuleViolation('art.window_not_open', 'The art entry window has not opened.', {
			opensAt: opensAt.toISOString()
		});
	}
	if (now.getTime() >= closesAt.getTime()) {
		throw new RuleViolation('art.window_closed', 'The art entry window has closed.', {
			closesAt: closesAt.toISOString()
		});
	}
}

/** The window itself: opening strictly before closing. Throws 'art.window_invalid'. */
export function assertArtWindowValid(opensAt: Date, closesAt: Date): void {
	if (!(opensAt.getTime() < closesAt.getTime())) {
		throw new RuleViolation('art.window_invalid', 'The window must open before it closes.');
	}
}

/**
 * A street may submit at most `quota` active entries per medium (null = no limit). `current`
 * counts the street's entries in that medium that are not withdrawn. Throws
 * 'art.street_quota_full' (params.quota).
 */
export function assertStreetQuota(current: number, quota: number | null | undefined): void {
	if (quota === null || quota === undefined) return;
	if (current >= quota) {
		throw new RuleViolation('art.street_quota_full', 'The street quota for this medium is full.', {
			quota
		});
	}
}

/** 1-5 images per work. Throws 'art.image_count' (params.min, max, count). */
export function assertImageCount(count: number): void {
	if (!Number.isInteger(count) || count < MIN_IMAGES || count > MAX_IMAGES) {
		throw new RuleViolation('art.image_count', 'A work needs 1-5 images.', {
			min: MIN_IMAGES,
			max: MAX_IMAGES,
			count
		});
	}
}

/** 3-9 jurors per panel. Throws 'art.panel_size' (params.min, max, count). */
export function assertPanelSize(count: number): void {
	if (!Number.isInteger(count) || count < MIN_JURORS || count > MAX_JURORS) {
		throw new RuleViolation('art.panel_size', 'A panel needs 3-9 jurors.', {
			min: MIN_JURORS,
			max: MAX_JURORS,
			count
		});
	}
}

/**
 * The scores of one entry that count: jurors who declared a conflict, and blank scores, are
 * left out. Feed the result to `finalScore`/`rank`.
 */
export function countedScores(
	scores: ReadonlyArray<{ score: number | null; conflict: boolean }>
): number[] {
	return scores.filter((s) => !s.conflict && s.score !== null).map((s) => s.score as number);
}
