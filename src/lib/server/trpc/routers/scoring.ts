/** The scoring procedures. */
import { router } from '../init';

export const scoringRouter = router({});
