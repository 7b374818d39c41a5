/** Logging in and out, who am I, and changing one's password. */
import { z } from 'zod';
import { TRPCError } from '@trpc/server';
import { authedProcedure, publicProcedure, router } from '../init';
import { userError } from '../errors';
import { changePassword, login, logout, passwordContextWords } from '../../auth/service';
import { passwordWeakness } from '../../auth/strength';

export const usernameSchema = z
	.string()
	.trim()
	.toLowerCase()
	.regex(/^[a-z0-9_.-]{3,40}$/, 'validation.username');
/**
 * A new staff password: at least 10 characters and hard to guess (auth/strength.ts) with the
 * app's own words; `changePassword` checks again with the person's and the edition's words.
 */
export const newPasswordSchema = z
	.string()
	.min(10, 'validation.password_length')
	.max(200)
	.superRefine((password, issues) => {
		if (password.length < 10) return;
		const weakness = passwordWeakness(password);
		if (weakness) issues.addIssue({ code: 'custom', message: weakness });
	});

export const authRouter = router({
	/** The logged-in person, or null for spectators. */
	me: publicProcedure.query(({ ctx }) => ctx.user),

	login: publicProcedure
		.input(z.object({ username: z.string().trim().min(1, 'validation.required').max(40), password: z.string().min(1, 'validation.required').max(200) }))
		.mutation(async ({ ctx, input }) => {
			const result = await login(
				ctx.db,
				{ ...input, address: ctx.address, previousToken: ctx.session.token },
				ctx.env.SESSION_HOURS
			);
			if (!result.ok) {
				if (result.code === 'auth.rate_limited') {
					const seconds = result.retryAfterSeconds;
					const minutes = Math.ceil(seconds / 60);
					if (result.scope === 'network') throw userError('TOO_MANY_REQUESTS', 'auth.network_locked', { minutes });
					if (result.scope === 'busy') throw userError('TOO_MANY_REQUESTS', 'auth.account_busy', { seconds });
					if (seconds >= 120) throw userError('TOO_MANY_REQUESTS', 'auth.locked_minutes', { minutes });
					throw userError('TOO_MANY_REQUESTS', 'auth.rate_limited', { seconds });
				}
				throw userError('UNAUTHORIZED', result.code);
			}
			ctx.session.set(result.token, result.expiresAt);
			return result.user;
		}),

	logout: authedProcedure
		.input(z.object({ everywhere: z.boolean().default(false) }).default({ everywhere: false }))
		.mutation(async ({ ctx, input }) => {
			await logout(ctx.db, ctx.session.token, ctx.user, input.everywhere);
			ctx.session.clear();
			return { ok: true as const };
		}),

	changePassword: authedProcedure
		.input(z.object({ current: z.string().min(1, 'validation.required').max(200), next: newPasswordSchema }))
		.mutation(async ({ ctx, input }) => {
			const weakness = passwordWeakness(input.next, await passwordContextWords(ctx.db, ctx.user));
			if (weakness) {
				// Shown beside the new-password field, like the schema's own checks.
				throw new TRPCError({ code: 'BAD_REQUEST', message: weakness, cause: new z.ZodError([{ code: 'custom', path: ['next'], message: weakness, input: undefined }]) });
			}
			const result = await changePassword(ctx.db, ctx.user, input, ctx.env.SESSION_HOURS);
			if (!result.ok) throw userError('BAD_REQUEST', result.code);
			ctx.session.set(result.token, result.expiresAt);
			return { ok: true as const };
		})
});
