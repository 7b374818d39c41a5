/**
 * Texts of the scoring area in zh-CN (default) and English: one entry per `RuleViolation`
 * code the engines raise, and the `ui.*` strings the referee tablet and the live views show
 * ("change ends", "bust", …). Placeholders in braces are filled from the error's params.
 * In messages, side 'A' is the first-named player (red in xiangqi), 'B' the second.
 */

export const scoringMessages = {
	// --- shared by all engines ---
	'scoring.unknown_event': {
		'zh-CN': '无法识别的记分操作“{type}”。请刷新记分页面后重试。',
		en: 'Unknown scoring action "{type}". Reload the scoring page and try again.'
	},
	'scoring.invalid_side': {
		'zh-CN': '“{field}”必须是 A 或 B（收到“{value}”）。请在记分页面上重新选择选手。',
		en: '"{field}" must be A or B (got "{value}"). Choose the player again on the scoring page.'
	},
	'scoring.correction_reason_required': {
		'zh-CN': '更正成绩必须填写原因，以便留档。请填写原因后再提交。',
		en: 'A correction needs a reason for the audit record. Enter the reason and submit again.'
	},
	'scoring.correction_not_finished': {
		'zh-CN': '比赛尚未结束，不能提交更正。比赛进行中请使用“撤销”修改最后一次记分。',
		en: 'The match is not finished, so it cannot be corrected. While it runs, use undo to fix the last entry.'
	},
	'scoring.unknown_sport': {
		'zh-CN': '没有“{sport}”项目的记分规则。请联系组委会检查项目设置。',
		en: 'There are no scoring rules for "{sport}". Ask the organizer to check the event settings.'
	},

	// --- table tennis ---
	'tt.invalid_best_of': {
		'zh-CN': '局数设置无效（{bestOf}）：乒乓球比赛只能是三局两胜、五局三胜或七局四胜。请联系组委会修改赛制。',
		en: 'Invalid number of games ({bestOf}): a match is best of 3, 5 or 7 games. Ask the organizer to fix the format.'
	},
	'tt.invalid_timeouts': {
		'zh-CN': '暂停次数设置无效（{timeoutsPerPlayer}）。请联系组委会修改赛制。',
		en: 'Invalid number of time-outs ({timeoutsPerPlayer}). Ask the organizer to fix the format.'
	},
	'tt.match_over': {
		'zh-CN': '比赛已结束，不能再记分。如需更正请使用撤销。',
		en: 'The match is over: no more points can be scored. Use undo to correct a mistake.'
	},
	'tt.timeout_used': {
		'zh-CN': '选手 {side} 本场比赛的暂停已用完（每人每场一次）。',
		en: 'Player {side} has already used their time-out (one per player per match).'
	},
	'tt.walkover_after_start': {
		'zh-CN': '比赛已经开始得分，不能再判弃权。如选手中途退出，请记录“退赛”。',
		en: 'Points have already been scored, so this cannot be a walkover. If a player stops now, record a retirement.'
	},
	'tt.card_already_warned': {
		'zh-CN': '选手 {side} 本场已被黄牌警告。再次违规请出示黄红牌（判对方得分）。',
		en: 'Player {side} has already been warned. For a further offence show the yellow and red card (penalty point).'
	},
	'tt.card_yellow_first': {
		'zh-CN': '选手 {side} 尚未被警告。请先出示黄牌；严重违规请报告裁判长（红牌）。',
		en: 'Player {side} has not been warned yet. Show the yellow card first; report a serious offence to the referee (red card).'
	},
	'tt.card_refer_to_referee': {
		'zh-CN': '选手 {side} 已被判罚 3 分。再次违规请暂停比赛并报告裁判长，由裁判长决定是否出示红牌。',
		en: 'Player {side} has already lost 3 penalty points. For a further offence stop play and call the referee, who may show the red card.'
	},
	'tt.invalid_card': {
		'zh-CN': '无法识别的牌“{card}”。请选择黄牌、黄红牌或红牌。',
		en: 'Unknown card "{card}". Choose yellow, yellow and red, or red.'
	},
	'tt.correction_invalid_game': {
		'zh-CN': '第 {game} 局比分无效：一局须先得 11 分且领先至少 2 分（10 平后须领先 2 分，如 12:10）。请检查后重新输入。',
		en: 'Game {game} has an invalid score: a game is won at 11 with a lead of 2 or more, or by exactly 2 after 10-10 (e.g. 12-10). Check and enter it again.'
	},
	'tt.correction_invalid_match': {
		'zh-CN': '更正后的比分不是一场完整的比赛（{bestOf} 局制，胜方须刚好赢够局数）。请检查各局比分。',
		en: 'The corrected scores are not a complete best-of-{bestOf} match (the winner must have just reached the games needed). Check the game scores.'
	},

	// --- darts (501 and total score) ---
	'darts.invalid_format': {
		'zh-CN': '飞镖赛制设置无效（{field}）。请联系组委会修改赛制。',
		en: 'Invalid darts format ({field}). Ask the organizer to fix the format.'
	},
	'darts.match_over': {
		'zh-CN': '比赛已结束，不能再记分。如需更正请使用撤销。',
		en: 'The match is over: no more turns can be scored. Use undo to correct a mistake.'
	},
	'darts.not_your_turn': {
		'zh-CN': '现在不是选手 {side} 投镖，轮到选手 {onThrow}。请为正确的选手记分。',
		en: 'It is not player {side}’s turn: player {onThrow} is on throw. Enter the score for the right player.'
	},
	'darts.invalid_score': {
		'zh-CN': '本轮得分“{scored}”无效：须为 0 到 180 的整数。请重新输入。',
		en: 'Turn score "{scored}" is invalid: enter a whole number from 0 to 180.'
	},
	'darts.impossible_score': {
		'zh-CN': '三支镖不可能得到 {scored} 分。请核对每支镖的得分后重新输入。',
		en: 'Three darts cannot score {scored}. Check each dart and enter the total again.'
	},
	'darts.impossible_score_with_darts': {
		'zh-CN': '{dartsUsed} 支镖不可能得到 {scored} 分。请核对所用镖数和得分。',
		en: '{dartsUsed} dart(s) cannot score {scored}. Check the number of darts and the score.'
	},
	'darts.invalid_darts': {
		'zh-CN': '所用镖数“{dartsUsed}”无效：须为 1、2 或 3。',
		en: 'Darts used "{dartsUsed}" is invalid: enter 1, 2 or 3.'
	},
	'darts.impossible_checkout': {
		'zh-CN': '剩余 {remaining} 分不可能用 {dartsUsed} 支镖以双倍区（或靶心）收镖。请核对得分和所用镖数。',
		en: 'A remainder of {remaining} cannot be finished on a double (or the bull) with {dartsUsed} dart(s). Check the score and the darts used.'
	},
	'darts.darts_only_on_checkout': {
		'zh-CN': '只有收镖或爆镖的一轮才能少于 3 支镖。普通一轮请按 3 支镖记录。',
		en: 'Fewer than 3 darts can only be entered for a finishing turn or a bust. Record a normal turn as 3 darts.'
	},
	'darts.bull_off_required': {
		'zh-CN': '本局已达到轮数上限，须投靶心决胜。请录入靶心决胜的胜者。',
		en: 'The round limit of this leg is reached: a bull-off decides it. Enter the bull-off winner.'
	},
	'darts.bull_off_not_due': {
		'zh-CN': '现在不需要投靶心决胜：只有达到轮数上限仍未分出胜负时才进行。',
		en: 'No bull-off is due: it is only thrown when the round limit is reached without a winner.'
	},
	'darts.walkover_after_start': {
		'zh-CN': '比赛已经开始投镖，不能再判弃权。如选手中途退出，请记录“退赛”。',
		en: 'Turns have already been thrown, so this cannot be a walkover. If a player stops now, record a retirement.'
	},
	'darts.correction_invalid_match': {
		'zh-CN': '更正后的局数（盘数）不是一场完整的比赛：胜方须刚好赢够规定局数，负方少于该数。请检查后重新输入。',
		en: 'The corrected legs (sets) are not a complete match: the winner must have exactly the legs needed and the loser fewer. Check and enter again.'
	},
	'dartsTotal.invalid_format': {
		'zh-CN': '总分赛赛制设置无效（{field}）。请联系组委会修改赛制。',
		en: 'Invalid total-score format ({field}). Ask the organizer to fix the format.'
	},
	'dartsTotal.unknown_player': {
		'zh-CN': '选手“{player}”不在本组名单中。请检查选手号码。',
		en: 'Player "{player}" is not in this flight. Check the player number.'
	},
	'dartsTotal.withdrawn': {
		'zh-CN': '选手“{player}”已退出比赛，不能再记分。如退出记录有误，请撤销该记录。',
		en: 'Player "{player}" has withdrawn and cannot score. If the withdrawal was a mistake, undo it.'
	},
	'dartsTotal.rounds_complete': {
		'zh-CN': '选手“{player}”已投完全部 {rounds} 轮。如需修改某轮得分，请使用更正。',
		en: 'Player "{player}" has thrown all {rounds} rounds. To change a round, use a correction.'
	},
	'dartsTotal.wrong_round': {
		'zh-CN': '选手“{player}”下一轮是第 {expected} 轮，而不是第 {round} 轮。该轮可能已经录入，请刷新后核对。',
		en: 'Player "{player}" throws round {expected} next, not round {round}. It may already be entered: reload and check.'
	},
	'dartsTotal.throw_off_not_due': {
		'zh-CN': '还有选手未投完全部轮次，暂不能录入靶心加赛结果。',
		en: 'Not every player has thrown all rounds yet, so a throw-off cannot be entered.'
	},
	'dartsTotal.throw_off_group': {
		'zh-CN': '靶心加赛名单（{players}）必须正好是总分和单轮最高分都相同的同分选手。请按名次顺序选择这些选手。',
		en: 'The throw-off list ({players}) must be exactly the players tied on total and best round. Select those players in finishing order.'
	},
	'dartsTotal.correction_round': {
		'zh-CN': '选手“{player}”的第 {round} 轮尚未录入，无法更正。请选择已录入的轮次。',
		en: 'Round {round} of player "{player}" has not been entered, so it cannot be corrected. Choose an entered round.'
	},

	// --- xiangqi ---
	'xq.invalid_points': {
		'zh-CN': '积分设置无效（{field}）：胜局积分须高于和局，和局不低于负局。请联系组委会修改。',
		en: 'Invalid points system ({field}): a win must be worth more than a draw, and a draw at least a loss. Ask the organizer to fix it.'
	},
	'xq.result_already_entered': {
		'zh-CN': '本局结果已经录入。如有错误，请撤销或提交更正。',
		en: 'The result of this game is already entered. To change it, undo it or submit a correction.'
	},
	'xq.invalid_outcome': {
		'zh-CN': '无法识别的结果“{outcome}”。请选择红胜、黑胜、和棋或弃权。',
		en: 'Unknown result "{outcome}". Choose red wins, black wins, draw or forfeit.'
	},
	'xq.invalid_moves': {
		'zh-CN': '回合数“{moves}”无效：须为非负整数。',
		en: 'Number of moves "{moves}" is invalid: enter a whole number of 0 or more.'
	},
	'xq.invalid_time': {
		'zh-CN': '用时（{field}）无效：须为非负整数秒。',
		en: 'Time used ({field}) is invalid: enter whole seconds, 0 or more.'
	},

	// --- UI strings ---
	'ui.undo': { 'zh-CN': '撤销上一步', en: 'Undo last entry' },
	'ui.corrected': { 'zh-CN': '成绩已更正', en: 'Result corrected' },
	'ui.side.A': { 'zh-CN': '选手 A', en: 'Player A' },
	'ui.side.B': { 'zh-CN': '选手 B', en: 'Player B' },
	'ui.result.played': { 'zh-CN': '比赛完成', en: 'Played' },
	'ui.result.walkover': { 'zh-CN': '{side} 弃权', en: 'Walkover: {side} absent' },
	'ui.result.retired': { 'zh-CN': '{side} 中途退赛', en: '{side} retired' },
	'ui.result.disqualified': { 'zh-CN': '{side} 被取消比赛资格', en: '{side} disqualified' },
	'ui.winner': { 'zh-CN': '{name} 获胜', en: '{name} wins' },

	'ui.tt.change_ends': { 'zh-CN': '交换场地', en: 'Change ends' },
	'ui.tt.game': { 'zh-CN': '第 {n} 局', en: 'Game {n}' },
	'ui.tt.deciding_game': { 'zh-CN': '决胜局', en: 'Deciding game' },
	'ui.tt.serving': { 'zh-CN': '发球', en: 'Serving' },
	'ui.tt.deuce': { 'zh-CN': '10 平，每球轮换发球', en: '10-10: service changes after every point' },
	'ui.tt.game_point': { 'zh-CN': '局点', en: 'Game point' },
	'ui.tt.match_point': { 'zh-CN': '赛点', en: 'Match point' },
	'ui.tt.timeout': { 'zh-CN': '暂停', en: 'Time-out' },
	'ui.tt.timeout_left': { 'zh-CN': '剩余暂停 {n} 次', en: '{n} time-out(s) left' },
	'ui.tt.card.yellow': { 'zh-CN': '黄牌（警告）', en: 'Yellow card (warning)' },
	'ui.tt.card.yellowRed': {
		'zh-CN': '黄红牌（判对方得 {points} 分）',
		en: 'Yellow and red card ({points} penalty point(s) to the opponent)'
	},
	'ui.tt.card.red': { 'zh-CN': '红牌（取消比赛资格）', en: 'Red card (disqualification)' },
	'ui.tt.games_won': { 'zh-CN': '局分', en: 'Games' },
	'ui.tt.announce_point': {
		'zh-CN': '{server} 发球，比分 {a} 比 {b}',
		en: '{a}-{b}, {server} to serve'
	},

	'ui.darts.bust': { 'zh-CN': '爆镖，本轮不计分', en: 'Bust: no score this turn' },
	'ui.darts.game_shot': { 'zh-CN': '收镖成功，本局获胜', en: 'Game shot: leg won' },
	'ui.darts.checkout': { 'zh-CN': '收镖建议', en: 'Checkout' },
	'ui.darts.no_checkout': { 'zh-CN': '本轮无法收镖', en: 'No checkout this turn' },
	'ui.darts.on_throw': { 'zh-CN': '投镖', en: 'To throw' },
	'ui.darts.remaining': { 'zh-CN': '剩余分数', en: 'Remaining' },
	'ui.darts.leg': { 'zh-CN': '第 {n} 局', en: 'Leg {n}' },
	'ui.darts.set': { 'zh-CN': '第 {n} 盘', en: 'Set {n}' },
	'ui.darts.round': { 'zh-CN': '第 {n} 轮', en: 'Round {n}' },
	'ui.darts.bull_off': { 'zh-CN': '投靶心决胜', en: 'Bull-off' },
	'ui.darts.average': { 'zh-CN': '三镖平均分', en: '3-dart average' },
	'ui.darts.tons100': { 'zh-CN': '100 分以上', en: '100+' },
	'ui.darts.tons140': { 'zh-CN': '140 分以上', en: '140+' },
	'ui.darts.max180': { 'zh-CN': '180 分', en: '180s' },
	'ui.darts.highest_checkout': { 'zh-CN': '最高收镖', en: 'Highest checkout' },
	'ui.darts.double_out': { 'zh-CN': '须以双倍区或靶心收镖', en: 'Finish on a double or the bull' },
	'ui.darts.finished_on_double': { 'zh-CN': '最后一镖中双倍区/靶心', en: 'Last dart on a double / bull' },

	'ui.dartsTotal.total': { 'zh-CN': '总分', en: 'Total' },
	'ui.dartsTotal.best_round': { 'zh-CN': '单轮最高', en: 'Best round' },
	'ui.dartsTotal.rank': { 'zh-CN': '名次', en: 'Rank' },
	'ui.dartsTotal.throw_off_needed': {
		'zh-CN': '同分，需投靶心加赛',
		en: 'Tied: bull throw-off needed'
	},
	'ui.dartsTotal.withdrawn': { 'zh-CN': '已退出', en: 'Withdrawn' },

	'ui.xq.red': { 'zh-CN': '红方', en: 'Red' },
	'ui.xq.black': { 'zh-CN': '黑方', en: 'Black' },
	'ui.xq.outcome.A': { 'zh-CN': '红胜', en: 'Red wins' },
	'ui.xq.outcome.B': { 'zh-CN': '黑胜', en: 'Black wins' },
	'ui.xq.outcome.draw': { 'zh-CN': '和棋', en: 'Draw' },
	'ui.xq.outcome.forfeitA': { 'zh-CN': '红方弃权，黑胜', en: 'Red forfeits: black wins' },
	'ui.xq.outcome.forfeitB': { 'zh-CN': '黑方弃权，红胜', en: 'Black forfeits: red wins' },
	'ui.xq.outcome.forfeitBoth': { 'zh-CN': '双方弃权', en: 'Both forfeit' },
	'ui.xq.moves': { 'zh-CN': '回合数', en: 'Moves' },
	'ui.xq.time_used': { 'zh-CN': '用时', en: 'Time used' }
} satisfies Record<string, { 'zh-CN': string; en: string }>;

/** Every key of the catalogue. */
export type ScoringMessageKey = keyof typeof scoringMessages;

/** The codes a scoring `RuleViolation` can carry (all keys except the `ui.*` strings). */
export type ScoringErrorCode = Exclude<ScoringMessageKey, `ui.${string}`>;

/** A language the catalogue speaks; zh-CN is the default. */
export type ScoringLanguage = 'zh-CN' | 'en';

/** Replaces `{name}` placeholders by params; unknown placeholders stay visible. */
export function fillMessage(template: string, params: Record<string, string | number> = {}): string {
	return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
		name in params ? String(params[name]) : whole
	);
}

/**
 * The text for a scoring code or UI key in `language`, placeholders filled. Used by the
 * tRPC error formatter and the referee tablet so a `RuleViolation` reads as a sentence.
 */
export function scoringMessage(
	key: ScoringMessageKey,
	language: ScoringLanguage = 'zh-CN',
	params: Record<string, string | number> = {}
): string {
	return fillMessage(scoringMessages[key][language], params);
}
