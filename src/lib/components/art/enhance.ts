/**
 * `use:enhance` options for the art consoles: after a successful submission the page's data
 * is reloaded but the form is NOT reset, so fields keep showing the saved values (a reset
 * would empty fields whose values come from the page data, e.g. a juror's saved score).
 */
import type { SubmitFunction } from '@sveltejs/kit';

export const keepValues: SubmitFunction = () => async ({ update }) => {
	await update({ reset: false });
};
