/**
 * The registration procedures: public (programme, form checks, submit, the athlete's own
 * entry), the street coordinator's console, the organizer's programme, overview, export and
 * check-in. Split by audience in ./registration/.
 */
import { router } from '../init';
import { publicRegistrationRouter } from './registration/public';
import { streetRouter } from './registration/street';
import { organizerRegistrationRouter } from './registration/organizer';

export const registrationRouter = router({
	...publicRegistrationRouter._def.record,
	street: streetRouter,
	...organizerRegistrationRouter._def.record
});
