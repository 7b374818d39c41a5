/**
 * The running app's services, created once at start-up by `hooks.server.ts` (`init`).
 * Start-up order: validate the environment → open and migrate the database → seed → make
 * sure an organizer can log in. Any failure stops the process with a message that says
 * what to fix (see `startApp` callers).
 */
import { loadEnv, type Env } from './env';
import { DatabaseStartupError, openDatabase, type Db, type Provider } from './db';
import { providerOf, sqlitePath } from './db/provider';
import { databaseHolders, holdDatabase } from './ops/backup';
import { ensureOrganizer, generatePassword, seedBase, seedDemo } from './db/seed';
import { startPrivacy } from './privacy/keys';
import { encryptLegacyRows } from './privacy/legacy';
import { scheduleRetention } from './privacy/retention';

export interface App {
	env: Env;
	db: Db;
	provider: Provider;
}

const KEY = Symbol.for('district-games.app');
type Holder = { [KEY]?: Promise<App> };

/** Starts the app once per process (dev reloads keep the same instance). */
export function startApp(source: Record<string, string | undefined> = process.env): Promise<App> {
	const holder = globalThis as Holder;
	holder[KEY] ??= boot(source);
	return holder[KEY];
}

/**
 * Stops the app's services after the HTTP server has stopped taking requests: Socket.IO
 * clients are told to reconnect elsewhere, and the database connections close once the
 * operations in flight have finished. Called by server.js on SIGTERM/SIGINT.
 */
export async function stopApp(): Promise<void> {
	const app = (globalThis as Holder)[KEY];
	if (!app) return;
	const { db } = await app;
	await db.$disconnect();
}

/** The started app; throws if called before `startApp`. */
export function getApp(): Promise<App> {
	const app = (globalThis as Holder)[KEY];
	if (!app) throw new Error('the app has not been started (startApp)');
	return app;
}

/** Stops the start when another live app process already uses the SQLite file `file`. */
function refuseIfHeld(file: string): void {
	const others = databaseHolders(file).filter((pid) => pid !== process.pid);
	if (others.length === 0) return;
	throw new DatabaseStartupError(
		`DATABASE_URL: another app process (pid ${others.join(', ')}) is already using the SQLite database ${file}. Use that one, or stop it before starting this one; to run several processes, use PostgreSQL (DATABASE_URL=postgresql://…) with REDIS_URL.`
	);
}

async function boot(source: Record<string, string | undefined>): Promise<App> {
	const env = loadEnv(source);
	// One app process per SQLite file: a second one would find the file locked by the first
	// (and could not share its live rooms anyway). Several processes need PostgreSQL.
	if (providerOf(env.DATABASE_URL) === 'sqlite') refuseIfHeld(sqlitePath(env.DATABASE_URL));
	const { db, provider } = await openDatabase(env.DATABASE_URL);
	// `npm run restore` refuses while this process uses the SQLite file; so does a second app process.
	if (provider === 'sqlite') holdDatabase(sqlitePath(env.DATABASE_URL));
	// The data key is checked against the database before anything is read or written.
	const privacy = await startPrivacy(db, { dataKey: env.DATA_KEY, keyFile: env.DATA_KEY_FILE });
	for (const line of privacy.messages) console.log(line);
	const legacy = await encryptLegacyRows(db, provider);
	if (legacy > 0) console.log(`Encrypted the personal numbers and phones of ${legacy} athletes stored by an earlier version.`);
	if (env.seed !== 'none') await seedBase(db);
	const oneTime = env.seed === 'demo' ? generatePassword() : null;
	const demoUsers = env.seed === 'demo' && oneTime ? await seedDemo(db, oneTime) : [];
	const created = await ensureOrganizer(db, { username: env.ADMIN_USERNAME, password: env.ADMIN_PASSWORD }, oneTime);
	if (created || demoUsers.length) {
		const lines = [
			'',
			'  One-time password for the demo accounts (change it after the first login):',
			`    password: ${oneTime}`,
			`    accounts: ${[created?.username, ...demoUsers].filter(Boolean).join(', ')}`,
			''
		];
		console.log(lines.join('\n'));
	}
	if ((await db.user.count({ where: { role: 'organizer' } })) === 0) {
		console.warn('No organizer account exists: set ADMIN_USERNAME and ADMIN_PASSWORD and restart.');
	}
	if (env.RETENTION_INTERVAL_HOURS > 0) scheduleRetention(db, provider, env.RETENTION_INTERVAL_HOURS * 3_600_000);
	return { env, db, provider };
}
