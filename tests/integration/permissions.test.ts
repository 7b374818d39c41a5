import { TRPCError } from '@trpc/server';
import { expect, it } from 'vitest';
import { describeWithDatabase } from '../support/setup';
import { callPath, listProcedures } from '../support/procedures';
import type { SessionUser } from '../../src/lib/roles';

type Who = 'public' | 'organizer' | 'coordinator' | 'referee' | 'juror';
const everyone: Who[] = ['public', 'organizer', 'coordinator', 'referee', 'juror'];
const staff: Who[] = ['organizer', 'coordinator', 'referee', 'juror'];

/**
 * Who may call what, by role. Finer rules — a coordinator only for their own street, a referee
 * only for the matches assigned to them, an athlete only with their reference code and ID
 * number, a juror never for works of their own street — are tested with data in
 * registration.test.ts, scoring.test.ts and art-jury.test.ts.
 * A procedure missing here fails the test: every new procedure must be classified.
 */
const policy: Array<[pattern: RegExp, allowed: Who[]]> = [
	[/^(games|live)\.(?!setPointsTable)/, everyone],
	[/^art\.gallery\./, everyone],
	[/^competition\.(categories|category|venues|schedule\.print)$/, everyone],
	[/^auth\.(me|login)$/, everyone],
	[/^auth\.(logout|changePassword)$/, staff],
	[/^registration\.(form|check|submit)$/, everyone],
	[/^registration\.athlete\./, everyone],
	[/^registration\.street\./, ['coordinator']],
	[/^registration\.checkin\./, ['organizer', 'referee']],
	[/^registration\.(programme|entries)\./, ['organizer']],
	[/^art\.entries\./, ['organizer', 'coordinator']],
	[/^art\.jury\./, ['juror']],
	[/^art\.admin\./, ['organizer']],
	[/^scoring\.(myMatches|submit)$/, ['referee']],
	[/^scoring\.match$/, ['organizer', 'referee']],
	[/^scoring\.admin\./, ['organizer']],
	[/^competition\.(draws|schedule)\./, ['organizer']],
	[/^live\.setPointsTable$/, ['organizer']],
	[/^admin\./, ['organizer']],
	[/^callroom\.board$/, everyone],
	[/^callroom\.(callNext|noShow)$/, ['organizer', 'referee']],
	[/^callroom\.(absences|absencePanel|announceAbsence|withdrawAbsence)$/, ['organizer']]
];

function expectedFor(path: string): Who[] | undefined {
	return policy.find(([pattern]) => pattern.test(path))?.[1];
}

describeWithDatabase('the permissions matrix', (ctx) => {
	it('classifies every procedure of the API', () => {
		const unclassified = listProcedures().map((p) => p.path).filter((path) => !expectedFor(path));
		expect(unclassified).toEqual([]);
	});

	it('allows each procedure to exactly the roles in the policy and refuses everyone else', async () => {
		const people: Record<Who, SessionUser | null> = {
			public: null,
			organizer: await ctx().createUser('organizer'),
			coordinator: await ctx().createUser('coordinator', { streetCode: 'S01' }),
			referee: await ctx().createUser('referee'),
			juror: await ctx().createUser('juror', { streetCode: 'S02' })
		};
		const mismatches: string[] = [];
		for (const procedure of listProcedures()) {
			const expected = expectedFor(procedure.path) ?? [];
			for (const who of everyone) {
				// No valid input: a permitted caller is stopped by validation (400) or gets data,
				// a refused one by the role check (401/403), which runs before validation.
				let refused = false;
				try {
					await callPath(ctx().caller(people[who]), procedure.path, undefined);
				} catch (error) {
					refused = error instanceof TRPCError && (error.code === 'UNAUTHORIZED' || error.code === 'FORBIDDEN');
				}
				if (refused === expected.includes(who)) {
					mismatches.push(`${procedure.path}: ${who} was ${refused ? 'refused' : 'allowed'}`);
				}
			}
		}
		expect(mismatches).toEqual([]);
	});

	it('refuses a person who still has a one-time password, whatever their role allows', async () => {
		const fresh = await ctx().createUser('organizer', { mustChangePassword: true });
		await expect(ctx().caller(fresh).admin.users.list()).rejects.toMatchObject({ code: 'FORBIDDEN' });
		await expect(ctx().caller(fresh).registration.entries.overview()).rejects.toMatchObject({ code: 'FORBIDDEN' });
	});
});

describeWithDatabase('rate limits on registration and uploads', (ctx) => {
	it('refuses the 21st registration attempt from one address within 15 minutes, whatever its content', async () => {
		const caller = ctx().caller(null, { address: '203.0.113.77', locale: 'en' });
		for (let i = 0; i < 20; i++) {
			await expect(caller.registration.submit({} as never)).rejects.not.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
		}
		await expect(caller.registration.submit({} as never)).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS', message: 'errors.rate_limited' });
		await expect(ctx().caller(null, { address: '203.0.113.78' }).registration.submit({} as never)).rejects.not.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
	});

	it('refuses a 31st art upload by one person within 15 minutes', async () => {
		const coordinator = await ctx().createUser('coordinator', { streetCode: 'S03' });
		const caller = ctx().caller(coordinator);
		for (let i = 0; i < 30; i++) {
			await expect(caller.art.entries.submit({} as never)).rejects.not.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
		}
		await expect(caller.art.entries.submit({} as never)).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
	});
});
