/**
 * The scoring service: the one place that writes a match's score. Every referee action is an
 * operation `{ opId, matchId, baseVersion, deviceId, event }`:
 *
 * 1. an operation id already carried out returns its stored response (idempotent replay);
 * 2. in ONE transaction: the match is loaded, the referee's assignment and the device's
 *    control are checked, the stored log is folded and the event validated by the domain
 *    engine (`appendEvent`), the match row is updated only `where version = baseVersion`
 *    (optimistic concurrency: of two racing devices exactly one wins), and the MatchEvent, the
 *    stored response (Operation) and the audit record are written; a signed-off result runs
 *    the competition's progress (`onMatchFinished`) in the same transaction;
 * 3. after the commit the new state is broadcast to spectators.
 *
 * An operation based on a stale version is refused with the current state; an illegal event
 * throws the engine's `RuleViolation` (422 with a translated message). Nothing is written in
 * either case. Called by the scoring router (tablets) and the benchmark.
 */
import type { Db } from '../db';
import type { Prisma } from '../db/generated/sqlite/client';
import { audit, type Actor } from '../audit';
import { userError } from '../trpc/errors';
import { storedOperation, storeOperation, type OperationScope } from '../operations';
import { onMatchFinished } from '../competition/progress';
import { broadcastMatch } from '../realtime/broadcast';
import type { MatchScoreRow } from '../live/views';
import { appendEvent, foldStoredLog, isWalkoverEvent, parseMatchFormat, statusOf, type FoldedLog, type LogEvent, type MatchFormat } from '$lib/domain/scoring/matchLog';
import { noShowCheck } from '$lib/domain/callroom/callroom';
import { categorySettings } from '../competition/draws';
import type { ConsoleMatch, ConsoleSide, OperationResult, RefereeMatchLine, StoredEvent } from '$lib/scoring/types';
import type { SessionUser } from '$lib/roles';
import type { CorrectionEvent, OperationInput } from './schema';
import { errorFields, log } from '../log';

type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

const TX_OPTIONS = { maxWait: 10_000, timeout: 15_000 };

class StaleVersion extends Error {}

const matchForWrite = {
	id: true,
	categoryId: true,
	status: true,
	format: true,
	version: true,
	refereeId: true,
	controllerId: true,
	entryAId: true,
	entryBId: true,
	players: true,
	startedAt: true,
	calledAt: true,
	scheduledAt: true,
	// with the fields above, what a broadcast shows (see MatchScoreRow)
	code: true,
	stage: true,
	round: true,
	groupLabel: true,
	winnerEntryId: true,
	venueTableId: true
} satisfies Prisma.MatchSelect;

const actorOf = (user: Pick<SessionUser, 'id' | 'username'>): Actor => ({ id: user.id, label: `user:${user.username}` });

/** The entry id a summary's winner stands for ('A'/'B' → side's entry; total score: the id). */
function winnerEntry(
	match: { entryAId: string | null; entryBId: string | null },
	winner: string | null
): string | null {
	if (winner === 'A') return match.entryAId;
	if (winner === 'B') return match.entryBId;
	return winner;
}

async function loadLog(tx: Tx | Db, matchId: string): Promise<LogEvent[]> {
	const rows = await tx.matchEvent.findMany({ where: { matchId }, orderBy: { seq: 'asc' }, select: { event: true } });
	return rows.map((r) => JSON.parse(r.event) as LogEvent);
}

/** Referee operations and organizer corrections share one kind of stored operation. */
function scoringScope(opId: string, actorId: string): OperationScope {
	return { opId, actorId, kind: 'match.event', reusedKey: 'scoring.errors.op_reused' };
}

async function storedResponse(db: Db | Tx, opId: string, actorId: string): Promise<OperationResult | null> {
	const stored = await storedOperation<OperationResult & { ok: true }>(db, scoringScope(opId, actorId));
	return stored ? { ...stored.response, duplicate: true } : null;
}

let broadcasts: Promise<void> = Promise.resolve();

/**
 * Broadcasts committed matches after the acknowledgement has gone out, one after another in
 * commit order (a chain per process), so spectators never make a referee wait. A failed
 * broadcast never fails the referee's operation; clients resynchronise by sequence number.
 * `committed` is a match row exactly as a committed transaction wrote it (no read needed).
 */
function broadcastLater(db: Db, ids: Iterable<string>, committed?: { id: string; row: MatchScoreRow }): void {
	const unique = [...new Set(ids)];
	const committedAt = Date.now();
	broadcasts = broadcasts.then(async () => {
		for (const id of unique) {
			try {
				await broadcastMatch(db, id, committed?.id === id ? committed.row : undefined, committedAt);
			} catch (error) {
				log.error('scoring broadcast failed', errorFields(error));
			}
		}
	});
}

/** Resolves when every broadcast scheduled so far has been sent (tests, shutdown). */
export function broadcastsSettled(): Promise<void> {
	return broadcasts;
}

/**
 * The folded log of recently scored matches, keyed by match and version: a committed version
 * names exactly one log, so an entry is valid whatever process wrote it, and the next
 * operation need not read and fold the whole log again. Set only after a commit.
 */
const foldCache = new Map<string, { version: number; status: string; folded: FoldedLog }>();
const FOLD_CACHE_SIZE = 1000;

function remember(matchId: string, version: number, status: string, folded: FoldedLog): void {
	foldCache.delete(matchId);
	foldCache.set(matchId, { version, status, folded });
	if (foldCache.size > FOLD_CACHE_SIZE) foldCache.delete(foldCache.keys().next().value as string);
}

async function foldedAt(tx: Tx, match: { id: string; version: number; status: string }, format: MatchFormat): Promise<FoldedLog> {
	const cached = foldCache.get(match.id);
	if (cached && cached.version === match.version && cached.status === match.status) return cached.folded;
	return foldStoredLog(format, await loadLog(tx, match.id), match.status);
}

function changedIds(value: unknown): string[] {
	return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

type Accepted = OperationResult & { ok: true };

/**
 * Stores an accepted operation inside its transaction: the log entry (seq = the new version)
 * and the response that a replay of the same `opId` gets back. Used by referee operations and
 * organizer corrections alike.
 */
async function recordOperation(
	tx: Tx,
	entry: { opId: string; matchId: string; version: number; status: string; summary: Accepted['summary']; event: unknown; actorId: string; deviceId?: string }
): Promise<Accepted> {
	const response: Accepted = {
		ok: true,
		duplicate: false,
		opId: entry.opId,
		matchId: entry.matchId,
		seq: entry.version,
		version: entry.version,
		status: entry.status,
		summary: entry.summary
	};
	await tx.matchEvent.create({
		data: {
			matchId: entry.matchId,
			seq: entry.version,
			opId: entry.opId,
			event: JSON.stringify(entry.event),
			actorId: entry.actorId,
			deviceId: entry.deviceId ?? null
		},
		select: { id: true }
	});
	await storeOperation(tx, scoringScope(entry.opId, entry.actorId), response);
	return response;
}

/**
 * Carries out one referee operation (see the module comment). `user` must be the referee
 * assigned to the match; the device becomes the match's controller when none is set.
 */
export async function applyOperation(db: Db, user: SessionUser, op: OperationInput): Promise<OperationResult> {
	let changed: string[] = [];
	let result: OperationResult & { ok: true };
	let folded: FoldedLog | undefined;
	let committed: MatchScoreRow | undefined;
	try {
		result = await db.$transaction(async (tx) => {
			const match = await tx.match.findUnique({ where: { id: op.matchId }, select: matchForWrite });
			if (!match) throw userError('NOT_FOUND', 'scoring.errors.match_not_found');
			if (match.refereeId !== user.id) throw userError('FORBIDDEN', 'scoring.errors.not_assigned');
			// A replayed operation always has an older base (it moved the version on), so the
			// stored response is looked up on this path only: no extra query on the hot path.
			if (match.version !== op.baseVersion) throw new StaleVersion();
			if (match.controllerId && match.controllerId !== op.deviceId) throw userError('FORBIDDEN', 'scoring.errors.read_only');
			if (match.status === 'bye' || match.status === 'cancelled') throw userError('BAD_REQUEST', 'scoring.errors.not_playable');
			const format = parseMatchFormat(JSON.parse(match.format));
			if (op.event.type === 'call' && format.sport !== 'dartsTotal' && (!match.entryAId || !match.entryBId)) {
				throw userError('BAD_REQUEST', 'scoring.errors.players_unknown');
			}
			const before = await foldedAt(tx, match, format);
			const after = appendEvent(before, op.event as LogEvent);
			const version = match.version + 1;
			const status = statusOf(after, match.status);
			const signedOff = after.phase === 'signedOff' && before.phase !== 'signedOff';
			const now = new Date();
			if (before.phase === 'called' && isWalkoverEvent(op.event as LogEvent)) {
				// a no-show only after the category's minutes since the call (the call room's rule)
				const category = await tx.category.findUniqueOrThrow({ where: { id: match.categoryId }, select: { code: true, format: true, formatConfig: true } });
				const check = noShowCheck({ status: 'called', calledAt: match.calledAt, now, noShowMinutes: categorySettings(category).config.noShowMinutes, advance: false });
				if (!check.ok) throw userError('CONFLICT', check.refusal.code, check.refusal.params);
			}
			const calledAt = op.event.type === 'call' ? now : match.calledAt;
			const summary = JSON.stringify(after.summary);
			const updated = await tx.match.updateMany({
				where: { id: match.id, version: match.version },
				data: {
					version,
					status,
					summary,
					updatedAt: now,
					controllerId: match.controllerId ?? op.deviceId,
					...(op.event.type === 'call' ? { calledAt } : {}),
					...(status === 'live' && !match.startedAt ? { startedAt: now } : {}),
					...(signedOff ? { finishedAt: now, winnerEntryId: winnerEntry(match, after.summary.winner) } : {})
				}
			});
			if (updated.count !== 1) throw new StaleVersion();
			const response = await recordOperation(tx, {
				opId: op.opId,
				matchId: match.id,
				version,
				status,
				summary: after.summary,
				event: op.event,
				actorId: user.id,
				deviceId: op.deviceId
			});
			await audit(tx, actorOf(user), {
				action: `match.${op.event.type}`,
				entity: 'Match',
				entityId: match.id,
				before: { version: match.version, status: match.status },
				after: { version, status, event: op.event, deviceId: op.deviceId },
				opId: op.opId
			});
			if (signedOff) changed = changedIds(await onMatchFinished(tx, match.id));
			// The row as this transaction leaves it, for the broadcast. Not after a sign-off:
			// the competition's progress may have changed the match again.
			else committed = { ...match, status, version, summary, updatedAt: now, calledAt };
			folded = after;
			return response;
		}, TX_OPTIONS);
	} catch (error) {
		const racedSameOp =
			error instanceof StaleVersion || (error as { code?: unknown } | null)?.code === 'P2002';
		if (racedSameOp) {
			// The same operation may have been carried out by a request that raced this one.
			const same = await storedResponse(db, op.opId, user.id);
			if (same) {
				// A replay usually means the first answer was lost — possibly because the process
				// that committed it died before broadcasting: send the match's current state again.
				broadcastLater(db, [op.matchId]);
				return same;
			}
		}
		if (error instanceof StaleVersion || (error as { code?: unknown } | null)?.code === 'P2002') {
			return { ok: false, reason: 'stale', opId: op.opId, match: await loadConsoleMatch(db, op.matchId) };
		}
		throw error;
	}
	if (folded) remember(result.matchId, result.version, result.status, folded);
	broadcastLater(db, [result.matchId, ...changed], committed && { id: result.matchId, row: committed });
	return result;
}

const sideSelect = {
	id: true,
	athlete: { select: { name: true, street: { select: { id: true, nameZh: true, nameEn: true } } } }
} satisfies Prisma.EntrySelect;

const consoleSelect = {
	id: true,
	code: true,
	stage: true,
	round: true,
	groupLabel: true,
	status: true,
	format: true,
	summary: true,
	version: true,
	entryAId: true,
	entryBId: true,
	players: true,
	controllerId: true,
	category: { select: { id: true, code: true, nameZh: true, nameEn: true } },
	venueTable: { select: { id: true, label: true, kind: true, venue: { select: { nameZh: true, nameEn: true } } } },
	referee: { select: { id: true, displayName: true } },
	events: { orderBy: { seq: 'asc' }, select: { seq: true, opId: true, event: true, createdAt: true } }
} satisfies Prisma.MatchSelect;

function parsePlayers(value: string): string[] {
	try {
		const parsed: unknown = JSON.parse(value);
		return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string') : [];
	} catch {
		return [];
	}
}

/** The console view of a match (no access check: callers check first). */
export async function loadConsoleMatch(db: Db | Tx, matchId: string): Promise<ConsoleMatch> {
	const match = await db.match.findUnique({ where: { id: matchId }, select: consoleSelect });
	if (!match) throw userError('NOT_FOUND', 'scoring.errors.match_not_found');
	const format = parseMatchFormat(JSON.parse(match.format));
	const playerIds = format.sport === 'dartsTotal' && Array.isArray(format.players)
		? (format.players as unknown[]).filter((v): v is string => typeof v === 'string')
		: parsePlayers(match.players);
	const ids = [match.entryAId, match.entryBId, ...playerIds].filter((id): id is string => Boolean(id));
	const entries = await db.entry.findMany({ where: { id: { in: ids } }, select: sideSelect });
	const side = (id: string | null): ConsoleSide | null => {
		const entry = entries.find((e) => e.id === id);
		return entry ? { entryId: entry.id, name: entry.athlete.name, street: entry.athlete.street } : null;
	};
	return {
		id: match.id,
		code: match.code,
		stage: match.stage,
		round: match.round,
		groupLabel: match.groupLabel,
		category: match.category,
		table: match.venueTable,
		format,
		status: match.status,
		version: match.version,
		summary: JSON.parse(match.summary) as Record<string, unknown>,
		sideA: side(match.entryAId),
		sideB: side(match.entryBId),
		players: playerIds.map(side).filter((s): s is ConsoleSide => s !== null),
		referee: match.referee,
		controllerId: match.controllerId,
		events: match.events.map(
			(e): StoredEvent => ({ seq: e.seq, opId: e.opId, event: JSON.parse(e.event) as LogEvent, at: e.createdAt.toISOString() })
		)
	};
}

/** The console view for `user`: the assigned referee or an organizer. */
export async function consoleMatchFor(db: Db, user: SessionUser, matchId: string): Promise<ConsoleMatch> {
	const match = await db.match.findUnique({ where: { id: matchId }, select: { refereeId: true, code: true, referee: { select: { displayName: true } } } });
	if (!match) throw userError('NOT_FOUND', 'scoring.errors.match_not_found');
	if (user.role !== 'organizer' && match.refereeId !== user.id) {
		// Say who scores it now (a staff display name, no personal data) and how to get it back.
		if (match.referee) throw userError('FORBIDDEN', 'scoring.errors.assigned_to_other', { code: match.code, referee: match.referee.displayName });
		throw userError('FORBIDDEN', 'scoring.errors.unassigned', { code: match.code });
	}
	return loadConsoleMatch(db, matchId);
}

const lineSelect = {
	id: true,
	code: true,
	status: true,
	format: true,
	slot: true,
	scheduledAt: true,
	entryAId: true,
	entryBId: true,
	category: { select: { code: true, nameZh: true, nameEn: true } },
	venueTable: { select: { id: true, label: true, kind: true, sortOrder: true } }
} satisfies Prisma.MatchSelect;

/**
 * A referee's matches in the order they are played: unfinished first, by time slot and
 * table; finished ones after. `tableId` narrows to one table (the table's QR code).
 */
export async function refereeMatches(db: Db, user: SessionUser, tableId?: string): Promise<RefereeMatchLine[]> {
	const rows = await db.match.findMany({
		where: { refereeId: user.id, status: { notIn: ['bye', 'cancelled'] }, ...(tableId ? { venueTableId: tableId } : {}) },
		select: lineSelect,
		orderBy: [{ slot: 'asc' }, { scheduledAt: 'asc' }, { round: 'asc' }, { position: 'asc' }, { createdAt: 'asc' }]
	});
	const ids = rows.flatMap((r) => [r.entryAId, r.entryBId]).filter((id): id is string => Boolean(id));
	const entries = await db.entry.findMany({ where: { id: { in: ids } }, select: { id: true, athlete: { select: { name: true } } } });
	const name = (id: string | null) => entries.find((e) => e.id === id)?.athlete.name ?? null;
	const done = (status: string) => status === 'finished' || status === 'walkover';
	const lines = rows.map((r) => {
		let sport = 'unknown';
		try {
			sport = String((JSON.parse(r.format) as { sport?: unknown }).sport ?? 'unknown');
		} catch {
			// a malformed format shows as unknown; the console explains when opened
		}
		return {
			id: r.id,
			code: r.code,
			status: r.status,
			sport,
			category: r.category,
			table: r.venueTable ? { id: r.venueTable.id, label: r.venueTable.label, kind: r.venueTable.kind } : null,
			sideA: name(r.entryAId),
			sideB: name(r.entryBId),
			scheduledAt: r.scheduledAt?.toISOString() ?? null,
			slot: r.slot
		};
	});
	return [...lines.filter((l) => !done(l.status)), ...lines.filter((l) => done(l.status))];
}

/** Organizer: releases a match's controlling device so another tablet can take over. Audited. */
export async function unlockMatch(db: Db, organizer: SessionUser, matchId: string, reason: string): Promise<void> {
	await db.$transaction(async (tx) => {
		const match = await tx.match.findUnique({ where: { id: matchId }, select: { controllerId: true } });
		if (!match) throw userError('NOT_FOUND', 'scoring.errors.match_not_found');
		await tx.match.update({ where: { id: matchId }, data: { controllerId: null } });
		await audit(tx, actorOf(organizer), {
			action: 'match.unlock',
			entity: 'Match',
			entityId: matchId,
			before: { controllerId: match.controllerId },
			after: { controllerId: null, reason }
		});
	}, TX_OPTIONS);
	broadcastLater(db, [matchId]);
}

/** Organizer: assigns (or clears) a match's referee. Audited. */
export async function assignReferee(db: Db, organizer: SessionUser, matchId: string, refereeId: string | null): Promise<void> {
	await db.$transaction(async (tx) => {
		const match = await tx.match.findUnique({ where: { id: matchId }, select: { refereeId: true } });
		if (!match) throw userError('NOT_FOUND', 'scoring.errors.match_not_found');
		if (refereeId) {
			const referee = await tx.user.findUnique({ where: { id: refereeId }, select: { role: true, active: true } });
			if (!referee || referee.role !== 'referee' || !referee.active) throw userError('BAD_REQUEST', 'scoring.errors.not_a_referee');
		}
		await tx.match.update({ where: { id: matchId }, data: { refereeId } });
		await audit(tx, actorOf(organizer), {
			action: 'match.assignReferee',
			entity: 'Match',
			entityId: matchId,
			before: { refereeId: match.refereeId },
			after: { refereeId }
		});
	}, TX_OPTIONS);
}

/**
 * Organizer: corrects a signed-off result with the sport's correction event (never an
 * overwrite: appended to the log, audited with the summary before and after). Idempotent by
 * `opId`. The competition's progress runs again with the corrected winner.
 */
export async function correctMatch(
	db: Db,
	organizer: SessionUser,
	input: { opId: string; matchId: string; baseVersion: number; event: CorrectionEvent }
): Promise<OperationResult> {
	const earlier = await storedResponse(db, input.opId, organizer.id);
	if (earlier) return earlier;
	let changed: string[] = [];
	let result: OperationResult & { ok: true };
	try {
		result = await db.$transaction(async (tx) => {
			const match = await tx.match.findUnique({ where: { id: input.matchId }, select: matchForWrite });
			if (!match) throw userError('NOT_FOUND', 'scoring.errors.match_not_found');
			if (match.version !== input.baseVersion) throw new StaleVersion();
			const format = parseMatchFormat(JSON.parse(match.format));
			const before = await foldedAt(tx, match, format);
			if (before.phase !== 'signedOff') throw userError('BAD_REQUEST', 'scoring.errors.correct_only_signed_off');
			const after = appendEvent(before, input.event as LogEvent);
			const version = match.version + 1;
			const status = statusOf(after, match.status);
			const updated = await tx.match.updateMany({
				where: { id: match.id, version: match.version },
				data: {
					version,
					status,
					summary: JSON.stringify(after.summary),
					winnerEntryId: winnerEntry(match, after.summary.winner)
				}
			});
			if (updated.count !== 1) throw new StaleVersion();
			const response = await recordOperation(tx, {
				opId: input.opId,
				matchId: match.id,
				version,
				status,
				summary: after.summary,
				event: input.event,
				actorId: organizer.id
			});
			await audit(tx, actorOf(organizer), {
				action: 'match.correction',
				entity: 'Match',
				entityId: match.id,
				before: { version: match.version, status: match.status, summary: before.summary },
				after: { version, status, summary: after.summary, event: input.event },
				opId: input.opId
			});
			changed = changedIds(await onMatchFinished(tx, match.id));
			return response;
		}, TX_OPTIONS);
	} catch (error) {
		if (error instanceof StaleVersion) {
			const same = await storedResponse(db, input.opId, organizer.id);
			if (same) return same;
			return { ok: false, reason: 'stale', opId: input.opId, match: await loadConsoleMatch(db, input.matchId) };
		}
		throw error;
	}
	broadcastLater(db, [result.matchId, ...changed]);
	return result;
}

/** Organizer: the matches list with referee, table, status and controlling device. */
export async function organizerMatches(db: Db, filter: { status?: string; categoryId?: string; take?: number }) {
	const rows = await db.match.findMany({
		where: {
			...(filter.status ? { status: filter.status } : { status: { notIn: ['bye'] } }),
			...(filter.categoryId ? { categoryId: filter.categoryId } : {})
		},
		orderBy: [{ slot: 'asc' }, { round: 'asc' }, { position: 'asc' }, { createdAt: 'asc' }],
		take: filter.take ?? 300,
		select: {
			id: true,
			code: true,
			status: true,
			version: true,
			controllerId: true,
			entryAId: true,
			entryBId: true,
			category: { select: { id: true, code: true, nameZh: true, nameEn: true } },
			venueTable: { select: { id: true, label: true, kind: true } },
			referee: { select: { id: true, displayName: true, username: true } }
		}
	});
	const ids = rows.flatMap((r) => [r.entryAId, r.entryBId]).filter((id): id is string => Boolean(id));
	const entries = await db.entry.findMany({ where: { id: { in: ids } }, select: { id: true, athlete: { select: { name: true } } } });
	const name = (id: string | null) => entries.find((e) => e.id === id)?.athlete.name ?? null;
	return rows.map(({ entryAId, entryBId, ...r }) => ({ ...r, sideA: name(entryAId), sideB: name(entryBId), locked: r.controllerId !== null }));
}
