import { describe, expect, it } from 'vitest';
import { RoomSequencer } from './sequencer';
import type { RoomUpdate } from './events';

const update = (seq: number, epoch = 'e1'): RoomUpdate => ({ room: 'match:m', seq, epoch, type: 'match', payload: { seq }, at: 0 });

function setup(start: { seq?: number; epoch?: string } = { seq: 3, epoch: 'e1' }) {
	const applied: number[] = [];
	const snapshots: number[] = [];
	const sequencer = new RoomSequencer('match:m', { apply: (u) => applied.push(u.seq), snapshot: (_s, seq) => snapshots.push(seq) }, start);
	return { sequencer, applied, snapshots };
}

describe('RoomSequencer', () => {
	it('applies consecutive updates once each and ignores repeats', () => {
		const { sequencer, applied } = setup();
		expect(sequencer.receive(update(4))).toBe('applied');
		expect(sequencer.receive(update(4))).toBe('duplicate');
		expect(sequencer.receive(update(2))).toBe('duplicate');
		expect(sequencer.receive(update(5))).toBe('applied');
		expect(applied).toEqual([4, 5]);
	});

	it('holds an early update until the missing one arrives, then applies both in order', () => {
		const { sequencer, applied } = setup();
		expect(sequencer.receive(update(6))).toBe('held');
		expect(sequencer.receive(update(5))).toBe('held');
		expect(sequencer.waiting).toBe(true);
		expect(sequencer.receive(update(4))).toBe('applied');
		expect(applied).toEqual([4, 5, 6]);
		expect(sequencer.waiting).toBe(false);
	});

	it('fills a gap from the catch-up and then applies what was held, skipping what the catch-up brought', () => {
		const { sequencer, applied } = setup();
		sequencer.receive(update(7));
		sequencer.pending = true;
		sequencer.receive(update(5));
		expect(sequencer.catchUp({ room: 'match:m', ok: true, mode: 'updates', epoch: 'e1', seq: 6, updates: [update(4), update(5), update(6)] })).toBe('ok');
		expect(applied).toEqual([4, 5, 6, 7]);
		expect(sequencer.seq).toBe(7);
	});

	it('replaces its state with a snapshot when the gap is too old, and continues from its number', () => {
		const { sequencer, applied, snapshots } = setup();
		sequencer.pending = true;
		sequencer.receive(update(41));
		expect(sequencer.catchUp({ room: 'match:m', ok: true, mode: 'snapshot', epoch: 'e1', seq: 40, snapshot: {} })).toBe('ok');
		expect(snapshots).toEqual([40]);
		expect(applied).toEqual([41]);
	});

	it('asks for a resync when the numbering changes (a new epoch) instead of applying blindly', () => {
		const { sequencer, applied } = setup();
		expect(sequencer.receive(update(1, 'e2'))).toBe('resync');
		expect(applied).toEqual([]);
		expect(sequencer.position()).toEqual({ room: 'match:m', since: 3, epoch: 'e1' });
	});

	it('asks for a snapshot when it has never seen the room', () => {
		expect(setup({}).sequencer.position()).toEqual({ room: 'match:m' });
	});
});
