/**
 * zh-CN and English texts for every code the registration rules produce (identity,
 * certificate, eligibility, rule validation, quotas, window, entries, guardian), plus a few
 * labels the forms need. Written for the person in front of the form: the athlete, a family
 * member or the street coordinator. Placeholders like {position} are filled from params.
 */

export type Language = 'zh-CN' | 'en';
type Texts = { 'zh-CN': string; en: string };

const idTexts = (what: { zh: string; en: string }) => ({
	empty: {
		'zh-CN': `请输入${what.zh}。`,
		en: `Please enter the ${what.en}.`
	},
	characters: {
		'zh-CN': `${what.zh}第 {position} 位不是有效字符：只能填写数字，身份证号码的最后一位可以是 X。请对照证件核对后重新输入。`,
		en: `Character {position} of the ${what.en} is not valid: only digits are allowed, and the last character of the ID number may be X. Please check it against the card and enter it again.`
	},
	region: {
		'zh-CN': `${what.zh}的前两位“{province}”不是有效的省级地区代码，可能输错了。请对照证件核对前几位数字。`,
		en: `The first two digits of the ${what.en} ("{province}") are not a valid province code; the number was probably mistyped. Please check the first digits against the card.`
	},
	birth_date: {
		'zh-CN': `${what.zh}第 7 到 14 位应为出生日期（年月日），但这不是一个真实的日期。请对照证件核对这几位数字。`,
		en: `Characters 7 to 14 of the ${what.en} should be the date of birth (year, month, day), but they are not a real date. Please check these digits against the card.`
	},
	birth_date_too_early: {
		'zh-CN': `${what.zh}中的出生年份早于 1900 年，可能输错了。请对照证件核对第 7 到 10 位（出生年份）。`,
		en: `The year of birth in the ${what.en} is before 1900; it was probably mistyped. Please check characters 7 to 10 (year of birth) against the card.`
	},
	birth_date_future: {
		'zh-CN': `${what.zh}中的出生日期晚于今天，可能输错了。请对照证件核对第 7 到 14 位（出生日期）。`,
		en: `The date of birth in the ${what.en} is later than today; it was probably mistyped. Please check characters 7 to 14 (date of birth) against the card.`
	}
});

const identity = idTexts({ zh: '身份证号码', en: 'ID number' });
const certificate = idTexts({ zh: '残疾人证号', en: 'disability certificate number' });

export const registrationMessages = {
	// Resident ID number
	'identity.empty': identity.empty,
	'identity.length': {
		'zh-CN': '身份证号码应为 18 位，您输入了 {length} 位。请对照身份证核对，是否多输或漏输了数字。',
		en: 'An ID number has 18 characters; you entered {length}. Please check it against the card for a missing or extra digit.'
	},
	'identity.looks_like_certificate': {
		'zh-CN': '您输入的像是 20 位的残疾人证号。身份证号码只有 18 位：请去掉最后两位数字，或把它填入“残疾人证号”一栏。',
		en: 'This looks like a 20-digit disability certificate number. An ID number has 18 characters: remove the last two digits, or enter it in the disability certificate field.'
	},
	'identity.characters': identity.characters,
	'identity.region': identity.region,
	'identity.birth_date': identity.birth_date,
	'identity.birth_date_too_early': identity.birth_date_too_early,
	'identity.birth_date_future': identity.birth_date_future,
	'identity.check_char': {
		'zh-CN': '身份证号码校验位不正确，号码很可能输错了，但无法判断是哪一位。请对照身份证逐位核对后重新输入。',
		en: 'The ID number check character does not match: the number was probably mistyped, but which character is wrong cannot be told. Please compare it with the card digit by digit and enter it again.'
	},
	'identity.mismatch': {
		'zh-CN': '残疾人证号的前 18 位与身份证号码不一致。两个证件应属于同一人，请分别对照两个证件核对。',
		en: 'The first 18 characters of the disability certificate number differ from the ID number. Both documents must belong to the same person: please check each number against its card.'
	},
	'identity.make_input': {
		'zh-CN': '生成测试身份证号码需要 6 位地区代码、YYYY-MM-DD 格式的出生日期和 3 位顺序码。',
		en: 'Generating a test ID number needs a 6-digit region code, a YYYY-MM-DD birth date and a 3-digit sequence.'
	},

	// Disability certificate number
	'certificate.empty': certificate.empty,
	'certificate.length': {
		'zh-CN': '残疾人证号应为 20 位（18 位身份证号码加 2 位数字），您输入了 {length} 位。请对照残疾人证核对。',
		en: 'A disability certificate number has 20 characters (the 18-character ID number plus 2 digits); you entered {length}. Please check it against the certificate.'
	},
	'certificate.missing_category_grade': {
		'zh-CN': '您输入的是 18 位身份证号码。残疾人证号还要在后面加上 2 位数字（残疾类别和残疾等级），请对照残疾人证补全。',
		en: 'You entered an 18-character ID number. The disability certificate number adds 2 digits at the end (disability category and grade): please complete it from the certificate.'
	},
	'certificate.characters': certificate.characters,
	'certificate.region': certificate.region,
	'certificate.birth_date': certificate.birth_date,
	'certificate.birth_date_too_early': certificate.birth_date_too_early,
	'certificate.birth_date_future': certificate.birth_date_future,
	'certificate.check_char': {
		'zh-CN': '残疾人证号前 18 位（身份证号码部分）的校验位不正确，号码很可能输错了，但无法判断是哪一位。请对照残疾人证逐位核对后重新输入。',
		en: 'The check character of the first 18 characters (the ID number part) of the disability certificate number does not match: it was probably mistyped, but which character is wrong cannot be told. Please compare it with the certificate digit by digit and enter it again.'
	},
	'certificate.category': {
		'zh-CN': '残疾人证号第 19 位是残疾类别，应为 1 到 7（1 视力、2 听力、3 言语、4 肢体、5 智力、6 精神、7 多重），这里是 {category}。请对照残疾人证核对。',
		en: 'Character 19 of the disability certificate number is the disability category and must be 1 to 7 (1 visual, 2 hearing, 3 speech, 4 physical, 5 intellectual, 6 mental, 7 multiple); here it is {category}. Please check it against the certificate.'
	},
	'certificate.grade': {
		'zh-CN': '残疾人证号第 20 位是残疾等级，应为 1 到 4，这里是 {grade}。请对照残疾人证核对。',
		en: 'Character 20 of the disability certificate number is the disability grade and must be 1 to 4; here it is {grade}. Please check it against the certificate.'
	},

	// Dates and sport classes
	'date.invalid': {
		'zh-CN': '“{value}”不是有效日期，请按 年-月-日（例如 2025-05-01）填写。',
		en: '"{value}" is not a valid date. Please use year-month-day, e.g. 2025-05-01.'
	},
	'sport_class.invalid': {
		'zh-CN': '“{value}”不是有效的乒乓球残疾分级。请填写 TT1 到 TT11，或一个范围，例如 TT6-10。',
		en: '"{value}" is not a valid para table tennis class. Please enter TT1 to TT11, or a range such as TT6-10.'
	},

	// Eligibility reasons (why a category is not offered to an athlete)
	'eligibility.men_only': {
		'zh-CN': '此组别仅限男子参加。',
		en: 'This category is for men only.'
	},
	'eligibility.women_only': {
		'zh-CN': '此组别仅限女子参加。',
		en: 'This category is for women only.'
	},
	'eligibility.too_young': {
		'zh-CN': '此组别要求在 {referenceDate} 年满 {minAge} 周岁，运动员届时为 {age} 周岁。',
		en: 'This category requires being at least {minAge} years old on {referenceDate}; the athlete will be {age}.'
	},
	'eligibility.too_old': {
		'zh-CN': '此组别要求在 {referenceDate} 不超过 {maxAge} 周岁，运动员届时为 {age} 周岁。',
		en: 'This category requires being at most {maxAge} years old on {referenceDate}; the athlete will be {age}.'
	},
	'eligibility.disability_category': {
		'zh-CN': '此组别仅限残疾类别 {allowed}（1 视力、2 听力、3 言语、4 肢体、5 智力、6 精神、7 多重）；运动员残疾人证上的类别为 {disabilityCategory}。',
		en: 'This category is only for disability categories {allowed} (1 visual, 2 hearing, 3 speech, 4 physical, 5 intellectual, 6 mental, 7 multiple); the athlete\'s certificate shows category {disabilityCategory}.'
	},
	'eligibility.grade': {
		'zh-CN': '此组别仅限残疾等级 {allowed} 级；运动员残疾人证上的等级为 {grade} 级。',
		en: 'This category is only for disability grades {allowed}; the athlete\'s certificate shows grade {grade}.'
	},
	'eligibility.sport_class_missing': {
		'zh-CN': '此组别按乒乓球残疾分级参赛（限 {allowed}），请先填写运动员的分级。不清楚分级的，请咨询街道联络员。',
		en: 'This category is played by para table tennis class ({allowed} only): please enter the athlete\'s class first. If you do not know it, ask your street coordinator.'
	},
	'eligibility.sport_class': {
		'zh-CN': '此组别仅限分级 {allowed}；运动员的分级为 {sportClass}。',
		en: 'This category is only for classes {allowed}; the athlete\'s class is {sportClass}.'
	},

	// Problems of an eligibility rule as the organizer saves it
	'eligibility_rule.reference_date': {
		'zh-CN': '请填写计算年龄的基准日期，格式为 年-月-日（例如 2025-05-01）。',
		en: 'Please enter the date on which ages are computed, as year-month-day (e.g. 2025-05-01).'
	},
	'eligibility_rule.min_age': {
		'zh-CN': '最小年龄“{value}”无效，请填写 0 到 130 之间的整数，或留空表示不限。',
		en: 'The minimum age "{value}" is not valid: enter a whole number from 0 to 130, or leave it empty for no limit.'
	},
	'eligibility_rule.max_age': {
		'zh-CN': '最大年龄“{value}”无效，请填写 0 到 130 之间的整数，或留空表示不限。',
		en: 'The maximum age "{value}" is not valid: enter a whole number from 0 to 130, or leave it empty for no limit.'
	},
	'eligibility_rule.age_range': {
		'zh-CN': '最小年龄（{minAge}）大于最大年龄（{maxAge}），这样没有人能报名。请调整年龄范围。',
		en: 'The minimum age ({minAge}) is above the maximum age ({maxAge}), so nobody could enter. Please correct the age range.'
	},
	'eligibility_rule.gender': {
		'zh-CN': '性别限制“{value}”无效，只能选择男或女。',
		en: 'The gender "{value}" is not valid: choose men or women.'
	},
	'eligibility_rule.disability_category': {
		'zh-CN': '残疾类别“{value}”无效，请选择 1 到 7（1 视力、2 听力、3 言语、4 肢体、5 智力、6 精神、7 多重）。',
		en: 'The disability category "{value}" is not valid: choose 1 to 7 (1 visual, 2 hearing, 3 speech, 4 physical, 5 intellectual, 6 mental, 7 multiple).'
	},
	'eligibility_rule.grade': {
		'zh-CN': '残疾等级“{value}”无效，请选择 1 到 4 级。',
		en: 'The disability grade "{value}" is not valid: choose 1 to 4.'
	},
	'eligibility_rule.sport_class': {
		'zh-CN': '分级“{value}”无效，请填写 TT1 到 TT11，或一个范围，例如 TT6-10。',
		en: 'The class "{value}" is not valid: enter TT1 to TT11, or a range such as TT6-10.'
	},

	// Quotas and the registration window
	'quota.street_full': {
		'zh-CN': '本街道在该项目的名额（{quota} 人）已经报满，不能再报名。如需调整名额，请联系组委会。',
		en: 'Your street\'s places in this event ({quota}) are all taken; no more entries can be added. To ask for more places, contact the organizers.'
	},
	'quota.street_exceeded': {
		'zh-CN': '本街道在该项目只剩 {remaining} 个名额（共 {quota} 个），但要添加 {adding} 人。请减少人数或联系组委会。',
		en: 'Your street has only {remaining} of {quota} places left in this event, but {adding} entries are being added. Add fewer athletes or contact the organizers.'
	},
	'quota.event_limit': {
		'zh-CN': '每名运动员最多报 {max} 个项目，已报 {current} 个，还能报 {remaining} 个。请减少所选项目。',
		en: 'Each athlete may enter at most {max} events; {current} already entered, {remaining} more possible. Please choose fewer events.'
	},
	'window.not_open': {
		'zh-CN': '报名尚未开始，请在报名开始后再提交。',
		en: 'Registration has not opened yet. Please submit once it opens.'
	},
	'coordinator.registration_closed': {
		'zh-CN': '“{category}”的报名已截止，街道联络员不能再审核、退回或退出报名。如需更改，请联系组委会（赛事组织者），由组委会处理。',
		en: 'Registration for "{category}" has closed, so street coordinators can no longer approve, return or withdraw entries. To change this entry, please ask the organizers, who can make the change.'
	},
	'athlete.withdraw_closed': {
		'zh-CN': '“{category}”的报名已截止或已经抽签，不能在网上退出。如需退赛，请联系组委会（赛事组织者）：抽签后由组委会在抽签中登记退赛，对手按弃权获胜。',
		en: 'Entries for "{category}" have closed or its draw has been made, so you cannot withdraw online. To withdraw, please ask the organizers: after the draw they record the withdrawal in the draw, and the opponents win by walkover.'
	},
	'coordinator.category_drawn': {
		'zh-CN': '“{category}”已经抽签，报名不能再由街道联络员更改。运动员如需退赛，请联系组委会（赛事组织者）：组委会在抽签中登记退赛，对手按弃权获胜。',
		en: 'The draw for "{category}" has been made, so street coordinators can no longer change its entries. If the athlete withdraws, please ask the organizers: they record the withdrawal in the draw, and the opponents win by walkover.'
	},
	'window.closed': {
		'zh-CN': '报名已截止，不能再提交或修改。如有特殊情况，请联系街道联络员或组委会。',
		en: 'Registration is closed: entries can no longer be submitted or changed. In special cases, contact your street coordinator or the organizers.'
	},

	// Entry requests
	'entry.none_chosen': {
		'zh-CN': '请至少选择一个项目。',
		en: 'Please choose at least one event.'
	},
	'entry.duplicate': {
		'zh-CN': '“{categoryName}”被选择了两次，请只保留一次。',
		en: '"{categoryName}" was chosen twice; keep it once.'
	},
	'entry.already_entered': {
		'zh-CN': '运动员已经报名了“{categoryName}”，不需要再次报名。',
		en: 'The athlete is already entered in "{categoryName}"; there is no need to enter again.'
	},
	'entry.unknown_category': {
		'zh-CN': '所选项目不存在或已被取消，请刷新页面后重新选择。',
		en: 'The chosen event does not exist or was cancelled. Please reload the page and choose again.'
	},

	// Guardian
	'guardian.minor': {
		'zh-CN': '运动员在 {referenceDate} 未满 18 周岁（{age} 周岁），需要填写监护人信息并由监护人同意报名。',
		en: 'The athlete is under 18 on {referenceDate} ({age}), so a guardian must be named and must agree to the entry.'
	},
	'guardian.intellectual': {
		'zh-CN': '智力残疾运动员报名需要填写监护人信息，并由监护人同意报名。',
		en: 'Athletes with an intellectual disability need a guardian to be named and to agree to the entry.'
	},

	// The person, contact and guardian (validateRegistration)
	'person.name_required': {
		'zh-CN': '请填写姓名（与身份证上一致）。',
		en: 'Please enter the name (as on the ID card).'
	},
	'person.name_too_long': {
		'zh-CN': '姓名最多 {max} 个字，请核对。',
		en: 'A name has at most {max} characters; please check it.'
	},
	'person.already_registered': {
		'zh-CN': '这个身份证号码在本届运动会已经报过名，不能重复报名。如需修改或增加项目，请用报名时得到的报名编号和身份证号码进入“查询与修改”；找不到报名编号的，请联系所在街道的联络员。',
		en: 'This ID number is already registered for these games; a person registers only once. To change or add events, use “Check or change my entry” with the reference code you received and the ID number; if you cannot find the reference code, ask your street coordinator.'
	},
	'contact.phone_invalid': {
		'zh-CN': '请填写能联系到的电话号码，例如手机号 13912345678 或带区号的座机 010-65001234。',
		en: 'Please enter a phone number we can reach, e.g. a mobile 13912345678 or a landline with area code 010-65001234.'
	},
	'guardian.phone_required': {
		'zh-CN': '请填写监护人的电话号码。',
		en: 'Please enter the guardian\'s phone number.'
	},
	'guardian.phone_invalid': {
		'zh-CN': '监护人电话号码格式不对，例如手机号 13912345678 或带区号的座机 010-65001234。',
		en: 'The guardian\'s phone number is not valid, e.g. a mobile 13912345678 or a landline with area code 010-65001234.'
	},

	// Excel import rows
	'entry.unknown_code': {
		'zh-CN': '项目代码“{code}”不存在。请使用模板“项目”工作表中列出的代码，多个项目用逗号分隔。',
		en: 'There is no event with code "{code}". Use the codes listed on the template\'s "Events" sheet, separated by commas.'
	},
	'import.duplicate_in_file': {
		'zh-CN': '这个身份证号码在第 {firstRow} 行已经出现过。每人只填一行，多个项目写在同一行的“项目”列。',
		en: 'This ID number already appears in row {firstRow}. Enter each person once, with all their events in the "Events" column of that row.'
	},
	'import.already_registered': {
		'zh-CN': '此人已经报名（可能是本人在网上报的名）。请在街道工作台中查看和修改此人的报名，不要重复导入。',
		en: 'This person is already registered (perhaps online by themselves). Review and change their entry in the street console instead of importing it again.'
	},

	// Reference codes
	'reference.invalid': {
		'zh-CN': '报名编号格式不对。报名编号形如 DG-7K3M-Q9TX，请对照报名确认页或报名卡核对。',
		en: 'This is not a valid reference code. Reference codes look like DG-7K3M-Q9TX; please check it against your confirmation page or entry card.'
	},


	// Labels for forms and lists
	'disability.category.1': { 'zh-CN': '视力残疾', en: 'Visual impairment' },
	'disability.category.2': { 'zh-CN': '听力残疾', en: 'Hearing impairment' },
	'disability.category.3': { 'zh-CN': '言语残疾', en: 'Speech impairment' },
	'disability.category.4': { 'zh-CN': '肢体残疾', en: 'Physical impairment' },
	'disability.category.5': { 'zh-CN': '智力残疾', en: 'Intellectual impairment' },
	'disability.category.6': { 'zh-CN': '精神残疾', en: 'Mental impairment' },
	'disability.category.7': { 'zh-CN': '多重残疾', en: 'Multiple impairments' },
	'disability.grade.1': { 'zh-CN': '一级', en: 'Grade 1' },
	'disability.grade.2': { 'zh-CN': '二级', en: 'Grade 2' },
	'disability.grade.3': { 'zh-CN': '三级', en: 'Grade 3' },
	'disability.grade.4': { 'zh-CN': '四级', en: 'Grade 4' },
	'gender.male': { 'zh-CN': '男', en: 'Male' },
	'gender.female': { 'zh-CN': '女', en: 'Female' },
	'sport_class.group.wheelchair': { 'zh-CN': '轮椅组（TT1-5）', en: 'Wheelchair (TT1-5)' },
	'sport_class.group.standing': { 'zh-CN': '站立组（TT6-10）', en: 'Standing (TT6-10)' },
	'sport_class.group.intellectual': { 'zh-CN': '智力残疾组（TT11）', en: 'Intellectual impairment (TT11)' }
} satisfies Record<string, Texts>;

export type RegistrationMessageCode = keyof typeof registrationMessages;

/**
 * Fills a message's {placeholders} from params in the requested language; unknown codes
 * come back as the code itself. Used by the parsers for their English fallback message
 * and available to forms that show registration problems.
 */
export function formatRegistrationMessage(
	code: string,
	params: Record<string, string | number> = {},
	language: Language = 'zh-CN'
): string {
	const texts = (registrationMessages as Record<string, Texts>)[code];
	if (!texts) return code;
	return texts[language].replace(/\{(\w+)\}/g, (whole, key: string) =>
		key in params ? String(params[key]) : whole
	);
}
