/** The registration procedures. */
import { router } from '../init';

export const registrationRouter = router({});
