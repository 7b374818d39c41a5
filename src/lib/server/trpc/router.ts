/** The whole API: one router per domain area, merged here. */
import { createCallerFactory, router } from './init';
import { adminRouter } from './routers/admin';
import { artRouter } from './routers/art';
import { authRouter } from './routers/auth';
import { callroomRouter } from './routers/callroom';
import { competitionRouter } from './routers/competition';
import { gamesRouter } from './routers/games';
import { liveRouter } from './routers/live';
import { registrationRouter } from './routers/registration';
import { scoringRouter } from './routers/scoring';

export const appRouter = router({
	auth: authRouter,
	games: gamesRouter,
	admin: adminRouter,
	registration: registrationRouter,
	competition: competitionRouter,
	scoring: scoringRouter,
	live: liveRouter,
	art: artRouter,
	callroom: callroomRouter
});

export type AppRouter = typeof appRouter;

/** Calls procedures in-process (server `load` functions, form actions, integration tests). */
export const createCaller = createCallerFactory(appRouter);
