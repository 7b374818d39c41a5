/**
 * Where art images live and how large they may be, from the validated environment
 * (UPLOAD_DIR, ART_MAX_IMAGE_MB). Read per call so tests can point UPLOAD_DIR at a temp folder.
 */
import path from 'node:path';
import { loadEnv } from '../env';

export interface ArtConfig {
	/** Absolute folder of the uploads. */
	uploadDir: string;
	/** Largest accepted image file, in bytes. */
	maxImageBytes: number;
}

export function artConfig(source: Record<string, string | undefined> = process.env): ArtConfig {
	const env = loadEnv(source);
	return {
		uploadDir: path.resolve(env.UPLOAD_DIR),
		maxImageBytes: Math.round(env.ART_MAX_IMAGE_MB * 1024 * 1024)
	};
}
