import type { PageServerLoad } from './$types';
import { loadCaller } from '$lib/server/trpc/http';

export const load: PageServerLoad = async (event) => ({ rounds: await (await loadCaller(event)).art.jury.rounds() });
