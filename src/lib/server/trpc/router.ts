/** The whole API: one router per domain area, merged here. */
import { createCallerFactory, router } from './init';
import { adminRouter } from './routers/admin';
import { authRouter } from './routers/auth';
import { gamesRouter } from './routers/games';

export const appRouter = router({
	auth: authRouter,
	games: gamesRouter,
	admin: adminRouter
});

export type AppRouter = typeof appRouter;

/** Calls procedures in-process (server `load` functions, form actions, integration tests). */
export const createCaller = createCallerFactory(appRouter);
