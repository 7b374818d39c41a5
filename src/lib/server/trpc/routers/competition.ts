/** The competition procedures. */
import { router } from '../init';

export const competitionRouter = router({});
