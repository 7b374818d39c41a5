/**
 * Liveness and readiness. Liveness is "the process answers"; readiness says whether each
 * component the app depends on works right now — the database (a query answers), Redis when
 * REDIS_URL is configured (a PING answers) and the schema (every migration folder shipped with
 * this build has been applied). A component that is down makes the app `degraded`, never
 * hung: every check has a deadline, so monitoring gets its answer within about a second.
 */
import { readdir } from 'node:fs/promises';
import type { Db, Provider } from '../db';
import { migrationsDir } from '../db/provider';

export type ComponentState = 'up' | 'down' | 'off';

export interface Readiness {
	status: 'ok' | 'degraded';
	database: ComponentState;
	redis: ComponentState;
	migrations: 'current' | 'pending' | 'unknown';
	/**
	 * Where the limits (login, look-ups) and the Socket.IO connection cap hold: `shared` across
	 * the app processes (Redis up), or `process` (no Redis configured, or Redis down: each
	 * process counts alone until it is back).
	 */
	limits: 'shared' | 'process';
	/** The components that are not as they should be, e.g. `['redis']`. */
	failing: string[];
}

/** How long one check may take before the component counts as down. */
export const CHECK_TIMEOUT_MS = 1_000;

function deadline<T>(work: Promise<T>, ms = CHECK_TIMEOUT_MS): Promise<T> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const late = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error('timed out')), ms);
	});
	return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

let shipped: Promise<string[]> | null = null;

/** The migrations this build ships (read once per process). */
function shippedMigrations(provider: Provider): Promise<string[]> {
	shipped ??= readdir(migrationsDir(provider), { withFileTypes: true }).then((entries) =>
		entries.filter((e) => e.isDirectory()).map((e) => e.name)
	);
	return shipped;
}

/**
 * The database check reads the migrations table (a real table, not just `SELECT 1`, so a
 * corrupt or emptied database counts as down) and compares it with the shipped migrations.
 */
async function databaseState(db: Db, provider: Provider): Promise<Pick<Readiness, 'database' | 'migrations'>> {
	let rows: Array<{ name: string }>;
	try {
		rows = await deadline(
			db.$queryRawUnsafe<Array<{ name: string }>>(
				'SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL'
			)
		);
	} catch {
		return { database: 'down', migrations: 'unknown' };
	}
	const applied = new Set(rows.map((r) => r.name));
	try {
		const current = (await shippedMigrations(provider)).every((name) => applied.has(name));
		return { database: 'up', migrations: current ? 'current' : 'pending' };
	} catch {
		return { database: 'up', migrations: 'unknown' };
	}
}

/**
 * Checks every component (in parallel, each within CHECK_TIMEOUT_MS). Called by
 * `/health/ready` and `/health`; `redis` is the realtime layer's own check.
 */
export async function readiness(deps: { db: Db; provider: Provider; redis: () => Promise<ComponentState> }): Promise<Readiness> {
	const [{ database, migrations }, redis] = await Promise.all([
		databaseState(deps.db, deps.provider),
		deadline(deps.redis()).catch(() => 'down' as const)
	]);
	const failing = [
		...(database === 'down' ? ['database'] : []),
		...(redis === 'down' ? ['redis'] : []),
		...(database === 'up' && migrations !== 'current' ? ['migrations'] : [])
	];
	return { status: failing.length ? 'degraded' : 'ok', database, redis, migrations, limits: redis === 'up' ? 'shared' : 'process', failing };
}
