/**
 * The organizer's settings of a category's format (`Category.formatConfig`, JSON text), as one
 * zod schema shared by the programme UI (registration area, which writes it) and the draws
 * (which read it). Every field has a default, so `{}` is a valid config for every format and
 * old rows keep working when a field is added.
 *
 * Category.format decides which fields matter:
 * - 'groupsKnockout' (table tennis): bestOf, groupSize, qualifiersPerGroup, thirdPlace
 * - 'knockout' (table tennis): bestOf, thirdPlace
 * - 'swiss' (xiangqi): swissRounds, points, tieBreaks, absenceBye
 * - 'darts501Knockout': legsToWin, thirdPlace
 * - 'dartsTotal': totalRounds, flightSize, throwOffPlaces
 * and for every format the order of play: matchMinutes, minRestSlots, noShowMinutes.
 */
import { z } from 'zod';
import { SWISS_TIE_BREAKS, type SwissTieBreak } from '$lib/domain/standings/swissStandings';

/** The formats a category can have (Category.format). */
export const CATEGORY_FORMATS = [
	'groupsKnockout',
	'knockout',
	'swiss',
	'darts501Knockout',
	'dartsTotal'
] as const;
export type CategoryFormat = (typeof CATEGORY_FORMATS)[number];

/** The scoring engine ('sport' in Match.format) each category format plays with. */
export const ENGINE_OF_FORMAT: Record<CategoryFormat, 'tableTennis' | 'xiangqi' | 'darts' | 'dartsTotal'> = {
	groupsKnockout: 'tableTennis',
	knockout: 'tableTennis',
	swiss: 'xiangqi',
	darts501Knockout: 'darts',
	dartsTotal: 'dartsTotal'
};

export const DEFAULT_TIE_BREAKS: SwissTieBreak[] = [
	'buchholzCut1',
	'buchholz',
	'sonnebornBerger',
	'progressive',
	'directEncounter'
];

const tieBreakSchema = z.enum(SWISS_TIE_BREAKS as unknown as [SwissTieBreak, ...SwissTieBreak[]], {
	message: 'competition.config.tie_break'
});

const pointsSchema = z
	.object({
		win: z.number().min(0, 'competition.config.points').max(10, 'competition.config.points'),
		draw: z.number().min(0, 'competition.config.points').max(10, 'competition.config.points'),
		loss: z.number().min(0, 'competition.config.points').max(10, 'competition.config.points'),
		bye: z.number().min(0, 'competition.config.points').max(10, 'competition.config.points')
	})
	.refine((p) => p.win > p.draw && p.draw >= p.loss, {
		message: 'competition.config.points_order'
	});

/** The settings of a category format, every field defaulted. */
export const formatConfigSchema = z.object({
	/** Table tennis: games per match (best of 3, 5 or 7). */
	bestOf: z
		.union([z.literal(3), z.literal(5), z.literal(7)], { message: 'competition.config.best_of' })
		.default(5),
	/** Groups stage: players per group (3 or 4, the last groups may have one fewer). */
	groupSize: z
		.number()
		.int('competition.config.group_size')
		.min(3, 'competition.config.group_size')
		.max(6, 'competition.config.group_size')
		.default(4),
	/** Groups stage: how many of each group go on to the knockout (1 or 2). */
	qualifiersPerGroup: z
		.number()
		.int('competition.config.qualifiers')
		.min(1, 'competition.config.qualifiers')
		.max(2, 'competition.config.qualifiers')
		.default(2),
	/** Knockout: play a match for third place (otherwise both semi-final losers are third). */
	thirdPlace: z.boolean().default(false),
	/** Swiss: number of rounds. */
	swissRounds: z
		.number()
		.int('competition.config.swiss_rounds')
		.min(1, 'competition.config.swiss_rounds')
		.max(15, 'competition.config.swiss_rounds')
		.default(7),
	/** Swiss: points per result (2/1/0 with bye 2 by default; 1/½/0 bye 1 elsewhere). */
	points: pointsSchema.default({ win: 2, draw: 1, loss: 0, bye: 2 }),
	/**
	 * Swiss: what a player announced absent for a round in advance scores for that round:
	 * 'zero' (a zero-point bye) or 'half' (a half-point bye: the points of a draw).
	 */
	absenceBye: z.enum(['zero', 'half'], { message: 'competition.config.absence_bye' }).default('zero'),
	/** Swiss: ordered tie-breaks after the score. */
	tieBreaks: z.array(tieBreakSchema).max(8, 'competition.config.tie_break').default(DEFAULT_TIE_BREAKS),
	/** Darts 501: legs to win a match. */
	legsToWin: z
		.number()
		.int('competition.config.legs_to_win')
		.min(1, 'competition.config.legs_to_win')
		.max(11, 'competition.config.legs_to_win')
		.default(3),
	/** Darts total score: rounds of three darts per player. */
	totalRounds: z
		.number()
		.int('competition.config.total_rounds')
		.min(1, 'competition.config.total_rounds')
		.max(30, 'competition.config.total_rounds')
		.default(10),
	/** Darts total score: players per flight (one lane each); 0 = everyone in one flight. */
	flightSize: z
		.number()
		.int('competition.config.flight_size')
		.min(0, 'competition.config.flight_size')
		.max(64, 'competition.config.flight_size')
		.default(8),
	/** Darts total score: ties on these top places need a bull throw-off. */
	throwOffPlaces: z
		.number()
		.int('competition.config.throw_off_places')
		.min(1, 'competition.config.throw_off_places')
		.max(8, 'competition.config.throw_off_places')
		.default(3),
	/** Order of play: minutes per time slot of this category's matches. */
	matchMinutes: z
		.number()
		.int('competition.config.match_minutes')
		.min(5, 'competition.config.match_minutes')
		.max(240, 'competition.config.match_minutes')
		.default(20),
	/** Order of play: free slots an athlete has at least between two matches. */
	minRestSlots: z
		.number()
		.int('competition.config.min_rest')
		.min(0, 'competition.config.min_rest')
		.max(4, 'competition.config.min_rest')
		.default(1),
	/**
	 * Call room: minutes after a match is called before a player who has not come may be
	 * recorded as a no-show (a walkover, 弃权).
	 */
	noShowMinutes: z
		.number()
		.int('competition.config.no_show_minutes')
		.min(0, 'competition.config.no_show_minutes')
		.max(60, 'competition.config.no_show_minutes')
		.default(10)
});

export type FormatConfig = z.output<typeof formatConfigSchema>;
export type FormatConfigInput = z.input<typeof formatConfigSchema>;

/**
 * Reads Category.formatConfig (JSON text or an object). Throws the zod error on invalid
 * settings; text that is not JSON counts as `{}` only when empty.
 */
export function parseFormatConfig(raw: string | unknown): FormatConfig {
	const value = typeof raw === 'string' ? (raw.trim() === '' ? {} : JSON.parse(raw)) : (raw ?? {});
	return formatConfigSchema.parse(value);
}

/** The defaults of every setting (what `{}` means). */
export function defaultFormatConfig(): FormatConfig {
	return formatConfigSchema.parse({});
}

/** True for a known category format; narrows a string from the database. */
export function isCategoryFormat(value: unknown): value is CategoryFormat {
	return typeof value === 'string' && (CATEGORY_FORMATS as readonly string[]).includes(value);
}

/** The fewest entries a format can be drawn with. */
export function minEntriesFor(format: CategoryFormat, config: FormatConfig): number {
	switch (format) {
		case 'groupsKnockout':
			// two groups, so that the knockout has at least a final
			return Math.max(2 * 3, 2 * config.qualifiersPerGroup);
		case 'swiss':
			return 3;
		case 'dartsTotal':
			return 2;
		default:
			return 2;
	}
}
