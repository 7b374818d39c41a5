/**
 * Shapes of the order of play. Times are real instants in epoch milliseconds (UTC); a match
 * lasts its category's configured minutes. A `slot` is only a label derived from a time on the
 * venue's grid (`slotOf`), never a second source of truth.
 */

/**
 * Where a match stands for the scheduler:
 * - `open`: not placed yet;
 * - `placed`: placed but not published — the scheduler may keep or move it;
 * - `published`: its time was published — it moves only when the organizer allows it, never
 *   earlier than the published time;
 * - `fixed`: finished, live or called, or a placed match of another venue: it never moves and
 *   occupies its table, its athletes and its referee.
 */
export type MatchState = 'open' | 'placed' | 'published' | 'fixed';

/** A match as the scheduler and the checker see it. */
export type SchedMatch = {
	id: string;
	/** athlete ids of both sides (doubles partners and multi-player formats too); may be empty
	 *  for a knockout match whose players come from earlier matches */
	players: readonly string[];
	/** minutes the match takes (the category's `matchMinutes`) */
	durationMinutes: number;
	/** the kind of table the sport needs ('table', 'board', 'lane'); any kind when absent */
	kind?: string;
	/** matches that must have finished before this one starts (bracket feeders, the group stage
	 *  before the knockout, Swiss round n before round n + 1) */
	dependsOn?: readonly string[];
	/** larger goes first among matches ready at the same time (default 0) */
	priority?: number;
	/** the tables it may use; any table of its kind when absent */
	tables?: readonly string[];
	/** the match's own referee; when absent the table's referee takes it */
	refereeId?: string | null;
	state: MatchState;
	/** a fixed match being played ('live') or called to its table ('called') right now: it holds
	 *  its table, athletes and referee until its expected end (`expectedEnd`), which moves with
	 *  `ScheduleRules.now` while it overruns */
	running?: 'live' | 'called';
	/** where and when it is (placed, published, fixed); `end` only for fixed matches that ran
	 *  longer (live and overrunning) or ended at a known instant */
	placement?: { tableId: string; start: number; end?: number };
};

/** A table, board or lane. */
export type SchedTable = {
	id: string;
	name: string;
	kind: string;
	refereeId?: string | null;
	/** broken or closed: no match may be placed on it (fixed ones stay where they were) */
	outOfUse?: boolean;
};

/** A period in which matches may be played (a session of a competition day), [start, end). */
export type Window = { start: number; end: number };

/** The rules every placement keeps. */
export type ScheduleRules = {
	/** minutes an athlete rests between two matches (also across sports) */
	restMinutes: number;
	/** the rest also applies after a match this one depends on (default true: the winner
	 *  plays on) */
	restAfterDependencies?: boolean;
	/** when given, a movable match must lie entirely inside one of these sessions */
	windows?: readonly Window[];
	/** the present (ms): a running match is expected to go on at least until
	 *  now + `overrunMinutes` (and a called one, not started yet, for its whole duration) */
	now?: number;
	/** minutes a running, overrunning match is still expected to take; the planners use a
	 *  margin (default `OVERRUN_MARGIN_MINUTES`), the conflicts panel 1 (busy at least now) */
	overrunMinutes?: number;
};

/** Minutes an overrunning live match is expected to go on when the rules do not say. */
export const OVERRUN_MARGIN_MINUTES = 10;

/** A match on a table from `start` to `end` (ms) with the referee it has there. */
export type Placement = {
	matchId: string;
	tableId: string;
	start: number;
	end: number;
	refereeId: string | null;
};

/** Kinds of rule a placement breaks. */
export type ConflictCode =
	| 'schedule.unknown_table'
	| 'schedule.table_wrong_kind'
	| 'schedule.table_not_allowed'
	| 'schedule.table_out_of_use'
	| 'schedule.outside_session'
	| 'schedule.table_double_booked'
	| 'schedule.athlete_double_booked'
	| 'schedule.insufficient_rest'
	| 'schedule.referee_double_booked'
	| 'schedule.dependency_order'
	| 'schedule.dependency_rest'
	| 'schedule.dependency_missing'
	| 'schedule.move_fixed'
	| 'schedule.move_in_past'
	| 'schedule.move_published_earlier';

/** One broken rule with the matches involved; `params` fill the message (ids and `time` in ms
 *  are replaced by names and local times by the layer that shows them). */
export type Conflict = {
	code: ConflictCode;
	matchIds: string[];
	athleteId?: string;
	tableId?: string;
	refereeId?: string;
	params: Record<string, string | number>;
};

/** Why a match could not be placed. */
export type UnscheduledCode =
	| 'schedule.unknown_dependency'
	| 'schedule.dependency_cycle'
	| 'schedule.dependency_unscheduled'
	| 'schedule.no_allowed_table'
	| 'schedule.no_capacity';

/** A match left out, with a message code and its parameters. */
export type Unscheduled = {
	matchId: string;
	code: UnscheduledCode;
	params: Record<string, string | number>;
};

/** A match that changes place or time (or loses its place): what the organizer confirms and
 *  what athletes, referees and tables are told. */
export type Move = {
	matchId: string;
	published: boolean;
	from: Placement | null;
	to: Placement | null;
};
