/**
 * One clock for the whole app. Instants are stored in UTC; every time the app shows, prints or
 * exports is on the edition's time zone (Asia/Shanghai by default), and every time an organizer
 * types into a date-time field is read on that clock — whatever the server's or the reader's
 * `TZ`. Pure (Intl only): the server, the browser and the exports share it.
 */

/** The games' time zone when the edition sets none (Beijing: UTC+8, no daylight saving). */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** How a time is written: short date and time, long date and time, date, time, time with seconds. */
export type TimeStyle = 'dateTime' | 'long' | 'date' | 'time' | 'seconds';

const STYLES: Record<TimeStyle, Intl.DateTimeFormatOptions> = {
	dateTime: { dateStyle: 'short', timeStyle: 'short' },
	long: { dateStyle: 'long', timeStyle: 'short' },
	date: { dateStyle: 'medium' },
	time: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
	seconds: { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }
};

/** True for a time zone name the runtime knows (validates the edition's setting). */
export function isTimeZone(value: string): boolean {
	try {
		new Intl.DateTimeFormat('en', { timeZone: value });
		return true;
	} catch {
		return false;
	}
}

/**
 * The time zone names an organizer may choose for the edition: the runtime's IANA list
 * (`Intl.supportedValuesOf('timeZone')`) plus 'UTC', which that list leaves out. The programme
 * page offers these and the server accepts only these.
 */
export function timeZoneNames(): string[] {
	const names = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [DEFAULT_TIME_ZONE];
	return names.includes('UTC') ? [...names] : [...names, 'UTC'];
}

/** True for a name of `timeZoneNames()` (the edition's setting is validated with it). */
export function isSelectableTimeZone(value: string): boolean {
	return timeZoneNames().includes(value) && isTimeZone(value);
}

/** The offset of a zone now as the organizer reads it ("UTC+08:00"), beside its name in the list. */
export function offsetLabel(timeZone: string, at: Date = new Date()): string {
	const minutes = Math.round(zoneOffsetMs(at, timeZone) / 60_000);
	const sign = minutes < 0 ? '-' : '+';
	const abs = Math.abs(minutes);
	return `UTC${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

function toDate(value: string | Date | null | undefined): Date | null {
	if (value === null || value === undefined || value === '') return null;
	const date = value instanceof Date ? value : new Date(value);
	return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * Writes an instant on the edition's clock in the reader's language; '' for no time. Every
 * time display of the app goes through here (pages, print, exports, certificates).
 */
export function formatTime(value: string | Date | null | undefined, options: { locale: string; timeZone: string; style?: TimeStyle }): string {
	const date = toDate(value);
	if (!date) return '';
	return new Intl.DateTimeFormat(options.locale, { ...STYLES[options.style ?? 'dateTime'], timeZone: options.timeZone }).format(date);
}

/** The wall-clock fields of an instant in a time zone. */
function wallClock(date: Date, timeZone: string): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit'
	}).formatToParts(date);
	const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? '0');
	return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

/** The offset of a time zone from UTC at an instant, in milliseconds (Beijing: +8 h). */
export function zoneOffsetMs(date: Date, timeZone: string): number {
	const w = wallClock(date, timeZone);
	return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(date.getTime() / 1000) * 1000;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The local date (YYYY-MM-DD) of an instant on the edition's clock (e.g. "today" at the venue). */
export function zonedDate(value: string | Date, timeZone: string): string {
	const date = toDate(value);
	if (!date) return '';
	const w = wallClock(date, timeZone);
	return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

/** The value of an `<input type="datetime-local">` (YYYY-MM-DDTHH:mm) showing an instant on the edition's clock. */
export function toZonedInput(value: string | Date | null | undefined, timeZone: string): string {
	const date = toDate(value);
	if (!date) return '';
	const w = wallClock(date, timeZone);
	return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * Reads what an organizer typed into a datetime-local field (YYYY-MM-DDTHH:mm[:ss], no zone)
 * as a time on the edition's clock and returns the instant; null when it is not such a text.
 * A text that already carries an offset or Z is taken as it is.
 */
export function fromZonedInput(text: string, timeZone: string): Date | null {
	const trimmed = text.trim();
	const m = LOCAL.exec(trimmed);
	if (!m) {
		if (!/(Z|[+-]\d{2}:\d{2})$/.test(trimmed)) return null;
		return toDate(trimmed);
	}
	const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
	const wall = Date.UTC(y, mo - 1, d, h, mi, Number.isNaN(s) ? 0 : s);
	// the offset at the guessed instant, then again at the result (a daylight-saving edge)
	let instant = wall - zoneOffsetMs(new Date(wall), timeZone);
	instant = wall - zoneOffsetMs(new Date(instant), timeZone);
	const result = new Date(instant);
	return Number.isNaN(result.getTime()) ? null : result;
}
