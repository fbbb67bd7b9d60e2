// One-line cases for normaliseLanguage: ISO 639 codes of every kind, tags, names, and what it reports.
// Pure: reads only the vocabulary table the module itself loads.

import { describe, it, expect } from 'vitest';
import { normaliseLanguage } from '../../src/normalise/vocab/languages.js';

const mapped: [string, string][] = [
  ['en', 'eng'], ['eng', 'eng'], ['EN', 'eng'], ['fr', 'fra'], ['fre', 'fra'], ['fra', 'fra'], ['de', 'deu'], ['ger', 'deu'], ['deu', 'deu'],
  ['nl', 'nld'], ['dut', 'nld'], ['cze', 'ces'], ['gre', 'ell'], ['chi', 'zho'], ['wel', 'cym'], ['tib', 'bod'], ['baq', 'eus'], ['rum', 'ron'],
  ['en-US', 'eng'], ['en_US', 'eng'], ['es-ES', 'spa'], ['zh-Hant-TW', 'zho'], ['sr-Latn', 'srp'],
  ['English', 'eng'], ['english', 'eng'], ['English.', 'eng'], ['English language', 'eng'], ['Deutsch', 'deu'], ['German', 'deu'], ['allemand', 'deu'],
  ['français', 'fra'], ['Francais', 'fra'], ['Nederlands', 'nld'], ['Flemish', 'nld'], ['español', 'spa'], ['Castilian', 'spa'], ['italiano', 'ita'],
  ['русский', 'rus'], ['日本語', 'jpn'], ['Latin', 'lat'], ['lat', 'lat'], ['grc', 'grc'], ['Ancient Greek', 'grc'], ['Middle High German', 'gmh'],
  ['iw', 'heb'], ['sh', 'hbs'], ['mo', 'ron'], ['mul', 'mul'], ['und', 'und'], ['zxx', 'zxx'],
];

describe('normaliseLanguage', () => {
  it.each(mapped)('maps %j to %s', (text, code) => expect(normaliseLanguage(text)).toEqual({ code }));

  it('knows every ISO 639-1 code', async () => {
    const { loadVocabTable } = await import('../../src/normalise/vocab/load-table.js');
    const table = loadVocabTable<Record<string, string[] | string>>('languages.json');
    const iso1 = Object.entries(table).filter((e): e is [string, string[]] => Array.isArray(e[1]) && e[1][0] !== '');
    expect(iso1.length).toBe(184);
    for (const [code, row] of iso1) expect(normaliseLanguage(row[0] as string).code).toBe(code);
  });

  it('ignores a script code with an info issue', () => {
    expect(normaliseLanguage('Latn')).toEqual({ issue: expect.objectContaining({ code: 'LANGUAGE_SCRIPT_IGNORED', severity: 'info' }) });
  });

  it('keeps an unknown three-letter code with an info issue', () => {
    expect(normaliseLanguage('xyz')).toEqual({ code: 'xyz', issue: expect.objectContaining({ code: 'LANGUAGE_CODE_UNVERIFIED', severity: 'info' }) });
  });

  it.each(['other', 'zz', 'Klingonish', 'en-'])('reports %j as unrecognised', (text) => {
    expect(normaliseLanguage(text)).toEqual({ issue: expect.objectContaining({ code: 'LANGUAGE_UNRECOGNISED', severity: 'warning', value: text }) });
  });

  it('returns nothing for white space', () => expect(normaliseLanguage('  ')).toEqual({}));
});
