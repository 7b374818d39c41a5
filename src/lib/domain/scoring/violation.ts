/**
 * Builds the `RuleViolation` every scoring engine throws. The English fallback message is
 * taken from the message catalogue, so the log text and the screen text never drift apart.
 */

import { RuleViolation } from '../errors';
import { fillMessage, scoringMessages, type ScoringErrorCode } from './messages';

/** The error for `code`, with its English text filled from `params`; engines `throw` it. */
export function violation(
	code: ScoringErrorCode,
	params: Record<string, string | number> = {}
): RuleViolation {
	return new RuleViolation(code, fillMessage(scoringMessages[code].en, params), params);
}
