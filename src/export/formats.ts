// Export formats for normalised records: NDJSON, CSV (RFC 4180), JSON-LD (schema.org) and oai_dc
// XML. Each format is a header, one chunk per record, and a footer. Pure: no I/O.

import type { Agent, LangValue, NormalisedRecord } from '../model/record.js';

export const EXPORT_FORMATS = ['ndjson', 'csv', 'jsonld', 'oai_dc'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportFormatter {
  /** Media type for HTTP. */
  contentType: string;
  /** File extension for a download name. */
  extension: string;
  header: string;
  /** One record; `first` is true for the first record written (JSON-LD needs commas between). */
  record(record: ExportRecord, first: boolean): string;
  footer: string;
}

const JOIN = ' | ';
const values = (list: LangValue[] | undefined): string[] => (list ?? []).map((v) => v.value);
const names = (list: Agent[] | undefined): string[] => (list ?? []).map((a) => a.name);

/** A record as exported: the record model plus its dedupe cluster, when the exporter knows it. */
export type ExportRecord = NormalisedRecord & { cluster?: { id: string; size: number } };

/** CSV columns, in order: one row per record, repeated values joined with " | ". */
export const CSV_COLUMNS: readonly [string, (r: ExportRecord) => string | number | undefined][] = [
  ['id', (r) => r.id],
  ['source', (r) => r.source.id],
  ['local_id', (r) => r.source.localId],
  ['cluster_id', (r) => r.cluster?.id],
  ['cluster_size', (r) => r.cluster?.size],
  ['title', (r) => values(r.title).join(JOIN)],
  ['alternative', (r) => values(r.alternative).join(JOIN)],
  ['creator', (r) => names(r.creator).join(JOIN)],
  ['contributor', (r) => names(r.contributor).join(JOIN)],
  ['date', (r) => r.date?.display],
  ['earliest', (r) => r.date?.earliest],
  ['latest', (r) => r.date?.latest],
  ['type', (r) => (r.type ?? []).map((t) => t.value).join(JOIN)],
  ['format', (r) => (r.format ?? []).join(JOIN)],
  ['language', (r) => (r.language ?? []).join(JOIN)],
  ['subject', (r) => values(r.subject).join(JOIN)],
  ['description', (r) => values(r.description).join(JOIN)],
  ['publisher', (r) => values(r.publisher).join(JOIN)],
  ['spatial', (r) => values(r.spatial).join(JOIN)],
  ['identifier', (r) => (r.identifier ?? []).map((i) => `${i.scheme}:${i.value}`).join(JOIN)],
  ['rights_uri', (r) => r.rights?.uri],
  ['rights_statement', (r) => r.rights?.statement],
  ['is_shown_at', (r) => r.isShownAt],
  ['is_shown_by', (r) => r.isShownBy],
  ['data_provider', (r) => r.dataProvider],
  ['provider', (r) => r.provider],
  ['issues', (r) => r.issues.map((i) => i.code).join(JOIN)],
  ['deleted', (r) => (r.deleted ? 'true' : 'false')],
];

/** One CSV field per RFC 4180: quoted when it holds a comma, a quote, CR or LF; quotes doubled. */
export function csvField(value: string | number | undefined): string {
  if (value === undefined) return '';
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsvRow(record: ExportRecord): string {
  return CSV_COLUMNS.map(([, get]) => csvField(get(record))).join(',') + '\r\n';
}

const DCMI = 'http://purl.org/dc/dcmitype/';

/**
 * entente's own terms, for what schema.org and Dublin Core have no word for (a record's dedupe
 * cluster). A URN, like the records' `urn:entente:` ids (nothing to resolve, no domain to
 * squat); the `#` keeps its terms apart from any record's `urn:entente:<source>:<id>`.
 */
const ENTENTE_NS = 'urn:entente:vocab#';

/** The JSON-LD export's @context: schema.org, plus the `entente:` prefix. */
const JSONLD_CONTEXT = ['https://schema.org/', { entente: ENTENTE_NS }] as const;

/**
 * A record as a schema.org CreativeWork (JSON-LD node, without @context). Its dedupe cluster, when
 * known, is `entente:cluster`: an `entente:Cluster` with the cluster id as schema.org identifier
 * and `entente:size`, its number of records.
 */
export function toJsonLd(r: ExportRecord): Record<string, unknown> {
  const node: Record<string, unknown> = { '@type': 'CreativeWork', '@id': `urn:entente:${r.id}` };
  const set = (key: string, value: unknown): void => {
    if (value === undefined || (Array.isArray(value) && value.length === 0)) return;
    node[key] = value;
  };
  const lang = (v: LangValue): unknown => (v.lang ? { '@value': v.value, '@language': v.lang } : v.value);
  const agent = (a: Agent): Record<string, unknown> => ({ name: a.name, ...(a.uri ? { sameAs: a.uri } : {}), ...(a.role ? { roleName: a.role } : {}) });
  set('name', r.title.map(lang));
  set('alternateName', r.alternative?.map(lang));
  set('creator', r.creator?.map(agent));
  set('contributor', r.contributor?.map(agent));
  set('dateCreated', r.date?.edtf ?? r.date?.display);
  if (r.date?.earliest !== undefined) set('temporalCoverage', r.date.earliest === r.date.latest ? String(r.date.earliest) : `${r.date.earliest}/${r.date.latest ?? ''}`);
  set('additionalType', r.type?.map((t) => DCMI + t.value));
  set('encodingFormat', r.format);
  set('inLanguage', r.language);
  set('about', r.subject?.map((s) => ({ '@type': 'Thing', name: s.value, ...(s.uri ? { sameAs: s.uri } : {}) })));
  set('description', r.description?.map(lang));
  set('publisher', r.publisher?.map((p) => ({ name: p.value })));
  set('spatialCoverage', r.spatial?.map((s) => ({ '@type': 'Place', name: s.value, ...(s.uri ? { sameAs: s.uri } : {}) })));
  set('identifier', [r.id, ...(r.identifier ?? []).map((i) => ({ '@type': 'PropertyValue', propertyID: i.scheme, value: i.value }))]);
  set('sameAs', (r.identifier ?? []).filter((i) => i.scheme === 'doi').map((i) => `https://doi.org/${i.value}`));
  set('license', r.rights?.uri);
  set('copyrightNotice', r.rights?.statement);
  set('url', r.isShownAt);
  if (r.isShownBy) set('associatedMedia', { '@type': 'MediaObject', contentUrl: r.isShownBy });
  if (r.dataProvider) set('sourceOrganization', { name: r.dataProvider });
  if (r.provider) set('provider', { name: r.provider });
  if (r.cluster) set('entente:cluster', { '@type': 'entente:Cluster', identifier: r.cluster.id, 'entente:size': r.cluster.size });
  return node;
}

// XML 1.0 forbids these characters even escaped; drop them rather than write a broken document.
// eslint-disable-next-line no-control-regex
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeXml(text: string): string {
  return text.replace(XML_FORBIDDEN, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * A record as an oai_dc element (unqualified Dublin Core) in a `<record>` wrapper. The dedupe
 * cluster, when known, is an `<entente:cluster id="…" size="…"/>` element beside `oai_dc:dc`
 * in the wrapper: oai_dc's schema admits only the fifteen DC elements, and dc:relation would
 * claim a related resource, not membership of entente's cluster.
 */
export function toOaiDc(r: ExportRecord): string {
  const out: string[] = [];
  const el = (name: string, value: string | undefined, lang?: string): void => {
    if (value === undefined || value === '') return;
    out.push(`<dc:${name}${lang ? ` xml:lang="${escapeXml(lang)}"` : ''}>${escapeXml(value)}</dc:${name}>`);
  };
  for (const t of [...r.title, ...(r.alternative ?? [])]) el('title', t.value, t.lang);
  for (const a of r.creator ?? []) el('creator', a.name);
  for (const a of r.contributor ?? []) el('contributor', a.name);
  for (const s of r.subject ?? []) el('subject', s.value, s.lang);
  for (const d of r.description ?? []) el('description', d.value, d.lang);
  for (const p of r.publisher ?? []) el('publisher', p.value, p.lang);
  el('date', r.date?.display);
  for (const t of r.type ?? []) el('type', t.value);
  for (const f of r.format ?? []) el('format', f);
  for (const i of r.identifier ?? []) el('identifier', i.scheme === 'doi' ? `https://doi.org/${i.value}` : i.value);
  el('identifier', r.isShownAt && !(r.identifier ?? []).some((i) => i.value === r.isShownAt) ? r.isShownAt : undefined);
  for (const l of r.language ?? []) el('language', l);
  for (const s of r.spatial ?? []) el('coverage', s.value, s.lang);
  for (const rel of r.relation ?? []) el('relation', rel);
  el('rights', r.rights?.uri);
  el('rights', r.rights?.statement);
  el('source', r.dataProvider);
  return (
    `<record id="${escapeXml(r.id)}"${r.deleted ? ' deleted="true"' : ''}>` +
    `<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/">` +
    out.join('') +
    '</oai_dc:dc>' +
    (r.cluster ? `<entente:cluster xmlns:entente="${ENTENTE_NS}" id="${escapeXml(r.cluster.id)}" size="${r.cluster.size}"/>` : '') +
    '</record>\n'
  );
}

/** The formatter for a format; `bom` puts a UTF-8 byte-order mark first (for spreadsheets reading CSV). */
export function createFormatter(format: ExportFormat, options: { bom?: boolean } = {}): ExportFormatter {
  const bom = options.bom ? '\uFEFF' : '';
  switch (format) {
    case 'ndjson':
      return { contentType: 'application/x-ndjson; charset=utf-8', extension: 'ndjson', header: bom, record: (r) => JSON.stringify(r) + '\n', footer: '' };
    case 'csv':
      return {
        contentType: 'text/csv; charset=utf-8; header=present',
        extension: 'csv',
        header: bom + CSV_COLUMNS.map(([name]) => name).join(',') + '\r\n',
        record: toCsvRow,
        footer: '',
      };
    case 'jsonld':
      return {
        contentType: 'application/ld+json; charset=utf-8',
        extension: 'jsonld',
        header: bom + `{"@context":${JSON.stringify(JSONLD_CONTEXT)},"@graph":[\n`,
        record: (r, first) => (first ? '' : ',\n') + JSON.stringify(toJsonLd(r)),
        footer: '\n]}\n',
      };
    case 'oai_dc':
      return {
        contentType: 'application/xml; charset=utf-8',
        extension: 'xml',
        header: bom + '<?xml version="1.0" encoding="UTF-8"?>\n<records>\n',
        record: toOaiDc,
        footer: '</records>\n',
      };
  }
}
