/** The live procedures. */
import { router } from '../init';

export const liveRouter = router({});
