/** zod shapes of the registration boundary. Content rules (numbers, eligibility …) are the domain's. */
import { z } from 'zod';

const text = (max: number) => z.string().max(max, 'registration.too_long').default('');

export const opIdSchema = z.string().min(8, 'errors.bad_request').max(100, 'errors.bad_request');

/** A registration's fields as typed into a form or an API call. */
export const fieldsSchema = z.object({
	name: text(100),
	residentId: text(40),
	certificateNo: text(40),
	sportClass: text(10),
	phone: text(40),
	guardianName: text(100),
	guardianPhone: text(40),
	guardianRelation: text(40),
	categoryIds: z.array(z.string().max(40)).max(20).default([])
});
export type FieldsInput = z.input<typeof fieldsSchema>;

export const streetIdSchema = z.string().max(40).default('');

/** What an athlete types to come back: reference code + ID number. */
export const credentialsSchema = z.object({
	referenceCode: z.string().max(40, 'reference.invalid'),
	residentId: z.string().max(40, 'identity.length')
});
