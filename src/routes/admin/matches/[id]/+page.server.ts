import { fail } from '@sveltejs/kit';
import { randomUUID } from 'node:crypto';
import type { Actions, PageServerLoad } from './$types';
import { callerFor, loadCaller } from '$lib/server/trpc/http';
import { actionError, field } from '$lib/server/forms';
import { translate } from '$lib/i18n';
import type { CorrectionEvent } from '$lib/server/scoring/schema';

/** One match for the organizer: its whole scoring log and the correction form. */
export const load: PageServerLoad = async (event) => {
	const caller = await loadCaller(event);
	const match = await caller.scoring.match({ matchId: event.params.id });
	// A fresh operation id per form: submitting the same form twice corrects once.
	return { match, opId: `op_${randomUUID().replace(/-/g, '')}` };
};

/** Reads "11-8" lines into game scores; null when a line is not two numbers. */
function parseGames(text: string): Array<{ a: number; b: number }> | null {
	const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
	const games = lines.map((line) => {
		const m = /^(\d{1,3})\s*[-:：–]\s*(\d{1,3})$/.exec(line);
		return m ? { a: Number(m[1]), b: Number(m[2]) } : null;
	});
	return games.length && games.every(Boolean) ? (games as Array<{ a: number; b: number }>) : null;
}

export const actions: Actions = {
	correct: async (event) => {
		const form = await event.request.formData();
		const sport = field(form, 'sport');
		const reason = field(form, 'reason');
		const values = { reason, games: field(form, 'games'), legsA: field(form, 'legsA'), legsB: field(form, 'legsB'), outcome: field(form, 'outcome') };
		let correction: CorrectionEvent;
		if (sport === 'tableTennis') {
			const games = parseGames(values.games);
			if (!games) {
				return fail(400, { message: translate(event.locals.locale, 'tt.correction_invalid_game', { game: 1 }), fieldErrors: {}, values });
			}
			correction = { type: 'correction', games, reason };
		} else if (sport === 'darts') {
			correction = { type: 'correction', legsWon: { a: Number(values.legsA), b: Number(values.legsB) }, reason };
		} else {
			correction = { type: 'correction', outcome: values.outcome as 'A', reason };
		}
		try {
			const caller = await callerFor(event);
			const result = await caller.scoring.admin.correct({
				opId: field(form, 'opId'),
				matchId: event.params.id,
				baseVersion: Number(field(form, 'baseVersion')),
				event: correction
			});
			if (!result.ok) return fail(409, { message: translate(event.locals.locale, 'scoring.admin.staleCorrection'), fieldErrors: {}, values });
			return { corrected: true };
		} catch (error) {
			return actionError(error, event.locals.locale, values);
		}
	},
	unlock: async (event) => {
		try {
			const caller = await callerFor(event);
			await caller.scoring.admin.unlock({ matchId: event.params.id, reason: '' });
			return { unlocked: true };
		} catch (error) {
			return actionError(error, event.locals.locale);
		}
	}
};
