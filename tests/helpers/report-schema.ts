// schemas/report.schema.json compiled once, strictly, for the tests that check a report's JSON.

import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formatsPlugin from 'ajv-formats';

const ajv = new Ajv2020({ allErrors: true, strict: true });
formatsPlugin.default(ajv, ['date-time']);

/** Validates a report as its JSON reads (round-tripped, so undefined fields drop out like in --json). */
export const validateReport = ajv.compile(JSON.parse(readFileSync(new URL('../../schemas/report.schema.json', import.meta.url), 'utf8')) as object);
