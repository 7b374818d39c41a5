/**
 * A sliding-window limiter kept in memory. Login uses it per username and per client address
 * so that guessing passwords is slow; later, registration and uploads use it too. Per process:
 * with several app processes each enforces its own window, which still bounds guessing.
 */
export class RateLimiter {
	private readonly hits = new Map<string, number[]>();

	constructor(
		private readonly limit: number,
		private readonly windowMs: number,
		private readonly now: () => number = Date.now
	) {}

	/** Milliseconds until `key` may try again, or 0 when it may try now. Does not record a hit. */
	retryAfter(key: string): number {
		const recent = this.recent(key);
		if (recent.length < this.limit) return 0;
		return Math.max(1, (recent[0] ?? 0) + this.windowMs - this.now());
	}

	/** Records an attempt (e.g. a failed login) for `key`. */
	hit(key: string): void {
		const recent = this.recent(key);
		recent.push(this.now());
		this.hits.set(key, recent);
		if (this.hits.size > 50_000) this.prune();
	}

	/** Forgets `key` (e.g. after a successful login). */
	reset(key: string): void {
		this.hits.delete(key);
	}

	private recent(key: string): number[] {
		const since = this.now() - this.windowMs;
		return (this.hits.get(key) ?? []).filter((t) => t > since);
	}

	private prune(): void {
		for (const key of this.hits.keys()) {
			const recent = this.recent(key);
			if (recent.length) this.hits.set(key, recent);
			else this.hits.delete(key);
		}
	}
}
