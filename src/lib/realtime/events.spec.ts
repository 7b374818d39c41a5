import { describe, expect, it } from 'vitest';
import { unbatch, type RoomUpdate } from './events';

describe('unbatch', () => {
	const base = { room: 'live', seq: 7, epoch: 'e1', at: 123 };

	it('turns a batch into the updates it stands for, in order, with the batch position', () => {
		const batch: RoomUpdate = { ...base, type: 'batch', payload: { type: 'match', items: [{ id: 'a', version: 3 }, { id: 'b', version: 1 }] } };
		expect(unbatch(batch)).toEqual([
			{ ...base, type: 'match', payload: { id: 'a', version: 3 } },
			{ ...base, type: 'match', payload: { id: 'b', version: 1 } }
		]);
	});

	it('leaves any other update as it is', () => {
		const single: RoomUpdate = { ...base, type: 'match', payload: { id: 'a', version: 4 } };
		expect(unbatch(single)).toEqual([single]);
	});
});
