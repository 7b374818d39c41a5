/** zod shapes of the registration boundary. Content rules (numbers, eligibility …) are the domain's. */
import { z } from 'zod';
import { text } from '$lib/schemas/text';

/** A free text field of the registration form: invisible characters stripped (see $lib/schemas/text). */
const field = (max: number) => text().max(max, 'registration.too_long').default('');

export const opIdSchema = z.string().min(8, 'errors.bad_request').max(100, 'errors.bad_request');

/** A registration's fields as typed into a form or an API call. */
export const fieldsSchema = z.object({
	name: field(100),
	residentId: field(40),
	certificateNo: field(40),
	sportClass: field(10),
	phone: field(40),
	guardianName: field(100),
	guardianPhone: field(40),
	guardianRelation: field(40),
	categoryIds: z.array(z.string().max(40)).max(20).default([])
});
export type FieldsInput = z.input<typeof fieldsSchema>;

export const streetIdSchema = z.string().max(40).default('');

/** What an athlete types to come back: reference code + ID number. */
export const credentialsSchema = z.object({
	referenceCode: z.string().max(40, 'reference.invalid'),
	residentId: z.string().max(40, 'identity.length')
});

/** The consents ticked on the public form (each a separate, explicit checkbox). */
export const consentSchema = z.object({
	consentPersonal: z.boolean().default(false),
	consentSensitive: z.boolean().default(false),
	consentGuardian: z.boolean().default(false)
});

/** How a coordinator obtained the consent of someone they register (on paper by default). */
export const consentMethodSchema = z.enum(['paper', 'in_person', 'phone']).default('paper');
