/** The coordinator's console: quota dashboard, entries to verify, approve / return / withdraw. */
import { randomUUID } from 'node:crypto';
import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { callerFor, loadCaller } from '$lib/server/trpc/http';
import { actionError, field } from '$lib/server/forms';

const STATUSES = ['pending', 'returned', 'approved', 'withdrawn'] as const;
type Status = (typeof STATUSES)[number];

export const load: PageServerLoad = async (event) => {
	const caller = await loadCaller(event);
	const filter = event.url.searchParams.get('status');
	const status = (STATUSES as readonly string[]).includes(filter ?? '') ? (filter as Status) : filter === 'all' ? undefined : 'pending';
	// A big street is shown a page at a time (`?page=N`, 50 athletes a page).
	const requested = Number.parseInt(event.url.searchParams.get('page') ?? '1', 10);
	const page = Number.isInteger(requested) && requested >= 1 && requested <= 1_000_000 ? requested : 1;
	const [dashboard, list] = await Promise.all([caller.registration.street.dashboard(), caller.registration.street.athletePage(status ? { status, page } : { page })]);
	return { dashboard, athletes: list.athletes, pageInfo: { page: list.page, pages: list.pages, total: list.total }, status: status ?? 'all', formToken: randomUUID() };
};

/** Each form carries `opId` = render token + entry + action: a resubmitted form is a replay. */
async function change(event: Parameters<Actions[string]>[0], kind: 'approve' | 'return' | 'withdraw') {
	const form = await event.request.formData();
	const entryId = field(form, 'entryId');
	const opId = field(form, 'opId');
	// Without JavaScript the first withdraw submit asks again in the page (ConfirmSubmit).
	if (kind === 'withdraw' && field(form, 'confirmed') !== 'yes') return fail(400, { confirm: `withdraw:${entryId}` });
	try {
		const caller = await callerFor(event);
		if (kind === 'approve') await caller.registration.street.approve({ entryId, opId });
		if (kind === 'withdraw') await caller.registration.street.withdraw({ entryId, opId });
		if (kind === 'return') await caller.registration.street.return({ entryId, opId, reason: field(form, 'reason') });
		return { done: kind, entryId };
	} catch (error) {
		return actionError(error, event.locals.locale, { entryId, reason: field(form, 'reason') });
	}
}

export const actions: Actions = {
	approve: (event) => change(event, 'approve'),
	return: (event) => change(event, 'return'),
	withdraw: (event) => change(event, 'withdraw')
};
