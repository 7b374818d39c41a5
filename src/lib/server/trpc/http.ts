/** Builds the tRPC context from a SvelteKit request: the `/api/trpc` route and server loads. */
import { error, type RequestEvent } from '@sveltejs/kit';
import { TRPCError } from '@trpc/server';
import type { Locale } from '$lib/i18n';
import { formatError, httpStatusOf } from './format';
import { getApp } from '../app';
import { SESSION_COOKIE } from '../auth/session';
import { appRouter, createCaller } from './router';
import { MAX_BATCH_ITEMS } from '../../apiLimits';
import type { Context } from './context';

/**
 * The options of the `/api/trpc` handler that do not depend on the request; the route and the
 * adversarial tests use the same object, so the batch cap tested is the one served.
 */
export const trpcHandlerOptions = { endpoint: '/api/trpc', router: appRouter, maxBatchSize: MAX_BATCH_ITEMS } as const;

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

/**
 * An in-process caller for `load` functions: a procedure's refusal (not found, forbidden, a
 * rule of the games, bad input) becomes SvelteKit's error page with the refusal's own status
 * and translated message, never a 500. Server faults (5xx) are thrown as they are. Form
 * actions keep `callerFor`, whose TRPCErrors they turn into `fail` themselves.
 */
export async function loadCaller(event: RequestEvent) {
	return refusalsAsErrorPages(await callerFor(event), event.locals.locale);
}

/** Wraps tRPC's caller proxy so that every procedure call maps its refusals (see `loadCaller`). */
function refusalsAsErrorPages<T extends object>(target: T, locale: Locale): T {
	return new Proxy(target, {
		get(object, key) {
			// `await`ing the caller must not look for a `then` procedure.
			if (key === 'then') return undefined;
			const value = Reflect.get(object, key) as unknown;
			return typeof value === 'function' || (typeof value === 'object' && value !== null) ? refusalsAsErrorPages(value, locale) : value;
		},
		async apply(fn, thisArg, args: unknown[]) {
			try {
				return await Reflect.apply(fn as (...a: unknown[]) => unknown, thisArg, args);
			} catch (cause) {
				throw refusalAsHttpError(cause, locale);
			}
		}
	});
}

/** A procedure's refusal as SvelteKit's HttpError (status and message a person can act on). */
export function refusalAsHttpError(cause: unknown, locale: Locale): unknown {
	if (!(cause instanceof TRPCError)) return cause;
	const status = httpStatusOf(cause);
	if (status >= 500) return cause;
	const { key, message } = formatError(cause, locale);
	try {
		error(status, { message, key: key ?? undefined });
	} catch (httpError) {
		return httpError;
	}
	return cause;
}
