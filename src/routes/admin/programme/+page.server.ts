/** The organizer's programme: registration window, event limit, venues and tables, categories. */
import { fail } from '@sveltejs/kit';
import { TRPCError } from '@trpc/server';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { callerFor, loadCaller } from '$lib/server/trpc/http';
import { actionError, field } from '$lib/server/forms';
import { RegistrationRefused, fieldMessages } from '$lib/server/registration/common';
import type { CategoryInput } from '$lib/server/trpc/routers/registration/organizer';
import { fromZonedInput, timeZoneNames } from '$lib/i18n/time';
import { getApp } from '$lib/server/app';
import { editionTimeZone } from '$lib/server/clock';
import { translate } from '$lib/i18n';

export const load: PageServerLoad = async (event) => {
	const caller = await loadCaller(event);
	return { programme: await caller.registration.programme.get(), edit: event.url.searchParams.get('edit'), timeZones: timeZoneNames() };
};

function refused(error: unknown, event: RequestEvent, form: string, values: Record<string, unknown> = {}) {
	if (error instanceof TRPCError && error.cause instanceof RegistrationRefused) {
		const problems = error.cause.problems;
		return fail(422, { form, message: problems.map((p) => translate(event.locals.locale, p.code, p.params)).join(' '), fieldErrors: fieldMessages(problems, event.locals.locale), values });
	}
	const failure = actionError(error, event.locals.locale, values);
	return fail(failure.status, { ...failure.data, form });
}

/** '2026-12-01T09:00' typed on the edition's clock → ISO instant; '' stays empty, nonsense goes on to be refused. */
const editionTime = (text: string, timeZone: string) => (text ? (fromZonedInput(text, timeZone)?.toISOString() ?? text) : '');
const num = (text: string) => (text.trim() === '' ? undefined : Number(text));

export const actions: Actions = {
	edition: async (event) => {
		const form = await event.request.formData();
		const values = { opensAt: field(form, 'opensAt'), closesAt: field(form, 'closesAt'), maxEventsPerAthlete: field(form, 'maxEventsPerAthlete') };
		try {
			const caller = await callerFor(event);
			const timeZone = await editionTimeZone((await getApp()).db);
			await caller.registration.programme.updateEdition({ registrationOpensAt: editionTime(values.opensAt, timeZone), registrationClosesAt: editionTime(values.closesAt, timeZone), maxEventsPerAthlete: Number(values.maxEventsPerAthlete) });
			return { form: 'edition', saved: true };
		} catch (error) {
			return refused(error, event, 'edition', values);
		}
	},
	timeZone: async (event) => {
		const form = await event.request.formData();
		const values = { timeZone: field(form, 'timeZone') };
		try {
			const caller = await callerFor(event);
			const result = await caller.registration.programme.updateTimeZone(values);
			return { form: 'timeZone', saved: true, timeZone: result.timeZone };
		} catch (error) {
			return refused(error, event, 'timeZone', values);
		}
	},
	venue: async (event) => {
		const form = await event.request.formData();
		const values = { nameZh: field(form, 'nameZh'), nameEn: field(form, 'nameEn'), addressZh: field(form, 'addressZh'), addressEn: field(form, 'addressEn') };
		try {
			const caller = await callerFor(event);
			await caller.registration.programme.addVenue(values);
			return { form: 'venue', saved: true };
		} catch (error) {
			return refused(error, event, 'venue', values);
		}
	},
	tables: async (event) => {
		const form = await event.request.formData();
		try {
			const caller = await callerFor(event);
			await caller.registration.programme.addTables({ venueId: field(form, 'venueId'), kind: field(form, 'kind') as 'table', count: Number(field(form, 'count')) });
			return { form: `tables-${field(form, 'venueId')}`, saved: true };
		} catch (error) {
			return refused(error, event, `tables-${field(form, 'venueId')}`);
		}
	},
	category: async (event) => {
		const form = await event.request.formData();
		const ints = (name: string) => form.getAll(name).map((v) => Number(v)).filter((n) => Number.isInteger(n));
		const format = field(form, 'format') as CategoryInput['format'];
		const input: CategoryInput = {
			...(field(form, 'id') ? { id: field(form, 'id') } : {}),
			sportKey: field(form, 'sportKey'),
			code: field(form, 'code'),
			nameZh: field(form, 'nameZh'),
			nameEn: field(form, 'nameEn'),
			format,
			formatConfig: {
				bestOf: Number(field(form, 'bestOf') || 5) as 3 | 5 | 7,
				groupSize: Number(field(form, 'groupSize') || 4),
				qualifiersPerGroup: Number(field(form, 'qualifiersPerGroup') || 2),
				thirdPlace: field(form, 'thirdPlace') === 'on',
				swissRounds: Number(field(form, 'swissRounds') || 7),
				points: { win: Number(field(form, 'win') || 2), draw: Number(field(form, 'draw') || 1), loss: Number(field(form, 'loss') || 0), bye: Number(field(form, 'bye') || 2) },
				legsToWin: Number(field(form, 'legsToWin') || 3),
				totalRounds: Number(field(form, 'totalRounds') || 10),
				flightSize: Number(field(form, 'flightSize') || 8)
			},
			rule: {
				genders: form.getAll('genders').filter((g): g is 'male' | 'female' => g === 'male' || g === 'female'),
				...(num(field(form, 'minAge')) !== undefined ? { minAge: num(field(form, 'minAge')) } : {}),
				...(num(field(form, 'maxAge')) !== undefined ? { maxAge: num(field(form, 'maxAge')) } : {}),
				ageReferenceDate: field(form, 'ageReferenceDate'),
				disabilityCategories: ints('disabilityCategories'),
				grades: ints('grades'),
				sportClasses: field(form, 'sportClasses').split(/[,，、\s]+/).filter(Boolean)
			},
			streetQuota: field(form, 'streetQuota').trim() === '' ? null : Number(field(form, 'streetQuota'))
		};
		try {
			const caller = await callerFor(event);
			await caller.registration.programme.saveCategory(input);
			return { form: 'category', saved: true };
		} catch (error) {
			return refused(error, event, 'category', Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === 'string')));
		}
	}
};
