/**
 * What happens in the competition when a match ends: the winner moves to the next knockout
 * match, a finished group sends its qualifiers on, a complete Swiss round allows the next,
 * and a finished category gets its final placings. Called by the scoring service inside the
 * transaction that records the match's last event.
 */
import type { Db } from '../db';

type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

export async function onMatchFinished(_tx: Tx, _matchId: string): Promise<void> {
	// Filled in by the draws/competition work (issue 4).
}
