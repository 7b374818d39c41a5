import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { callerFor } from '$lib/server/trpc/http';
import { athleteCredentials } from '$lib/server/registration/athleteSession';

/** The printable entry card (approved entries only carry a QR code). */
export const load: PageServerLoad = async (event) => {
	const c = athleteCredentials(event.cookies);
	if (!c) redirect(303, '/entry');
	const caller = await callerFor(event);
	const athlete = await caller.registration.athlete.status(c).catch(() => null);
	if (!athlete || !athlete.qrSvg) redirect(303, '/entry/status');
	return { athlete };
};
