// One-line cases for normaliseRights: rightsstatements.org and Creative Commons in their many spellings.
// Pure: no I/O.

import { describe, it, expect } from 'vitest';
import { normaliseRights } from '../../src/normalise/vocab/rights.js';

const CC = 'http://creativecommons.org/licenses/';
const RS = 'http://rightsstatements.org/vocab/';

const recognised: [string, string][] = [
  ['http://creativecommons.org/licenses/by-nc-sa/4.0', `${CC}by-nc-sa/4.0/`],
  ['https://creativecommons.org/licenses/by-nc-sa/4.0/', `${CC}by-nc-sa/4.0/`],
  ['https://www.creativecommons.org/licenses/by/4.0/', `${CC}by/4.0/`],
  ['https://creativecommons.org/licenses/by/4.0/deed.de', `${CC}by/4.0/`],
  ['http://creativecommons.org/licenses/by/2.0/legalcode', `${CC}by/2.0/`],
  ['https://creativecommons.org/licenses/by-sa/3.0/de/', `${CC}by-sa/3.0/de/`],
  ['https://creativecommons.org/licenses/by-sa/3.0/de/deed.en', `${CC}by-sa/3.0/de/`],
  ['creativecommons.org/publicdomain/zero/1.0/', 'http://creativecommons.org/publicdomain/zero/1.0/'],
  ['https://creativecommons.org/publicdomain/mark/1.0/deed.en', 'http://creativecommons.org/publicdomain/mark/1.0/'],
  ['Licensed under https://creativecommons.org/licenses/by/4.0/ (see there)', `${CC}by/4.0/`],
  ['http://rightsstatements.org/vocab/InC/1.0/', `${RS}InC/1.0/`],
  ['https://rightsstatements.org/vocab/InC/1.0', `${RS}InC/1.0/`],
  ['https://rightsstatements.org/page/NoC-US/1.0/?language=en', `${RS}NoC-US/1.0/`],
  ['http://rightsstatements.org/vocab/inc-edu/1.0/', `${RS}InC-EDU/1.0/`],
  ['CC BY-SA 4.0', `${CC}by-sa/4.0/`],
  ['CC-BY 4.0', `${CC}by/4.0/`],
  ['cc by-nc-nd 3.0', `${CC}by-nc-nd/3.0/`],
  ['CC BY NC 4.0', `${CC}by-nc/4.0/`],
  ['Creative Commons Attribution 4.0 International (CC BY 4.0)', `${CC}by/4.0/`],
  ['Creative Commons Attribution-NonCommercial-ShareAlike 4.0 International License', `${CC}by-nc-sa/4.0/`],
  ['This work is licensed under a Creative Commons Attribution-NoDerivs 3.0 Unported License.', `${CC}by-nd/3.0/`],
  ['CC0', 'http://creativecommons.org/publicdomain/zero/1.0/'],
  ['CC0 1.0 Universal', 'http://creativecommons.org/publicdomain/zero/1.0/'],
  ['Public Domain Mark 1.0', 'http://creativecommons.org/publicdomain/mark/1.0/'],
  ['public domain', 'http://creativecommons.org/publicdomain/mark/1.0/'],
  ['domaine public', 'http://creativecommons.org/publicdomain/mark/1.0/'],
  ['Publiek domein', 'http://creativecommons.org/publicdomain/mark/1.0/'],
  ['In Copyright', `${RS}InC/1.0/`],
  ['No Copyright - United States', `${RS}NoC-US/1.0/`],
  ['Copyright Not Evaluated.', `${RS}CNE/1.0/`],
];

describe('normaliseRights', () => {
  it.each(recognised)('recognises %j', (text, uri) => expect(normaliseRights(text)).toEqual({ uri, original: text }));

  it.each([
    'Creative Commons Attribution-NonCommercial-ShareAlike',
    'CC BY',
    'https://creativecommons.org/licenses/by/5.0/',
    'http://rightsstatements.org/vocab/XYZ/1.0/',
    'Copyright (c) 2018 Marcela Meneses Reyes',
    'info:eu-repo/semantics/openAccess',
    'CC BY-SA-ND 4.0',
  ])('does not guess a URI for %j', (text) => expect(normaliseRights(text)).toEqual({ original: text }));
});
