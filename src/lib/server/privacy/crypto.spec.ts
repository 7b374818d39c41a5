import { describe, expect, it } from 'vitest';
import { backupKeyCheck, blindIndex, decryptField, DataKeyError, encryptField, formatKeyring, isSealed, keyCheck, keyIdOf, newKeyEntry, openSealedBytes, parseKeyring, sealBytes, verifyBackupKeyCheck, verifyKeyCheck } from './crypto';

const ring = parseKeyring(newKeyEntry());
const ID = '11010519491231002X';

describe('field encryption', () => {
	it('round-trips a value and never stores it in plain text', () => {
		const stored = encryptField(ring, ID);
		expect(stored).not.toContain(ID);
		expect(stored).not.toContain('19491231');
		expect(decryptField(ring, stored)).toBe(ID);
	});

	it('gives a different ciphertext each time for the same value (random nonce)', () => {
		expect(encryptField(ring, ID)).not.toBe(encryptField(ring, ID));
	});

	it('stores the key id in front of each value and leaves an empty value empty', () => {
		expect(keyIdOf(encryptField(ring, ID))).toBe(ring.current);
		expect(encryptField(ring, '')).toBe('');
		expect(decryptField(ring, '')).toBe('');
	});

	it('detects a changed byte of the ciphertext (tampering)', () => {
		const stored = encryptField(ring, ID);
		const body = Buffer.from(stored.slice(ring.current.length + 1), 'base64url');
		body[14] = (body[14] as number) ^ 1;
		const tampered = `${ring.current}:${body.toString('base64url')}`;
		expect(() => decryptField(ring, tampered)).toThrow(DataKeyError);
		expect(() => decryptField(ring, `${ring.current}:AAAA`)).toThrow(/damaged/);
	});

	it('refuses a value relabelled to another key id, since the id is authenticated', () => {
		const two = parseKeyring(`${newKeyEntry()},${formatKeyring(ring)}`);
		const stored = encryptField(ring, ID);
		const relabelled = `${two.current}:${stored.slice(ring.current.length + 1)}`;
		expect(() => decryptField(two, relabelled)).toThrow(/authentication/);
	});

	it('refuses to decrypt with a wrong key of the same id', () => {
		const [id] = formatKeyring(ring).split(':');
		const wrong = parseKeyring(`${id}:${Buffer.alloc(32, 7).toString('base64')}`);
		expect(() => decryptField(wrong, encryptField(ring, ID))).toThrow(DataKeyError);
		expect(verifyKeyCheck(wrong, id as string, keyCheck(ring, id as string))).toBe(false);
		expect(verifyKeyCheck(ring, id as string, keyCheck(ring, id as string))).toBe(true);
	});

	it('names an unknown key id instead of returning garbage', () => {
		const other = parseKeyring(newKeyEntry(new Date(0)));
		expect(() => decryptField(other, encryptField(ring, ID))).toThrow(/does not contain/);
	});
});

describe('key rotation', () => {
	it('encrypts with the new key and still reads values of the old one', () => {
		const rotated = parseKeyring(`${newKeyEntry()},${formatKeyring(ring)}`);
		const old = encryptField(ring, ID);
		const fresh = encryptField(rotated, ID);
		expect(keyIdOf(fresh)).toBe(rotated.current);
		expect(keyIdOf(fresh)).not.toBe(ring.current);
		expect(decryptField(rotated, old)).toBe(ID);
		expect(decryptField(rotated, fresh)).toBe(ID);
	});

	it('keeps blind indexes equal across a rotation, since they hang on the root key', () => {
		const rotated = parseKeyring(`${newKeyEntry()},${formatKeyring(ring)}`);
		expect(blindIndex(rotated, 'residentId', ID)).toBe(blindIndex(ring, 'residentId', ID));
		expect(verifyKeyCheck(rotated, 'index', keyCheck(ring, 'index'))).toBe(true);
	});
});

describe('blind index', () => {
	it('is equal for equal values, differs per purpose and per key, and hides the value', () => {
		const a = blindIndex(ring, 'residentId', ID);
		expect(blindIndex(ring, 'residentId', ID)).toBe(a);
		expect(blindIndex(ring, 'certificate', ID)).not.toBe(a);
		expect(blindIndex(parseKeyring(newKeyEntry()), 'residentId', ID)).not.toBe(a);
		expect(a).not.toContain('1949');
	});
});

describe('parseKeyring', () => {
	it('refuses malformed, short, duplicated and reserved keys with a message that does not echo the key', () => {
		expect(() => parseKeyring('')).toThrow(/empty/);
		expect(() => parseKeyring('k1:c2hvcnQ=')).toThrow(/32 random bytes/);
		const entry = newKeyEntry();
		expect(() => parseKeyring(`${entry},${entry}`)).toThrow(/twice/);
		expect(() => parseKeyring(`plain:${Buffer.alloc(32).toString('base64')}`)).toThrow(/reserved/);
		try {
			parseKeyring('k1:c2VjcmV0LXNob3J0');
		} catch (error) {
			expect((error as Error).message).not.toContain('c2VjcmV0LXNob3J0');
		}
	});
});

describe('whole-file encryption of backups', () => {
	const bytes = Buffer.from(`SQLite format 3\u0000 … ${ID} … 13700001111`);

	it('round-trips a file and leaves no byte of it readable', () => {
		const sealed = sealBytes(ring.backup, bytes, 'database.db');
		expect(isSealed(sealed)).toBe(true);
		expect(sealed.includes(Buffer.from(ID))).toBe(false);
		expect(sealed.includes(Buffer.from('SQLite format'))).toBe(false);
		expect(openSealedBytes(ring.backup, sealed, 'database.db').equals(bytes)).toBe(true);
	});

	it('refuses another key, another file name, and a changed byte', () => {
		const sealed = sealBytes(ring.backup, bytes, 'database.db');
		const other = parseKeyring(newKeyEntry());
		expect(() => openSealedBytes(other.backup, sealed, 'database.db')).toThrow(DataKeyError);
		expect(() => openSealedBytes(ring.backup, sealed, 'uploads/a.jpg')).toThrow(DataKeyError);
		const changed = Buffer.from(sealed);
		changed[30] = (changed[30] as number) ^ 1;
		expect(() => openSealedBytes(ring.backup, changed, 'database.db')).toThrow(DataKeyError);
		expect(() => openSealedBytes(ring.backup, bytes, 'database.db')).toThrow(/not an encrypted backup/);
	});

	it('derives the backup key from the index root, so a rotation keeps old backups readable, and fingerprints it', () => {
		const rotated = parseKeyring(`${newKeyEntry()},${formatKeyring(ring)}`);
		expect(rotated.backup.equals(ring.backup)).toBe(true);
		expect(verifyBackupKeyCheck(rotated, backupKeyCheck(ring))).toBe(true);
		expect(verifyBackupKeyCheck(parseKeyring(newKeyEntry()), backupKeyCheck(ring))).toBe(false);
		expect(backupKeyCheck(ring)).not.toContain(ring.backup.toString('base64url'));
	});
});
