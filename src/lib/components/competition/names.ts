/** Small helpers shared by the competition components (display only, no rules). */
import type { CategoryView, EntryView } from '$lib/server/competition/views';
import { DEFAULT_TIME_ZONE, formatTime } from '$lib/i18n/time';

export type View = NonNullable<CategoryView>;
export type Entries = Record<string, EntryView>;

/** The athlete's name of an entry id, with a fallback. */
export function nameOf(entries: Entries, id: string | null | undefined, fallback: string): string {
	if (!id) return fallback;
	return entries[id]?.name ?? fallback;
}

/** The i18n key and params of a bracket round's name (final, semi-finals, round of 16 …). */
export function roundName(rounds: number, round: number): { key: string; params: Record<string, number> } {
	if (round === rounds) return { key: 'competition.view.round.final', params: {} };
	if (round === rounds - 1) return { key: 'competition.view.round.semiFinal', params: {} };
	if (round === rounds - 2) return { key: 'competition.view.round.quarterFinal', params: {} };
	return { key: 'competition.view.round.roundOf', params: { players: 2 ** (rounds - round + 1) } };
}

/** Date-time text of an ISO time on the edition's clock (`i18n.timeZone`), whatever the server's or reader's. */
export function timeText(iso: string | null, locale: string, timeZone: string = DEFAULT_TIME_ZONE): string {
	return formatTime(iso, { locale, timeZone, style: 'dateTime' });
}
