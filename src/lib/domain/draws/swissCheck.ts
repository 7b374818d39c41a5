/**
 * Checks a Swiss round paired or changed by hand (a manual swap by the chief arbiter) against
 * the pairing rules of `pairRound`: no rematch, no second bye, no player twice or missing, no
 * red-black difference beyond ±2 and no same colour three times running. The organizer sees
 * the warnings and may still confirm; the change is then audited with them.
 */
import { isPlayed, type SwissGame, type SwissPairing, type SwissPlayer } from './swiss/history';

export type SwissWarningCode =
	| 'swiss.warning.rematch'
	| 'swiss.warning.second_bye'
	| 'swiss.warning.colour_difference'
	| 'swiss.warning.colour_streak'
	| 'swiss.warning.duplicate'
	| 'swiss.warning.missing'
	| 'swiss.warning.withdrawn'
	| 'swiss.warning.absent';

export type SwissWarning = { code: SwissWarningCode; players: string[] };

/**
 * Lists every rule `pairings` (the next round) breaks given the earlier rounds. Empty when the
 * round is legal. O(n · R) for n players and R rounds.
 */
export function checkSwissPairing(input: {
	players: ReadonlyArray<SwissPlayer>;
	history: ReadonlyArray<ReadonlyArray<SwissGame>>;
	pairings: ReadonlyArray<SwissPairing>;
}): SwissWarning[] {
	const warnings: SwissWarning[] = [];
	const met = new Set<string>();
	const byes = new Set<string>();
	const colours = new Map<string, Array<'r' | 'b'>>();
	const key = (x: string, y: string) => (x < y ? `${x}\u0000${y}` : `${y}\u0000${x}`);
	const push = (id: string, c: 'r' | 'b') => {
		const list = colours.get(id) ?? [];
		list.push(c);
		colours.set(id, list);
	};
	for (const round of input.history) {
		for (const g of round) {
			if (g.black === null) {
				if (g.outcome === 'bye') byes.add(g.red);
				continue;
			}
			if (!isPlayed(g.outcome)) {
				// a forfeit: no meeting, no colour; a forfeit win counts as the bye (FIDE C.04.1)
				if (g.outcome === 'forfeitRed') byes.add(g.black);
				if (g.outcome === 'forfeitBlack') byes.add(g.red);
				continue;
			}
			met.add(key(g.red, g.black));
			push(g.red, 'r');
			push(g.black, 'b');
		}
	}
	const seen = new Set<string>();
	const withdrawn = new Set(input.players.filter((p) => p.withdrawn).map((p) => p.id));
	const absent = new Set(input.players.filter((p) => p.absent && !p.withdrawn).map((p) => p.id));
	const check = (id: string, c: 'r' | 'b') => {
		const list = [...(colours.get(id) ?? []), c];
		const diff = list.reduce((s, x) => s + (x === 'r' ? 1 : -1), 0);
		if (Math.abs(diff) > 2) warnings.push({ code: 'swiss.warning.colour_difference', players: [id] });
		const last3 = list.slice(-3);
		if (last3.length === 3 && last3.every((x) => x === c)) {
			warnings.push({ code: 'swiss.warning.colour_streak', players: [id] });
		}
	};
	for (const p of input.pairings) {
		for (const id of p.black === null ? [p.red] : [p.red, p.black]) {
			if (seen.has(id)) warnings.push({ code: 'swiss.warning.duplicate', players: [id] });
			seen.add(id);
			if (withdrawn.has(id)) warnings.push({ code: 'swiss.warning.withdrawn', players: [id] });
			if (absent.has(id)) warnings.push({ code: 'swiss.warning.absent', players: [id] });
		}
		if (p.black === null) {
			if (byes.has(p.red)) warnings.push({ code: 'swiss.warning.second_bye', players: [p.red] });
			continue;
		}
		if (met.has(key(p.red, p.black))) {
			warnings.push({ code: 'swiss.warning.rematch', players: [p.red, p.black] });
		}
		check(p.red, 'r');
		check(p.black, 'b');
	}
	for (const p of input.players) {
		if (!p.withdrawn && !p.absent && !seen.has(p.id)) warnings.push({ code: 'swiss.warning.missing', players: [p.id] });
	}
	return warnings;
}

/** Texts of the warnings (zh-CN and English), looked up by the translation layer. */
export const swissWarningMessages: Record<SwissWarningCode, { 'zh-CN': string; en: string }> = {
	'swiss.warning.rematch': {
		'zh-CN': '{players} 已经交过手，本轮将重复对局。',
		en: '{players} have already played each other: this is a rematch.'
	},
	'swiss.warning.second_bye': {
		'zh-CN': '{players} 已经轮空过一次，将第二次轮空。',
		en: '{players} already had a bye: this is a second bye.'
	},
	'swiss.warning.colour_difference': {
		'zh-CN': '{players} 的先后手差将超过 2。',
		en: 'The red-black difference of {players} would go beyond 2.'
	},
	'swiss.warning.colour_streak': {
		'zh-CN': '{players} 将连续三次执同一颜色。',
		en: '{players} would play the same colour three times running.'
	},
	'swiss.warning.duplicate': {
		'zh-CN': '{players} 在本轮出现了两次。',
		en: '{players} appears twice in this round.'
	},
	'swiss.warning.missing': {
		'zh-CN': '{players} 未被编排。',
		en: '{players} is not paired.'
	},
	'swiss.warning.withdrawn': {
		'zh-CN': '{players} 已退赛，却被编排。',
		en: '{players} has withdrawn but is paired.'
	},
	'swiss.warning.absent': {
		'zh-CN': '{players} 已登记本轮缺席，却被编排。',
		en: '{players} is announced absent for this round but is paired.'
	}
};
