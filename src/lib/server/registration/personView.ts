/**
 * Every staff view of a person (coordinator console, organizer lists, the masked Excel export,
 * audit records) is built here, through the domain's one masking rule (`maskedPerson`): the
 * personal numbers leave the server masked, and the birth date they contain is replaced by the
 * age in whole years. Routers never spread a raw athlete row into a response.
 */
import { maskedPerson, type MaskedPersonalNumbers } from '$lib/domain/registration/mask';
import { decryptField } from '../privacy/crypto';
import { dataKeys } from '../privacy/keys';

/** The columns a person view needs besides what the caller selects (age counts on the edition's opening day). */
export const personNumbersSelect = {
	residentIdEnc: true,
	certificateNoEnc: true,
	birthDate: true,
	edition: { select: { startsOn: true } }
} as const;

/** The stored (encrypted, see src/lib/server/privacy) numbers: decrypted here only to be masked. */
type WithNumbers = { residentIdEnc: string; certificateNoEnc: string; birthDate: string; edition: { startsOn: string } };

/**
 * A row with personal numbers as staff may see it: numbers masked, the birth date replaced by
 * the age on the edition's opening day, everything else kept. The type drops `birthDate` and
 * `edition`, so a page cannot show the birth date beside the mask by mistake.
 */
export function staffPersonView<T extends WithNumbers>(row: T): Omit<T, keyof WithNumbers> & MaskedPersonalNumbers {
	const { residentIdEnc, certificateNoEnc, birthDate, edition, ...rest } = row;
	const ring = dataKeys();
	return { ...rest, ...maskedPerson({ residentId: decryptField(ring, residentIdEnc), certificateNo: decryptField(ring, certificateNoEnc), birthDate }, edition.startsOn) };
}
