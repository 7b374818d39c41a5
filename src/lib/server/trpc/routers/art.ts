/** The art procedures. */
import { router } from '../init';

export const artRouter = router({});
