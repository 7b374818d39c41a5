/**
 * Quotas, limits and the registration window: pure checks shared by the tRPC procedures,
 * the registration forms and the Excel import, so all three accept and refuse the same
 * entries.
 *
 * Decisions:
 * - Times are epoch milliseconds (numbers): no parsing and no time-zone ambiguity inside
 *   the core; the server converts its Date values with getTime(). `now` is always an input.
 * - The window is half-open: open from `opensAt` (inclusive) until `closesAt` (exclusive),
 *   so "closes at 18:00" refuses an entry at 18:00:00.000. A missing/null bound is open.
 * - A missing/null quota or limit means "unlimited".
 * - Single checks return a Problem or null; `validateEntrySelection` returns every problem.
 */

import { checkEligibility, type AthleteFacts, type EligibilityRule } from './eligibility';
import type { Problem } from './problem';

/**
 * Checks whether a street may add `adding` entries to a category that admits `quota`
 * entries per street and already holds `currentCount` of theirs. Codes:
 * quota.street_full (no place left), quota.street_exceeded (some places, not enough).
 */
export function checkStreetQuota(input: {
	quota: number | null | undefined;
	currentCount: number;
	adding: number;
}): Problem | null {
	const { quota, currentCount, adding } = input;
	if (quota === null || quota === undefined || adding <= 0) return null;
	const remaining = Math.max(0, quota - currentCount);
	if (adding <= remaining) return null;
	if (remaining === 0) return { code: 'quota.street_full', params: { quota, currentCount } };
	return { code: 'quota.street_exceeded', params: { quota, currentCount, remaining, adding } };
}

/**
 * Checks the per-athlete event limit ("each athlete enters at most two events"): the
 * athlete has `currentEvents` active entries and wants `adding` more. Code: quota.event_limit.
 */
export function checkEventLimit(input: {
	maxEventsPerAthlete: number | null | undefined;
	currentEvents: number;
	adding: number;
}): Problem | null {
	const { maxEventsPerAthlete: max, currentEvents: current, adding } = input;
	if (max === null || max === undefined || adding <= 0) return null;
	if (current + adding <= max) return null;
	return {
		code: 'quota.event_limit',
		params: { max, current, adding, remaining: Math.max(0, max - current) }
	};
}

/** The registration window; epoch milliseconds, null/undefined = no bound. */
export interface RegistrationWindow {
	opensAt?: number | null;
	closesAt?: number | null;
}

/**
 * Checks that `now` (epoch ms) lies in the window [opensAt, closesAt). Codes:
 * window.not_open (params.opensAt), window.closed (params.closesAt); the params are epoch
 * ms for the page to format in the reader's time zone.
 */
export function checkRegistrationWindow(input: RegistrationWindow & { now: number }): Problem | null {
	const { opensAt, closesAt, now } = input;
	if (opensAt !== null && opensAt !== undefined && now < opensAt) {
		return { code: 'window.not_open', params: { opensAt } };
	}
	if (closesAt !== null && closesAt !== undefined && now >= closesAt) {
		return { code: 'window.closed', params: { closesAt } };
	}
	return null;
}

/** A category offered for registration, with the street's situation in it. */
export interface CategoryOffer {
	id: string;
	/** Display name, put into params.categoryName of problems (falls back to the id). */
	name?: string;
	rule: EligibilityRule;
	/** Entries admitted per street; null/undefined = unlimited. */
	streetQuota?: number | null;
	/** Active entries of the athlete's street in this category, not counting this request. */
	streetCount: number;
}

/** Everything `validateEntrySelection` needs; all facts are inputs. */
export interface EntrySelectionInput {
	athlete: AthleteFacts;
	/** Category ids the athlete (or their coordinator) wants to add now. */
	chosen: string[];
	/** Category ids of the athlete's active entries (withdrawn entries excluded). */
	alreadyEntered?: string[];
	/** The categories of the games (at least the chosen ones). */
	categories: CategoryOffer[];
	maxEventsPerAthlete?: number | null;
	/** Omit to skip the window check (e.g. an organizer entering late registrations). */
	window?: RegistrationWindow;
	/** Epoch ms. */
	now: number;
}

/** A problem of an entry request; `categoryId` is set when it concerns one category. */
export interface EntryProblem extends Problem {
	categoryId?: string;
}

/**
 * Validates a whole entry request for one athlete and returns every problem, so the form
 * (or the Excel import row) can show them all: window, nothing chosen, duplicate choice,
 * already entered, unknown category, eligibility per chosen category (eligibility.* codes
 * with params.categoryName added), per-athlete event limit, street quota per category.
 * Additional codes: entry.none_chosen, entry.duplicate, entry.already_entered,
 * entry.unknown_category. For a multi-row import the caller adds the rows already accepted
 * to `streetCount` and `alreadyEntered`. O(chosen + categories).
 */
export function validateEntrySelection(input: EntrySelectionInput): {
	ok: boolean;
	problems: EntryProblem[];
} {
	const problems: EntryProblem[] = [];
	const byId = new Map(input.categories.map((c) => [c.id, c]));
	const label = (id: string) => byId.get(id)?.name ?? id;

	if (input.window) {
		const windowProblem = checkRegistrationWindow({ ...input.window, now: input.now });
		if (windowProblem) problems.push(windowProblem);
	}
	if (input.chosen.length === 0) problems.push({ code: 'entry.none_chosen', params: {} });

	const entered = new Set(input.alreadyEntered ?? []);
	const seen = new Set<string>();
	const adding: CategoryOffer[] = [];
	for (const id of input.chosen) {
		if (seen.has(id)) {
			problems.push({ code: 'entry.duplicate', params: { categoryName: label(id) }, categoryId: id });
			continue;
		}
		seen.add(id);
		if (entered.has(id)) {
			problems.push({ code: 'entry.already_entered', params: { categoryName: label(id) }, categoryId: id });
			continue;
		}
		const offer = byId.get(id);
		if (!offer) {
			problems.push({ code: 'entry.unknown_category', params: { categoryId: id }, categoryId: id });
			continue;
		}
		adding.push(offer);
	}

	for (const offer of adding) {
		const result = checkEligibility(offer.rule, input.athlete);
		if (!result.eligible) {
			for (const reason of result.reasons) {
				problems.push({
					code: reason.code,
					params: { ...reason.params, categoryName: label(offer.id) },
					categoryId: offer.id
				});
			}
		}
	}

	const limit = checkEventLimit({
		maxEventsPerAthlete: input.maxEventsPerAthlete,
		currentEvents: entered.size,
		adding: adding.length
	});
	if (limit) problems.push(limit);

	for (const offer of adding) {
		const quota = checkStreetQuota({
			quota: offer.streetQuota,
			currentCount: offer.streetCount,
			adding: 1
		});
		if (quota) {
			problems.push({
				code: quota.code,
				params: { ...quota.params, categoryName: label(offer.id) },
				categoryId: offer.id
			});
		}
	}

	return { ok: problems.length === 0, problems };
}
