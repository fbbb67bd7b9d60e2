// The query parser: what users type becomes a quoted FTS5 expression; hostile input is run
// against a real FTS5 table (same tokenizer as the catalogue) to show it never errors.

import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { EntenteError } from '../../src/errors.js';
import { parseQuery, MAX_QUERY_LENGTH } from '../../src/search/query.js';

describe('parseQuery', () => {
  it('quotes every word and joins them with AND', () => {
    expect(parseQuery('darwin letter').match).toBe('"darwin" AND "letter"');
  });

  it('keeps "quoted phrases" together', () => {
    expect(parseQuery('"salted paper" print').match).toBe('"salted paper" AND "print"');
  });

  it('turns -word into NOT and field:value into a column filter', () => {
    expect(parseQuery('title:map -glasgow creator:"Annan, Thomas"').match).toBe('{title} : "map" AND {creator} : "Annan Thomas" NOT ("glasgow")');
  });

  it('makes word* a prefix and leaves a lone * out', () => {
    expect(parseQuery('photo* *').match).toBe('"photo" *');
  });

  it('reads an unknown field as plain words, so times and URLs still search', () => {
    expect(parseQuery('colour:red').match).toBe('"colour red"');
    expect(parseQuery('http://example.org/a').match).toBe('"http example org a"');
  });

  it('gives an exclusion-only query no match expression but an exclusion', () => {
    const q = parseQuery('-glasgow -"old town"');
    expect(q.match).toBeNull();
    expect(q.exclude).toBe('"glasgow" OR "old town"');
  });

  it('treats FTS5 operators typed by the user as words', () => {
    expect(parseQuery('maps AND NOT NEAR(x)').match).toBe('"maps" AND "AND" AND "NOT" AND "NEAR x"');
  });

  it('refuses only a query over the length limit, naming q', () => {
    try {
      parseQuery('a'.repeat(MAX_QUERY_LENGTH + 1));
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(EntenteError);
      expect((err as EntenteError).code).toBe('ERR_QUERY_PARAMETER');
      expect((err as EntenteError).context.parameter).toBe('q');
    }
  });
});

describe('hostile queries against a real FTS5 index', () => {
  const db = new Database(':memory:');
  afterAll(() => db.close());
  db.exec(`CREATE VIRTUAL TABLE t USING fts5(title, alternative, creator, subject, description, publisher, spatial, tokenize = 'unicode61 remove_diacritics 2')`);
  db.prepare('INSERT INTO t (title, creator) VALUES (?, ?)').run('Symphony no. 9 "From the New World"', 'Dvořák, Antonín');
  const hostile = [
    '"', '""', '"""', '*', '**', '-', '--', '-*', 'NEAR(', 'NEAR(a b, 2)', 'a OR', 'OR', 'AND', 'NOT x', '(', ')', '((a)', 'a)',
    '^', '^title', ':', 'title:', 'title:"', 'creator:*', '{title}: x', '{title', '"unterminated phrase', "'; DROP TABLE t; --",
    'x" OR 1=1 --', '\u0000', '\\"', '💥', 'ǅemal*', 'a'.repeat(MAX_QUERY_LENGTH), '- - -', '-"', '*a', 'a*b*', 'dvořák:', 'new-world*',
    'title:"from the new" -"world"', 'subject:-', '+a +b', 'a:b:c', '"a" "b', '\ud800', 'x\ufeff', 'ｆｕｌｌ', 'n\u0303o',
  ];
  for (const q of hostile) {
    it(`runs ${JSON.stringify(q.length > 30 ? q.slice(0, 30) + '…' : q)} without an FTS5 error`, () => {
      const parsed = parseQuery(q);
      if (parsed.match) expect(() => db.prepare('SELECT rowid FROM t WHERE t MATCH ? ORDER BY rank').all(parsed.match)).not.toThrow();
      if (parsed.exclude) expect(() => db.prepare('SELECT rowid FROM t WHERE t MATCH ?').all(parsed.exclude)).not.toThrow();
    });
  }

  it('finds Dvořák when the user types Dvorak, and the phrase from the title', () => {
    expect(db.prepare('SELECT rowid FROM t WHERE t MATCH ?').all(parseQuery('dvorak').match)).toHaveLength(1);
    expect(db.prepare('SELECT rowid FROM t WHERE t MATCH ?').all(parseQuery('"new world" creator:antonin').match)).toHaveLength(1);
    expect(db.prepare('SELECT rowid FROM t WHERE t MATCH ?').all(parseQuery('title:dvorak').match)).toHaveLength(0);
  });
});
