/**
 * zh-CN and English texts for the codes the knockout, group and round-robin draws, the group
 * standings and the placings raise, plus the labels their views need (round names, tie-break
 * steps, medals). Written for the organizer running a draw and for spectators reading a bracket.
 * Placeholders like {id} are filled from the error's params.
 */
export const drawMessages = {
	// errors: draws
	'draw.no_entries': {
		'zh-CN': '这个项目还没有报名选手，无法抽签。请先确认报名名单。',
		en: 'This category has no entries yet, so there is nothing to draw. Please confirm the entry list first.'
	},
	'draw.duplicate_entry': {
		'zh-CN': '选手 {id} 在名单中出现了两次。请删除重复的报名后再抽签。',
		en: 'Player {id} appears twice in the list. Please remove the duplicate entry and run the draw again.'
	},
	'draw.invalid_seed': {
		'zh-CN': '选手 {id} 的种子序号无效。种子序号应为数字（1 为第一号种子），不是种子请留空。',
		en: 'Player {id} has an invalid seed. A seed is a number (1 is the top seed); leave it empty for an unseeded player.'
	},
	'draw.invalid_bracket_size': {
		'zh-CN': '签表大小 {size} 无效：淘汰赛签位数必须是 2、4、8、16…… 这样的 2 的幂。',
		en: 'A bracket of {size} places is not possible: a knockout needs 2, 4, 8, 16, … places (a power of two).'
	},
	'draw.invalid_match': {
		'zh-CN': '第 {round} 轮没有第 {index} 场比赛。请检查所选的比赛。',
		en: 'Round {round} has no match number {index}. Please check which match you selected.'
	},
	'draw.invalid_group_size': {
		'zh-CN': '每组人数 {size} 无效：每组至少需要 2 名选手（通常为 3 至 4 名）。',
		en: 'A group size of {size} is not possible: a group needs at least 2 players (usually 3 to 4).'
	},
	'draw.invalid_group_count': {
		'zh-CN': '无法把 {entries} 名选手分成 {count} 个组。组数应在 1 和选手人数之间。',
		en: 'Cannot split {entries} players into {count} groups. The number of groups must be between 1 and the number of players.'
	},

	// errors: group standings
	'standings.unknown_player': {
		'zh-CN': '选手 {id} 有本组的比赛成绩，但不在本组名单中。请检查该场比赛的选手是否录入正确。',
		en: 'Player {id} has a result in this group but is not one of its players. Please check who played that match.'
	},
	'standings.self_match': {
		'zh-CN': '一场比赛的双方都是选手 {id}。请更正这场比赛的选手。',
		en: 'Both sides of a match are player {id}. Please correct the players of that match.'
	},
	'standings.invalid_score': {
		'zh-CN': '{a} 对 {b} 的比赛中有一局比分 {score} 不可能出现（比分须为非负整数且不能打平）。请更正这局比分。',
		en: 'The match {a} against {b} has a game scored {score}, which is not possible (scores are whole numbers and a game cannot end level). Please correct that game.'
	},
	'standings.undecided_match': {
		'zh-CN': '{a} 对 {b} 的比赛还没有决出胜负，暂不能计入积分。请先完成比赛或登记弃权。',
		en: 'The match {a} against {b} has no winner yet, so it cannot count in the standings. Finish the match or record the walkover first.'
	},

	// errors: placings
	'placings.inconsistent_results': {
		'zh-CN': '选手 {id} 在淘汰赛成绩中被淘汰了不止一次。请检查该选手参加的比赛成绩。',
		en: 'Player {id} is knocked out more than once in the results. Please check the results of that player’s matches.'
	},
	'placings.invalid_rank': {
		'zh-CN': '选手 {id} 的名次无效：名次应为从 1 开始的整数。',
		en: 'Player {id} has an invalid rank: a rank is a whole number starting at 1.'
	},

	// labels: bracket
	'draw.round.final': { 'zh-CN': '决赛', en: 'Final' },
	'draw.round.thirdPlace': { 'zh-CN': '三、四名决赛', en: 'Third-place match' },
	'draw.round.semiFinal': { 'zh-CN': '半决赛', en: 'Semi-finals' },
	'draw.round.quarterFinal': { 'zh-CN': '四分之一决赛', en: 'Quarter-finals' },
	'draw.round.roundOf': { 'zh-CN': '{players} 强赛', en: 'Round of {players}' },
	'draw.bye': { 'zh-CN': '轮空', en: 'Bye' },
	'draw.byeAdvance': {
		'zh-CN': '{name} 本轮轮空，直接进入下一轮。',
		en: '{name} has a bye and goes straight into the next round.'
	},
	'draw.streetClash': {
		'zh-CN': '第 {group} 组有 {count} 名来自{street}的选手：名单和种子情况不允许把他们分开。如需调整，请手动交换同档次的选手。',
		en: 'Group {group} has {count} players from {street}: the entries and seeds did not allow separating them. To change this, swap players of the same seed band by hand.'
	},

	// labels: group standings
	'standings.decidedBy.tiedMatchPoints': {
		'zh-CN': '积分相同，按相互间比赛的积分排定',
		en: 'Level on match points; placed by match points among the tied players'
	},
	'standings.decidedBy.tiedGamesRatio': {
		'zh-CN': '积分相同，按相互间比赛的胜负局比率排定',
		en: 'Level on match points; placed by games ratio among the tied players'
	},
	'standings.decidedBy.tiedPointsRatio': {
		'zh-CN': '积分相同，按相互间比赛的得失分比率排定',
		en: 'Level on match points; placed by points ratio among the tied players'
	},
	'standings.decidedBy.lot': {
		'zh-CN': '各项比较均相同，由抽签决定名次',
		en: 'Level on every criterion; placed by drawing lots'
	},
	'standings.decidedBy.level': {
		'zh-CN': '成绩相同，相互间比赛尚未全部结束，暂按抽签位置排列',
		en: 'Level for now; their matches against each other are not all played yet (listed in draw order)'
	},

	// labels: medals
	'placings.medal.gold': { 'zh-CN': '金牌', en: 'Gold' },
	'placings.medal.silver': { 'zh-CN': '银牌', en: 'Silver' },
	'placings.medal.bronze': { 'zh-CN': '铜牌', en: 'Bronze' },
	'placings.place': { 'zh-CN': '第 {place} 名', en: 'Place {place}' }
} satisfies Record<string, { 'zh-CN': string; en: string }>;
