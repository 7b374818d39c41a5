/**
 * Every limit of the app in one place, on `rate-limiter-flexible`: in Redis when REDIS_URL is
 * set (so all app processes share one budget), in memory otherwise. The rule everywhere is
 * *consume first, then check*: a point is taken atomically (one Lua script in Redis, one map
 * update in memory) before the expensive or secret-revealing work runs, so every item of a
 * tRPC batch and every concurrent request counts, and an attempt beyond the budget never
 * reaches the password hash or the database. A look-up that turns out fine gives its point
 * back (`give`), so only failures use a failure budget up.
 *
 * When Redis is unreachable each limiter falls back to a memory limiter of the same size
 * (`insuranceLimiter`) at once (the client does not queue commands while disconnected), so a
 * Redis outage neither hangs a login nor switches the limits off.
 */
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { createClient } from 'redis';
import { loadEnv } from '../env';
import { errorFields, log } from '../log';

type RedisClient = ReturnType<typeof createClient>;

const MINUTE = 60;
const HOUR = 60 * MINUTE;

/** The size of each limit: `points` per `duration` seconds, per key. */
export const LIMITS = {
	/** Consecutive failed logins per username *and* address before that pair is blocked. */
	loginUserAddress: { points: 5, duration: 15 * MINUTE },
	/** Blocks of one username+address pair within a day; each doubles the next block. */
	loginStrikes: { points: 1_000, duration: 24 * HOUR },
	/**
	 * Failed logins per username from all addresses; beyond it the password checks of that
	 * username from addresses it never signed in from are paced (`loginUserPace`).
	 */
	loginUser: { points: 30, duration: 15 * MINUTE },
	/** Once `loginUser` is spent: one password check per 5 s per username from unknown addresses. */
	loginUserPace: { points: 1, duration: 5 },
	/**
	 * Password checks of one username running at the same moment, across processes. Each check
	 * gives its point back when it ends; the window (10 s) frees a place a crashed process held.
	 */
	loginUserInFlight: { points: 2, duration: 10 },
	/**
	 * Failed logins per address across usernames (password spraying). Generous, because a street
	 * office or the venue's Wi-Fi puts many staff behind one address; a username that signed in
	 * from that address before (`loginKnown`), or that an organizer unlocked (`loginUnlocked`), is
	 * not held by it.
	 */
	loginAddress: { points: 100, duration: 15 * MINUTE },
	/** Username+address pairs that signed in successfully within two weeks (marks, not a budget). */
	loginKnown: { points: 1_000_000, duration: 14 * 24 * HOUR },
	/** Usernames an organizer unlocked within a day: the address limit does not hold them. */
	loginUnlocked: { points: 1_000_000, duration: 24 * HOUR },
	/**
	 * Unlock generation per username (an organizer's unlock starts a new one). It outlives every
	 * block (at most a day); below 24.8 days, the longest timer the memory store can set.
	 */
	loginGeneration: { points: 1_000_000, duration: 7 * 24 * HOUR },
	/** Failed athlete look-ups (reference code + ID number) per address: status, amend, withdraw, card. */
	athleteLookup: { points: 20, duration: 15 * MINUTE },
	/** Registration form checks per address (each tells whether an ID number is registered). */
	registrationCheck: { points: 300, duration: 15 * MINUTE },
	/** New registrations per address: a family or a community office, not a flood. */
	registrationSubmit: { points: 20, duration: 15 * MINUTE },
	/** Art works submitted per person (each up to five images). */
	artUpload: { points: 30, duration: 15 * MINUTE },
	/** Failed check-in look-ups by reference code per staff member. */
	checkinLookup: { points: 60, duration: 15 * MINUTE }
} as const;

export type LimitName = keyof typeof LIMITS;

/** The first block of a username+address pair; each further block within a day doubles it. */
export const FIRST_BLOCK_SECONDS = 15 * MINUTE;
/** The longest block of a username+address pair. */
export const MAX_BLOCK_SECONDS = 24 * HOUR;

export type Taken = { ok: true; consumed: number } | { ok: false; retryAfterSeconds: number; consumed: number };

/** One named limit; keys are free text (an address, a username, both). */
export class Limit {
	constructor(
		readonly name: LimitName,
		private readonly limiter: RateLimiterAbstract
	) {}

	/** Takes a point for `key` before the work it guards; refused when the budget is spent. */
	async take(key: string): Promise<Taken> {
		try {
			const res = await this.limiter.consume(key);
			return { ok: true, consumed: res.consumedPoints };
		} catch (error) {
			if (error instanceof RateLimiterRes) {
				return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)), consumed: error.consumedPoints };
			}
			// Neither Redis nor the memory insurance answered: refuse rather than fail open.
			log.error('rate limiter failed', { limit: this.name, ...errorFields(error) });
			return { ok: false, retryAfterSeconds: 60, consumed: Number.POSITIVE_INFINITY };
		}
	}

	/** Gives a point back (the guarded look-up succeeded, so it was no guess). */
	async give(key: string): Promise<void> {
		await this.quietly(() => this.limiter.reward(key));
	}

	/** Forgets `key` (a successful login, an organizer's unlock). */
	async clear(key: string): Promise<void> {
		await this.quietly(() => this.limiter.delete(key));
	}

	/** Refuses `key` for `seconds` (the growing block of a username+address pair). */
	async block(key: string, seconds: number): Promise<void> {
		await this.quietly(() => this.limiter.block(key, seconds));
	}

	/** Points used by `key` in its current window (0 when none). */
	async used(key: string): Promise<number> {
		try {
			return (await this.limiter.get(key))?.consumedPoints ?? 0;
		} catch (error) {
			log.error('rate limiter failed', { limit: this.name, ...errorFields(error) });
			return 0;
		}
	}

	private async quietly(operation: () => Promise<unknown>): Promise<void> {
		try {
			await operation();
		} catch (error) {
			log.error('rate limiter failed', { limit: this.name, ...errorFields(error) });
		}
	}
}

/** All limits of one process (or of one test), on one store. */
export class LimitSet {
	private readonly made = new Map<LimitName, Limit>();

	/** `redis` null: memory only. `prefix` separates independent sets sharing one Redis. */
	constructor(
		private readonly redis: RedisClient | null,
		private readonly prefix = 'dg:rl'
	) {}

	/** The named limit, made on first use. */
	get(name: LimitName): Limit {
		let limit = this.made.get(name);
		if (!limit) {
			const { points, duration } = LIMITS[name];
			const keyPrefix = `${this.prefix}:${name}`;
			const memory = new RateLimiterMemory({ points, duration, keyPrefix });
			const limiter = this.redis
				? new RateLimiterRedis({
						storeClient: this.redis,
						useRedisPackage: true,
						rejectIfRedisNotReady: true,
						points,
						duration,
						keyPrefix,
						insuranceLimiter: memory
					})
				: memory;
			limit = new Limit(name, limiter);
			this.made.set(name, limit);
		}
		return limit;
	}
}

/**
 * A Redis client for limiters: commands fail at once while disconnected (no offline queue),
 * so the memory insurance takes over instead of requests waiting for Redis.
 */
export function limiterRedisClient(url: string): RedisClient {
	const client: RedisClient = createClient({
		url,
		disableOfflineQueue: true,
		socket: { connectTimeout: 2_000, reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 5_000) }
	});
	client.on('error', (error: Error) => log.error('rate limiter redis error', errorFields(error)));
	client.connect().catch((error: unknown) => log.error('rate limiter redis connect failed', errorFields(error)));
	return client;
}

const KEY = Symbol.for('district-games.limits');
type Globals = { [KEY]?: LimitSet };

/** The process's limits: shared through Redis when REDIS_URL is set, else in memory. */
export function limits(): LimitSet {
	const globals = globalThis as Globals;
	if (!globals[KEY]) {
		const url = loadEnv().REDIS_URL;
		globals[KEY] = new LimitSet(url ? limiterRedisClient(url) : null);
	}
	return globals[KEY];
}

/** The growing block after the `strike`-th block of a username+address pair in a day. */
export function blockSeconds(strike: number): number {
	return Math.min(MAX_BLOCK_SECONDS, FIRST_BLOCK_SECONDS * 2 ** Math.max(0, strike - 1));
}
