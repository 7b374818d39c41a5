/**
 * Puts one room's updates in order on the client. Updates arrive numbered; the sequencer
 * applies each exactly once and in order, holds back an update that comes early (two server
 * processes may deliver out of order), and says when the client must ask the server for
 * the gap (`resync`). Pure and synchronous: the connection drives it and it is unit tested.
 */
import type { RoomCatchUp, RoomUpdate } from './events';

export interface SequencerSink {
	apply(update: RoomUpdate): void;
	snapshot(snapshot: unknown, seq: number): void;
}

export type Verdict = 'applied' | 'duplicate' | 'held' | 'resync';

export class RoomSequencer {
	/** Last sequence number applied. */
	seq: number;
	epoch: string | undefined;
	/** True while a subscribe (catch-up) is in flight: updates are held until it answers. */
	pending = false;
	#held = new Map<number, RoomUpdate>();

	constructor(
		readonly room: string,
		private readonly sink: SequencerSink,
		start: { seq?: number; epoch?: string } = {}
	) {
		this.seq = start.seq ?? 0;
		this.epoch = start.epoch;
	}

	/** How far behind the room the client is, as the server should be asked. */
	position(): { room: string; since?: number; epoch?: string } {
		return this.epoch !== undefined ? { room: this.room, since: this.seq, epoch: this.epoch } : { room: this.room };
	}

	/** Takes one broadcast update. 'resync' means: ask the server from `position()`. */
	receive(update: RoomUpdate): Verdict {
		if (this.pending) {
			this.#hold(update);
			return 'held';
		}
		if (this.epoch !== undefined && update.epoch !== this.epoch) {
			this.#hold(update);
			return 'resync';
		}
		if (update.seq <= this.seq) return 'duplicate';
		if (update.seq === this.seq + 1 || this.epoch === undefined) {
			this.#apply(update);
			this.#drain();
			return 'applied';
		}
		this.#hold(update);
		return 'held';
	}

	/** Whether updates are held back waiting for a missing one. */
	get waiting(): boolean {
		return this.#held.size > 0;
	}

	/** The server's answer to a subscribe: the missed updates, or a snapshot. */
	catchUp(result: RoomCatchUp): 'ok' | 'refused' | 'resync' {
		this.pending = false;
		if (!result.ok) return 'refused';
		if (result.mode === 'snapshot') {
			this.epoch = result.epoch;
			this.seq = result.seq;
			this.sink.snapshot(result.snapshot, result.seq);
		} else {
			this.epoch = result.epoch;
			for (const update of result.updates) {
				if (update.seq === this.seq + 1) this.#apply(update);
			}
			this.seq = Math.max(this.seq, result.seq);
		}
		for (const [seq, update] of this.#held) {
			if (seq <= this.seq || update.epoch !== this.epoch) this.#held.delete(seq);
		}
		this.#drain();
		return this.#held.size ? 'resync' : 'ok';
	}

	#hold(update: RoomUpdate): void {
		if (this.#held.size < 500) this.#held.set(update.seq, update);
	}

	#apply(update: RoomUpdate): void {
		this.epoch = update.epoch;
		this.seq = update.seq;
		this.sink.apply(update);
	}

	#drain(): void {
		for (;;) {
			const next = this.#held.get(this.seq + 1);
			if (!next || next.epoch !== this.epoch) break;
			this.#held.delete(next.seq);
			this.#apply(next);
		}
		for (const seq of this.#held.keys()) if (seq <= this.seq) this.#held.delete(seq);
	}
}
