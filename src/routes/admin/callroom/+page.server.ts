import type { Actions, PageServerLoad } from './$types';
import { callerFor } from '$lib/server/trpc/http';
import { actionError, field } from '$lib/server/forms';

/** The call room for staff: each table's called match (with no-show buttons) or its next match to call. */
export const load: PageServerLoad = async (event) => {
	const caller = await callerFor(event);
	const [board, tables] = await Promise.all([caller.callroom.board(), caller.scoring.admin.tables()]);
	return { board, tables };
};

export const actions: Actions = {
	call: async (event) => {
		const form = await event.request.formData();
		try {
			const result = await (await callerFor(event)).callroom.callNext({ venueTableId: field(form, 'tableId') });
			return { called: result.code };
		} catch (error) {
			return actionError(error, event.locals.locale);
		}
	},
	noShow: async (event) => {
		const form = await event.request.formData();
		const absent = field(form, 'absent');
		try {
			await (await callerFor(event)).callroom.noShow({ matchId: field(form, 'matchId'), absent: absent as 'A' | 'B' | 'both' });
			return { noShow: true };
		} catch (error) {
			return actionError(error, event.locals.locale);
		}
	}
};
