/**
 * User-facing texts of the Swiss pairer and the Swiss standings: error codes raised by
 * `pairRound` / `swissStandings`, the tie-break column labels and explanations the standings
 * page shows ("tie-break columns explained"), and the rules applied to unplayed games and
 * direct encounter. Placeholders like {round} are filled from the error's params.
 */
export const swissMessages = {
	'swiss.no_legal_pairing': {
		'zh-CN':
			'第{round}轮无法编排：剩余的{players}名棋手无论怎样配对，都会出现重复对局、第二次轮空或先后手超限。请减少轮次，或由裁判长手工编排本轮。',
		en: 'Round {round} cannot be paired: with the {players} remaining players every pairing would repeat a game, give a second bye or break the colour limits. Reduce the number of rounds, or let the chief arbiter pair this round by hand.'
	},
	'swiss.not_enough_players': {
		'zh-CN': '未退赛的棋手只有{count}名，至少需要2名才能编排。请检查报名和退赛记录。',
		en: 'Only {count} players have not withdrawn; at least 2 are needed to pair a round. Check the entries and withdrawals.'
	},
	'swiss.rounds_complete': {
		'zh-CN': '全部{totalRounds}轮已经编排完毕，不能再编排新的一轮。如需加赛，请先修改赛事轮次。',
		en: 'All {totalRounds} rounds have been paired already. To play more rounds, change the number of rounds of the event first.'
	},
	'swiss.invalid_total_rounds': {
		'zh-CN': '轮次数“{totalRounds}”无效，应为不小于1的整数。请在赛事设置中更正。',
		en: 'The number of rounds “{totalRounds}” is not valid: it must be a whole number of at least 1. Correct it in the event settings.'
	},
	'swiss.invalid_player': {
		'zh-CN': '有一名棋手没有编号。请检查报名名单。',
		en: 'A player has no id. Check the list of entries.'
	},
	'swiss.duplicate_player': {
		'zh-CN': '棋手{id}在名单中出现了两次。请删除重复的报名。',
		en: 'Player {id} is listed twice. Remove the duplicate entry.'
	},
	'swiss.invalid_seed': {
		'zh-CN': '棋手{id}没有有效的种子序号。请先完成排序（种子号）。',
		en: 'Player {id} has no valid seed number. Complete the seeding first.'
	},
	'swiss.unknown_player': {
		'zh-CN': '第{round}轮的记录中有棋手{id}，但其不在本项目名单中。请更正该轮的对阵记录。',
		en: 'Round {round} names player {id}, who is not in this event’s player list. Correct the pairings of that round.'
	},
	'swiss.invalid_history': {
		'zh-CN': '第{round}轮的记录有误（棋手{id}）：同一棋手出现两次，或轮空与对局结果不一致。请更正该轮记录。',
		en: 'The record of round {round} is inconsistent (player {id}): a player appears twice, or a bye and a game result do not match. Correct that round.'
	},
	'swiss.invalid_points': {
		'zh-CN': '胜、和、负、轮空的积分设置无效，应为数字（最多三位小数）。请在赛事设置中更正。',
		en: 'The points for win, draw, loss and bye are not valid: they must be numbers with at most three decimals. Correct them in the event settings.'
	},
	'swiss.unknown_tiebreak': {
		'zh-CN': '未知的破同分方法“{tieBreak}”。请在赛事设置中重新选择。',
		en: 'Unknown tie-break “{tieBreak}”. Choose the tie-breaks again in the event settings.'
	},
	'swiss.bye': {
		'zh-CN': '轮空',
		en: 'Bye'
	},
	'swiss.tiebreak_rule.unplayed': {
		'zh-CN':
			'未在棋盘上进行的轮次（轮空、弃权胜或弃权负、事先请假的零分或半分轮空、缺席、退赛后的轮次）照常计积分，但在计算对手分类指标时按“虚拟对手”计：该对手的积分等于棋手本人的最终积分（国际棋联2023年破同分规则第16条）。真实对手按其实际所得积分计算。对手分去掉最低分时，先去掉未赛轮次。弃权不算对局：不计胜局、后走局数和直胜，双方以后仍可相遇。',
		en: 'A round a player did not play over the board (a bye, a forfeit won or lost, a zero- or half-point bye for an absence announced in advance, an absence, the rounds after withdrawing) scores its points as usual, but in opponent-based tie-breaks it counts as a virtual opponent whose score equals the player’s own final score (FIDE Tie-Break Regulations 2023, article 16). Real opponents count with the points they actually scored. The Buchholz cuts remove an unplayed round first. A forfeit is not a game: it adds no win, no game as black and no direct encounter, and the two players may still meet later.'
	},
	'swiss.tiebreak_rule.direct_encounter': {
		'zh-CN':
			'直胜只在积分（及之前各项破同分指标）完全相同的棋手之间计算：为他们相互对局所得的积分。只有当这些棋手两两都已交过手时才有效；否则该项对所有相关棋手记为0，改用下一项指标。',
		en: 'Direct encounter is computed only among players tied on score (and on the tie-breaks before it): the points they scored against each other. It applies only when every two of them have played each other; otherwise it is 0 for all of them and the next tie-break decides.'
	},
	'swiss.tiebreak.buchholz': {
		'zh-CN': '对手分',
		en: 'Buchholz'
	},
	'swiss.tiebreak.buchholz.explain': {
		'zh-CN': '所有对手最终积分之和。对手越强，对手分越高。',
		en: 'The sum of the final scores of all opponents: the stronger the opposition, the higher.'
	},
	'swiss.tiebreak.buchholzCut1': {
		'zh-CN': '去最低对手分',
		en: 'Buchholz cut 1'
	},
	'swiss.tiebreak.buchholzCut1.explain': {
		'zh-CN': '对手分去掉积分最低的一名对手后的总和。',
		en: 'The Buchholz without the lowest-scoring opponent.'
	},
	'swiss.tiebreak.medianBuchholz': {
		'zh-CN': '中间对手分',
		en: 'Median Buchholz'
	},
	'swiss.tiebreak.medianBuchholz.explain': {
		'zh-CN': '对手分去掉积分最高和最低的各一名对手后的总和。',
		en: 'The Buchholz without the highest- and the lowest-scoring opponent.'
	},
	'swiss.tiebreak.sonnebornBerger': {
		'zh-CN': '小分',
		en: 'Sonneborn-Berger'
	},
	'swiss.tiebreak.sonnebornBerger.explain': {
		'zh-CN': '所胜对手的最终积分之和，加上所和对手最终积分的一半。',
		en: 'The final scores of the opponents beaten, plus half the final scores of the opponents drawn.'
	},
	'swiss.tiebreak.progressive': {
		'zh-CN': '累进分',
		en: 'Progressive score'
	},
	'swiss.tiebreak.progressive.explain': {
		'zh-CN': '每轮结束后的累计积分相加。越早取得积分，累进分越高。',
		en: 'The running score after each round, added up: points won early count more.'
	},
	'swiss.tiebreak.wins': {
		'zh-CN': '胜局数',
		en: 'Wins'
	},
	'swiss.tiebreak.wins.explain': {
		'zh-CN': '在棋盘上实际赢下的对局数（轮空和弃权胜不计）。',
		en: 'The number of games won over the board (a bye or a forfeit win does not count).'
	},
	'swiss.tiebreak.directEncounter': {
		'zh-CN': '直胜',
		en: 'Direct encounter'
	},
	'swiss.tiebreak.directEncounter.explain': {
		'zh-CN': '同分棋手之间相互对局所得的积分；只有他们两两都交过手时才计算。',
		en: 'Points scored in the games between the tied players; counted only when each of them has played all the others.'
	},
	'swiss.tiebreak.blackGames': {
		'zh-CN': '后走局数',
		en: 'Games as black'
	},
	'swiss.tiebreak.blackGames.explain': {
		'zh-CN': '执黑（后走）的对局数。后走较为不利，所以后走局数多者列前。',
		en: 'The number of games played with black (moving second), which is harder: more black games rank higher.'
	}
} satisfies Record<string, { 'zh-CN': string; en: string }>;
