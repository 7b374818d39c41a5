/**
 * The standing adversarial suite for limits, lockouts, passwords, operation ids and sockets
 * (issue #12): each test is an attack that worked once — batching guesses, racing them,
 * guessing athlete records through every door, locking a victim out, replaying another
 * person's operation id, flooding Socket.IO — and must keep failing for the attacker.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { describeWithDatabase } from '../support/setup';
import { opId, person, setupProgramme, streetId } from '../support/registration';
import { appRouter } from '../../src/lib/server/trpc/router';
import { createContextInner } from '../../src/lib/server/trpc/context';
import { LIMITS, LimitSet, limiterRedisClient } from '../../src/lib/server/auth/limits';
import { ConnectionCounter, SharedConnectionCounter, type ConnectionStore } from '../../src/lib/server/realtime/caps';
import type { Db } from '../../src/lib/server/db';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { io as connect, type Socket } from 'socket.io-client';
import { attachRealtime, detachRealtime } from '../../src/lib/server/realtime/io';
import { CLIENT_LIMITS, type ClientToServer, type JoinResult, type ServerToClient, type SubscribeResult } from '../../src/lib/realtime/events';
import { formatError } from '../../src/lib/server/trpc/format';
import { trpcHandlerOptions } from '../../src/lib/server/trpc/http';
import { MAX_BATCH_ITEMS } from '../../src/lib/apiLimits';
import { makeReferenceCode } from '../../src/lib/domain/registration/reference';
import { verifyPassword } from '../../src/lib/server/auth/password';

/** Sends one HTTP batch of tRPC mutations through the real fetch adapter, as a browser would. */
async function batch(db: Db, address: string, path: string, inputs: unknown[]) {
	const url = `http://localhost/api/trpc/${inputs.map(() => path).join(',')}?batch=1`;
	const body = JSON.stringify(Object.fromEntries(inputs.map((input, i) => [String(i), input])));
	const response = await fetchRequestHandler({
		endpoint: '/api/trpc',
		req: new Request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body }),
		router: appRouter,
		createContext: () => createContextInner({ db, address })
	});
	return (await response.json()) as Array<{ result?: unknown; error?: { message: string; data: { code: string; key?: string } } }>;
}

/** The tRPC error code of a settled call, or 'OK'. */
function outcome(settled: PromiseSettledResult<unknown>): string {
	if (settled.status === 'fulfilled') return 'OK';
	return settled.reason instanceof TRPCError ? settled.reason.code : 'THREW';
}

const count = (values: string[], value: string) => values.filter((v) => v === value).length;

describeWithDatabase('limits hold against batching, concurrency and guessing', (ctx) => {
	it('checks at most five passwords for one batch of 400 login guesses, and refuses the right one at the end', async () => {
		await ctx().createUser('referee', { username: 'batch-victim', password: 'the right password' });
		const guesses = Array.from({ length: 399 }, (_, i) => ({ username: 'batch-victim', password: `guess number ${i}` }));
		const answers = await batch(ctx().database.db, '198.51.100.1', 'auth.login', [...guesses, { username: 'batch-victim', password: 'the right password' }]);
		expect(answers).toHaveLength(400);
		const codes = answers.map((a) => a.error?.data.code ?? 'OK');
		expect(count(codes, 'UNAUTHORIZED')).toBeLessThanOrEqual(LIMITS.loginUserAddress.points);
		expect(count(codes, 'TOO_MANY_REQUESTS')).toBeGreaterThanOrEqual(400 - LIMITS.loginUserAddress.points);
		expect(codes[399]).toBe('TOO_MANY_REQUESTS');
	}, 120_000);

	it('checks at most five passwords for 60 parallel login requests', async () => {
		await ctx().createUser('referee', { username: 'race-victim', password: 'the right password' });
		const caller = ctx().caller(null, { address: '198.51.100.2' });
		const settled = await Promise.allSettled(
			Array.from({ length: 60 }, (_, i) => caller.auth.login({ username: 'race-victim', password: `parallel guess ${i}` }))
		);
		const codes = settled.map(outcome);
		expect(count(codes, 'UNAUTHORIZED')).toBeLessThanOrEqual(LIMITS.loginUserAddress.points);
		expect(count(codes, 'TOO_MANY_REQUESTS')).toBeGreaterThanOrEqual(60 - LIMITS.loginUserAddress.points);
	}, 120_000);

	it('shares one budget of failed athlete look-ups across status, amend, withdraw and the card, and then refuses the right ID too', async () => {
		const db = ctx().database.db;
		const { xiangqi } = await setupProgramme(db);
		const p = person();
		const { referenceCode } = await ctx().caller(null, { address: '198.51.100.50' }).registration.submit({ ...p, streetId: await streetId(db, 'S07'), categoryIds: [xiangqi.id] });
		const attacker = ctx().caller(null, { address: '198.51.100.3' });
		const wrong = () => ({ referenceCode, residentId: person().residentId });
		const attempts: Array<Promise<unknown>> = [];
		for (let i = 0; i < 40; i++) {
			const door = i % 3;
			if (door === 0) attempts.push(attacker.registration.athlete.status(wrong()));
			if (door === 1) attempts.push(attacker.registration.athlete.amend({ ...wrong(), phone: '010-1' }));
			if (door === 2) attempts.push(attacker.registration.athlete.withdraw({ ...wrong(), entryId: 'x' }));
		}
		const codes = (await Promise.allSettled(attempts)).map(outcome);
		expect(count(codes, 'NOT_FOUND')).toBeLessThanOrEqual(LIMITS.athleteLookup.points);
		expect(count(codes, 'TOO_MANY_REQUESTS')).toBeGreaterThanOrEqual(40 - LIMITS.athleteLookup.points);
		// The right ID now answers exactly like a wrong one, through every door.
		const right = { referenceCode, residentId: p.residentId };
		await expect(attacker.registration.athlete.status(right)).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
		await expect(attacker.registration.athlete.withdraw({ ...right, entryId: 'x' })).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
		await expect(attacker.registration.athlete.amend({ ...right, phone: '010-2' })).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
		// The athlete from home is not affected.
		await expect(ctx().caller(null, { address: '198.51.100.50' }).registration.athlete.status(right)).resolves.toMatchObject({ referenceCode });
	}, 60_000);

	it('counts check-in marks by unknown reference codes against the same budget as check-in look-ups', async () => {
		const referee = await ctx().createUser('referee');
		const outcomes: string[] = [];
		for (let i = 0; i <= LIMITS.checkinLookup.points; i++) {
			const code = makeReferenceCode(Array.from({ length: 8 }, (_, j) => (i * 7 + j * 13 + 5) % 256));
			outcomes.push(outcome((await Promise.allSettled([ctx().caller(referee).registration.checkin.mark({ code, opId: opId() })]))[0]!));
		}
		expect(count(outcomes, 'NOT_FOUND')).toBe(LIMITS.checkinLookup.points);
		expect(outcomes.at(-1)).toBe('TOO_MANY_REQUESTS');
	}, 60_000);

	it('refuses a batch of more than ten calls whole, before any of them runs', async () => {
		await ctx().createUser('referee', { username: 'big-batch', password: 'the right password' });
		const inputs = Array.from({ length: MAX_BATCH_ITEMS + 1 }, (_, i) => ({ username: 'big-batch', password: `guess number ${i}` }));
		const response = await fetchRequestHandler({
			...trpcHandlerOptions,
			req: new Request(`http://localhost/api/trpc/${inputs.map(() => 'auth.login').join(',')}?batch=1`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(Object.fromEntries(inputs.map((input, i) => [String(i), input])))
			}),
			createContext: () => createContextInner({ db: ctx().database.db, address: '198.51.100.90' })
		});
		expect(response.status).toBe(400);
		// Nothing ran: no failure was counted, so the right password still opens the account at once.
		const answers = await batch(ctx().database.db, '198.51.100.90', 'auth.login', [{ username: 'big-batch', password: 'the right password' }]);
		expect(answers[0]?.error).toBeUndefined();
	});

	it('refuses 100 batched status guesses after the shared budget, through the HTTP batch path', async () => {
		const db = ctx().database.db;
		const { xiangqi } = await setupProgramme(db);
		const { referenceCode } = await ctx().caller(null, { address: '198.51.100.51' }).registration.submit({ ...person(), streetId: await streetId(db, 'S08'), categoryIds: [xiangqi.id] });
		const url = `http://localhost/api/trpc/${Array.from({ length: 100 }, () => 'registration.athlete.status').join(',')}?batch=1&input=${encodeURIComponent(
			JSON.stringify(Object.fromEntries(Array.from({ length: 100 }, (_, i) => [String(i), { referenceCode, residentId: person().residentId }])))
		)}`;
		const response = await fetchRequestHandler({
			endpoint: '/api/trpc',
			req: new Request(url),
			router: appRouter,
			createContext: () => createContextInner({ db, address: '198.51.100.4' })
		});
		const keys = ((await response.json()) as Array<{ error?: { data: { key?: string } } }>).map((a) => a.error?.data.key);
		expect(count(keys as string[], 'registration.lookup_failed')).toBeLessThanOrEqual(LIMITS.athleteLookup.points);
	}, 60_000);

	it('blocks the guessing address for a username while the same person from another address still gets in', async () => {
		await ctx().createUser('referee', { username: 'lock-victim', password: 'the right password' });
		const attacker = ctx().caller(null, { address: '198.51.100.5', locale: 'en' });
		for (let i = 0; i < LIMITS.loginUserAddress.points; i++) {
			await expect(attacker.auth.login({ username: 'lock-victim', password: `guess ${i}` })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
		}
		const blocked = attacker.auth.login({ username: 'lock-victim', password: 'the right password' });
		await expect(blocked).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
		await expect(ctx().caller(null, { address: '203.0.113.200' }).auth.login({ username: 'lock-victim', password: 'the right password' })).resolves.toMatchObject({
			username: 'lock-victim'
		});
	}, 60_000);

	it('blocks a username+address pair longer each time it is blocked again', async () => {
		const set = new LimitSet(null, 'test-backoff');
		const { login } = await import('../../src/lib/server/auth/service');
		await ctx().createUser('referee', { username: 'backoff-victim', password: 'the right password' });
		const attempt = () => login(ctx().database.db, { username: 'backoff-victim', password: 'wrong guess', address: '198.51.100.6' }, 12, set);
		for (let i = 0; i < LIMITS.loginUserAddress.points; i++) await attempt();
		const first = await attempt();
		expect(first).toMatchObject({ ok: false, code: 'auth.rate_limited', retryAfterSeconds: 15 * 60 });
		// The block ends (simulated by clearing the window); the next run of failures blocks for twice as long.
		await set.get('loginUserAddress').clear('backoff-victim#0@198.51.100.6');
		for (let i = 0; i < LIMITS.loginUserAddress.points; i++) await attempt();
		expect(await attempt()).toMatchObject({ ok: false, code: 'auth.rate_limited', retryAfterSeconds: 30 * 60 });
	}, 60_000);
});

describeWithDatabase('lockouts slow the attacker, not the victim, and passwords are hard to guess', (ctx) => {
	it('lets an organizer unlock a person blocked at a shared address, and audits it', async () => {
		const organizer = await ctx().createUser('organizer');
		const victim = await ctx().createUser('referee', { username: 'venue-referee', password: 'the right password' });
		const venue = ctx().caller(null, { address: '198.51.100.8' });
		for (let i = 0; i < LIMITS.loginUserAddress.points + 1; i++) {
			await venue.auth.login({ username: 'venue-referee', password: `prank ${i}` }).catch(() => undefined);
		}
		await expect(venue.auth.login({ username: 'venue-referee', password: 'the right password' })).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
		await expect(ctx().caller(victim).admin.users.unlock({ userId: victim.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
		await expect(ctx().caller(organizer).admin.users.unlock({ userId: victim.id })).resolves.toEqual({ username: 'venue-referee' });
		await expect(venue.auth.login({ username: 'venue-referee', password: 'the right password' })).resolves.toMatchObject({ id: victim.id });
		const record = await ctx().database.db.auditLog.findFirstOrThrow({ where: { action: 'user.unlock', entityId: victim.id } });
		expect(record.actorLabel).toBe(`user:${organizer.username}`);
	}, 60_000);

	it('keeps colleagues behind one NAT signing in while someone there fails across many usernames, and an unlock lets the right password in', async () => {
		const organizer = await ctx().createUser('organizer');
		const regular = await ctx().createUser('referee', { username: 'hall-regular', password: 'the right password' });
		const newcomer = await ctx().createUser('referee', { username: 'hall-newcomer', password: 'the right password' });
		const hall = (locale: 'en' | 'zh-CN' = 'en') => ctx().caller(null, { address: '198.51.100.20', locale });
		// The regular has signed in from the hall before (yesterday, say).
		await expect(hall().auth.login({ username: 'hall-regular', password: 'the right password' })).resolves.toMatchObject({ id: regular.id });
		// Someone in the hall sprays one guess at each of many usernames: the address budget ends.
		const codes: string[] = [];
		for (let i = 0; i < LIMITS.loginAddress.points + 3; i++) {
			codes.push(outcome((await Promise.allSettled([hall().auth.login({ username: `sprayed-${i}`, password: 'Summer2026!' })]))[0]!));
		}
		expect(count(codes, 'UNAUTHORIZED')).toBe(LIMITS.loginAddress.points);
		expect(codes.at(-1)).toBe('TOO_MANY_REQUESTS');
		// A colleague who signed in from the hall before is not held by the strangers' failures.
		await expect(hall().auth.login({ username: 'hall-regular', password: 'the right password' })).resolves.toMatchObject({ id: regular.id });
		// One who never did is refused, told to wait or to ask the organizers for an unlock …
		const refusal = await hall()
			.auth.login({ username: 'hall-newcomer', password: 'the right password' })
			.catch((e: unknown) => e);
		expect(refusal).toBeInstanceOf(TRPCError);
		expect((refusal as TRPCError).code).toBe('TOO_MANY_REQUESTS');
		expect(formatError(refusal as TRPCError, 'en').message).toMatch(/from your network.*ask the organizers to unlock your account/);
		expect(formatError(refusal as TRPCError, 'zh-CN').message).toMatch(/联系组委会解锁/);
		// … and after the organizer's unlock the right password opens the account at once.
		await ctx().caller(organizer).admin.users.unlock({ userId: newcomer.id });
		await expect(hall().auth.login({ username: 'hall-newcomer', password: 'the right password' })).resolves.toMatchObject({ id: newcomer.id });
		// Strangers' guesses from the hall are still refused.
		await expect(hall().auth.login({ username: 'sprayed-x', password: 'Summer2026!' })).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
	}, 120_000);

	it('lifts every block of a person with one unlock: their own failures at the address, the address budget and the pacing of their username', async () => {
		const organizer = await ctx().createUser('organizer');
		const victim = await ctx().createUser('referee', { username: 'unlock-all', password: 'the right password' });
		// Guessers from many addresses spend the username's budget; one of them sits at the victim's office.
		for (let i = 0; i < LIMITS.loginUser.points; i++) {
			await ctx().caller(null, { address: `192.0.2.${i + 1}` }).auth.login({ username: 'unlock-all', password: `guess ${i}` }).catch(() => undefined);
		}
		const office = ctx().caller(null, { address: '198.51.100.21' });
		for (let i = 0; i < LIMITS.loginUserAddress.points + 1; i++) await office.auth.login({ username: 'unlock-all', password: `office guess ${i}` }).catch(() => undefined);
		for (let i = 0; i < LIMITS.loginAddress.points; i++) await office.auth.login({ username: `office-spray-${i}`, password: 'x' }).catch(() => undefined);
		await expect(office.auth.login({ username: 'unlock-all', password: 'the right password' })).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
		await ctx().caller(organizer).admin.users.unlock({ userId: victim.id });
		await expect(office.auth.login({ username: 'unlock-all', password: 'the right password' })).resolves.toMatchObject({ id: victim.id });
	}, 120_000);

	it('checks at most two passwords at once for one username, whatever the number of addresses', async () => {
		await ctx().createUser('referee', { username: 'swarm-victim', password: 'the right password' });
		const settled = await Promise.allSettled(
			Array.from({ length: 60 }, (_, i) => ctx().caller(null, { address: `203.0.113.${i + 1}`, locale: 'en' }).auth.login({ username: 'swarm-victim', password: `swarm guess ${i}` }))
		);
		const codes = settled.map(outcome);
		// Each of the 60 came from a fresh address, so only the username's cap can hold them.
		expect(count(codes, 'UNAUTHORIZED')).toBeLessThanOrEqual(LIMITS.loginUserInFlight.points + 2);
		expect(count(codes, 'TOO_MANY_REQUESTS')).toBeGreaterThanOrEqual(60 - LIMITS.loginUserInFlight.points - 2);
		const busy = settled.find((s) => outcome(s) === 'TOO_MANY_REQUESTS') as PromiseRejectedResult;
		expect(formatError(busy.reason as TRPCError, 'en').message).toMatch(/try again in \d+ seconds/);
	}, 60_000);

	it('paces the password checks of a username failing from many addresses, but not its owner on an address they signed in from', async () => {
		const victim = await ctx().createUser('referee', { username: 'paced-victim', password: 'the right password' });
		await expect(ctx().caller(null, { address: '198.51.100.22' }).auth.login({ username: 'paced-victim', password: 'the right password' })).resolves.toMatchObject({ id: victim.id });
		for (let i = 0; i < LIMITS.loginUser.points; i++) {
			await ctx().caller(null, { address: `192.0.2.${100 + i}` }).auth.login({ username: 'paced-victim', password: `guess ${i}` }).catch(() => undefined);
		}
		const started = Date.now();
		const codes: string[] = [];
		for (let i = 0; i < 20; i++) {
			codes.push(outcome((await Promise.allSettled([ctx().caller(null, { address: `192.0.2.${200 + i}` }).auth.login({ username: 'paced-victim', password: `more ${i}` })]))[0]!));
		}
		// One check per pace window at most (the bound grows with the time the loop took, never a deadline).
		const windows = Math.ceil((Date.now() - started) / (LIMITS.loginUserPace.duration * 1000));
		expect(count(codes, 'UNAUTHORIZED')).toBeLessThanOrEqual(windows + 1);
		expect(count(codes, 'TOO_MANY_REQUESTS')).toBeGreaterThan(0);
		// The owner, from the address they signed in from before, gets in at once.
		await expect(ctx().caller(null, { address: '198.51.100.22' }).auth.login({ username: 'paced-victim', password: 'the right password' })).resolves.toMatchObject({ id: victim.id });
	}, 120_000);

	it('refuses an easily guessed new password with the reason in Chinese and English, and keeps the old one', async () => {
		const user = await ctx().createUser('coordinator', { streetCode: 'S09', password: 'the old passphrase' });
		const error = await ctx()
			.caller(user)
			.auth.changePassword({ current: 'the old passphrase', next: 'aaaaaaaaaa' })
			.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(TRPCError);
		expect(formatError(error as TRPCError, 'en').fieldErrors?.next?.[0]).toMatch(/repeated characters/i);
		expect(formatError(error as TRPCError, 'zh-CN').fieldErrors?.next?.[0]).toMatch(/重复的字符/);
		// Built from the site's own words, the edition's name in pinyin, or the person's name, with a year.
		for (const weak of ['districtgames2026', 'Admin2026!!', 'canjirenyundonghui2026', `${user.username}2026!!`]) {
			const refused = await ctx()
				.caller(user)
				.auth.changePassword({ current: 'the old passphrase', next: weak })
				.catch((e: unknown) => e);
			expect(refused, weak).toBeInstanceOf(TRPCError);
			expect(formatError(refused as TRPCError, 'en').fieldErrors?.next?.[0], weak).toMatch(/username or name, the name of this site/);
			expect(formatError(refused as TRPCError, 'zh-CN').fieldErrors?.next?.[0], weak).toMatch(/用户名或姓名、本站或本届运动会的名称/);
		}
		for (const weak of ['1234567890', 'qwertyuiop', 'password123']) {
			await expect(ctx().caller(user).auth.changePassword({ current: 'the old passphrase', next: weak })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
		}
		const row = await ctx().database.db.user.findUniqueOrThrow({ where: { id: user.id } });
		expect(await verifyPassword(row.passwordHash, 'the old passphrase')).toBe(true);
		await expect(ctx().caller(user).auth.changePassword({ current: 'the old passphrase', next: 'three blue teacups on the sill' })).resolves.toEqual({ ok: true });
	}, 60_000);
});

describeWithDatabase('operation ids belong to the person and the kind of write', (ctx) => {
	it("never answers a replayed operation id with another person's stored response", async () => {
		const db = ctx().database.db;
		const { xiangqi } = await setupProgramme(db);
		const { referenceCode } = await ctx().caller(null, { address: '198.51.100.60' }).registration.submit({ ...person(), streetId: await streetId(db, 'S10'), categoryIds: [xiangqi.id] });
		const entry = await db.entry.findFirstOrThrow({ where: { athlete: { referenceCode } } });
		const owner = await ctx().createUser('coordinator', { streetCode: 'S10' });
		const other = await ctx().createUser('coordinator', { streetCode: 'S11' });
		const referee = await ctx().createUser('referee');
		const op = opId();
		const first = await ctx().caller(owner).registration.street.approve({ entryId: entry.id, opId: op });
		// The same person retrying gets the same answer (idempotency still holds).
		expect(await ctx().caller(owner).registration.street.approve({ entryId: entry.id, opId: op })).toEqual(first);
		// Another coordinator, or a referee checking in, is refused and changes nothing.
		await expect(ctx().caller(other).registration.street.approve({ entryId: 'anything', opId: op })).rejects.toMatchObject({ code: 'CONFLICT', message: 'errors.op_reused' });
		await expect(ctx().caller(referee).registration.checkin.mark({ code: referenceCode, opId: op })).rejects.toMatchObject({ code: 'CONFLICT', message: 'errors.op_reused' });
		// The same person using the id for another kind of write is refused too.
		await expect(ctx().caller(owner).registration.street.withdraw({ entryId: entry.id, opId: op })).rejects.toMatchObject({ code: 'CONFLICT' });
		expect((await db.entry.findUniqueOrThrow({ where: { id: entry.id } })).status).toBe('approved');
		expect(await db.operation.count({ where: { id: op } })).toBe(1);
	}, 60_000);
});

describeWithDatabase('Socket.IO caps hold on every path', (ctx) => {
	type Client = Socket<ServerToClient, ClientToServer>;
	let httpServer: HttpServer;
	let url: string;
	const clients: Client[] = [];
	const MAX_PER_ADDRESS = 3;

	beforeAll(async () => {
		httpServer = createServer((_req, res) => res.writeHead(404).end());
		attachRealtime({ httpServer, db: ctx().database.db, redisUrl: null, maxConnectionsPerAddress: MAX_PER_ADDRESS });
		await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
		url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
	});
	afterAll(async () => {
		for (const c of clients) c.disconnect();
		await detachRealtime();
		httpServer.closeAllConnections();
		await new Promise<void>((resolve) => httpServer.close(() => resolve()));
	});

	/** Connects one client; resolves with the refusal message when the server turns it away. */
	function open(): Promise<{ socket: Client; refused: string | null }> {
		const socket: Client = connect(url, { transports: ['websocket'], reconnection: false, forceNew: true });
		clients.push(socket);
		return new Promise((resolve) => {
			socket.once('connect', () => resolve({ socket, refused: null }));
			socket.once('connect_error', (error) => resolve({ socket, refused: error.message }));
		});
	}

	it('holds one socket to 50 rooms whether it subscribes, joins, or both at once', async () => {
		const db = ctx().database.db;
		const edition = await db.edition.findFirstOrThrow({ where: { current: true } });
		const venues = await Promise.all(Array.from({ length: 12 }, (_, i) => db.venue.create({ data: { editionId: edition.id, nameZh: `场馆${i}`, nameEn: `Venue ${i}` } })));
		const streets = await db.street.findMany({ orderBy: { code: 'asc' }, select: { code: true } });
		const rooms = ['live', 'medals', ...streets.map((s) => `street:${s.code}`), ...venues.map((v) => `venue:${v.id}`)];
		expect(rooms.length).toBeGreaterThan(CLIENT_LIMITS.maxRoomsPerSocket + 5);
		const { socket } = await open();
		const subscribeRooms = rooms.slice(0, 40);
		const joinRooms = rooms.slice(40, 55);
		const subscribed = [subscribeRooms.slice(0, 20), subscribeRooms.slice(20, 40)].map(
			(part) => new Promise<SubscribeResult>((resolve) => socket.emit('subscribe', { rooms: part.map((room) => ({ room })) }, resolve))
		);
		const joined = joinRooms.map((room) => new Promise<JoinResult>((resolve) => socket.emit('join', room, resolve)));
		const results = await Promise.all([...subscribed, ...joined]);
		const roomsHeld = results.reduce((sum, r) => sum + (r.ok ? ('rooms' in r ? r.rooms.filter((x) => x.ok).length : 1) : 0), 0);
		expect(roomsHeld).toBe(CLIENT_LIMITS.maxRoomsPerSocket);
		expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.error === 'too_many_rooms')).toBe(true);
		// Leaving a room frees its place for another.
		socket.emit('leave', 'live');
		await new Promise((r) => setTimeout(r, 100));
		const again = await new Promise<JoinResult>((resolve) => socket.emit('join', rooms[54]!, resolve));
		expect(again.ok).toBe(true);
		socket.disconnect();
		await new Promise((r) => setTimeout(r, 100));
	}, 30_000);

	it('accepts only the configured number of connections from one address, and frees a place when one closes', async () => {
		const first = await Promise.all(Array.from({ length: MAX_PER_ADDRESS + 2 }, () => open()));
		expect(first.filter((c) => c.refused === null)).toHaveLength(MAX_PER_ADDRESS);
		expect(first.filter((c) => c.refused !== null).map((c) => c.refused)).toEqual(['too_many_connections', 'too_many_connections']);
		first.find((c) => c.refused === null)?.socket.disconnect();
		await new Promise((r) => setTimeout(r, 100));
		expect((await open()).refused).toBeNull();
		expect((await open()).refused).toBe('too_many_connections');
	}, 30_000);
});

const redisUrl = process.env.REDIS_URL_TEST;
const redisReason =
	process.env.TEST_DB === 'postgresql' ? null : !redisUrl ? 'Shared-limit test skipped: set REDIS_URL_TEST=redis://127.0.0.1:6379 to run it' : null;
if (redisReason) {
	if (process.env.CI) throw new Error(`${redisReason} (required in CI)`);
	console.warn(redisReason);
}

// Two limiter sets with their own Redis connections stand for two app processes.
(process.env.TEST_DB !== 'postgresql' && !redisReason ? describe : describe.skip)('limits shared by app processes through Redis [sqlite]', () => {
	const prefix = `dg:test:${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
	const clients: Array<ReturnType<typeof limiterRedisClient>> = [];
	beforeAll(async () => {
		clients.push(limiterRedisClient(redisUrl ?? ''), limiterRedisClient(redisUrl ?? ''));
		for (const client of clients) while (!client.isReady) await new Promise((r) => setTimeout(r, 20));
	});
	afterAll(async () => {
		for (const client of clients) if (client.isOpen) await client.quit();
	});

	it('caps Socket.IO connections per address across two processes, stops counting a crashed one, and falls back to per process while Redis is down', async () => {
		const [a, b] = clients as [ReturnType<typeof limiterRedisClient>, ReturnType<typeof limiterRedisClient>];
		const store = (client: typeof a) => client as unknown as ConnectionStore;
		const prefix2 = `${prefix}:conn`;
		let aUp = true;
		const degraded: unknown[] = [];
		const first = new SharedConnectionCounter(new ConnectionCounter(3), store(a), () => aUp, { prefix: prefix2, onDegrade: (e) => degraded.push(e) });
		const second = new SharedConnectionCounter(new ConnectionCounter(3), store(b), () => true, { prefix: prefix2 });
		try {
			const admitted = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 ? first : second).admit('198.51.100.30')));
			expect(admitted.filter(Boolean)).toHaveLength(3);
			// A closed connection frees its place for either process.
			const holder = first.local.count('198.51.100.30') > 0 ? first : second;
			holder.release('198.51.100.30');
			const other = holder === first ? second : first;
			await expect.poll(() => other.admit('198.51.100.30')).toBe(true);
			expect(await other.admit('198.51.100.30')).toBe(false);

			// The first process dies: once its alive key expires (here: removed), its connections stop counting.
			const firstHeld = first.local.count('198.51.100.30');
			expect(firstHeld).toBeGreaterThan(0);
			const alive = await a.keys(`${prefix2}:alive:*`);
			expect(alive).toHaveLength(2);
			await first.close(); // a crash leaves no alive key either, within 30 s
			let admittedAfter = 0;
			while (await second.admit('198.51.100.30')) admittedAfter++;
			expect(admittedAfter).toBe(firstHeld);

			// Redis unreachable for the first process: it caps on its own and says so once, then counts in Redis again.
			const third = new SharedConnectionCounter(new ConnectionCounter(3), store(a), () => aUp, { prefix: prefix2, onDegrade: (e) => degraded.push(e) });
			aUp = false;
			expect(third.scope).toBe('process');
			const alone = await Promise.all(Array.from({ length: 5 }, () => third.admit('198.51.100.31')));
			expect(alone.filter(Boolean)).toHaveLength(3);
			expect(degraded).toHaveLength(1);
			aUp = true;
			// Back: its three connections count for the cluster, so the second process may open none from that address.
			expect(await third.admit('198.51.100.31')).toBe(false);
			expect(third.scope).toBe('shared');
			expect(await second.admit('198.51.100.31')).toBe(false);
			third.release('198.51.100.31');
			await expect.poll(() => second.admit('198.51.100.31')).toBe(true);
			await third.close();
		} finally {
			await first.close();
			await second.close();
		}
	});

	it('lets two processes together take no more than one budget of athlete look-ups from an address', async () => {
		const [a, b] = clients.map((client) => new LimitSet(client, prefix).get('athleteLookup'));
		const results = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a! : b!).take('198.51.100.7')));
		expect(results.filter((r) => r.ok)).toHaveLength(LIMITS.athleteLookup.points);
	});
});

// Two app processes, each with its own limiter set and Redis connection, share one username's cap.
describeWithDatabase('password checks of one username are capped across app processes', (ctx) => {
	const prefix = `dg:test:${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
	const clients: Array<ReturnType<typeof limiterRedisClient>> = [];
	beforeAll(async () => {
		if (redisReason || !redisUrl) return;
		clients.push(limiterRedisClient(redisUrl), limiterRedisClient(redisUrl));
		for (const client of clients) while (!client.isReady) await new Promise((r) => setTimeout(r, 20));
	});
	afterAll(async () => {
		for (const client of clients) if (client.isOpen) await client.quit();
	});

	(redisReason || !redisUrl ? it.skip : it)('checks at most two passwords at once for a username attacked through two processes from 40 addresses', async () => {
		const { login } = await import('../../src/lib/server/auth/service');
		await ctx().createUser('referee', { username: 'two-process-victim', password: 'the right password' });
		const sets = clients.map((client) => new LimitSet(client, prefix));
		const results = await Promise.all(
			Array.from({ length: 40 }, (_, i) =>
				login(ctx().database.db, { username: 'two-process-victim', password: `guess ${i}`, address: `203.0.113.${100 + i}` }, 12, sets[i % 2]!)
			)
		);
		const checked = results.filter((r) => !r.ok && r.code === 'auth.invalid_credentials').length;
		expect(checked).toBeLessThanOrEqual(LIMITS.loginUserInFlight.points + 2);
		expect(results.filter((r) => !r.ok && r.code === 'auth.rate_limited' && r.scope === 'busy').length).toBeGreaterThanOrEqual(40 - LIMITS.loginUserInFlight.points - 2);
	}, 60_000);
});
