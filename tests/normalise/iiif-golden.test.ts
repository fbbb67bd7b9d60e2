// Golden files: every IIIF Presentation manifest (2.x and 3.0) of the shared real-world fixtures, against a
// hand-reviewed expected JSON in tests/golden/iiif/ (see json-golden-support.ts for UPDATE_GOLDEN=1).

import { describeJsonGolden } from './json-golden-support.js';

describeJsonGolden({
  name: 'IIIF',
  folder: 'iiif',
  formats: ['iiif-v2', 'iiif-v3'],
  testFile: import.meta.url,
  reviewed: [
    'iiif-v2-manifest-bodleian',
    'iiif-v2-manifest-e-codices',
    'iiif-v2-manifest-europeana',
    'iiif-v2-manifest-harvard-art-museums',
    'iiif-v2-manifest-loc',
    'iiif-v2-manifest-nga',
    'iiif-v2-manifest-stanford-fg165hz3589',
    'iiif-v2-manifest-wellcome-ixif',
    'iiif-v3-manifest-bl-rhul',
    'iiif-v3-manifest-bodleian',
    'iiif-v3-manifest-indiana-av',
    'iiif-v3-manifest-vam-paged',
  ],
});
