/**
 * The one place that turns a person's plain numbers into the stored columns and back. Every
 * write of an athlete goes through `sealPerson`/`sealContact`; every read that needs a number
 * (masking, the athlete's own copy, a full export) goes through `openPerson`.
 */
import { blindIndex, decryptField, encryptField, type Keyring } from './crypto';
import { dataKeys } from './keys';
import { normaliseIdText } from '$lib/domain/registration/identity';

/** The purpose tag of the resident ID's blind index (part of the HMAC input). */
export const RESIDENT_ID_INDEX = 'residentId';

/** The blind index of a resident ID as typed (normalised first), for look-ups and uniqueness. */
export function residentIdIndex(residentId: string, ring: Keyring = dataKeys()): string {
	return blindIndex(ring, RESIDENT_ID_INDEX, normaliseIdText(residentId));
}

/** Plain personal fields → stored columns (encrypted numbers and phones, blind index). Other fields pass through. */
export function sealPerson<T extends { residentId: string; certificateNo: string; phone?: string; guardianPhone?: string }>(
	person: T,
	ring: Keyring = dataKeys()
): Omit<T, 'residentId' | 'certificateNo' | 'phone' | 'guardianPhone'> & {
	residentIdEnc: string;
	residentIdIndex: string;
	certificateNoEnc: string;
	phoneEnc: string;
	guardianPhoneEnc: string;
} {
	const { residentId, certificateNo, phone, guardianPhone, ...rest } = person;
	return {
		...rest,
		residentIdEnc: encryptField(ring, normaliseIdText(residentId)),
		residentIdIndex: residentIdIndex(residentId, ring),
		certificateNoEnc: encryptField(ring, normaliseIdText(certificateNo)),
		phoneEnc: encryptField(ring, phone ?? ''),
		guardianPhoneEnc: encryptField(ring, guardianPhone ?? '')
	};
}

/** Contact fields → stored columns (for amendments and corrections). */
export function sealContact(contact: { phone: string; guardianPhone: string }, ring: Keyring = dataKeys()) {
	return { phoneEnc: encryptField(ring, contact.phone), guardianPhoneEnc: encryptField(ring, contact.guardianPhone) };
}

/** The stored columns a reader selects to get the plain values back. */
export const sealedSelect = { residentIdEnc: true, certificateNoEnc: true, phoneEnc: true, guardianPhoneEnc: true } as const;

type Sealed = { residentIdEnc?: string; certificateNoEnc?: string; phoneEnc?: string; guardianPhoneEnc?: string };
type Opened<T> = Omit<T, 'residentIdEnc' | 'certificateNoEnc' | 'phoneEnc' | 'guardianPhoneEnc' | 'residentIdIndex'> &
	(T extends { residentIdEnc: string } ? { residentId: string } : unknown) &
	(T extends { certificateNoEnc: string } ? { certificateNo: string } : unknown) &
	(T extends { phoneEnc: string } ? { phone: string } : unknown) &
	(T extends { guardianPhoneEnc: string } ? { guardianPhone: string } : unknown);

/** Stored columns → plain values (only the columns present are opened; the blind index is dropped). */
export function openPerson<T extends Sealed>(row: T, ring: Keyring = dataKeys()): Opened<T> {
	const { residentIdEnc, certificateNoEnc, phoneEnc, guardianPhoneEnc, ...rest } = row as T & { residentIdIndex?: string };
	delete (rest as { residentIdIndex?: string }).residentIdIndex;
	const out: Record<string, unknown> = { ...rest };
	if (residentIdEnc !== undefined) out.residentId = decryptField(ring, residentIdEnc);
	if (certificateNoEnc !== undefined) out.certificateNo = decryptField(ring, certificateNoEnc);
	if (phoneEnc !== undefined) out.phone = decryptField(ring, phoneEnc);
	if (guardianPhoneEnc !== undefined) out.guardianPhone = decryptField(ring, guardianPhoneEnc);
	return out as Opened<T>;
}

/** The columns that erase a person's numbers, phones and guardian data (deletion, retention). */
export function erasedColumns(athleteId: string, now: Date) {
	return {
		residentIdEnc: '',
		residentIdIndex: `erased:${athleteId}`,
		certificateNoEnc: '',
		phoneEnc: '',
		guardianPhoneEnc: '',
		guardianName: '',
		guardianRelation: '',
		erasedAt: now
	};
}
