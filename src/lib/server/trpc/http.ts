/** Builds the tRPC context from a SvelteKit request: the `/api/trpc` route and server loads. */
import type { RequestEvent } from '@sveltejs/kit';
import { getApp } from '../app';
import { SESSION_COOKIE } from '../auth/session';
import { createCaller } from './router';
import type { Context } from './context';

/** The context for the request's user, locale and session cookie. */
export async function contextFromEvent(event: RequestEvent): Promise<Context> {
	const { db, env } = await getApp();
	const secure = event.url.protocol === 'https:';
	return {
		db,
		env,
		user: event.locals.user,
		locale: event.locals.locale,
		address: event.getClientAddress(),
		session: {
			token: event.cookies.get(SESSION_COOKIE),
			set(token, expiresAt) {
				event.cookies.set(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure, expires: expiresAt });
			},
			clear() {
				event.cookies.delete(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure });
			}
		}
	};
}

/** An in-process tRPC caller for the request (used by `load` functions and form actions). */
export async function callerFor(event: RequestEvent) {
	return createCaller(await contextFromEvent(event));
}
