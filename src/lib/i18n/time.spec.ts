import { afterEach, describe, expect, it } from 'vitest';
import { formatTime, fromZonedInput, isSelectableTimeZone, isTimeZone, offsetLabel, timeZoneNames, toZonedInput, zonedDate, zoneOffsetMs } from './time';

const serverZone = process.env.TZ;
afterEach(() => {
	if (serverZone === undefined) delete process.env.TZ;
	else process.env.TZ = serverZone;
});

describe('one clock', () => {
	const instant = '2030-05-01T01:30:00.000Z'; // 09:30 in Beijing

	it('shows the same Beijing time whatever the server’s time zone is', () => {
		const seen = ['UTC', 'America/New_York', 'Asia/Tokyo'].map((tz) => {
			process.env.TZ = tz;
			return [
				formatTime(instant, { locale: 'zh-CN', timeZone: 'Asia/Shanghai', style: 'time' }),
				formatTime(instant, { locale: 'en', timeZone: 'Asia/Shanghai', style: 'seconds' }),
				toZonedInput(instant, 'Asia/Shanghai'),
				fromZonedInput('2030-05-01T09:30', 'Asia/Shanghai')?.toISOString()
			];
		});
		expect(seen).toEqual(Array.from({ length: 3 }, () => ['09:30', '09:30:00', '2030-05-01T09:30', instant]));
	});

	it('uses the edition’s zone when it is another one, daylight saving included', () => {
		expect(formatTime(instant, { locale: 'en', timeZone: 'Europe/Berlin', style: 'time' })).toBe('03:30');
		expect(fromZonedInput('2030-05-01T03:30', 'Europe/Berlin')?.toISOString()).toBe(instant);
		expect(fromZonedInput('2030-01-15T09:00', 'Europe/Berlin')?.toISOString()).toBe('2030-01-15T08:00:00.000Z');
		expect(zoneOffsetMs(new Date(instant), 'Asia/Shanghai')).toBe(8 * 3_600_000);
	});

	it('gives the local date at the venue, which is a day ahead of UTC late in the evening', () => {
		expect(zonedDate('2030-05-01T17:00:00Z', 'Asia/Shanghai')).toBe('2030-05-02');
		expect(zonedDate('2030-05-01T15:59:00Z', 'Asia/Shanghai')).toBe('2030-05-01');
	});

	it('takes a typed time with an explicit offset as it is and refuses what is not a time', () => {
		expect(fromZonedInput('2030-05-01T09:30:00+08:00', 'Europe/Berlin')?.toISOString()).toBe(instant);
		expect(fromZonedInput('tomorrow', 'Asia/Shanghai')).toBeNull();
		expect(formatTime(null, { locale: 'en', timeZone: 'Asia/Shanghai' })).toBe('');
	});

	it('knows which time zone names are real', () => {
		expect(isTimeZone('Asia/Shanghai')).toBe(true);
		expect(isTimeZone('Mars/Olympus')).toBe(false);
	});

	it('offers the IANA zones (and UTC) for the edition and refuses anything else', () => {
		const names = timeZoneNames();
		expect(names).toContain('Asia/Shanghai');
		expect(names).toContain('America/New_York');
		expect(names).toContain('UTC');
		expect(isSelectableTimeZone('Asia/Shanghai')).toBe(true);
		expect(isSelectableTimeZone('UTC')).toBe(true);
		expect(isSelectableTimeZone('Mars/Olympus')).toBe(false);
		expect(isSelectableTimeZone('')).toBe(false);
		// an offset text is a valid Intl zone but not a place: the edition names a place
		expect(isSelectableTimeZone('+08:00')).toBe(false);
	});

	it('labels a zone with its offset at a given moment, daylight saving included', () => {
		expect(offsetLabel('Asia/Shanghai', new Date(instant))).toBe('UTC+08:00');
		expect(offsetLabel('America/New_York', new Date('2030-01-15T12:00:00Z'))).toBe('UTC-05:00');
		expect(offsetLabel('America/New_York', new Date(instant))).toBe('UTC-04:00');
		expect(offsetLabel('Asia/Kathmandu', new Date(instant))).toBe('UTC+05:45');
	});
});
