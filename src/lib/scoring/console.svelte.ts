/**
 * The referee console's state, as a Svelte 5 rune class. The score on screen is always
 * `foldLog(server log + queued operations)` with the same pure domain engine the server uses,
 * so a tap shows at once (optimistic) and an illegal tap is refused on the tablet before it is
 * queued. Operations go to IndexedDB first, then to the server one at a time in order; the
 * server's acknowledgement moves an operation from the queue into the confirmed log.
 *
 * - network down (offline, server unreachable): the queue waits; "offline — N actions
 *   waiting"; retried on reconnect, on the browser's `online` event and on a timer;
 * - refused (a rule the server knows better, the device lost control): the operation and the
 *   ones entered after it are dropped, the message shown, the server state reloaded;
 * - stale (the match changed elsewhere): the server's state is shown, with what was dropped.
 */
import { RuleViolation } from '$lib/domain/errors';
import { appendEvent, canUndo, foldStoredLog, type FoldedLog, type LogEvent } from '$lib/domain/scoring/matchLog';
import { connection } from '$lib/realtime/connection.svelte';
import { api, classify } from './api';
import { describeEvent } from './describe';
import { dequeue, enqueue, loadSnapshot, queueAvailable, queuedFor, saveSnapshot, type QueuedOperation } from './queue';
import type { ConsoleMatch } from './types';

type Translate = (key: string, params?: Record<string, string | number>) => string;

export interface Notice {
	kind: 'error' | 'stale' | 'info';
	text: string;
}

let sequence = 0;

/** A unique, URL-safe operation id. */
export function newOperationId(): string {
	const random = globalThis.crypto?.randomUUID?.().replace(/-/g, '') ?? Math.random().toString(36).slice(2) + Date.now().toString(36);
	return `op_${random}`;
}

/** The console of one match on this device. */
export class ScoringConsole {
	match = $state() as ConsoleMatch;
	pending = $state<QueuedOperation[]>([]);
	online = $state(true);
	sending = $state(false);
	notice = $state<Notice | null>(null);
	/** The queue has been read from IndexedDB (before that, taps would be out of order). */
	ready = $state(false);

	readonly deviceId: string;
	readonly #t: Translate;
	#retryTimer: ReturnType<typeof setTimeout> | null = null;
	#retryDelay = 1000;
	#cleanup: Array<() => void> = [];

	/** The log as the tablet sees it: confirmed events plus queued ones. */
	folded: FoldedLog = $derived.by(() => {
		const confirmed = foldStoredLog(this.match.format, this.match.events.map((e) => e.event), this.match.status);
		let folded = confirmed;
		try {
			for (const op of this.pending) folded = appendEvent(folded, op.event);
			return folded;
		} catch {
			// A queued event no longer fits (the match changed elsewhere): show the server's log;
			// the next send is refused as stale and says what was dropped.
			return confirmed;
		}
	});
	summary = $derived(this.folded.summary);
	phase = $derived(this.folded.phase);
	canUndo = $derived(canUndo(this.folded));
	/** True for a viewer who may not score at all (an organizer watching the console). */
	readonly watchOnly: boolean;
	readOnly = $derived.by(() => this.watchOnly || (this.match.controllerId !== null && this.match.controllerId !== this.deviceId));
	/** Display names by side ('A'/'B') and by entry id (total score). */
	names: Record<string, string> = $derived.by(() => {
		const names: Record<string, string> = {};
		if (this.match.sideA) names.A = this.match.sideA.name;
		if (this.match.sideB) names.B = this.match.sideB.name;
		for (const p of this.match.players) names[p.entryId] = p.name;
		return names;
	});
	lastEvent = $derived.by(() => {
		const all = [...this.match.events.map((e) => e.event), ...this.pending.map((p) => p.event)];
		return all[all.length - 1] ?? null;
	});

	constructor(initial: ConsoleMatch, deviceId: string, t: Translate, options: { watchOnly?: boolean } = {}) {
		this.match = initial;
		this.deviceId = deviceId;
		this.#t = t;
		this.watchOnly = options.watchOnly ?? false;
	}

	/** Reads the queue, listens for the network and live updates, and sends what waits. */
	async start(): Promise<void> {
		if (typeof window !== 'undefined') {
			const online = () => {
				this.online = true;
				this.#retryDelay = 1000;
				void this.flush();
			};
			const offline = () => (this.online = false);
			window.addEventListener('online', online);
			window.addEventListener('offline', offline);
			this.#cleanup.push(() => window.removeEventListener('online', online));
			this.#cleanup.push(() => window.removeEventListener('offline', offline));
			this.online = navigator.onLine;
			this.#watchLive();
		}
		if (queueAvailable()) {
			try {
				const snapshot = await loadSnapshot(this.match.id).catch(() => undefined);
				if (snapshot && snapshot.version > this.match.version) this.match = snapshot;
				const queued = await queuedFor(this.match.id);
				const known = new Set(this.match.events.map((e) => e.opId));
				const done = queued.filter((op) => known.has(op.opId));
				if (done.length) await this.#forget(done.map((op) => op.opId));
				this.pending = queued.filter((op) => !known.has(op.opId));
				void saveSnapshot(this.match).catch(() => undefined);
			} catch (error) {
				// No IndexedDB here (private browsing, storage full): score on, without the reload safety.
				console.warn('[scoring] the offline queue is not available:', error instanceof Error ? error.message : error);
			}
		}
		this.ready = true;
		void this.flush();
	}

	stop(): void {
		for (const fn of this.#cleanup) fn();
		this.#cleanup = [];
		if (this.#retryTimer) clearTimeout(this.#retryTimer);
	}

	#watchLive(): void {
		// Live updates are a convenience here; scoring works without them.
		this.#cleanup.push(
			connection.join(
				`match:${this.match.id}`,
				(update) => {
					const version = (update.payload as { version?: unknown } | null)?.version;
					const newer = typeof version !== 'number' || version > this.match.version;
					if (this.pending.length === 0 && !this.sending && (newer || this.readOnly)) {
						void this.refresh();
					}
				},
				() => void this.flush()
			)
		);
	}

	/**
	 * Enters one event: checked with the domain engine, queued, shown, then sent. Returns
	 * false (with the reason in `notice`) when the event is refused on the tablet.
	 */
	submit(event: LogEvent): boolean {
		if (!this.ready) return false;
		if (this.readOnly) {
			this.notice = { kind: 'error', text: this.#t(this.watchOnly ? 'scoring.console.watchOnly' : 'scoring.errors.read_only') };
			return false;
		}
		try {
			appendEvent(this.folded, event);
		} catch (error) {
			if (error instanceof RuleViolation) {
				this.notice = { kind: 'error', text: this.#t('scoring.console.rejected', { message: this.#t(error.code, error.params) }) };
				return false;
			}
			throw error;
		}
		const op: QueuedOperation = {
			opId: newOperationId(),
			matchId: this.match.id,
			baseVersion: this.match.version + this.pending.length,
			deviceId: this.deviceId,
			event,
			order: Date.now() * 1000 + (sequence++ % 1000),
			createdAt: new Date().toISOString()
		};
		this.notice = null;
		this.pending = [...this.pending, op];
		const stored = queueAvailable() ? enqueue(op).catch(() => undefined) : Promise.resolve();
		void stored.then(() => this.flush());
		return true;
	}

	/** Sends queued operations one at a time, in order, until the queue is empty or the network fails. */
	async flush(): Promise<void> {
		if (this.sending || !this.ready) return;
		if (typeof navigator !== 'undefined' && !navigator.onLine) {
			this.online = false;
			return;
		}
		this.sending = true;
		try {
			while (this.pending.length > 0) {
				const op = this.pending[0]!;
				let result;
				try {
					result = await api.scoring.submit.mutate({
						opId: op.opId,
						matchId: op.matchId,
						baseVersion: op.baseVersion,
						deviceId: op.deviceId,
						event: op.event as never
					});
				} catch (error) {
					const kind = classify(error);
					if (kind.kind === 'network') {
						this.online = false;
						this.#scheduleRetry();
						return;
					}
					await this.#drop(this.pending.map((p) => p.opId));
					this.notice = { kind: 'error', text: this.#t('scoring.console.rejected', { message: kind.message }) };
					await this.refresh();
					return;
				}
				this.online = true;
				this.#retryDelay = 1000;
				if (result.ok) {
					if (!this.match.events.some((e) => e.opId === op.opId)) {
						this.match = {
							...this.match,
							version: result.version,
							status: result.status,
							summary: result.summary,
							controllerId: this.match.controllerId ?? this.deviceId,
							events: [...this.match.events, { seq: result.seq, opId: op.opId, event: op.event, at: new Date().toISOString() }]
						};
					}
					this.pending = this.pending.slice(1);
					await this.#forget([op.opId]);
				} else {
					const dropped = this.pending;
					this.pending = [];
					await this.#forget(dropped.map((p) => p.opId));
					this.match = result.match;
					const list = dropped.map((p) => describeEvent(p.event, this.names, this.#t)).join('、');
					this.notice = {
						kind: 'stale',
						text: this.#t('scoring.console.stale', { version: result.match.version, n: dropped.length, list })
					};
				}
			}
			if (queueAvailable()) await saveSnapshot(this.match).catch(() => undefined);
		} finally {
			this.sending = false;
		}
	}

	async #drop(opIds: string[]): Promise<void> {
		this.pending = this.pending.filter((p) => !opIds.includes(p.opId));
		await this.#forget(opIds);
	}

	/** Removes operations from IndexedDB; a storage failure never stops scoring. */
	async #forget(opIds: string[]): Promise<void> {
		if (queueAvailable()) await dequeue(opIds).catch(() => undefined);
	}

	#scheduleRetry(): void {
		if (this.#retryTimer) clearTimeout(this.#retryTimer);
		this.#retryTimer = setTimeout(() => {
			this.#retryTimer = null;
			void this.flush();
		}, this.#retryDelay);
		this.#retryDelay = Math.min(this.#retryDelay * 2, 10_000);
	}

	/** Reloads the server's state (after a refusal, or when another device changed the match). */
	async refresh(): Promise<void> {
		try {
			const fresh = await api.scoring.match.query({ matchId: this.match.id });
			const known = new Set(fresh.events.map((e) => e.opId));
			const done = this.pending.filter((p) => known.has(p.opId)).map((p) => p.opId);
			if (done.length) await this.#drop(done);
			// A read that started before this tablet's last write landed is older than what it
			// shows: keep the newer state (versions only grow; undo and corrections are events too).
			if (fresh.version < this.match.version) return;
			this.match = fresh;
			if (queueAvailable()) await saveSnapshot(fresh).catch(() => undefined);
		} catch (error) {
			if (classify(error).kind === 'network') this.online = false;
		}
	}

	/** Text of the last entry, for the "last entry" line. */
	describe(event: LogEvent): string {
		return describeEvent(event, this.names, this.#t);
	}
}
