/**
 * Retention: each edition keeps personal numbers, phones and guardian data for
 * `retentionDays` (default 90) after it ends; then they are erased and the sporting record
 * (name, street, entries, results) stays. The job runs in every app process once a day; a
 * lease row (`JobLease`, taken with one conditional UPDATE, which both databases serialise)
 * lets only one process run it at a time, and editions already erased are skipped, so the job
 * is idempotent. Each run that erases something writes an audit record saying what it did.
 */
import { randomUUID } from 'node:crypto';
import type { Db, Provider } from '../db';
import { audit, systemActor } from '../audit';
import { log } from '../log';
import { DEFAULT_TIME_ZONE, isTimeZone, zonedDate } from '$lib/i18n/time';

const JOB = 'retention';
const DAY = 86_400_000;

/** What a run erased (or, dry, would erase), per edition. */
export interface RetentionReport {
	ranAt: string;
	dryRun: boolean;
	skipped?: 'lease_held' | 'not_due';
	editions: Array<{ id: string; slug: string; endsOn: string; retentionDays: number; dueOn: string; athletes: number }>;
}

/** The calendar date `days` after `date` (YYYY-MM-DD). */
function addDays(date: string, days: number): string {
	return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}
/** Today on an edition's clock (its time zone, Beijing by default), whatever the server's `TZ`. */
const editionToday = (now: Date, timeZone: string) => zonedDate(now, isTimeZone(timeZone) ? timeZone : DEFAULT_TIME_ZONE);

/**
 * Takes the job's lease for `ttlMs` unless another holder has it; true when this holder may
 * run. `minGapMs` > 0 also refuses when the last run finished less than that long ago.
 */
export async function acquireLease(db: Db, holder: string, ttlMs: number, now = new Date(), minGapMs = 0): Promise<boolean> {
	const until = new Date(now.getTime() + ttlMs);
	const due = minGapMs > 0 ? { OR: [{ lastRunAt: null }, { lastRunAt: { lt: new Date(now.getTime() - minGapMs) } }] } : {};
	const taken = await db.jobLease.updateMany({ where: { name: JOB, AND: [{ OR: [{ until: { lt: now } }, { holder }] }, due] }, data: { holder, until } });
	if (taken.count === 1) return true;
	if (await db.jobLease.findUnique({ where: { name: JOB }, select: { name: true } })) return false;
	try {
		await db.jobLease.create({ data: { name: JOB, holder, until } });
		return true;
	} catch (error) {
		if ((error as { code?: unknown }).code === 'P2002') return false;
		throw error;
	}
}

async function releaseLease(db: Db, holder: string, now: Date): Promise<void> {
	await db.jobLease.updateMany({ where: { name: JOB, holder }, data: { until: now, lastRunAt: now } });
}

/** Editions past their retention whose personal data is not erased yet, with how many athletes each holds. */
export async function dueEditions(db: Db, now = new Date()): Promise<RetentionReport['editions']> {
	const editions = await db.edition.findMany({ where: { personalDataErasedAt: null }, select: { id: true, slug: true, endsOn: true, retentionDays: true, timeZone: true } });
	const due = editions
		.filter((e) => addDays(e.endsOn, e.retentionDays + 1) <= editionToday(now, e.timeZone))
		.map(({ timeZone: _zone, ...e }) => ({ ...e, dueOn: addDays(e.endsOn, e.retentionDays + 1) }));
	return Promise.all(due.map(async (e) => ({ ...e, athletes: await db.athlete.count({ where: { editionId: e.id, erasedAt: null } }) })));
}

/**
 * Erases the personal numbers, phones and guardian data of one edition's athletes (those not
 * erased yet) in one transaction, keeping names, streets, entries and results.
 */
export async function eraseEdition(db: Db, editionId: string, now: Date): Promise<number> {
	return db.$transaction(async (tx) => {
		const erased = await tx.athlete.updateMany({
			where: { editionId, erasedAt: null },
			data: { residentIdEnc: '', certificateNoEnc: '', phoneEnc: '', guardianPhoneEnc: '', guardianName: '', guardianRelation: '', erasedAt: now }
		});
		await tx.$executeRaw`UPDATE "Athlete" SET "residentIdIndex" = 'erased:' || "id" WHERE "editionId" = ${editionId} AND "residentIdIndex" NOT LIKE 'erased:%'`;
		await tx.consent.updateMany({ where: { athlete: { editionId }, givenBy: { not: '' } }, data: { givenBy: '' } });
		await tx.edition.update({ where: { id: editionId }, data: { personalDataErasedAt: now } });
		return erased.count;
	});
}

/**
 * One run of the job: with the lease, erases every edition past its retention and records it.
 * `dryRun` only reports. Safe to call from several processes at once.
 */
export async function runRetention(db: Db, options: { now?: Date; dryRun?: boolean; holder?: string; minGapMs?: number } = {}): Promise<RetentionReport> {
	const now = options.now ?? new Date();
	const report: RetentionReport = { ranAt: now.toISOString(), dryRun: Boolean(options.dryRun), editions: [] };
	if (options.dryRun) {
		report.editions = await dueEditions(db, now);
		return report;
	}
	const holder = options.holder ?? `${process.pid}:${randomUUID()}`;
	if (!(await acquireLease(db, holder, 30 * 60_000, now, options.minGapMs ?? 0))) {
		const lease = await db.jobLease.findUnique({ where: { name: JOB } });
		return { ...report, skipped: lease && lease.until > now ? 'lease_held' : 'not_due' };
	}
	try {
		report.editions = await dueEditions(db, now);
		for (const edition of report.editions) {
			edition.athletes = await eraseEdition(db, edition.id, now);
			await audit(db, systemActor, { action: 'retention.erase', entity: 'Edition', entityId: edition.id, after: { slug: edition.slug, endsOn: edition.endsOn, retentionDays: edition.retentionDays, athletes: edition.athletes } });
		}
	} finally {
		await releaseLease(db, holder, now);
	}
	return report;
}

/**
 * Starts the in-process daily job (app start-up): a look every hour (and a minute after the
 * start); a run happens when the last one, by any process, is older than `intervalMs`.
 */
export function scheduleRetention(db: Db, _provider: Provider, intervalMs: number): () => void {
	const tick = () => {
		runRetention(db, { minGapMs: intervalMs - 60_000 }).then(
			(r) => {
				if (r.editions.length > 0) log.info('retention', { editions: r.editions.map((e) => ({ slug: e.slug, athletes: e.athletes })) });
			},
			(error: unknown) => log.error('retention failed', { error: String(error) })
		);
	};
	const first = setTimeout(tick, 60_000);
	const timer = setInterval(tick, Math.min(intervalMs, 3_600_000));
	first.unref();
	timer.unref();
	return () => {
		clearTimeout(first);
		clearInterval(timer);
	};
}
