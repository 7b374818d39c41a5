import type { PageServerLoad } from './$types';
import { callerFor } from '$lib/server/trpc/http';

export const load: PageServerLoad = async (event) => ({ rounds: await (await callerFor(event)).art.jury.rounds() });
