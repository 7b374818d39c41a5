import { isRedirect, redirect, type Handle, type HandleServerError, type ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { getApp, startApp, stopApp } from '$lib/server/app';
import { EnvError } from '$lib/server/env';
import { DatabaseStartupError } from '$lib/server/db';
import { SESSION_COOKIE, validateSession } from '$lib/server/auth/session';
import { attachRealtime, detachRealtime } from '$lib/server/realtime/io';
import { LOCALE_COOKIE, toLocale, translate } from '$lib/i18n';
import { errorFields, log } from '$lib/server/log';
import { compressResponse } from '$lib/server/http/compress';
import { observeRequest, serveMetrics } from '$lib/server/ops/metrics';

/** Start-up: environment, database, seed, realtime. A bad configuration stops the process. */
export const init: ServerInit = async () => {
	try {
		await startApp();
	} catch (error) {
		if (error instanceof EnvError || error instanceof DatabaseStartupError) {
			console.error(`\nThe app cannot start.\n${error.message}\n`);
			process.exit(1);
		}
		throw error;
	}
	attachRealtime();
	// server.js calls these on SIGTERM/SIGINT: first close the long-lived Socket.IO connections,
	// then, once the requests in flight have finished, the database.
	(globalThis as Record<symbol, unknown>)[Symbol.for('district-games.shutdown')] = {
		closeConnections: detachRealtime,
		stop: stopApp
	};
	(globalThis as Record<symbol, unknown>)[Symbol.for('district-games.serveMetrics')] = serveMetrics;
};

/** Paths a person with a one-time password may still reach. */
const passwordChangePaths = ['/account', '/logout', '/language'];

/** Largest body accepted for JSON (tRPC) and ordinary form posts; file uploads have their own limit. */
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Refuses an oversized body before anyone reads it: JSON and ordinary forms may be at most
 * 1 MB (declared length; tRPC calls must declare it). Multipart uploads are bounded by
 * adapter-node's BODY_SIZE_LIMIT and their form actions' own per-file checks.
 */
function bodyTooLarge(request: Request, path: string): 411 | 413 | null {
	if (request.method === 'GET' || request.method === 'HEAD') return null;
	if ((request.headers.get('content-type') ?? '').startsWith('multipart/form-data')) return null;
	const declared = request.headers.get('content-length');
	if (declared === null) return path.startsWith('/api/trpc') && request.body ? 411 : null;
	return Number(declared) > MAX_BODY_BYTES ? 413 : null;
}

/** Times every request the app answers, by route (the `dg_http_request_duration_seconds` metric). */
const timing: Handle = async ({ event, resolve }) => {
	const started = performance.now();
	let status = 500;
	try {
		const response = await resolve(event);
		status = response.status;
		return response;
	} catch (error) {
		if (isRedirect(error)) status = error.status;
		throw error;
	} finally {
		observeRequest(event.request.method, event.route.id, status, performance.now() - started);
	}
};

const app: Handle = async ({ event, resolve }) => {
	event.locals.locale = toLocale(event.cookies.get(LOCALE_COOKIE));
	const refusal = bodyTooLarge(event.request, event.url.pathname);
	if (refusal) {
		return new Response(JSON.stringify({ error: { message: translate(event.locals.locale, 'errors.payload_too_large') } }), {
			status: refusal,
			headers: { 'content-type': 'application/json', connection: 'close' }
		});
	}
	const { db } = await getApp();
	event.locals.user = await validateSession(db, event.cookies.get(SESSION_COOKIE));

	const path = event.url.pathname;
	if (event.locals.user?.mustChangePassword && !passwordChangePaths.some((p) => path.startsWith(p)) && !path.startsWith('/_app') && !path.startsWith('/api/')) {
		redirect(303, '/account/password');
	}

	const response = await resolve(event, {
		transformPageChunk: ({ html }) => html.replace('%lang%', event.locals.locale)
	});
	response.headers.set('x-content-type-options', 'nosniff');
	response.headers.set('referrer-policy', 'strict-origin-when-cross-origin');
	response.headers.set('permissions-policy', 'camera=(self), microphone=(), geolocation=()');
	return compressResponse(event.request, response);
};

export const handle: Handle = sequence(timing, app);

/** Unexpected errors: logged without request data, answered with a message a person can act on. */
export const handleError: HandleServerError = ({ error, event, status }) => {
	if (status !== 404) log.error('unexpected error', { status, route: event.route.id, ...errorFields(error) });
	const locale = event.locals.locale ?? 'zh-CN';
	return { message: translate(locale, status === 404 ? 'notFound.title' : 'error.body') };
};
