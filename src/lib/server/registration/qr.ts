/** QR codes of entry cards: an SVG carrying the reference code, which the venue desk scans. */
import QRCode from 'qrcode';
import { qrPayload } from '$lib/domain/registration/reference';

/** An SVG QR code for a reference code (no personal data inside), scalable for print. */
export async function entryQrSvg(referenceCode: string): Promise<string> {
	return QRCode.toString(qrPayload(referenceCode), { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}
