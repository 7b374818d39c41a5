/**
 * zh-CN and English texts for the order of play: errors in the input, reasons a match could not
 * be scheduled, and the conflicts shown after the organizer moves a match by hand. Placeholders
 * like {match} are filled from params (match, other, dependency, athlete, referee, table, time,
 * rest in minutes); the layer above replaces ids by names and instants by local times.
 */
export const scheduleMessages = {
	// errors in the input
	'schedule.duplicate_match': {
		'zh-CN': '比赛 {match} 在列表中出现了两次。请删除重复的比赛后再编排。',
		en: 'Match {match} is listed twice. Please remove the duplicate and build the schedule again.'
	},
	'schedule.duplicate_table': {
		'zh-CN': '球台 {table} 在场地中出现了两次。请检查场地的球台设置。',
		en: 'Table {table} is listed twice in the venue. Please check the venue’s tables.'
	},
	'schedule.invalid_timing': {
		'zh-CN': '比赛 {match} 的时长无效：至少需要 1 整分钟。请检查项目的每场比赛时长。',
		en: 'Match {match} has an invalid duration: it needs at least one whole minute. Please check the category’s minutes per match.'
	},

	// matches left out of the schedule
	'schedule.unknown_dependency': {
		'zh-CN': '比赛 {match} 需要在比赛 {dependency} 之后进行，但找不到比赛 {dependency}。请检查对阵关系。',
		en: 'Match {match} must follow match {dependency}, but there is no match {dependency}. Please check the bracket.'
	},
	'schedule.dependency_cycle': {
		'zh-CN': '比赛 {match} 的先后顺序形成了循环（互相等待），无法编排。请检查这些比赛的先后关系。',
		en: 'Match {match} is part of a loop of matches waiting for each other, so it cannot be scheduled. Please check the order between these matches.'
	},
	'schedule.dependency_unscheduled': {
		'zh-CN': '比赛 {match} 必须在比赛 {dependency} 之后进行，而比赛 {dependency} 没有排进赛程，所以它也无法编排。',
		en: 'Match {match} must follow match {dependency}, which could not be scheduled, so it cannot be scheduled either.'
	},
	'schedule.no_allowed_table': {
		'zh-CN': '比赛 {match} 没有可用的球台。请为它所在的项目分配球台。',
		en: 'Match {match} has no table it may use. Please assign tables to its category.'
	},
	'schedule.unknown_table': {
		'zh-CN': '比赛 {match} 被安排在 {table}，但场地中没有这个场地。请换一个球台、棋盘或镖道。',
		en: 'Match {match} is placed on {table}, which is not in this venue. Please choose another table.'
	},
	'schedule.no_capacity': {
		'zh-CN': '在比赛时段内排不下比赛 {match}。请延长时间、增加球台或把比赛移到另一节次。',
		en: 'Match {match} does not fit in the playing sessions. Extend the time, add tables or move the match to another session.'
	},

	// conflicts (the same rules the scheduler keeps)
	'schedule.table_wrong_kind': {
		'zh-CN': '比赛 {match} 被安排在 {table}，但这个项目不在这种场地（球台、棋盘、镖道）上进行。请换到合适的场地。',
		en: 'Match {match} is placed on {table}, which is not the kind of table its sport is played on. Please move it to a suitable table, board or lane.'
	},
	'schedule.table_not_allowed': {
		'zh-CN': '比赛 {match} 不能在 {table} 进行（该场地未分配给这个项目）。请换到本项目的场地。',
		en: 'Match {match} may not be played on {table} (it is not assigned to its category). Please move it to one of the category’s tables.'
	},
	'schedule.table_out_of_use': {
		'zh-CN': '{table} 已停用，但比赛 {match}（{time}）仍排在上面。请把它的比赛移到空闲的场地。',
		en: '{table} is out of use, but match {match} ({time}) is still on it. Please move its matches to a free table.'
	},
	'schedule.outside_session': {
		'zh-CN': '比赛 {match}（{time}）不在比赛时段之内。请把它移到比赛时段里。',
		en: 'Match {match} ({time}) lies outside the playing sessions. Please move it into a session.'
	},
	'schedule.move_fixed': {
		'zh-CN': '比赛 {match} 已检录、正在进行或已结束，不能移动。',
		en: 'Match {match} has been called, is being played or is over: it cannot move.'
	},
	'schedule.move_in_past': {
		'zh-CN': '不能把比赛 {match} 移到已经过去的时间（{time}）。请选择现在之后的时段。',
		en: 'Match {match} cannot move to a time that has passed ({time}). Please choose a slot from now on.'
	},
	'schedule.move_published_earlier': {
		'zh-CN': '比赛 {match} 的时间已公布（{from}），不能提前到 {time}：选手可能还没到。请选择公布时间或更晚的时段。',
		en: 'Match {match} was published for {from}; it cannot move earlier, to {time}: the players may not be there yet. Please choose that time or later.'
	},
	'schedule.table_double_booked': {
		'zh-CN': '{table} 在 {time} 同时安排了比赛 {match} 和 {other}。请把其中一场移到别的场地或时间。',
		en: '{table} has both match {match} and match {other} at {time}. Please move one of them to another table or time.'
	},
	'schedule.athlete_double_booked': {
		'zh-CN': '选手 {athlete} 在 {time} 同时要打比赛 {match} 和 {other}。请把其中一场移到别的时间。',
		en: 'Athlete {athlete} would play match {match} and match {other} at the same time ({time}). Please move one of them to another time.'
	},
	'schedule.insufficient_rest': {
		'zh-CN': '选手 {athlete} 打完比赛 {match} 后，到 {time} 的比赛 {other} 之前休息不足 {rest} 分钟。请把比赛 {other} 往后移。',
		en: 'Athlete {athlete} gets less than {rest} minutes of rest between match {match} and match {other} at {time}. Please move match {other} later.'
	},
	'schedule.referee_double_booked': {
		'zh-CN': '裁判员 {referee} 在 {time} 同时要执裁比赛 {match} 和 {other}。请换一位裁判员或把其中一场移到别的时间。',
		en: 'Referee {referee} would officiate match {match} and match {other} at the same time ({time}). Please assign another referee or move one of them.'
	},
	'schedule.dependency_order': {
		'zh-CN': '比赛 {match} 被安排在 {time}，但它必须在比赛 {dependency} 结束之后进行。请把它往后移。',
		en: 'Match {match} is placed at {time}, but it must wait until match {dependency} has finished. Please move it later.'
	},
	'schedule.dependency_rest': {
		'zh-CN': '比赛 {match}（{time}）在比赛 {dependency} 结束后立即开始，晋级的选手休息不足 {rest} 分钟。请把比赛 {match} 往后移。',
		en: 'Match {match} ({time}) starts too soon after match {dependency}: the player who goes through gets less than {rest} minutes of rest. Please move match {match} later.'
	},
	'schedule.dependency_missing': {
		'zh-CN': '比赛 {match} 已排进赛程，但它之前必须进行的比赛 {dependency} 还没有安排。请先安排比赛 {dependency}。',
		en: 'Match {match} is scheduled, but match {dependency}, which must come first, is not. Please schedule match {dependency} first.'
	}
} satisfies Record<string, { 'zh-CN': string; en: string }>;
