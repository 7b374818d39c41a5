/**
 * Demo art works (called by `seedDemo` on a fresh demo database), so the gallery and the jury
 * can be tried straight after `npm start`: three paintings and three photographs submitted by
 * the demo coordinators of 朝外 and 建外 through the real submission path (images checked,
 * converted and stored like uploads). The pictures are drawn here from SVG with sharp — no
 * binary files in the repository. Photography's results are published, so the public gallery
 * shows them; painting gets a jury panel (juror1–3) for the organizer to open a round.
 */
import sharp from 'sharp';
import type { Db } from '../db';
import type { SessionUser } from '$lib/roles';
import { submitEntry } from './entries';
import type { ArtConfig } from './config';

type Work = { category: 'painting' | 'photography'; title: string; author: string; technique: string; dimensions: string; statement: string; alt: string; svg: string };

const W = 1200;
const H = 800;
const svg = (body: string) => `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">${body}</svg>`;

const WORKS: Work[] = [
	{
		category: 'painting',
		title: '山色晴岚',
		author: '林晓东',
		technique: '水墨设色',
		dimensions: '68 × 45 cm',
		statement: '清晨登高所见，远山层叠，以淡墨渲染晨雾。',
		alt: '水墨山水：三重远山由深到浅，山间白雾，右上方一轮淡红的太阳。',
		svg: svg(`<defs><linearGradient id="s" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#f4efe2"/><stop offset="1" stop-color="#e6dcc6"/></linearGradient></defs>
			<rect width="${W}" height="${H}" fill="url(#s)"/><circle cx="930" cy="190" r="70" fill="#d9776a" opacity="0.8"/>
			<path d="M0 520 L180 330 L330 460 L520 260 L700 470 L880 340 L1200 540 L1200 800 L0 800Z" fill="#9aa19c"/>
			<path d="M0 600 L220 450 L420 580 L640 420 L860 590 L1040 470 L1200 600 L1200 800 L0 800Z" fill="#5f6862"/>
			<path d="M0 700 L260 590 L500 690 L760 600 L1000 700 L1200 640 L1200 800 L0 800Z" fill="#2f3532"/>`)
	},
	{
		category: 'painting',
		title: '墨竹图',
		author: '周文斌',
		technique: '水墨',
		dimensions: '50 × 34 cm',
		statement: '写竹三竿，取其虚心有节。',
		alt: '水墨墨竹：三根竹竿从左下斜向右上，竹叶浓淡交错，米黄色纸底。',
		svg: svg(`<rect width="${W}" height="${H}" fill="#f1ead8"/>
			<g stroke="#1f2420" stroke-linecap="round"><line x1="300" y1="800" x2="520" y2="0" stroke-width="26"/><line x1="520" y1="800" x2="700" y2="40" stroke-width="20" opacity="0.7"/><line x1="760" y1="800" x2="880" y2="120" stroke-width="16" opacity="0.5"/></g>
			<g fill="#1f2420"><path d="M470 180 q120 -40 200 10 q-110 10 -200 -10Z"/><path d="M455 260 q-120 -30 -210 30 q110 -10 210 -30Z"/><path d="M640 220 q110 -50 190 -10 q-100 20 -190 10Z" opacity="0.7"/><path d="M840 300 q90 -40 170 0 q-90 20 -170 0Z" opacity="0.5"/></g>`)
	},
	{
		category: 'painting',
		title: '荷塘',
		author: '陈静',
		technique: '工笔重彩',
		dimensions: '60 × 40 cm',
		statement: '夏日荷塘，粉荷三朵，绿叶田田。',
		alt: '工笔荷花：深绿水面上三片圆形荷叶，两朵粉色荷花盛开，一朵含苞。',
		svg: svg(`<rect width="${W}" height="${H}" fill="#1e4d45"/>
			<g fill="#3f8f5a"><ellipse cx="300" cy="560" rx="200" ry="90"/><ellipse cx="800" cy="620" rx="230" ry="100"/><ellipse cx="620" cy="420" rx="150" ry="60"/></g>
			<g fill="#f2a7b8"><path d="M380 420 q-60 -120 0 -200 q60 80 0 200Z"/><path d="M380 420 q-120 -60 -110 -170 q80 60 110 170Z"/><path d="M380 420 q120 -60 110 -170 q-80 60 -110 170Z"/>
			<path d="M900 480 q-50 -100 0 -170 q50 70 0 170Z"/><path d="M900 480 q-100 -50 -90 -140 q70 50 90 140Z"/><path d="M900 480 q100 -50 90 -140 q-70 50 -90 140Z"/></g>
			<path d="M640 330 q-30 -70 0 -120 q30 50 0 120Z" fill="#e98aa0"/>`)
	},
	{
		category: 'photography',
		title: '朝阳公园的清晨',
		author: '王海波',
		technique: '数码摄影',
		dimensions: '3000 × 2000 像素',
		statement: '早起晨练时拍下的湖面与日出。',
		alt: '照片：湖面日出，橙色天空渐变为蓝色，太阳在地平线上，水面有金色倒影。',
		svg: svg(`<defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#2d5fa8"/><stop offset="0.6" stop-color="#f0a04b"/><stop offset="1" stop-color="#f7d08a"/></linearGradient>
			<linearGradient id="sea" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#c9803a"/><stop offset="1" stop-color="#1d3557"/></linearGradient></defs>
			<rect width="${W}" height="480" fill="url(#sky)"/><rect y="480" width="${W}" height="320" fill="url(#sea)"/>
			<circle cx="600" cy="470" r="60" fill="#fff1c1"/><rect x="570" y="490" width="60" height="260" fill="#ffd98a" opacity="0.5"/>`)
	},
	{
		category: 'photography',
		title: '胡同里的秋天',
		author: '张丽华',
		technique: '数码摄影',
		dimensions: '3000 × 2000 像素',
		statement: '灰墙、红门和满地黄叶。',
		alt: '照片：灰色砖墙中间一扇红色木门，门前地面铺满黄色落叶，上方露出一角蓝天。',
		svg: svg(`<rect width="${W}" height="${H}" fill="#8d9298"/><rect width="${W}" height="140" fill="#7fb3e0"/>
			<g stroke="#6f7479" stroke-width="4">${Array.from({ length: 12 }, (_, i) => `<line x1="0" y1="${160 + i * 50}" x2="${W}" y2="${160 + i * 50}"/>`).join('')}</g>
			<rect x="470" y="240" width="260" height="440" fill="#a3241f"/><circle cx="690" cy="470" r="12" fill="#e0b340"/>
			<g fill="#e6b422">${Array.from({ length: 40 }, (_, i) => `<ellipse cx="${(i * 97) % W}" cy="${690 + ((i * 37) % 100)}" rx="22" ry="9"/>`).join('')}</g>`)
	},
	{
		category: 'photography',
		title: '轮椅上的舞者',
		author: '刘志强',
		technique: '数码摄影',
		dimensions: '3000 × 2000 像素',
		statement: '去年区运会轮椅舞蹈表演的一瞬间。',
		alt: '照片：深色舞台上一束白光，光圈中一位轮椅舞者张开双臂，裙摆飞扬。',
		svg: svg(`<rect width="${W}" height="${H}" fill="#14141f"/><path d="M520 0 L680 0 L900 800 L300 800Z" fill="#fff" opacity="0.15"/>
			<ellipse cx="600" cy="700" rx="260" ry="50" fill="#fff" opacity="0.2"/>
			<circle cx="600" cy="610" r="80" fill="none" stroke="#d8d8e0" stroke-width="14"/><circle cx="600" cy="330" r="34" fill="#e9c9a8"/>
			<path d="M600 370 L600 540 M600 400 L470 330 M600 400 L730 330" stroke="#e9c9a8" stroke-width="18" stroke-linecap="round"/>
			<path d="M540 540 Q600 470 660 540 L720 600 L480 600Z" fill="#c2185b"/>`)
	}
];

/** Seeds the demo works once (nothing when any art entry exists or the demo coordinators are missing). */
export async function seedArtWorks(db: Db, config: ArtConfig): Promise<number> {
	if ((await db.artEntry.count()) > 0) return 0;
	const coordinators = await db.user.findMany({
		where: { username: { in: ['coord01', 'coord03'] } },
		select: { id: true, username: true, displayName: true, role: true, streetId: true },
		orderBy: { username: 'asc' }
	});
	if (coordinators.length < 2) return 0;
	const edition = await db.edition.findFirstOrThrow({ where: { current: true } });
	const categories = new Map((await db.artCategory.findMany({ where: { editionId: edition.id } })).map((c) => [c.key, c]));
	let count = 0;
	for (const [index, work] of WORKS.entries()) {
		const category = categories.get(work.category);
		const coordinator = coordinators[index % coordinators.length];
		if (!category || !coordinator) continue;
		const user: SessionUser = { ...coordinator, role: 'coordinator', mustChangePassword: false };
		const data = new Uint8Array(await sharp(Buffer.from(work.svg)).jpeg({ quality: 82 }).toBuffer());
		await submitEntry(
			db,
			user,
			{
				artCategoryId: category.id,
				title: work.title,
				authorName: work.author,
				coAuthors: '',
				year: Number(edition.startsOn.slice(0, 4)),
				dimensions: work.dimensions,
				technique: work.technique,
				statement: work.statement,
				images: [{ data, altText: work.alt }]
			},
			config
		);
		count++;
	}
	const photography = categories.get('photography');
	if (photography) await db.artCategory.update({ where: { id: photography.id }, data: { resultsPublishedAt: new Date() } });
	const painting = categories.get('painting');
	if (painting && (await db.juryPanel.count({ where: { artCategoryId: painting.id } })) === 0) {
		const jurors = await db.user.findMany({ where: { username: { in: ['juror1', 'juror2', 'juror3'] } }, select: { id: true } });
		await db.juryPanel.create({
			data: { artCategoryId: painting.id, name: '绘画评审组', scaleMin: 0, scaleMax: 100, scaleStep: 1, jurors: { create: jurors.map((j) => ({ userId: j.id })) } }
		});
	}
	return count;
}
