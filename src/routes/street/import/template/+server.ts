/** Downloads the import template (.xlsx) in the coordinator's language. */
import type { RequestHandler } from './$types';
import { callerFor } from '$lib/server/trpc/http';

export const GET: RequestHandler = async (event) => {
	const caller = await callerFor(event);
	const file = await caller.registration.street.importTemplate();
	return new Response(Buffer.from(file.base64, 'base64'), {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': `attachment; filename="${file.filename}"`,
			'cache-control': 'no-store'
		}
	});
};
