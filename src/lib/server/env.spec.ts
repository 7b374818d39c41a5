import { describe, expect, it } from 'vitest';
import { EnvError, loadEnv } from './env';

describe('loadEnv', () => {
	it('starts with zero configuration on the embedded SQLite database with demo data', () => {
		const env = loadEnv({});
		expect(env.DATABASE_URL).toBe('file:./data/district-games.db');
		expect(env.PORT).toBe(3000);
		expect(env.seed).toBe('demo');
	});

	it('seeds only base data on PostgreSQL unless told otherwise', () => {
		expect(loadEnv({ DATABASE_URL: 'postgresql://u@h:5432/db' }).seed).toBe('base');
		expect(loadEnv({ DATABASE_URL: 'postgresql://u@h:5432/db', SEED: 'demo' }).seed).toBe('demo');
	});

	it('refuses to start with a message naming each invalid variable', () => {
		const attempt = () => loadEnv({ PORT: 'eighty', DATABASE_URL: 'mysql://x', REDIS_URL: 'localhost:6379' });
		expect(attempt).toThrow(EnvError);
		try {
			attempt();
		} catch (error) {
			const message = (error as EnvError).message;
			expect(message).toMatch(/PORT/);
			expect(message).toMatch(/DATABASE_URL: must be a SQLite URL/);
			expect(message).toMatch(/REDIS_URL: must be a Redis URL/);
		}
	});

	it('requires ADMIN_USERNAME and ADMIN_PASSWORD together, and a password of 10 characters', () => {
		expect(() => loadEnv({ ADMIN_USERNAME: 'boss' })).toThrow(/ADMIN_PASSWORD: set ADMIN_USERNAME and ADMIN_PASSWORD together/);
		expect(() => loadEnv({ ADMIN_USERNAME: 'boss', ADMIN_PASSWORD: 'short' })).toThrow(/ADMIN_PASSWORD: must be at least 10/);
		expect(loadEnv({ ADMIN_USERNAME: 'boss', ADMIN_PASSWORD: 'lantern pebble orchard' }).ADMIN_USERNAME).toBe('boss');
	});

	it('refuses an ADMIN_PASSWORD built from the site\'s words or the username, naming the variable', () => {
		expect(() => loadEnv({ ADMIN_USERNAME: 'boss', ADMIN_PASSWORD: 'districtgames2026' })).toThrow(/ADMIN_PASSWORD: is too easy to guess/);
		expect(() => loadEnv({ ADMIN_USERNAME: 'chief-keeper', ADMIN_PASSWORD: 'chiefkeeper2026!!' })).toThrow(/ADMIN_PASSWORD: is too easy to guess once ADMIN_USERNAME is known/);
	});

	it('treats empty variables as unset', () => {
		expect(loadEnv({ PORT: '', REDIS_URL: '' }).PORT).toBe(3000);
	});
});
