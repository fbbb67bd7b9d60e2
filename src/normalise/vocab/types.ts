// Maps resource-type labels (in six languages, COAR/eu-repo, DINI doc-type, LoC, DCMI URIs) to DCMI Type.
// Pure: no I/O after the table (data/vocab/types.json) is read once at module load.

import type { DcmiType } from '../../model/record.js';
import { labelKey, loadVocabTable } from './load-table.js';

const DCMI_TYPES: readonly DcmiType[] = [
  'Collection', 'Dataset', 'Event', 'Image', 'InteractiveResource', 'MovingImage',
  'PhysicalObject', 'Service', 'Software', 'Sound', 'StillImage', 'Text',
];

const BY_LABEL = new Map<string, DcmiType>();
{
  const table = loadVocabTable<Record<string, string[] | string>>('types.json');
  for (const [type, labels] of Object.entries(table)) {
    if (typeof labels === 'string') continue; // $comment
    if (!(DCMI_TYPES as readonly string[]).includes(type)) throw new Error(`data/vocab/types.json: "${type}" is not a DCMI Type`);
    for (const label of labels) BY_LABEL.set(labelKey(label), type as DcmiType);
  }
  // The terms themselves, in any case: "StillImage", "stillimage", "Moving Image".
  for (const type of DCMI_TYPES) {
    BY_LABEL.set(type.toLowerCase(), type);
    BY_LABEL.set(labelKey(type.replace(/(?<=[a-z])(?=[A-Z])/g, ' ')), type);
  }
}

const DCMI_URI = /^https?:\/\/purl\.org\/dc\/dcmitype\/([A-Za-z]+)\/?$/;
const TRAILING_PUNCTUATION = /[\s.;,:]+$/;

/**
 * Maps a type label to a DCMI Type term, or undefined when the label is unknown or names no
 * type (e.g. info:eu-repo/semantics/publishedVersion). The caller keeps the original label.
 */
export function normaliseType(text: string): DcmiType | undefined {
  const uri = DCMI_URI.exec(text.trim());
  if (uri) return BY_LABEL.get((uri[1] as string).toLowerCase());
  return BY_LABEL.get(labelKey(text).replace(TRAILING_PUNCTUATION, ''));
}
