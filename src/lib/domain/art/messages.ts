/**
 * zh-CN and English texts for every code the art jury rules produce, for jurors (score
 * entry) and organizers (jury set-up, outliers, selection). Placeholders like {min} are
 * filled from params.
 */

export type Language = 'zh-CN' | 'en';
type Texts = { 'zh-CN': string; en: string };

export const artMessages = {
	'jury.no_scores': {
		'zh-CN': '该作品还没有任何评分，无法计算最后得分。请等待评委完成评分，或在排名时暂不包含该作品。',
		en: 'This entry has no scores yet, so no final score can be computed. Wait for the jurors to score it, or leave it out of the ranking for now.'
	},
	'jury.score_not_number': {
		'zh-CN': '“{value}”不是有效的分数，请输入数字，例如 8.5。',
		en: '"{value}" is not a valid score. Please enter a number, e.g. 8.5.'
	},
	'jury.score_out_of_range': {
		'zh-CN': '分数 {score} 超出了评分范围，请输入 {min} 到 {max} 之间的分数。',
		en: 'The score {score} is outside the scale. Please enter a score from {min} to {max}.'
	},
	'jury.score_step': {
		'zh-CN': '分数 {score} 不符合评分档位：分数须从 {min} 起按 {step} 分递增。请调整后重新输入。',
		en: 'The score {score} is not on the scale: scores go up in steps of {step} from {min}. Please adjust it and enter it again.'
	},
	'jury.scale_invalid': {
		'zh-CN': '评分标准设置有误（最低分 {min}、最高分 {max}、档位 {step}）：最低分须小于最高分，档位须大于 0。请组委会修改评分设置。',
		en: 'The scoring scale is set up wrongly (min {min}, max {max}, step {step}): the minimum must be below the maximum and the step above 0. The organizers need to correct the scale.'
	},
	'jury.decimals_invalid': {
		'zh-CN': '得分保留的小数位数（{decimals}）无效，请设为 0 到 6 之间的整数。',
		en: 'The number of decimals for scores ({decimals}) is not valid: use a whole number from 0 to 6.'
	},
	'jury.criterion_missing': {
		'zh-CN': '评分项“{criterion}”还没有打分，请为每个评分项打分后再提交。',
		en: 'The criterion "{criterion}" has no score yet. Please score every criterion before submitting.'
	},
	'jury.criterion_unknown': {
		'zh-CN': '评分项“{criterion}”不在本次评审的评分标准中，请刷新页面后重新评分。',
		en: 'The criterion "{criterion}" is not part of this jury\'s scoring scheme. Please reload the page and score again.'
	},
	'jury.weights_invalid': {
		'zh-CN': '评分项权重设置有误：权重不能为负数，且至少有一项权重大于 0。请组委会修改评分标准。',
		en: 'The criteria weights are set up wrongly: weights cannot be negative and at least one must be above 0. The organizers need to correct the scoring scheme.'
	},
	'jury.own_street': {
		'zh-CN': '评委不能为本街道的作品评分，该作品已分配给其他评委。',
		en: 'Jurors do not score entries from their own street; this entry goes to other jurors.'
	},
	'jury.declared_conflict': {
		'zh-CN': '您已申报与该作品存在利益关系，因此不为该作品评分。',
		en: 'You declared a conflict of interest with this entry, so you do not score it.'
	},
	'jury.outlier': {
		'zh-CN': '评委 {jurorId} 的评分与其他评委差异较大（平均偏差 {deviation}，其他评委平均偏差 {baseline}）。请核对是否有录入错误；此提示不会自动剔除评分。',
		en: 'Juror {jurorId} scores far from the rest of the panel (mean deviation {deviation}, others {baseline}). Please check for entry mistakes; this notice does not remove any score.'
	},
	'jury.tied_at_cutoff': {
		'zh-CN': '“{list}”还剩 {openPlaces} 个名额，但有 {count} 件作品并列在分数线上。请组委会决定入选作品。',
		en: '"{list}" has {openPlaces} places left but {count} entries are tied at the cut-off. The organizers need to decide which go forward.'
	},
	'jury.quota_invalid': {
		'zh-CN': '“{list}”的入选名额（{size}）无效，请填写 0 或正整数。',
		en: 'The number of places for "{list}" ({size}) is not valid: enter 0 or a positive whole number.'
	},
	'art.window_not_set': {
		'zh-CN': '组委会尚未设置艺术作品征集时间，暂时不能提交或撤回作品。',
		en: 'The organizers have not set the art entry window yet, so entries cannot be submitted or withdrawn.'
	},
	'art.window_not_open': {
		'zh-CN': '艺术作品征集尚未开始（开始时间 {opensAt}）。',
		en: 'The art entry window has not opened yet (it opens {opensAt}).'
	},
	'art.window_closed': {
		'zh-CN': '艺术作品征集已于 {closesAt} 截止，不能再提交或撤回作品。',
		en: 'The art entry window closed at {closesAt}; entries can no longer be submitted or withdrawn.'
	},
	'art.window_invalid': {
		'zh-CN': '征集开始时间必须早于截止时间。',
		en: 'The entry window must open before it closes.'
	},
	'art.street_quota_full': {
		'zh-CN': '本街道在该类别已提交 {quota} 件作品，达到名额上限。如需更换，请先撤回一件作品。',
		en: 'Your street has already submitted {quota} entries in this medium, the quota. Withdraw one first to submit another.'
	},
	'art.image_count': {
		'zh-CN': '每件作品需要上传 {min} 到 {max} 张图片（当前 {count} 张）。',
		en: 'Each work needs {min} to {max} images (you gave {count}).'
	},
	'art.panel_size': {
		'zh-CN': '评审组需要 {min} 到 {max} 名评委（当前 {count} 名）。',
		en: 'A jury panel needs {min} to {max} jurors (you chose {count}).'
	}
} satisfies Record<string, Texts>;

export type ArtMessageCode = keyof typeof artMessages;

/**
 * Fills a message's {placeholders} from params in the requested language; unknown codes
 * come back as the code itself. Used by validateScore for its English fallback message and
 * available to the jury pages.
 */
export function formatArtMessage(
	code: string,
	params: Record<string, string | number> = {},
	language: Language = 'zh-CN'
): string {
	const texts = (artMessages as Record<string, Texts>)[code];
	if (!texts) return code;
	return texts[language].replace(/\{(\w+)\}/g, (whole, key: string) =>
		key in params ? String(params[key]) : whole
	);
}
