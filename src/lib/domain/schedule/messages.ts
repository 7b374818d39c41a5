/**
 * zh-CN and English texts for the order of play: errors in the input, reasons a match could not
 * be scheduled, and the conflicts shown after the organizer moves a match by hand. Placeholders
 * like {match} are filled from params (match, other, dependency, athlete, table, slot, rest,
 * earliest); the layer above replaces ids by names and slot numbers by times before showing them.
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
		'zh-CN': '比赛 {match} 的时长或最早开始时段无效：时长至少 1 个时段，开始时段不能早于第 0 个时段。',
		en: 'Match {match} has an invalid length or earliest start: it needs at least 1 slot and cannot start before slot 0.'
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
		'zh-CN': '比赛 {match} 被安排在球台 {table}，但场地中没有这张球台。请换一张球台。',
		en: 'Match {match} is placed on table {table}, which is not in this venue. Please choose another table.'
	},
	'schedule.no_capacity': {
		'zh-CN': '在本节次的时间内排不下比赛 {match}。请延长时间、增加球台或把比赛移到另一节次。',
		en: 'Match {match} does not fit in this session. Extend the session, add tables or move the match to another session.'
	},

	// conflicts after a manual change
	'schedule.unknown_match': {
		'zh-CN': '赛程中有一场不存在的比赛 {match}。请把它从赛程中删除。',
		en: 'The schedule contains match {match}, which does not exist. Please remove it from the schedule.'
	},
	'schedule.duplicate_assignment': {
		'zh-CN': '比赛 {match} 在赛程中被安排了两次。请保留其中一次。',
		en: 'Match {match} is scheduled twice. Please keep only one of the two.'
	},
	'schedule.table_not_allowed': {
		'zh-CN': '比赛 {match} 不能在球台 {table} 进行（该球台未分配给这个项目）。请换到本项目的球台。',
		en: 'Match {match} may not be played on table {table} (that table is not assigned to its category). Please move it to one of the category’s tables.'
	},
	'schedule.before_earliest': {
		'zh-CN': '比赛 {match} 被安排在第 {slot} 时段，早于它最早可开始的第 {earliest} 时段。请往后移。',
		en: 'Match {match} is placed at slot {slot}, before its earliest start at slot {earliest}. Please move it later.'
	},
	'schedule.table_double_booked': {
		'zh-CN': '球台 {table} 在第 {slot} 时段同时安排了比赛 {match} 和 {other}。请把其中一场移到别的球台或时段。',
		en: 'Table {table} has both match {match} and match {other} at slot {slot}. Please move one of them to another table or time.'
	},
	'schedule.athlete_double_booked': {
		'zh-CN': '选手 {athlete} 在第 {slot} 时段同时要打比赛 {match} 和 {other}。请把其中一场移到别的时段。',
		en: 'Athlete {athlete} would play match {match} and match {other} at the same time (slot {slot}). Please move one of them to another time.'
	},
	'schedule.insufficient_rest': {
		'zh-CN': '选手 {athlete} 打完比赛 {match} 后，到第 {slot} 时段的比赛 {other} 之前休息不足 {rest} 个时段。请把比赛 {other} 往后移。',
		en: 'Athlete {athlete} gets less than {rest} slots of rest between match {match} and match {other} at slot {slot}. Please move match {other} later.'
	},
	'schedule.dependency_order': {
		'zh-CN': '比赛 {match} 被安排在第 {slot} 时段，但它必须在比赛 {dependency} 结束之后进行。请把它往后移。',
		en: 'Match {match} is placed at slot {slot}, but it must wait until match {dependency} has finished. Please move it later.'
	},
	'schedule.dependency_rest': {
		'zh-CN': '比赛 {match} 在比赛 {dependency} 结束后立即开始，晋级的选手休息不足 {rest} 个时段。请把比赛 {match} 往后移。',
		en: 'Match {match} starts too soon after match {dependency}: the player who goes through gets less than {rest} slots of rest. Please move match {match} later.'
	},
	'schedule.dependency_missing': {
		'zh-CN': '比赛 {match} 已排进赛程，但它之前必须进行的比赛 {dependency} 还没有安排。请先安排比赛 {dependency}。',
		en: 'Match {match} is scheduled, but match {dependency}, which must come first, is not. Please schedule match {dependency} first.'
	}
} satisfies Record<string, { 'zh-CN': string; en: string }>;
