import { describe, expect, it } from 'vitest';
import { blockSeconds, LIMITS, LimitSet, limiterRedisClient, MAX_BLOCK_SECONDS } from './limits';

describe('limits', () => {
	it('keeps every window within the longest timer the memory store can set (about 24.8 days)', () => {
		for (const [name, { duration }] of Object.entries(LIMITS)) {
			expect(duration * 1000, name).toBeLessThan(2 ** 31 - 1);
		}
		expect(MAX_BLOCK_SECONDS * 1000).toBeLessThan(2 ** 31 - 1);
	});

	it('doubles the block of a username+address pair with each strike, up to a day', () => {
		expect([1, 2, 3, 4, 5, 6, 7].map(blockSeconds)).toEqual([900, 1800, 3600, 7200, 14400, 28800, 57600]);
		expect(blockSeconds(20)).toBe(MAX_BLOCK_SECONDS);
	});

	it('takes points atomically so parallel takes never exceed the budget, and gives them back', async () => {
		const limit = new LimitSet(null, 'spec').get('athleteLookup');
		const taken = await Promise.all(Array.from({ length: 50 }, () => limit.take('192.0.2.1')));
		expect(taken.filter((t) => t.ok)).toHaveLength(LIMITS.athleteLookup.points);
		const refused = taken.find((t) => !t.ok);
		expect(refused && !refused.ok && refused.retryAfterSeconds).toBeGreaterThan(0);
		await limit.clear('192.0.2.1');
		expect((await limit.take('192.0.2.1')).ok).toBe(true);
	});

	it('falls back to a memory limit of the same size when Redis cannot be reached, instead of waiting or letting everything through', async () => {
		const client = limiterRedisClient('redis://127.0.0.1:1');
		try {
			const limit = new LimitSet(client, 'spec-down').get('athleteLookup');
			const taken = await Promise.all(Array.from({ length: 30 }, () => limit.take('192.0.2.2')));
			expect(taken.filter((t) => t.ok)).toHaveLength(LIMITS.athleteLookup.points);
		} finally {
			client.destroy();
		}
	}, 5_000);
});
