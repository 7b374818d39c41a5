/**
 * Live state for the spectator pages. `LiveRoom` starts from the view the server rendered
 * (with its room position), follows the room through the shared connection, and shows
 * changes according to the visitor's choice (WCAG 2.2.2): live, slowed down (every 30 s) or
 * paused. `announcer` turns what changed on screen into short, throttled, summarised
 * messages for a polite live region — never every point of every table.
 */
import { browser } from '$app/environment';
import { connection } from '$lib/realtime/connection.svelte';
import { unbatch, type RoomUpdate } from '$lib/realtime/events';
import { summariseAnnouncements, type Announcement } from './announce';

export type LiveMode = 'live' | 'slow' | 'paused';
export const LIVE_MODES: LiveMode[] = ['live', 'slow', 'paused'];
const MODE_KEY = 'dg.live.mode';
export const SLOW_MS = 30_000;

/** The visitor's choice of update pace, kept for the next visit. */
class LiveSettings {
	mode = $state<LiveMode>('live');

	constructor() {
		if (browser) {
			const saved = localStorage.getItem(MODE_KEY);
			if (saved === 'slow' || saved === 'paused' || saved === 'live') this.mode = saved;
		}
	}

	set(mode: LiveMode): void {
		this.mode = mode;
		if (browser) localStorage.setItem(MODE_KEY, mode);
	}
}

export const liveSettings = new LiveSettings();

/** Collects messages and speaks at most one summary per window. */
class Announcer {
	message = $state('');
	#queue: Announcement[] = [];
	#timer: ReturnType<typeof setTimeout> | null = null;
	#last = 0;
	/** Fills in the "n matches changed" summary; set by the page's controls (translated). */
	summarise: (count: number, latest: string) => string = (count, latest) => `${count}: ${latest}`;
	readonly windowMs = 10_000;

	/** Queues a message; `key` names what it is about (a match id), so a summary counts matches. */
	push(text: string | null, important = false, key?: string): void {
		if (!text) return;
		this.#queue.push({ text, important, key });
		if (this.#timer) return;
		const wait = Math.max(0, this.#last + this.windowMs - Date.now());
		this.#timer = setTimeout(() => this.#speak(), Math.max(wait, 1_500));
	}

	#speak(): void {
		this.#timer = null;
		const queue = this.#queue;
		this.#queue = [];
		if (!queue.length || liveSettings.mode === 'paused') return;
		this.#last = Date.now();
		const summary = summariseAnnouncements(queue);
		this.message = summary.count === 1 ? summary.latest : this.summarise(summary.count, summary.latest);
	}

	clear(): void {
		this.#queue = [];
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
	}
}

export const announcer = new Announcer();

export interface Positioned<T> {
	room: string;
	epoch: string;
	seq: number;
	data: T;
}

export interface LiveRoomOptions<T> {
	reduce(view: T, update: RoomUpdate): T;
	/** A message for the live region about one applied update (null: say nothing). */
	describe?(update: RoomUpdate, before: T): { text: string; important?: boolean; key?: string } | null;
	/** The view after a snapshot (default: the snapshot itself). */
	fromSnapshot?(snapshot: unknown, current: T): T;
}

/** One room's view, shown according to the visitor's pace. */
export class LiveRoom<T> {
	shown = $state.raw<T>(undefined as T);
	waiting = $state(0);
	#latest: T;
	#pending: Array<{ update: RoomUpdate; before: T }> = [];
	#lastFlush = 0;

	constructor(
		private readonly initial: Positioned<T>,
		private readonly options: LiveRoomOptions<T>
	) {
		this.#latest = initial.data;
		this.shown = initial.data;
	}

	/** Starts following the room (call from an effect; returns the cleanup). */
	start(): () => void {
		const stop = connection.watch(this.initial.room, { seq: this.initial.seq, epoch: this.initial.epoch }, {
			update: (received) => {
				// A batch (rooms that show many matches) is applied as the updates it stands for.
				for (const update of unbatch(received)) {
					const before = this.#latest;
					this.#latest = this.options.reduce(this.#latest, update);
					this.#pending.push({ update, before });
				}
				this.#schedule();
			},
			snapshot: (snapshot) => {
				this.#latest = this.options.fromSnapshot ? this.options.fromSnapshot(snapshot, this.#latest) : (snapshot as T);
				this.#pending.push({ update: { room: this.initial.room, seq: 0, epoch: '', type: 'snapshot', payload: null, at: 0 }, before: this.#latest });
				this.#schedule();
			}
		});
		const timer = setInterval(() => {
			if (liveSettings.mode === 'slow' && this.#pending.length && Date.now() - this.#lastFlush >= SLOW_MS) this.flush();
		}, 1_000);
		return () => {
			stop();
			clearInterval(timer);
		};
	}

	/** Follows a change of pace: back to live shows what waited. */
	onModeChange(mode: LiveMode): void {
		if (mode === 'live' && this.#pending.length) this.flush();
	}

	/** Shows the latest state now, and announces a summary of what changed. */
	flush(): void {
		const pending = this.#pending;
		this.#pending = [];
		this.waiting = 0;
		this.#lastFlush = Date.now();
		this.shown = this.#latest;
		for (const { update, before } of pending) {
			if (update.type === 'snapshot') continue;
			const message = this.options.describe?.(update, before);
			if (message) announcer.push(message.text, message.important, message.key);
		}
	}

	#schedule(): void {
		if (liveSettings.mode === 'live') this.flush();
		else this.waiting = this.#pending.filter((p) => p.update.type !== 'snapshot').length || 1;
	}
}
