/**
 * The image pipeline of the art showcase. Every upload is checked before anything is written:
 * size first (cheap), then the real type from the file's bytes as sharp decodes them (never
 * the name or the browser's claimed type), then the alt text. Accepted images become three
 * files without metadata (EXIF, GPS, XMP are dropped; the colour profile is kept): the
 * original at full resolution in its own format, a large zoomable rendition and a thumbnail.
 */
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { userError } from '../trpc/errors';
import type { StagedFile } from './storage';

export const ACCEPTED_FORMATS = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' } as const;
type Format = keyof typeof ACCEPTED_FORMATS;

/** Longest side of the large (zoom) rendition and of the thumbnail, in pixels. */
export const LARGE_SIZE = 2400;
export const THUMB_SIZE = 480;
/**
 * Most pixels an upload may have (width × height × frames), read from the header before any
 * decoding: a PNG of a few hundred KB can declare 16,000 × 16,000 pixels and would take a
 * gigabyte to decode. 40 megapixels is a full-frame camera photo or a large scan.
 */
export const MAX_IMAGE_PIXELS = 40_000_000;
/** The alt text: what a screen reader user hears instead of seeing the work. */
export const ALT_MAX = 1000;

/** An image as it arrives from a form or a caller. */
export interface IncomingImage {
	data: Uint8Array;
	altText: string;
}

/** A checked and converted image, ready to be staged and recorded. */
export interface ProcessedImage {
	id: string;
	altText: string;
	mime: string;
	bytes: number;
	width: number;
	height: number;
	files: { original: StagedFile; large: StagedFile; thumb: StagedFile };
}

/**
 * Checks one image without decoding pixels: size, alt text and real format. Throws a
 * user error naming the image's position (1-based).
 */
export async function checkImage(image: IncomingImage, position: number, maxBytes: number): Promise<Format> {
	if (image.data.byteLength === 0) throw userError('BAD_REQUEST', 'art.image_empty', { number: position });
	if (image.data.byteLength > maxBytes) {
		throw userError('PAYLOAD_TOO_LARGE', 'art.image_too_large', {
			number: position,
			max: Math.floor(maxBytes / (1024 * 1024))
		});
	}
	const alt = image.altText.trim();
	if (!alt) throw userError('BAD_REQUEST', 'art.alt_required', { number: position });
	if (alt.length > ALT_MAX) throw userError('BAD_REQUEST', 'art.alt_too_long', { number: position, max: ALT_MAX });
	let format: string | undefined;
	let pixels: number;
	try {
		// metadata() reads the header only; nothing is decoded here.
		const meta = await sharp(image.data, { failOn: 'error', limitInputPixels: false }).metadata();
		format = meta.format;
		pixels = (meta.width ?? 0) * (meta.pageHeight ?? meta.height ?? 0) * (meta.pages ?? 1);
	} catch {
		throw userError('UNSUPPORTED_MEDIA_TYPE', 'art.image_not_image', { number: position });
	}
	if (pixels > MAX_IMAGE_PIXELS) {
		throw userError('PAYLOAD_TOO_LARGE', 'art.image_too_many_pixels', { number: position, max: MAX_IMAGE_PIXELS / 1_000_000 });
	}
	if (!format || !(format in ACCEPTED_FORMATS)) {
		throw userError('UNSUPPORTED_MEDIA_TYPE', 'art.image_not_image', { number: position });
	}
	return format as Format;
}

/** Converts a checked image into its three renditions, all without metadata. */
async function convert(image: IncomingImage, format: Format, position: number): Promise<ProcessedImage> {
	const id = randomUUID();
	try {
		// rotate() applies the EXIF orientation before the metadata is dropped.
		const base = () => sharp(image.data, { failOn: 'error', limitInputPixels: MAX_IMAGE_PIXELS }).rotate().keepIccProfile();
		// Plain libjpeg-turbo and WebP effort 2: mozjpeg and higher efforts cost seconds per
		// 12-megapixel photo for a few percent of size (tests/bench/art-images.ts).
		const original = await (format === 'jpeg'
			? base().jpeg({ quality: 92 })
			: format === 'png'
				? base().png({ compressionLevel: 9 })
				: base().webp({ quality: 92, effort: 2 })
		).toBuffer({ resolveWithObject: true });
		const large = await base()
			.resize({ width: LARGE_SIZE, height: LARGE_SIZE, fit: 'inside', withoutEnlargement: true })
			.webp({ quality: 85, effort: 2 })
			.toBuffer();
		const thumb = await base()
			.resize({ width: THUMB_SIZE, height: THUMB_SIZE, fit: 'inside', withoutEnlargement: true })
			.webp({ quality: 78, effort: 2 })
			.toBuffer();
		const ext = format === 'jpeg' ? 'jpg' : format;
		return {
			id,
			altText: image.altText.trim(),
			mime: ACCEPTED_FORMATS[format],
			bytes: original.info.size,
			width: original.info.width,
			height: original.info.height,
			files: {
				original: { name: `${id}-original.${ext}`, data: original.data },
				large: { name: `${id}-large.webp`, data: large },
				thumb: { name: `${id}-thumb.webp`, data: thumb }
			}
		};
	} catch {
		throw userError('UNSUPPORTED_MEDIA_TYPE', 'art.image_not_image', { number: position });
	}
}

/**
 * Checks every image first (so a bad fifth image refuses the entry before any conversion
 * work), then converts them. Nothing is written to disk here.
 */
export async function processImages(images: IncomingImage[], maxBytes: number): Promise<ProcessedImage[]> {
	const formats: Format[] = [];
	for (const [index, image] of images.entries()) formats.push(await checkImage(image, index + 1, maxBytes));
	const processed: ProcessedImage[] = [];
	for (const [index, image] of images.entries()) {
		processed.push(await convert(image, formats[index] as Format, index + 1));
	}
	return processed;
}
