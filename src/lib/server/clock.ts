/**
 * The edition's clock on the server: the current edition's time zone (Edition.timeZone,
 * default Asia/Shanghai), read once every 30 seconds at most. Pages get it from the root
 * layout; exports and printed documents format their times with it (see `$lib/i18n/time`).
 */
import type { Db } from './db';
import { DEFAULT_TIME_ZONE, formatTime, fromZonedInput, isTimeZone, type TimeStyle } from '$lib/i18n/time';

let cached: { at: number; zone: string } | null = null;
const TTL_MS = 30_000;

/** The current edition's time zone (a known IANA name, else the default). */
export async function editionTimeZone(db: Pick<Db, 'edition'>): Promise<string> {
	if (cached && Date.now() - cached.at < TTL_MS) return cached.zone;
	const edition = await db.edition.findFirst({ where: { current: true }, select: { timeZone: true } });
	const zone = edition && isTimeZone(edition.timeZone) ? edition.timeZone : DEFAULT_TIME_ZONE;
	cached = { at: Date.now(), zone };
	return zone;
}

/** Forgets the cached zone (after the organizer changes it, and in tests). */
export function forgetTimeZone(): void {
	cached = null;
}

/** A formatter on the edition's clock for server-side output (exports, print, certificates). */
export async function serverClock(db: Pick<Db, 'edition'>, locale: string) {
	const timeZone = await editionTimeZone(db);
	return {
		timeZone,
		format: (value: string | Date | null | undefined, style: TimeStyle = 'dateTime') => formatTime(value, { locale, timeZone, style }),
		parse: (text: string) => fromZonedInput(text, timeZone)
	};
}
