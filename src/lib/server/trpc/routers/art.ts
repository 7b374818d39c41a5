/**
 * The art showcase's procedures: `entries` (coordinators and organizers submit works),
 * `admin` (the organizer's console), `jury` (the juror's blind console) and `gallery` (public).
 */
import { router } from '../init';
import { artAdminRouter } from './art/admin';
import { entriesRouter } from './art/entries';
import { galleryRouter } from './art/gallery';
import { juryRouter } from './art/jury';

export const artRouter = router({
	entries: entriesRouter,
	admin: artAdminRouter,
	jury: juryRouter,
	gallery: galleryRouter
});
