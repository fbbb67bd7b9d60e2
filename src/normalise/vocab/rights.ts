// Recognises rightsstatements.org and Creative Commons statements in URIs and text.
// Pure: no I/O. Only canonicalises what it is sure of; everything else stays a free-text statement.

/** Result of normaliseRights: the canonical URI when one was recognised, and the text as given. */
export interface RightsResult {
  /** e.g. http://rightsstatements.org/vocab/InC/1.0/, http://creativecommons.org/licenses/by-sa/4.0/ */
  uri?: string;
  original: string;
}

// Canonical forms use http://, as EDM (Europeana) and DPLA MAP require and as the
// rightsstatements.org URIs are minted; Creative Commons serves both.
const RS_CODES = new Map<string, string>(
  ['InC', 'InC-OW-EU', 'InC-EDU', 'InC-NC', 'InC-RUU', 'NoC-CR', 'NoC-NC', 'NoC-OKLR', 'NoC-US', 'CNE', 'UND', 'NKC'].map((c) => [c.toLowerCase(), c]),
);
const RS_LABELS = new Map<string, string>([
  ['in copyright', 'InC'],
  ['in copyright - eu orphan work', 'InC-OW-EU'],
  ['in copyright - educational use permitted', 'InC-EDU'],
  ['in copyright - non-commercial use permitted', 'InC-NC'],
  ['in copyright - rights-holder(s) unlocatable or unidentifiable', 'InC-RUU'],
  ['no copyright - contractual restrictions', 'NoC-CR'],
  ['no copyright - non-commercial use only', 'NoC-NC'],
  ['no copyright - other known legal restrictions', 'NoC-OKLR'],
  ['no copyright - united states', 'NoC-US'],
  ['copyright not evaluated', 'CNE'],
  ['copyright undetermined', 'UND'],
  ['no known copyright', 'NKC'],
]);
const CC_LICENCES = new Set(['by', 'by-sa', 'by-nd', 'by-nc', 'by-nc-sa', 'by-nc-nd']);
const CC_VERSIONS = new Set(['1.0', '2.0', '2.1', '2.5', '3.0', '4.0']);
const PDM = 'http://creativecommons.org/publicdomain/mark/1.0/';
const CC0 = 'http://creativecommons.org/publicdomain/zero/1.0/';
// Whole-value phrases for the public domain, as Europeana maps them to the Public Domain Mark.
const PUBLIC_DOMAIN = new Set([
  'public domain', 'public domain mark', 'public domain mark 1.0', 'domaine public', 'gemeinfrei', 'public domain (gemeinfrei)',
  'publiek domein', 'dominio público', 'dominio publico', 'pubblico dominio', 'dominio pubblico',
]);

// A URI anywhere in the text, with or without scheme: "http://creativecommons.org/licenses/by-nc-sa/4.0",
// "https://creativecommons.org/licenses/by/4.0/deed.de", "rightsstatements.org/page/InC/1.0/?language=en".
const RIGHTS_URI = /(?:https?:\/\/)?(?:www\.)?(creativecommons\.org|rightsstatements\.org)\/([^\s"'<>)\]]*)/i;
// "CC BY-SA 4.0", "CC-BY-NC-ND 3.0", "cc by 4.0 international"
const CC_SHORT = /\bCC[\s-]?(BY(?:[\s-](?:NC|SA|ND)){0,2})[\s-]+(\d\.\d)\b/i;
// "Creative Commons Attribution-NonCommercial-ShareAlike 4.0 International (License)"
const CC_LONG = /\bcreative\s+commons\s+(?:licen[cs]e\s+)?attribution((?:[\s-]+(?:non-?commercial|share-?alike|no-?deriv(?:ative)?s?))*)\s*(?:-\s*)?(\d\.\d)\b/i;
const CC_ZERO = /\b(?:CC0|CC[\s-]zero)(?:[\s-]+1\.0)?\b|\bcreative\s+commons\s+zero\b/i;

function fromRightsUri(host: string, path: string): string | undefined {
  const parts = path.split(/[/?#]/).filter((p) => p !== '');
  if (host === 'rightsstatements.org') {
    // /vocab/InC/1.0/, /page/InC/1.0/?language=en, /data/InC/1.0.json
    const [kind, code, version] = parts;
    if (kind === undefined || !/^(vocab|page|data)$/i.test(kind) || code === undefined) return undefined;
    const canonical = RS_CODES.get(code.toLowerCase());
    const v = (version ?? '').replace(/\.json$/, '');
    return canonical !== undefined && v === '1.0' ? `http://rightsstatements.org/vocab/${canonical}/1.0/` : undefined;
  }
  // creativecommons.org
  const [kind, code, version, jurisdiction] = parts.map((p) => p.toLowerCase());
  if (kind === 'publicdomain') {
    if (code === 'zero' && version === '1.0') return CC0;
    if (code === 'mark' && version === '1.0') return PDM;
    return undefined;
  }
  if (kind !== 'licenses' || code === undefined || !CC_LICENCES.has(code) || version === undefined || !CC_VERSIONS.has(version)) return undefined;
  // Ported licences keep their jurisdiction (/3.0/de/); deed.xx and legalcode pages are the same licence.
  const ported = jurisdiction !== undefined && /^[a-z]{2,8}(?:-[a-z]{2})?$/.test(jurisdiction) && jurisdiction !== 'legalcode' ? `${jurisdiction}/` : '';
  return `http://creativecommons.org/licenses/${code}/${version}/${ported}`;
}

const CC_ELEMENT: Record<string, 'nc' | 'sa' | 'nd'> = {
  nc: 'nc', noncommercial: 'nc', sa: 'sa', sharealike: 'sa', nd: 'nd', noderivs: 'nd', noderivatives: 'nd', noderivative: 'nd',
};

/** "BY-NC-SA" or "-NonCommercial-ShareAlike" plus a version to a licence URI, in the canonical element order. */
function ccFromElements(elements: string, version: string): string | undefined {
  const have = new Set<string>();
  const words = elements.toLowerCase().replace(/non-commercial/g, 'noncommercial').replace(/share-alike/g, 'sharealike').replace(/no-deriv/g, 'noderiv');
  for (const word of words.split(/[\s-]+/)) {
    if (word === '' || word === 'by') continue;
    const e = CC_ELEMENT[word];
    if (e === undefined) return undefined;
    have.add(e);
  }
  if (have.has('sa') && have.has('nd')) return undefined;
  const code = `by${have.has('nc') ? '-nc' : ''}${have.has('sa') ? '-sa' : ''}${have.has('nd') ? '-nd' : ''}`;
  return CC_VERSIONS.has(version) ? `http://creativecommons.org/licenses/${code}/${version}/` : undefined;
}

/**
 * Recognises a rights statement: rightsstatements.org and Creative Commons URIs in any form
 * (http or https, www, trailing slash or not, deed.xx, legalcode, page/ or data/ variants, inside
 * a sentence), short and long Creative Commons names with a version ("CC BY-SA 4.0",
 * "Creative Commons Attribution 4.0 International"), CC0, the rightsstatements.org labels and
 * "public domain" in six languages. A licence named without a version is not guessed.
 */
export function normaliseRights(text: string): RightsResult {
  const original = text.trim();
  const m = RIGHTS_URI.exec(original);
  if (m) {
    const uri = fromRightsUri((m[1] as string).toLowerCase(), m[2] as string);
    if (uri !== undefined) return { uri, original };
  }
  const key = original.toLowerCase().replace(/\s+/g, ' ').replace(/[.\s]+$/, '');
  const rs = RS_LABELS.get(key);
  if (rs !== undefined) return { uri: `http://rightsstatements.org/vocab/${rs}/1.0/`, original };
  if (PUBLIC_DOMAIN.has(key)) return { uri: PDM, original };
  if (CC_ZERO.test(original)) return { uri: CC0, original };
  const short = CC_SHORT.exec(original);
  if (short) {
    const uri = ccFromElements(short[1] as string, short[2] as string);
    if (uri !== undefined) return { uri, original };
  }
  const long = CC_LONG.exec(original);
  if (long) {
    const uri = ccFromElements(long[1] as string, long[2] as string);
    if (uri !== undefined) return { uri, original };
  }
  return { original };
}
