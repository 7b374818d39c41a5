import type { Actions, PageServerLoad } from './$types';
import { callerFor, loadCaller } from '$lib/server/trpc/http';
import { actionError, field } from '$lib/server/forms';

export const load: PageServerLoad = async (event) => {
	const caller = await loadCaller(event);
	const [dashboard, users, streets] = await Promise.all([
		caller.admin.dashboard(),
		caller.admin.users.list(),
		caller.games.streets()
	]);
	return { dashboard, users, streets };
};

export const actions: Actions = {
	createUser: async (event) => {
		const form = await event.request.formData();
		const values = {
			username: field(form, 'username'),
			displayName: field(form, 'displayName'),
			role: field(form, 'role'),
			streetId: field(form, 'streetId') || null
		};
		try {
			const caller = await callerFor(event);
			const created = await caller.admin.users.create(values as Parameters<typeof caller.admin.users.create>[0]);
			return { created: { username: created.user.username, password: created.oneTimePassword } };
		} catch (error) {
			return actionError(error, event.locals.locale, values);
		}
	},
	unlock: async (event) => {
		const form = await event.request.formData();
		try {
			const caller = await callerFor(event);
			return { unlocked: await caller.admin.users.unlock({ userId: field(form, 'userId') }) };
		} catch (error) {
			return actionError(error, event.locals.locale);
		}
	},
	setActive: async (event) => {
		const form = await event.request.formData();
		try {
			const caller = await callerFor(event);
			await caller.admin.users.setActive({ userId: field(form, 'userId'), active: field(form, 'active') === 'true' });
		} catch (error) {
			return actionError(error, event.locals.locale);
		}
	}
};
