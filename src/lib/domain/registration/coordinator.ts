/**
 * What a street coordinator may do to an entry in which state of its category. The rule lives
 * here, not in the router: the coordinator console, the import and any later screen ask it.
 *
 * - While registration is open and the category is open, a coordinator approves, returns and
 *   withdraws their street's entries.
 * - Once registration has closed (the window ended, or the organizer closed the category), the
 *   entry list is the organizer's: a coordinator's change would alter what the draw is built
 *   from, so it is refused with a message that says to ask the organizer.
 * - Once the category is drawn (drawn, published or finished), a withdrawal must go through the
 *   draw itself (the organizer's withdrawal turns the player's open matches into walkovers), so
 *   a coordinator's write is refused with a message that says so.
 */

/** The coordinator's writes on an entry. */
export type CoordinatorWrite = 'approve' | 'return' | 'withdraw';

/** Category statuses in which a draw exists. */
export const DRAWN_STATUSES: readonly string[] = ['drawn', 'published', 'finished'];

/** Why a coordinator's write is refused (a message code of registrationMessages). */
export interface CoordinatorRefusal {
	code: 'coordinator.category_drawn' | 'coordinator.registration_closed';
	params: Record<string, string | number>;
}

/**
 * Decides whether a coordinator may make `write` on an entry of a category in `state`; null
 * when allowed, else the refusal (whom to ask is in its message). `categoryCode` only fills
 * the message.
 */
export function coordinatorMay(
	write: CoordinatorWrite,
	state: { registrationOpen: boolean; categoryStatus: string; categoryCode: string }
): CoordinatorRefusal | null {
	void write; // every coordinator write follows the same rule today; kept so a later one can differ
	if (DRAWN_STATUSES.includes(state.categoryStatus)) {
		return { code: 'coordinator.category_drawn', params: { category: state.categoryCode } };
	}
	if (!state.registrationOpen || state.categoryStatus !== 'open') {
		return { code: 'coordinator.registration_closed', params: { category: state.categoryCode } };
	}
	return null;
}

/**
 * Whether an athlete (or family) may withdraw their own entry online: only while its category
 * still takes entries. Once the category is closed or drawn, the withdrawal is the organizers'
 * (after a draw it must make walkovers), so it is refused with a message that says to ask them.
 */
export function athleteMayWithdraw(state: { categoryStatus: string; categoryCode: string }): {
	code: 'athlete.withdraw_closed';
	params: Record<string, string | number>;
} | null {
	if (state.categoryStatus === 'open') return null;
	return { code: 'athlete.withdraw_closed', params: { category: state.categoryCode } };
}
