/**
 * A crowd joining one room at once (a streamed final) shares the room's snapshot: the
 * database answers once, and a new update gives the next spectator a fresh one.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithDatabase } from '../support/setup';
import { createLiveFixture, scorePoint, startRealtime, type ClientSocket, type RealtimeServer } from '../support/live';
import type { Db } from '../../src/lib/server/db';
import type { RoomCatchUp, SubscribeResult } from '../../src/lib/realtime/events';
import type { PublicMatchView } from '../../src/lib/realtime/views';

function subscribe(socket: ClientSocket, room: string): Promise<RoomCatchUp> {
	return new Promise<SubscribeResult>((resolve) => socket.emit('subscribe', { rooms: [{ room }] }, resolve)).then((result) => {
		if (!result.ok || !result.rooms[0]) throw new Error('subscribe refused');
		return result.rooms[0];
	});
}

/** The database with a count of the match reads a snapshot of a match room makes. */
function counting(db: Db): { db: Db; reads: () => number } {
	let reads = 0;
	const match = new Proxy(db.match, {
		get: (target, key, receiver) =>
			key === 'findMany'
				? (...args: Parameters<Db['match']['findMany']>) => {
						reads++;
						return target.findMany(...args);
					}
				: Reflect.get(target, key, receiver)
	});
	return { db: new Proxy(db, { get: (target, key, receiver) => (key === 'match' ? match : Reflect.get(target, key, receiver)) }), reads: () => reads };
}

describeWithDatabase('live snapshots shared by a crowd', (ctx) => {
	let server: RealtimeServer;
	let reads: () => number;
	let matchId: string;

	beforeAll(async () => {
		const fixture = await createLiveFixture(ctx().database.db, { matches: 1 });
		matchId = fixture.matchIds[0]!;
		const counted = counting(ctx().database.db);
		reads = counted.reads;
		server = await startRealtime(counted.db);
	});
	afterAll(async () => {
		await server?.close();
	});

	it('reads the database once for thirty spectators joining at the same moment, and again after an update', async () => {
		const room = `match:${matchId}`;
		const crowd = await Promise.all(Array.from({ length: 30 }, () => server.client()));
		const before = reads();
		const answers = await Promise.all(crowd.map((socket) => subscribe(socket, room)));
		expect(reads() - before).toBe(1);
		expect(answers.every((a) => a.ok && a.mode === 'snapshot')).toBe(true);
		const first = answers[0]!;
		for (const answer of answers) expect(answer).toEqual(first);

		// A point moves the room on: the next spectator's snapshot has it.
		await scorePoint(ctx().database.db, matchId, 'A');
		const late = await server.client();
		const fresh = await subscribe(late, room);
		expect(reads() - before).toBe(2);
		const view = (fresh.ok && fresh.mode === 'snapshot' ? fresh.snapshot : null) as PublicMatchView | null;
		expect(fresh.ok && fresh.seq).toBe(first.ok ? first.seq + 1 : -1);
		expect((view?.summary as { currentGame: { a: number } }).currentGame.a).toBe(1);
	});
});
