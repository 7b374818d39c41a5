import QRCode from 'qrcode';
import type { PageServerLoad } from './$types';
import { loadCaller } from '$lib/server/trpc/http';

/** One QR code per table, board and lane, linking to the table's referee page. */
export const load: PageServerLoad = async (event) => {
	const { url } = event;
	const tables = await (await loadCaller(event)).scoring.admin.tables();
	return {
		tables: await Promise.all(
			tables.map(async (t) => {
				const link = `${url.origin}/referee/table/${t.id}`;
				const svg = await QRCode.toString(link, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
				return { ...t, link, svg };
			})
		)
	};
};
