/**
 * tRPC's one `initTRPC` call: the error formatter and the base procedures per role. Routers
 * build on these; middleware narrows `ctx.user` so a role procedure always has a user.
 */
import { initTRPC, TRPCError } from '@trpc/server';
import type { Context } from './context';
import { userError } from './errors';
import { formatError } from './format';
import { errorFields, log } from '../log';
import { limits, type LimitName } from '../auth/limits';
import { RuleViolation } from '$lib/domain/errors';
import type { Role } from '$lib/roles';

const t = initTRPC.context<Context>().create({
	isDev: process.env.NODE_ENV === 'development',
	errorFormatter({ shape, error, ctx }) {
		const { key, message, fieldErrors } = formatError(error, ctx?.locale ?? 'zh-CN');
		return { ...shape, message, data: { ...shape.data, key, fieldErrors, stack: undefined } };
	}
});

/** Turns the domain's rule violations and Prisma's constraint errors into client errors. */
const errorMapping = t.middleware(async ({ next, path }) => {
	const result = await next();
	if (!result.ok) {
		const cause = result.error.cause;
		if (cause instanceof RuleViolation) {
			throw new TRPCError({ code: 'UNPROCESSABLE_CONTENT', message: cause.code, cause });
		}
		const prismaCode = (cause as { code?: unknown } | undefined)?.code;
		if (prismaCode === 'P2002') {
			const target = (cause as { meta?: { target?: unknown } }).meta?.target;
			throw userError('CONFLICT', 'errors.conflict', { field: String(Array.isArray(target) ? target.join(', ') : (target ?? '')) });
		}
		if (prismaCode === 'P2025') throw userError('NOT_FOUND', 'errors.not_found');
		if (result.error.code === 'INTERNAL_SERVER_ERROR') {
			log.error('procedure failed', { path, ...errorFields(cause ?? result.error) });
		}
	}
	return result;
});

/** True when a string anywhere in `value` holds a NUL character (no text field needs one). */
function containsNul(value: unknown, depth = 0): boolean {
	if (typeof value === 'string') return value.includes('\u0000');
	if (depth > 20 || value === null || typeof value !== 'object') return false;
	return Object.entries(value).some(([key, v]) => key.includes('\u0000') || containsNul(v, depth + 1));
}

/**
 * Refuses input with NUL characters before any procedure sees it: PostgreSQL cannot store them
 * in text, and no person types one, so it is always a broken client or an attack.
 */
const noNulCharacters = t.middleware(async ({ getRawInput, next }) => {
	if (containsNul(await getRawInput())) throw userError('BAD_REQUEST', 'errors.invalid_characters');
	return next();
});

/**
 * Limits how often one caller (by `keyOf`: an address or a user) may call a procedure: the
 * named limit of auth/limits.ts, one point taken before the procedure runs, so every item of
 * a batch and every concurrent call counts, valid or not. Used for registration and uploads
 * (login and athlete look-ups take their points in their own code, after input validation).
 */
export function rateLimit(name: LimitName, keyOf: (ctx: Context) => string) {
	return t.middleware(async ({ ctx, next }) => {
		const taken = await limits().get(name).take(keyOf(ctx));
		if (!taken.ok) throw userError('TOO_MANY_REQUESTS', 'errors.rate_limited', { seconds: taken.retryAfterSeconds });
		return next();
	});
}

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Anyone, without logging in (spectators, athletes registering). */
export const publicProcedure = t.procedure.use(errorMapping).use(noNulCharacters);

/** Any logged-in person. A one-time password must be changed before anything else. */
export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
	if (!ctx.user) throw userError('UNAUTHORIZED', 'errors.unauthorized');
	return next({ ctx: { ...ctx, user: ctx.user } });
});

/** A logged-in person with one of `roles` who has set their own password. */
export function roleProcedure(...roles: Role[]) {
	return authedProcedure.use(({ ctx, next }) => {
		if (!roles.includes(ctx.user.role)) throw userError('FORBIDDEN', 'errors.forbidden');
		if (ctx.user.mustChangePassword) throw userError('FORBIDDEN', 'auth.must_change_password');
		return next({ ctx });
	});
}

export const organizerProcedure = roleProcedure('organizer');
export const refereeProcedure = roleProcedure('referee');
export const jurorProcedure = roleProcedure('juror');

/** A street coordinator; `ctx.streetId` is their street, the only one they may see. */
export const coordinatorProcedure = roleProcedure('coordinator').use(({ ctx, next }) => {
	if (!ctx.user.streetId) throw userError('FORBIDDEN', 'errors.forbidden');
	return next({ ctx: { ...ctx, streetId: ctx.user.streetId } });
});
