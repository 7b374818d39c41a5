/**
 * Texts of the competition pages and procedures. Add keys to `zh` first; the type of `en`
 * makes a missing English text a compile error. Prefix every key with 'competition.'.
 */
const zh = {
	'competition.config.best_of': '每场局数须为 3、5 或 7 局。',
	'competition.config.group_size': '每组人数须为 3 至 6 人。',
	'competition.config.qualifiers': '每组出线人数须为 1 或 2 人。',
	'competition.config.swiss_rounds': '轮数须为 1 至 15 轮。',
	'competition.config.points': '积分须在 0 至 10 之间。',
	'competition.config.points_order': '胜分须高于和分，和分不低于负分。',
	'competition.config.tie_break': '未知的破同分规则。',
	'competition.config.legs_to_win': '获胜局数（leg）须为 1 至 11。',
	'competition.config.total_rounds': '总分赛轮数须为 1 至 30 轮。',
	'competition.config.flight_size': '每组人数须为 0 至 64（0 表示全部一组）。',
	'competition.config.throw_off_places': '需加赛决出的名次须为 1 至 8。',
	'competition.config.match_minutes': '每场时长须为 5 至 240 分钟。',
	'competition.config.min_rest': '最少间隔场次须为 0 至 4。'
} as const;

export const competitionTexts = {
	'zh-CN': zh,
	en: {
		'competition.config.best_of': 'A match is best of 3, 5 or 7 games.',
		'competition.config.group_size': 'A group has 3 to 6 players.',
		'competition.config.qualifiers': '1 or 2 players of each group qualify.',
		'competition.config.swiss_rounds': 'The number of rounds is 1 to 15.',
		'competition.config.points': 'Points are between 0 and 10.',
		'competition.config.points_order': 'A win scores more than a draw, a draw no less than a loss.',
		'competition.config.tie_break': 'Unknown tie-break.',
		'competition.config.legs_to_win': 'Legs to win is 1 to 11.',
		'competition.config.total_rounds': 'The total-score event has 1 to 30 rounds.',
		'competition.config.flight_size': 'Players per flight is 0 to 64 (0: everyone in one flight).',
		'competition.config.throw_off_places': 'Places decided by a throw-off: 1 to 8.',
		'competition.config.match_minutes': 'Minutes per match: 5 to 240.',
		'competition.config.min_rest': 'Rest between matches: 0 to 4 slots.'
	} satisfies Record<keyof typeof zh, string>
};
