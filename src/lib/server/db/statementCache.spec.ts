import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { cacheStatements } from './statementCache';

function database() {
	const db = new Database(':memory:');
	db.defaultSafeIntegers(true);
	db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)');
	return db;
}

describe('cacheStatements', () => {
	it('reuses one compiled statement per SQL text and binds fresh arguments each time', () => {
		const db = database();
		cacheStatements(db);
		const insert = 'INSERT INTO t (id, name) VALUES (?, ?)';
		expect(db.prepare(insert)).toBe(db.prepare(insert));
		// the adapter's calls: prepare(sql).bind(args).run() — twice on the same cached statement
		db.prepare(insert).bind([1, 'a']).run();
		db.prepare(insert).bind([2, 'b']).run();
		const select = 'SELECT id, name FROM t WHERE id >= ? ORDER BY id';
		const read = db.prepare(select).bind([1]);
		expect(read.reader).toBe(true);
		expect(read.columns().map((c) => c.name)).toEqual(['id', 'name']);
		expect(read.raw().all()).toEqual([
			[1n, 'a'],
			[2n, 'b']
		]);
		expect(db.prepare(select).bind([2]).raw().all()).toEqual([[2n, 'b']]);
		// statements without arguments still work directly (the adapter's BEGIN)
		db.prepare('BEGIN').run();
		db.prepare(insert).bind([3, 'c']).run();
		db.prepare('ROLLBACK').run();
		expect(db.prepare('SELECT count(*) AS n FROM t').bind([]).raw().all()).toEqual([[2n]]);
	});

	it('keeps only the most recently used statements', () => {
		const db = database();
		cacheStatements(db, 2);
		const one = db.prepare('SELECT 1');
		const two = db.prepare('SELECT 2');
		expect(db.prepare('SELECT 1')).toBe(one); // used again: now the most recent
		db.prepare('SELECT 3'); // the cache holds two: SELECT 2, the least recently used, goes
		expect(db.prepare('SELECT 1')).toBe(one);
		expect(db.prepare('SELECT 2')).not.toBe(two);
	});

	it('reports SQL errors as better-sqlite3 does', () => {
		const db = database();
		cacheStatements(db);
		db.prepare('INSERT INTO t (id, name) VALUES (?, ?)').bind([1, 'a']).run();
		expect(() => db.prepare('INSERT INTO t (id, name) VALUES (?, ?)').bind([1, 'again']).run()).toThrow(/UNIQUE/);
		expect(() => db.prepare('SELECT nope FROM t')).toThrow(/no such column/);
	});
});
