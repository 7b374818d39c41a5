/**
 * The process environment, validated once at start-up. A missing or invalid variable stops
 * the process with a message that names it (see `EnvError`), instead of failing later.
 * Server code reads configuration only through `loadEnv()`.
 */
import { z } from 'zod';
import { DEFAULT_SQLITE_URL } from './db/provider';
import { guessableWords, passwordWeakness } from './auth/strength';

const schema = z
	.object({
		PORT: z.coerce.number().int().min(0).max(65535).default(3000),
		HOST: z.string().min(1).default('0.0.0.0'),
		DATABASE_URL: z
			.string()
			.default(DEFAULT_SQLITE_URL)
			.refine((v) => /^(file:.+|postgres(ql)?:\/\/.+)$/.test(v), {
				message:
					'must be a SQLite URL such as file:./data/district-games.db or a PostgreSQL URL such as postgresql://user@host:5432/db'
			}),
		REDIS_URL: z
			.string()
			.regex(/^rediss?:\/\/.+/, 'must be a Redis URL such as redis://127.0.0.1:6379')
			.optional(),
		ADMIN_USERNAME: z
			.string()
			.regex(/^[a-zA-Z0-9_.-]{3,40}$/, 'must be 3-40 letters, digits, dot, dash or underscore')
			.optional(),
		ADMIN_PASSWORD: z
			.string()
			.min(10, 'must be at least 10 characters')
			.refine((v) => v.length < 10 || !passwordWeakness(v), 'is too easy to guess; use a longer passphrase of several unusual words')
			.optional(),
		SEED: z.enum(['demo', 'base', 'none']).optional(),
		SESSION_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
		UPLOAD_DIR: z.string().min(1).default('./data/uploads'),
		/** Key for the registration form's sealed drafts and athlete sign-in; the same on every process. */
		REGISTRATION_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
		/**
		 * The data key(s) that encrypt personal numbers and phones: "<id>:<base64 of 32 bytes>"
		 * entries, comma-separated, the first encrypts. Unset: ./data/data-key (created on the first start).
		 */
		DATA_KEY: z.string().optional(),
		/** Where the data key is kept when DATA_KEY is unset. */
		DATA_KEY_FILE: z.string().min(1).default('./data/data-key'),
		/** Retention job: how often it looks for editions past their retention (hours; 0 = never in-process). */
		RETENTION_INTERVAL_HOURS: z.coerce.number().min(0).max(24 * 7).default(24),
		/** Socket.IO connections accepted per client address and process (a venue's NAT shares one address). */
		LIVE_MAX_CONNECTIONS_PER_ADDRESS: z.coerce.number().int().min(1).max(1_000_000).default(1_000),
		/** adapter-node's trusted header for the client address (set only behind a proxy that sets it). */
		ADDRESS_HEADER: z.string().min(1).optional(),
		/** adapter-node's count of trusted proxies in X-Forwarded-For. */
		XFF_DEPTH: z.coerce.number().int().min(1).default(1),
		/** Bearer token for GET /metrics; unset: only loopback requests that did not come through a proxy. */
		METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters (e.g. openssl rand -hex 24)').optional(),
		/** Largest art image accepted, in megabytes (checked before the image is decoded). */
		ART_MAX_IMAGE_MB: z.coerce.number().positive().max(200).default(15)
	})
	.refine((env) => Boolean(env.ADMIN_USERNAME) === Boolean(env.ADMIN_PASSWORD), {
		message: 'set ADMIN_USERNAME and ADMIN_PASSWORD together, or neither',
		path: ['ADMIN_PASSWORD']
	})
	.refine((env) => !env.ADMIN_USERNAME || !env.ADMIN_PASSWORD || !passwordWeakness(env.ADMIN_PASSWORD, guessableWords([env.ADMIN_USERNAME])), {
		message: 'is too easy to guess once ADMIN_USERNAME is known; use a longer passphrase of several unusual words',
		path: ['ADMIN_PASSWORD']
	});

export type Env = z.infer<typeof schema> & { seed: 'demo' | 'base' | 'none' };

/** Raised when the environment cannot start the app; the message names each bad variable. */
export class EnvError extends Error {
	constructor(readonly problems: string[]) {
		super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
		this.name = 'EnvError';
	}
}

/** Parses an environment (process.env by default). Empty strings count as unset. */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
	const cleaned = Object.fromEntries(
		Object.entries(source).filter(([, v]) => v !== undefined && v !== '')
	);
	const parsed = schema.safeParse(cleaned);
	if (!parsed.success) {
		throw new EnvError(
			parsed.error.issues.map((i) => `${i.path.join('.') || 'environment'}: ${i.message}`)
		);
	}
	const env = parsed.data;
	// Demo data by default only for the embedded database; production PostgreSQL gets base data.
	const seed = env.SEED ?? (env.DATABASE_URL.startsWith('file:') ? 'demo' : 'base');
	return { ...env, seed };
}
