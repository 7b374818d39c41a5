/**
 * One line of text for a logged scoring event ("Point 王芳", "李强 60", "Undo"), for the
 * console's "last entry" line, the list of operations a conflict discarded, and the
 * organizer's log view.
 */
import type { LogEvent } from '$lib/domain/scoring/matchLog';

type T = (key: string, params?: Record<string, string | number>) => string;

/** `names` maps 'A'/'B' (and total-score entry ids) to display names. */
export function describeEvent(event: LogEvent, names: Record<string, string>, t: T): string {
	const name = (side: unknown) => names[String(side)] ?? String(side);
	switch (event.type) {
		case 'call':
			return t('scoring.console.call');
		case 'start':
			return t('scoring.console.present');
		case 'undo':
			return t('scoring.console.undo');
		case 'signoff':
			return t('scoring.console.signoff');
		case 'point':
			return t('scoring.console.pointFor', { name: name(event.side) });
		case 'timeout':
			return t('scoring.console.timeout', { name: name(event.side) });
		case 'walkover':
			return t('scoring.console.absent', { name: name(event.absent) });
		case 'retire':
			return t('scoring.console.retire', { name: name(event.side) });
		case 'card':
			return event.card === 'yellow'
				? t('scoring.console.yellow', { name: name(event.side) })
				: event.card === 'yellowRed'
					? t('scoring.console.yellowRed', { name: name(event.side) })
					: t('ui.tt.card.red') + ' ' + name(event.side);
		case 'turn':
			return `${name(event.side)} ${String(event.scored)}`;
		case 'round':
			return `${name(event.player)} ${String(event.scored)}`;
		case 'bullOff':
			return t('scoring.darts.bullOff', { name: name(event.winner) });
		case 'result':
			return t(`ui.xq.outcome.${String(event.outcome)}`);
		case 'withdraw':
			return `${t('ui.dartsTotal.withdrawn')} ${name(event.player)}`;
		case 'correction':
			return `${t('ui.corrected')}: ${String(event.reason ?? '')}`;
		default:
			return event.type;
	}
}
