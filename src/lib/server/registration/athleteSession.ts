/**
 * The athlete's "signed in with reference code + ID number" state for the /entry pages: a
 * sealed, httpOnly cookie (the numbers inside are encrypted), valid for two hours.
 */
import type { Cookies } from '@sveltejs/kit';
import { seal, unseal } from './seal';

const COOKIE = 'dg_entry';
const TTL = 2 * 3_600_000;

export interface AthleteCredentials {
	referenceCode: string;
	residentId: string;
}

export function rememberAthlete(cookies: Cookies, credentials: AthleteCredentials, secure: boolean): void {
	cookies.set(COOKIE, seal('athlete-session', credentials, TTL), { path: '/entry', httpOnly: true, sameSite: 'lax', secure, maxAge: TTL / 1000 });
}

export function athleteCredentials(cookies: Cookies): AthleteCredentials | null {
	return unseal<AthleteCredentials>('athlete-session', cookies.get(COOKIE));
}

export function forgetAthlete(cookies: Cookies): void {
	cookies.delete(COOKIE, { path: '/entry' });
}
