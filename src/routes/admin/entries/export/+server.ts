/** The entry list as .xlsx: masked, or (audited) with full numbers. POST so it is never prefetched or cached. */
import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { callerFor } from '$lib/server/trpc/http';
import { translate } from '$lib/i18n';

export const POST: RequestHandler = async (event) => {
	if (event.locals.user?.role !== 'organizer') error(403, translate(event.locals.locale, 'errors.forbidden'));
	const form = await event.request.formData();
	const caller = await callerFor(event);
	const file = await caller.registration.entries.export({ full: form.get('full') === '1' });
	return new Response(Buffer.from(file.base64, 'base64'), {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': `attachment; filename="${file.filename}"`,
			'cache-control': 'no-store'
		}
	});
};
