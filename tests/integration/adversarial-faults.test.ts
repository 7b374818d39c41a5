/**
 * Standing adversarial suite, faults and scale (issue #12): each test reproduces a finding —
 * a failing component, an upload bomb, a big street, a restore under a running app — and
 * failed before its fix. The process-level Redis test is in faults-redis.test.ts.
 */
import { expect, it } from 'vitest';
import { describeWithDatabase } from '../support/setup';
import { openDatabase } from '../../src/lib/server/db';
import { readiness } from '../../src/lib/server/ops/health';

describeWithDatabase('adversarial: faults and scale', (ctx) => {
	it('reports the database as failing (degraded, named) within about a second when it cannot be reached', async () => {
		const unreachable = await openDatabase('postgresql://postgres@127.0.0.1:1/nowhere', { migrate: false });
		try {
			const started = performance.now();
			const result = await readiness({ db: unreachable.db, provider: 'postgresql', redis: async () => 'off' });
			expect(performance.now() - started).toBeLessThan(2_000);
			expect(result).toMatchObject({ status: 'degraded', database: 'down', failing: ['database'] });
		} finally {
			await unreachable.close().catch(() => {});
		}
	});

	it('is ready when the database answers and every migration is applied, and names pending migrations', async () => {
		const { db, provider } = ctx().database;
		expect(await readiness({ db, provider, redis: async () => 'off' })).toEqual({
			status: 'ok',
			database: 'up',
			redis: 'off',
			migrations: 'current',
			failing: []
		});
		const [last] = await db.$queryRawUnsafe<Array<{ id: string }>>('SELECT id FROM _prisma_migrations ORDER BY migration_name DESC LIMIT 1');
		await db.$executeRawUnsafe(`UPDATE _prisma_migrations SET rolled_back_at = finished_at WHERE id = '${last!.id}'`);
		try {
			expect(await readiness({ db, provider, redis: async () => 'down' })).toMatchObject({
				status: 'degraded',
				migrations: 'pending',
				failing: ['redis', 'migrations']
			});
		} finally {
			await db.$executeRawUnsafe(`UPDATE _prisma_migrations SET rolled_back_at = NULL WHERE id = '${last!.id}'`);
		}
	});
});
