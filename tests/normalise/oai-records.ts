// Test helper: the OAI-PMH <record>s of a parsed response (or a bare <record>) as NormaliseInputs.
// Reads only what it is given; the OAI-PMH client proper lives in src/protocols.

import { attr, childElements, cleanText, firstChild, type ParsedXml, type XmlElement } from '../../src/xml/parse.js';
import type { Issue } from '../../src/model/types.js';
import type { NormaliseInput } from '../../src/normalise/normalise.js';

export const OAI_NS = 'http://www.openarchives.org/OAI/2.0/';

function findRecords(el: XmlElement, out: XmlElement[]): void {
  if (el.ns === OAI_NS && el.name === 'record') {
    out.push(el);
    return;
  }
  for (const c of childElements(el)) findRecords(c, out);
}

/** Every OAI <record> in document order, each as the input normaliseRecord takes. */
export function oaiRecordInputs(parsed: ParsedXml, sourceId: string, format: string, harvestedAt: string): NormaliseInput[] {
  const records: XmlElement[] = [];
  findRecords(parsed.root, records);
  return records.map((record) => {
    const header = firstChild(record, OAI_NS, 'header');
    if (!header) throw new Error('record without header');
    const metadata = firstChild(record, OAI_NS, 'metadata');
    // Parser warnings belong to the record whose text they fall in.
    const extraIssues: Issue[] = parsed.warnings
      .filter((w) => w.offset >= record.start && w.offset < record.end)
      .map((w) => ({ code: w.code, severity: 'warning', path: '', message: w.message }));
    const input: NormaliseInput = {
      sourceId,
      localId: cleanText(firstChild(header, OAI_NS, 'identifier') ?? header),
      datestamp: cleanText(firstChild(header, OAI_NS, 'datestamp') ?? header),
      deleted: attr(header, 'status') === 'deleted',
      sets: childElements(header, OAI_NS, 'setSpec').map(cleanText),
      format,
      metadata: metadata ? firstChild(metadata) : undefined,
      harvestedAt,
    };
    if (extraIssues.length > 0) input.extraIssues = extraIssues;
    return input;
  });
}
