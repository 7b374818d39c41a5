/**
 * The tablet's operation queue in IndexedDB (via `idb`): operations entered while the
 * connection is down wait here, in order, and survive a page reload; the last server state
 * of each match is kept beside them, so a reload shows the match as the referee left it.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { LogEvent } from '$lib/domain/scoring/matchLog';
import type { ConsoleMatch } from './types';

/** An operation as the tablet queues it (the server's operation plus its queue order). */
export interface QueuedOperation {
	opId: string;
	matchId: string;
	baseVersion: number;
	deviceId: string;
	event: LogEvent;
	/** Increasing per device, so operations replay in the order they were entered. */
	order: number;
	createdAt: string;
}

interface ScoringDb extends DBSchema {
	ops: { key: string; value: QueuedOperation; indexes: { byMatch: [string, number] } };
	snapshots: { key: string; value: ConsoleMatch };
}

let opened: Promise<IDBPDatabase<ScoringDb>> | null = null;

function database(): Promise<IDBPDatabase<ScoringDb>> {
	opened ??= openDB<ScoringDb>('district-games-scoring', 1, {
		upgrade(db) {
			const ops = db.createObjectStore('ops', { keyPath: 'opId' });
			ops.createIndex('byMatch', ['matchId', 'order']);
			db.createObjectStore('snapshots', { keyPath: 'id' });
		}
	});
	return opened;
}

/** True where IndexedDB exists (every tablet browser; not during server rendering). */
export function queueAvailable(): boolean {
	return typeof indexedDB !== 'undefined';
}

/** The queued operations of a match, oldest first. */
export async function queuedFor(matchId: string): Promise<QueuedOperation[]> {
	const db = await database();
	return db.getAllFromIndex('ops', 'byMatch', IDBKeyRange.bound([matchId, -Infinity], [matchId, Infinity]));
}

export async function enqueue(op: QueuedOperation): Promise<void> {
	await (await database()).put('ops', op);
}

export async function dequeue(opIds: string[]): Promise<void> {
	const db = await database();
	const tx = db.transaction('ops', 'readwrite');
	await Promise.all([...opIds.map((id) => tx.store.delete(id)), tx.done]);
}

/** Keeps the last server state of a match (plain JSON: rune proxies cannot be cloned). */
export async function saveSnapshot(match: ConsoleMatch): Promise<void> {
	await (await database()).put('snapshots', JSON.parse(JSON.stringify(match)) as ConsoleMatch);
}

export async function loadSnapshot(matchId: string): Promise<ConsoleMatch | undefined> {
	return (await database()).get('snapshots', matchId);
}
