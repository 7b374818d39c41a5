/**
 * Shapes the scoring procedures return and the referee console reads (server and browser).
 * JSON-safe: dates are ISO strings.
 */
import type { LogEvent, MatchFormat } from '$lib/domain/scoring/matchLog';

export interface ConsoleSide {
	entryId: string;
	name: string;
	street: { id: string; nameZh: string; nameEn: string };
}

/** One stored log entry: `seq` is the match version after it. */
export interface StoredEvent {
	seq: number;
	opId: string;
	event: LogEvent;
	at: string;
}

/** Everything the referee console needs to show and to score a match. */
export interface ConsoleMatch {
	id: string;
	code: string;
	stage: string;
	round: number;
	groupLabel: string | null;
	category: { id: string; code: string; nameZh: string; nameEn: string };
	table: { id: string; label: string; kind: string; venue: { nameZh: string; nameEn: string } } | null;
	format: MatchFormat;
	status: string;
	version: number;
	summary: Record<string, unknown>;
	sideA: ConsoleSide | null;
	sideB: ConsoleSide | null;
	/** Players of a multi-player flight (darts total score), in start-list order. */
	players: ConsoleSide[];
	referee: { id: string; displayName: string } | null;
	/** The device that controls scoring; another device is read-only. */
	controllerId: string | null;
	events: StoredEvent[];
}

/** The server's answer to one operation. */
export type OperationResult =
	| {
			ok: true;
			/** True when the operation id had already been carried out: nothing was written. */
			duplicate: boolean;
			opId: string;
			matchId: string;
			seq: number;
			version: number;
			status: string;
			summary: Record<string, unknown>;
	  }
	| {
			ok: false;
			/** The operation was based on an older version: nothing was written. */
			reason: 'stale';
			opId: string;
			match: ConsoleMatch;
	  };

/** One line of a referee's list of matches. */
export interface RefereeMatchLine {
	id: string;
	code: string;
	status: string;
	sport: string;
	category: { code: string; nameZh: string; nameEn: string };
	table: { id: string; label: string; kind: string } | null;
	sideA: string | null;
	sideB: string | null;
	scheduledAt: string | null;
	slot: number | null;
}
