/**
 * The tRPC context. `createContextInner` needs no HTTP request, so integration tests call
 * procedures through `createCaller` against a real database; `createContext` builds it from
 * a SvelteKit request (the `/api/trpc` route and server `load` functions).
 */
import type { Db } from '../db';
import type { Env } from '../env';
import type { Locale } from '$lib/i18n';
import type { SessionUser } from '$lib/roles';

export interface SessionControl {
	/** Puts a new session token into the caller's cookie (login, password change). */
	set(token: string, expiresAt: Date): void;
	/** Removes the session cookie (logout). */
	clear(): void;
	/** The session token the caller sent, if any. */
	token: string | undefined;
}

export interface Context {
	db: Db;
	env: Pick<Env, 'SESSION_HOURS'>;
	user: SessionUser | null;
	locale: Locale;
	/** The client's address, for rate limits (never logged with personal data). */
	address: string;
	session: SessionControl;
}

/** A context for tests and internal callers; unspecified parts get harmless defaults. */
export function createContextInner(
	options: Pick<Context, 'db'> & Partial<Omit<Context, 'db'>>
): Context {
	return {
		env: { SESSION_HOURS: 12 },
		user: null,
		locale: 'zh-CN',
		address: '127.0.0.1',
		session: { set() {}, clear() {}, token: undefined },
		...options
	};
}
