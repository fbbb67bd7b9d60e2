// Golden files: every Linked Art record of the shared real-world fixtures, against a hand-reviewed
// expected JSON in tests/golden/linked-art/ (see json-golden-support.ts for UPDATE_GOLDEN=1).

import { describeJsonGolden } from './json-golden-support.js';

describeJsonGolden({
  name: 'Linked Art',
  folder: 'linked-art',
  formats: ['linked-art'],
  testFile: import.meta.url,
  reviewed: [
    'linked-art-ans-coin',
    'linked-art-getty-object-dff75e58',
    'linked-art-nga-70182',
    'linked-art-pma-49280',
    'linked-art-yale-lux-object',
  ],
});
