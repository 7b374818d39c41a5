import { describe, expect, it } from 'vitest';
import { summariseAnnouncements } from './announce';

describe('summariseAnnouncements', () => {
	it('counts ten matches as ten even when they sent fifty-one updates', () => {
		const queue = Array.from({ length: 51 }, (_, i) => ({
			text: `T${i % 10}: ${i} : 0`,
			important: false,
			key: `m${i % 10}`
		}));
		expect(summariseAnnouncements(queue).count).toBe(10);
	});

	it('reads the result of the match that just finished rather than the latest score', () => {
		const summary = summariseAnnouncements([
			{ text: 'T1: 1 : 0', important: false, key: 'm1' },
			{ text: 'T2 finished: Wang won', important: true, key: 'm2' },
			{ text: 'T3: 2 : 2', important: false, key: 'm3' }
		]);
		expect(summary).toEqual({ count: 3, latest: 'T2 finished: Wang won' });
	});

	it('reads the latest message when nothing finished', () => {
		const summary = summariseAnnouncements([
			{ text: 'T1: 1 : 0', important: false, key: 'm1' },
			{ text: 'T1: 2 : 0', important: false, key: 'm1' }
		]);
		expect(summary).toEqual({ count: 1, latest: 'T1: 2 : 0' });
	});
});
