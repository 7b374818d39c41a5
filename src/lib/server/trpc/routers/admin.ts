/** The organizer's dashboard and staff accounts. */
import { z } from 'zod';
import { text } from '$lib/schemas/text';
import type { Prisma } from '../../db/generated/sqlite/client';
import { organizerProcedure, router } from '../init';
import { userError } from '../errors';
import { usernameSchema } from './auth';
import { audit } from '../../audit';
import { generatePassword, hashPassword } from '../../auth/password';
import { deleteUserSessions } from '../../auth/session';
import { failedLogins, unlockLogin } from '../../auth/service';
import { ROLES } from '$lib/roles';

const userSelect = {
	id: true,
	username: true,
	displayName: true,
	role: true,
	active: true,
	lastLoginAt: true,
	street: { select: { id: true, nameZh: true, nameEn: true } }
} satisfies Prisma.UserSelect;

const actorOf = (user: { id: string; username: string }) => ({ id: user.id, label: `user:${user.username}` });

export const adminRouter = router({
	/** Counts for the dashboard and the most recent audit records. */
	dashboard: organizerProcedure.query(async ({ ctx }) => {
		const [streets, sports, venues, tables, users, audits] = await Promise.all([
			ctx.db.street.count(),
			ctx.db.sport.count(),
			ctx.db.venue.count(),
			ctx.db.venueTable.count(),
			ctx.db.user.groupBy({ by: ['role'], _count: { _all: true } }),
			ctx.db.auditLog.findMany({
				orderBy: { at: 'desc' },
				take: 20,
				select: { id: true, at: true, actorLabel: true, action: true, entity: true }
			})
		]);
		return {
			counts: { streets, sports, venues, tables },
			usersByRole: Object.fromEntries(users.map((u) => [u.role, u._count._all])),
			audits: audits.map((a) => ({ ...a, at: a.at.toISOString() }))
		};
	}),

	users: router({
		list: organizerProcedure.query(async ({ ctx }) => {
			const users = await ctx.db.user.findMany({ orderBy: [{ role: 'asc' }, { username: 'asc' }], select: userSelect });
			const failed = await Promise.all(users.map((u) => failedLogins(u.username)));
			return users.map((u, i) => ({ ...u, lastLoginAt: u.lastLoginAt?.toISOString() ?? null, failedLogins: failed[i] ?? 0 }));
		}),

		/** Creates a staff account with a one-time password, returned once for handing over. */
		create: organizerProcedure
			.input(
				z
					.object({
						username: usernameSchema,
						displayName: text().min(1, 'validation.display_name').max(40, 'validation.display_name'),
						role: z.enum(ROLES),
						streetId: z.string().min(1).max(40).nullish()
					})
					.refine((v) => v.role !== 'coordinator' || Boolean(v.streetId), {
						message: 'validation.street_required',
						path: ['streetId']
					})
			)
			.mutation(async ({ ctx, input }) => {
				if (input.streetId && !(await ctx.db.street.findUnique({ where: { id: input.streetId } }))) {
					throw userError('NOT_FOUND', 'errors.not_found');
				}
				const password = generatePassword();
				const user = await ctx.db.$transaction(async (tx) => {
					const created = await tx.user.create({
						data: {
							username: input.username,
							displayName: input.displayName,
							role: input.role,
							streetId: input.role === 'coordinator' || input.role === 'juror' ? (input.streetId ?? null) : null,
							passwordHash: await hashPassword(password),
							mustChangePassword: true
						},
						select: userSelect
					});
					await audit(tx, actorOf(ctx.user), {
						action: 'user.create',
						entity: 'User',
						entityId: created.id,
						after: { username: created.username, role: created.role, streetId: created.street?.id ?? null }
					});
					return created;
				});
				return { user: { ...user, lastLoginAt: null }, oneTimePassword: password };
			}),

		/**
		 * Lets a person whose logins are blocked (someone guessed at their account) sign in again
		 * at once from every address; audited.
		 */
		unlock: organizerProcedure.input(z.object({ userId: z.string().min(1).max(40) })).mutation(async ({ ctx, input }) => {
			const user = await ctx.db.user.findUnique({ where: { id: input.userId }, select: { id: true, username: true } });
			if (!user) throw userError('NOT_FOUND', 'errors.not_found');
			const before = { failedLogins: await failedLogins(user.username) };
			await unlockLogin(user.username);
			await audit(ctx.db, actorOf(ctx.user), { action: 'user.unlock', entity: 'User', entityId: user.id, before, after: { failedLogins: 0 } });
			return { username: user.username };
		}),

		/** Deactivating ends the person's sessions at once. */
		setActive: organizerProcedure
			.input(z.object({ userId: z.string().min(1).max(40), active: z.boolean() }))
			.mutation(async ({ ctx, input }) => {
				if (input.userId === ctx.user.id) throw userError('FORBIDDEN', 'errors.forbidden');
				await ctx.db.$transaction(async (tx) => {
					const before = await tx.user.findUniqueOrThrow({ where: { id: input.userId }, select: { active: true } });
					await tx.user.update({ where: { id: input.userId }, data: { active: input.active } });
					await audit(tx, actorOf(ctx.user), {
						action: input.active ? 'user.activate' : 'user.deactivate',
						entity: 'User',
						entityId: input.userId,
						before,
						after: { active: input.active }
					});
				});
				if (!input.active) await deleteUserSessions(ctx.db, input.userId);
				return { ok: true as const };
			})
	})
});
