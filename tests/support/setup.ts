/**
 * `setup()` for integration tests: a migrated database with the base seed, and callers that
 * go through the real tRPC router as a given person. Factories create staff accounts.
 */
import { afterAll, beforeAll, describe } from 'vitest';
import { createTestDatabase, unavailableReason, type TestDatabase } from './database';
import { createCaller } from '../../src/lib/server/trpc/router';
import { createContextInner, type Context } from '../../src/lib/server/trpc/context';
import { seedBase } from '../../src/lib/server/db/seed';
import { hashPassword } from '../../src/lib/server/auth/password';
import type { Role, SessionUser } from '../../src/lib/roles';
import type { Locale } from '../../src/lib/i18n';

export interface TestContext {
	database: TestDatabase;
	/** A caller as `user` (null = a spectator), in `locale`. */
	caller(user?: SessionUser | null, options?: { locale?: Locale; address?: string; session?: Context['session'] }): ReturnType<typeof createCaller>;
	/** Creates a staff account and returns it as the session sees it. */
	createUser(role: Role, options?: { username?: string; password?: string; streetCode?: string; mustChangePassword?: boolean }): Promise<SessionUser>;
}

let counter = 0;

/**
 * Declares the suite for this file's database. Skips the whole suite with a message when the
 * database is not available here (PostgreSQL without TEST_DATABASE_URL outside CI).
 */
export function describeWithDatabase(name: string, body: (ctx: () => TestContext) => void): void {
	const reason = unavailableReason();
	if (reason) {
		if (process.env.CI) throw new Error(`${reason} (required in CI)`);
		console.warn(reason);
		describe.skip(name, () => body(() => {
			throw new Error(reason);
		}));
		return;
	}
	let context: TestContext | undefined;
	beforeAll(async () => {
		const database = await createTestDatabase();
		await seedBase(database.db);
		context = {
			database,
			caller: (user = null, options = {}) =>
				createCaller(createContextInner({ db: database.db, user, ...options })),
			async createUser(role, options = {}) {
				const username = options.username ?? `${role}${++counter}`;
				const street = options.streetCode
					? await database.db.street.findUniqueOrThrow({ where: { code: options.streetCode } })
					: null;
				const row = await database.db.user.create({
					data: {
						username,
						displayName: username,
						role,
						streetId: street?.id ?? null,
						passwordHash: await hashPassword(options.password ?? 'correct horse battery'),
						mustChangePassword: options.mustChangePassword ?? false
					}
				});
				return {
					id: row.id,
					username: row.username,
					displayName: row.displayName,
					role,
					streetId: row.streetId,
					mustChangePassword: row.mustChangePassword
				};
			}
		};
	}, 60_000);
	afterAll(async () => {
		await context?.database.close();
	});
	describe(`${name} [${process.env.TEST_DB ?? 'sqlite'}]`, () =>
		body(() => {
			if (!context) throw new Error('the database is not ready');
			return context;
		})
	);
}
