import type { PageServerLoad } from './$types';
import { loadCaller } from '$lib/server/trpc/http';

/** The public gallery, by medium (?category=) and/or by street (?street=). */
export const load: PageServerLoad = async (event) => {
	const caller = await loadCaller(event);
	const overview = await caller.art.gallery.overview();
	const category = overview.categories.find((c) => c.key === event.url.searchParams.get('category'))?.key;
	const street = overview.streets.find((s) => s.code === event.url.searchParams.get('street'))?.code;
	const works = overview.categories.length ? await caller.art.gallery.list({ category, street }) : [];
	return { overview, works, filter: { category: category ?? null, street: street ?? null } };
};
