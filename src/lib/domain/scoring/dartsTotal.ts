/**
 * Darts total-score format for mass participation: every player throws a fixed number of
 * rounds of three darts (on any board, in any order), and the field is ranked by total.
 * Ties are broken by the highest single round, then by a bull throw-off whose result the
 * referee enters as the finishing order of the tied players.
 *
 * One state holds a whole flight (or event) of N players, so the leaderboard is one fold of
 * one event log. Same `init` / `apply` / `summary` shape as the match engines; `winner` is
 * a player id instead of a side.
 */

import { isPossibleTurnTotal, MAX_TURN } from './checkout';
import { assertReason, isIntIn, unknownEvent } from './types';
import { violation } from './violation';

/** The competition format. */
export interface DartsTotalFormat {
	/** Rounds of three darts each player throws. */
	rounds: number;
	/** Entry (player) ids of the flight, in start-list order. */
	players: string[];
	/**
	 * Ties on places up to this rank must be settled by a bull throw-off before the flight
	 * is finished (default 3: the medal places). Lower ties share their rank.
	 */
	throwOffPlaces?: number;
}

/** Everything a referee or scorer can record. */
export type DartsTotalEvent =
	/** One round (three darts) of a player; `round` (1-based) guards against double entry. */
	| { type: 'round'; player: string; scored: number; round?: number }
	/** Result of a bull throw-off: exactly the players of one tie, best first. */
	| { type: 'throwOff'; order: string[] }
	/** The player leaves the competition; their rounds stay on record but are not ranked. */
	| { type: 'withdraw'; player: string }
	/** Audited correction of a round already entered. */
	| { type: 'correction'; player: string; round: number; scored: number; reason: string };

/** One player's entries. */
export interface DartsTotalEntry {
	readonly id: string;
	readonly rounds: readonly number[];
	readonly withdrawn: boolean;
}

/** A correction as recorded for the audit trail. */
export interface DartsTotalCorrection {
	readonly player: string;
	readonly round: number;
	readonly from: number;
	readonly to: number;
	readonly reason: string;
}

/** The engine's state: plain, serialisable data, never changed in place. */
export interface DartsTotalState {
	readonly format: { readonly rounds: number; readonly throwOffPlaces: number };
	readonly entries: readonly DartsTotalEntry[];
	readonly throwOffs: readonly (readonly string[])[];
	readonly corrections: readonly DartsTotalCorrection[];
}

/** One line of a ranking. */
export interface RankedTotal {
	id: string;
	total: number;
	/** Highest single round (the first tie-break). */
	best: number;
	/** 1-based; tied players share a rank (1, 2, 2, 4). */
	rank: number;
	/** Shares its rank with another player (no throw-off has separated them). */
	tied: boolean;
}

/** A leaderboard line with the player's progress. */
export interface DartsTotalStanding extends Omit<RankedTotal, 'rank'> {
	/** null for a withdrawn player. */
	rank: number | null;
	roundsThrown: number;
	rounds: number[];
	withdrawn: boolean;
}

/** The leaderboard. */
export interface DartsTotalSummary {
	/** All rounds thrown (or players withdrawn) and every required throw-off entered. */
	finished: boolean;
	/** The sole first place once finished, else null. */
	winner: string | null;
	/** Every player has thrown every round (or withdrawn): throw-offs may now be entered. */
	allRoundsThrown: boolean;
	standings: DartsTotalStanding[];
	/** Ties that still need a bull throw-off, each a list of player ids. */
	pendingThrowOffs: string[][];
	/** Rounds still to be thrown over the whole field. */
	roundsLeft: number;
	corrections: DartsTotalCorrection[];
}

const sum = (values: readonly number[]) => values.reduce((s, v) => s + v, 0);

/**
 * Ranks players by total, then highest single round, then the result of a throw-off among
 * exactly the tied players (the latest one entered counts). Used by this engine's summary
 * and by the standings layer for total-score events. O(n log n + t·n) for t throw-offs.
 */
export function rankTotals(
	entries: ReadonlyArray<{ id: string; rounds: readonly number[] }>,
	throwOffs: ReadonlyArray<readonly string[]> = []
): RankedTotal[] {
	const lines = entries.map((e) => ({
		id: e.id,
		total: sum(e.rounds),
		best: e.rounds.length === 0 ? 0 : Math.max(...e.rounds)
	}));
	lines.sort((x, y) => y.total - x.total || y.best - x.best);
	const ranked: RankedTotal[] = [];
	let i = 0;
	while (i < lines.length) {
		const head = lines[i];
		if (!head) break;
		let j = i + 1;
		while (j < lines.length && lines[j]?.total === head.total && lines[j]?.best === head.best) j++;
		const group = lines.slice(i, j);
		const ids = new Set(group.map((g) => g.id));
		const decider =
			group.length > 1
				? [...throwOffs]
						.reverse()
						.find((t) => t.length === ids.size && t.every((id) => ids.has(id)))
				: undefined;
		if (decider) {
			group.sort((x, y) => decider.indexOf(x.id) - decider.indexOf(y.id));
			group.forEach((g, k) => ranked.push({ ...g, rank: i + k + 1, tied: false }));
		} else {
			for (const g of group) ranked.push({ ...g, rank: i + 1, tied: group.length > 1 });
		}
		i = j;
	}
	return ranked;
}

/** Opens a flight; validates the format. Called when the organizer starts the event. */
export function init(format: DartsTotalFormat): DartsTotalState {
	if (!isIntIn(format.rounds, 1, 100)) {
		throw violation('dartsTotal.invalid_format', { field: 'rounds' });
	}
	const players = format.players;
	if (
		!Array.isArray(players) ||
		players.length === 0 ||
		players.some((p) => typeof p !== 'string' || p === '') ||
		new Set(players).size !== players.length
	) {
		throw violation('dartsTotal.invalid_format', { field: 'players' });
	}
	const throwOffPlaces = format.throwOffPlaces ?? 3;
	if (!isIntIn(throwOffPlaces, 0, 10_000)) {
		throw violation('dartsTotal.invalid_format', { field: 'throwOffPlaces' });
	}
	return {
		format: { rounds: format.rounds, throwOffPlaces },
		entries: players.map((id) => ({ id, rounds: [], withdrawn: false })),
		throwOffs: [],
		corrections: []
	};
}

function entryOf(state: DartsTotalState, player: unknown): DartsTotalEntry {
	const entry = state.entries.find((e) => e.id === player);
	if (!entry) throw violation('dartsTotal.unknown_player', { player: String(player) });
	return entry;
}

function checkScore(scored: unknown): number {
	if (!isIntIn(scored, 0, MAX_TURN)) {
		throw violation('darts.invalid_score', { scored: String(scored) });
	}
	if (!isPossibleTurnTotal(scored)) throw violation('darts.impossible_score', { scored });
	return scored;
}

function replaceEntry(state: DartsTotalState, next: DartsTotalEntry): DartsTotalState {
	return { ...state, entries: state.entries.map((e) => (e.id === next.id ? next : e)) };
}

function allRoundsThrown(state: DartsTotalState): boolean {
	return state.entries.every((e) => e.withdrawn || e.rounds.length >= state.format.rounds);
}

function ranking(state: DartsTotalState): RankedTotal[] {
	return rankTotals(
		state.entries.filter((e) => !e.withdrawn),
		state.throwOffs
	);
}

/** Groups of players still tied (same rank), each in ranking order. */
function tiedGroups(ranked: readonly RankedTotal[]): RankedTotal[][] {
	const groups = new Map<number, RankedTotal[]>();
	for (const r of ranked) {
		if (!r.tied) continue;
		groups.set(r.rank, [...(groups.get(r.rank) ?? []), r]);
	}
	return [...groups.values()];
}

/**
 * Applies one event and returns the new state; throws `RuleViolation` for an event the
 * format does not allow (a round too many, a throw-off that is not a tie, …). Pure.
 */
export function apply(state: DartsTotalState, event: DartsTotalEvent): DartsTotalState {
	switch (event.type) {
		case 'round': {
			const entry = entryOf(state, event.player);
			if (entry.withdrawn) throw violation('dartsTotal.withdrawn', { player: entry.id });
			if (entry.rounds.length >= state.format.rounds) {
				throw violation('dartsTotal.rounds_complete', {
					player: entry.id,
					rounds: state.format.rounds
				});
			}
			const expected = entry.rounds.length + 1;
			if (event.round !== undefined && event.round !== expected) {
				throw violation('dartsTotal.wrong_round', {
					player: entry.id,
					round: String(event.round),
					expected
				});
			}
			const scored = checkScore(event.scored);
			return replaceEntry(state, { ...entry, rounds: [...entry.rounds, scored] });
		}
		case 'withdraw': {
			const entry = entryOf(state, event.player);
			if (entry.withdrawn) throw violation('dartsTotal.withdrawn', { player: entry.id });
			return replaceEntry(state, { ...entry, withdrawn: true });
		}
		case 'throwOff': {
			if (!allRoundsThrown(state)) throw violation('dartsTotal.throw_off_not_due');
			const order = event.order;
			const groups = tiedGroups(ranking(state));
			const matches =
				Array.isArray(order) &&
				new Set(order).size === order.length &&
				groups.some((g) => g.length === order.length && g.every((r) => order.includes(r.id)));
			if (!matches) {
				throw violation('dartsTotal.throw_off_group', {
					players: Array.isArray(order) ? order.join(', ') : String(order)
				});
			}
			return { ...state, throwOffs: [...state.throwOffs, [...order]] };
		}
		case 'correction': {
			assertReason(event.reason);
			const entry = entryOf(state, event.player);
			const from = isIntIn(event.round, 1, entry.rounds.length)
				? entry.rounds[event.round - 1]
				: undefined;
			if (from === undefined) {
				throw violation('dartsTotal.correction_round', {
					player: entry.id,
					round: String(event.round)
				});
			}
			const to = checkScore(event.scored);
			const rounds = entry.rounds.map((r, k) => (k === event.round - 1 ? to : r));
			const next = replaceEntry(state, { ...entry, rounds });
			const reason = event.reason.trim();
			const correction = { player: entry.id, round: event.round, from, to, reason };
			return { ...next, corrections: [...state.corrections, correction] };
		}
		default:
			return unknownEvent(event);
	}
}

/** The leaderboard of the flight: ranks, progress, pending throw-offs, and the winner. */
export function summary(state: DartsTotalState): DartsTotalSummary {
	const ranked = ranking(state);
	const byId = new Map(ranked.map((r) => [r.id, r]));
	const complete = allRoundsThrown(state);
	const pending = complete
		? tiedGroups(ranked)
				.filter((g) => (g[0]?.rank ?? Infinity) <= state.format.throwOffPlaces)
				.map((g) => g.map((r) => r.id))
		: [];
	const entryById = new Map(state.entries.map((e) => [e.id, e]));
	const standings: DartsTotalStanding[] = [
		...ranked.map((r) => {
			const entry = entryById.get(r.id) as DartsTotalEntry;
			return {
				...r,
				roundsThrown: entry.rounds.length,
				rounds: [...entry.rounds],
				withdrawn: false
			};
		}),
		...state.entries
			.filter((e) => !byId.has(e.id))
			.map((e) => ({
				id: e.id,
				total: sum(e.rounds),
				best: e.rounds.length === 0 ? 0 : Math.max(...e.rounds),
				rank: null,
				tied: false,
				roundsThrown: e.rounds.length,
				rounds: [...e.rounds],
				withdrawn: true
			}))
	];
	const finished = complete && pending.length === 0;
	const first = ranked[0];
	const winner =
		finished && first && !first.tied && first.rank === 1 ? first.id : null;
	const roundsLeft = state.entries
		.filter((e) => !e.withdrawn)
		.reduce((s, e) => s + (state.format.rounds - e.rounds.length), 0);
	return {
		finished,
		winner,
		allRoundsThrown: complete,
		standings,
		pendingThrowOffs: pending,
		roundsLeft,
		corrections: [...state.corrections]
	};
}
