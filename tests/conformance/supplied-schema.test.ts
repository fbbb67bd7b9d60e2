// Schemas an archive supplies (`entente check --schema NAMESPACE=FILE`): small schemas written here
// for the test (a two-file one with an include, a LIDO-like one, a MODS-namespace override), records
// served by a loopback OAI-PMH repository. Includes resolve beside the schema, `..` escapes and
// remote imports are refused without any network access, bad files are usage errors before any
// request, and the report names the schema that judged each format.

import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { validateReport } from '../helpers/report-schema.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkEndpoint, checkJsonSource } from '../../src/conformance/check-endpoint.js';
import { renderHtmlReport } from '../../src/conformance/render-html.js';
import { renderTextReport } from '../../src/conformance/render-text.js';
import type { ConformanceReport } from '../../src/conformance/types.js';
import { loadSchemaValidator, parseSchemaOption } from '../../src/conformance/xsd.js';
import { normaliseSource } from '../../src/config/load-config.js';
import { EntenteError } from '../../src/errors.js';
import { cli } from '../helpers/cli.js';
import { listenLoopback, type Listening } from '../helpers/listen.js';
import { tempDir } from '../helpers/tmp.js';
import { correctOptions, startFaultRepository, type FaultRepository } from './fault-repository.js';

const XS = 'http://www.w3.org/2001/XMLSchema';
const INV = 'urn:example:inventory';
const OTHER = 'urn:example:other';
const LIDO = 'http://www.lido-schema.org';
const MODS = 'http://www.loc.gov/mods/v3';

const tmp = tempDir('entente-xsd-');
const write = (rel: string, text: string): string => {
  const file = tmp.file(rel);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
};
const schemaDoc = (tns: string, inner: string, extra = ''): string =>
  `<?xml version="1.0"?>\n<xs:schema xmlns:xs="${XS}" targetNamespace="${tns}" xmlns="${tns}" elementFormDefault="qualified"${extra}>\n${inner}\n</xs:schema>\n`;

// A two-file schema: the item type exists only in the included file, so a record can only be
// judged valid when the include was read.
const INVENTORY = write('inv/inventory.xsd', schemaDoc(INV, '<xs:include schemaLocation="parts/types.xsd"/>\n<xs:element name="item" type="itemType"/>'));
write(
  'inv/parts/types.xsd',
  schemaDoc(INV, '<xs:complexType name="itemType"><xs:sequence><xs:element name="title" type="xs:string"/><xs:element name="year" type="xs:gYear"/></xs:sequence></xs:complexType>'),
);
const inventoryRecord = (i: number, year = `18${10 + i}`): string => `<item xmlns="${INV}"><title>Map of the parish, sheet ${i}</title><year>${year}</year></item>`;

// LIDO-like, written for this test (not the LIDO schema): xml:lang comes from the remote xml.xsd
// location, which the bundle answers.
const LIDO_XSD = write(
  'lido/lido-mini.xsd',
  schemaDoc(
    LIDO,
    `<xs:import namespace="http://www.w3.org/XML/1998/namespace" schemaLocation="http://www.w3.org/2001/xml.xsd"/>
<xs:element name="lido"><xs:complexType><xs:sequence>
  <xs:element name="lidoRecID"><xs:complexType><xs:simpleContent><xs:extension base="xs:string"><xs:attribute name="type" form="qualified" type="xs:string" use="required"/></xs:extension></xs:simpleContent></xs:complexType></xs:element>
  <xs:element name="titleSet" maxOccurs="unbounded"><xs:complexType><xs:sequence><xs:element name="appellationValue"><xs:complexType><xs:simpleContent><xs:extension base="xs:string"><xs:attribute ref="xml:lang"/></xs:extension></xs:simpleContent></xs:complexType></xs:element></xs:sequence></xs:complexType></xs:element>
</xs:sequence></xs:complexType></xs:element>`,
  ),
);
const lidoRecord = (i: number, withId = true): string =>
  `<lido:lido xmlns:lido="${LIDO}">${withId ? `<lido:lidoRecID lido:type="local">rec-${i}</lido:lidoRecID>` : ''}<lido:titleSet><lido:appellationValue xml:lang="en">Map of the parish, sheet ${i}</lido:appellationValue></lido:titleSet></lido:lido>`;

// A schema for the MODS namespace (a stand-in for MODS 3.8 from LoC): titleInfo first, anything after.
const MODS_XSD = write(
  'mods/mods-mini.xsd',
  schemaDoc(
    MODS,
    `<xs:element name="mods"><xs:complexType><xs:sequence>
  <xs:element name="titleInfo"><xs:complexType><xs:sequence><xs:element name="title" type="xs:string"/></xs:sequence></xs:complexType></xs:element>
  <xs:any namespace="##targetNamespace" processContents="skip" minOccurs="0" maxOccurs="unbounded"/>
</xs:sequence><xs:attribute name="version" type="xs:string"/></xs:complexType></xs:element>`,
  ),
);
const modsRecord = (i: number, extra = ''): string =>
  `<mods xmlns="${MODS}" version="3.8">${extra}<titleInfo><title>Map of the parish, sheet ${i}</title></titleInfo><typeOfResource>cartographic</typeOfResource><originInfo><dateIssued>18${10 + i}</dateIssued></originInfo></mods>`;

/** A repository offering oai_dc and one more format, whose record i is `record(i)`. */
function repoWith(prefix: string, namespace: string, record: (i: number) => string): Promise<FaultRepository> {
  const options = correctOptions({
    formats: [
      { metadataPrefix: 'oai_dc', schema: 'http://www.openarchives.org/OAI/2.0/oai_dc.xsd', metadataNamespace: 'http://www.openarchives.org/OAI/2.0/oai_dc/' },
      { metadataPrefix: prefix, schema: `http://example.org/${prefix}.xsd`, metadataNamespace: namespace },
    ],
  });
  options.records.forEach((r, n) => {
    if (!r.deleted) r.metadata[prefix] = record(n + 1);
  });
  return startFaultRepository(options);
}

const check = (repo: FaultRepository, prefix: string, schemas: { namespace: string; file: string }[]): Promise<ConformanceReport> =>
  checkEndpoint({ url: repo.url, formats: [prefix], schemaValidation: true, schemas, maxRetryAfterMs: 50, now: () => new Date('2024-06-01T12:00:00Z') });

const recordsSchema = (r: ConformanceReport) => r.checks.find((c) => c.id === 'records.schema');

/** The EntenteError a promise rejects with (the test fails when it resolves). */
async function rejection(p: Promise<unknown>): Promise<EntenteError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, 'expected a rejection').toBeInstanceOf(EntenteError);
  return err as EntenteError;
}

/** A loopback HTTP server counting every request: remote schema locations point here. */
let schemaHost: Listening;
let schemaHostUrl = '';
let schemaHostHits = 0;
const OTHER_XSD_TEXT = schemaDoc(OTHER, '<xs:simpleType name="code"><xs:restriction base="xs:string"><xs:pattern value="[A-Z]{3}"/></xs:restriction></xs:simpleType>');

beforeAll(async () => {
  schemaHost = await listenLoopback(
    createServer((_req, res) => {
      schemaHostHits++;
      res.writeHead(200, { 'content-type': 'application/xml' }).end(OTHER_XSD_TEXT);
    }),
  );
  schemaHostUrl = schemaHost.origin;
});

afterAll(async () => {
  await schemaHost.close();
  tmp.remove();
});

/** A schema in `folder` for INV whose <code> element has a type imported from OTHER at `location`. */
function importingSchema(folder: string, location: string): string {
  return write(
    `${folder}/coded.xsd`,
    schemaDoc(
      INV,
      `<xs:import namespace="${OTHER}" schemaLocation="${location}"/>\n<xs:element name="item"><xs:complexType><xs:sequence><xs:element name="code" type="o:code"/></xs:sequence></xs:complexType></xs:element>`,
      ` xmlns:o="${OTHER}"`,
    ),
  );
}

describe('parseSchemaOption', () => {
  it('splits NAMESPACE=FILE at the first "=", and refuses anything else', () => {
    expect(parseSchemaOption('http://www.lido-schema.org=schemas/lido=v1.xsd')).toEqual({ namespace: LIDO, file: 'schemas/lido=v1.xsd' });
    for (const bad of ['lido.xsd', '=lido.xsd', 'http://www.lido-schema.org=']) {
      expect(() => parseSchemaOption(bad), bad).toThrow(/expected NAMESPACE=FILE/);
    }
  });
});

describe('a supplied schema, judged against served records', () => {
  it('two files with an include: valid records pass, the broken one fails with the libxml2 message', async () => {
    const repo = await repoWith('inv', INV, (i) => inventoryRecord(i, i === 5 ? 'circa 1850' : undefined));
    try {
      const report = await check(repo, 'inv', [{ namespace: INV, file: INVENTORY }]);
      const sv = report.records?.formats[0]?.schemaValidation;
      expect(sv).toMatchObject({ schema: INVENTORY, origin: 'supplied', validated: 29, invalid: 1 });
      expect(sv?.examples).toEqual([{ recordId: 'oai:maps.example.org:rec-05', message: expect.stringMatching(/year.*'circa 1850' is not a valid value of the atomic type 'xs:gYear'/) }]);
      expect(recordsSchema(report)?.status).toBe('fail');
      expect(recordsSchema(report)?.findings[0]?.message).toMatch(new RegExp(`1 of 29 inv records do not validate against ${INVENTORY}`));
    } finally {
      await repo.close();
    }
  });

  it('a LIDO-like schema (importing xml.xsd from its remote location, answered by the bundle) makes LIDO records checkable', async () => {
    const repo = await repoWith('lido', LIDO, (i) => lidoRecord(i, i !== 7));
    try {
      const without = await check(repo, 'lido', []);
      expect(recordsSchema(without)).toMatchObject({ status: 'skip', note: expect.stringMatching(/schema not bundled; give one with --schema http:\/\/www\.lido-schema\.org=FILE/) });
      const report = await check(repo, 'lido', [{ namespace: LIDO, file: LIDO_XSD }]);
      const sv = report.records?.formats[0]?.schemaValidation;
      expect(sv).toMatchObject({ schema: LIDO_XSD, origin: 'supplied', validated: 29, invalid: 1 });
      expect(sv?.examples[0]).toMatchObject({ recordId: 'oai:maps.example.org:rec-07', message: expect.stringMatching(/titleSet.*not expected.*lidoRecID/) });
    } finally {
      await repo.close();
    }
  });

  it('overrides the bundled schema of its namespace, without the "newer than bundled" skip', async () => {
    const repo = await repoWith('mods', MODS, (i) => modsRecord(i, i === 4 ? '<genre>map</genre>' : ''));
    try {
      const bundled = await check(repo, 'mods', []);
      expect(recordsSchema(bundled)).toMatchObject({ status: 'skip', note: expect.stringMatching(/MODS 3\.8 record: the bundled schema is mods-3-6\.xsd/) });
      const report = await check(repo, 'mods', [{ namespace: MODS, file: MODS_XSD }]);
      const sv = report.records?.formats[0]?.schemaValidation;
      expect(sv).toMatchObject({ schema: MODS_XSD, origin: 'supplied', validated: 29, invalid: 1 });
      expect(sv?.examples[0]).toMatchObject({ recordId: 'oai:maps.example.org:rec-04', message: expect.stringMatching(/genre.*not expected.*titleInfo/) });
      // The renderers say which schema judged the format.
      expect(renderTextReport(report)).toContain(`28/29 valid against ${MODS_XSD} (supplied)`);
      expect(renderHtmlReport(report)).toContain(`valid against <code>${MODS_XSD}</code> (supplied with --schema)`);
      expect(renderTextReport(bundled)).not.toContain('(supplied)');
    } finally {
      await repo.close();
    }
  });

  it('names the bundled schema and its origin when none is supplied', async () => {
    const repo = await startFaultRepository();
    try {
      const report = await check(repo, 'oai_dc', [{ namespace: INV, file: INVENTORY }]);
      expect(report.records?.formats[0]?.schemaValidation).toMatchObject({ schema: 'oai_dc.xsd', origin: 'bundled', validated: 29, invalid: 0 });
      expect(renderTextReport(report)).toContain('29/29 valid against oai_dc.xsd (bundled)');
    } finally {
      await repo.close();
    }
  });
});

describe('what a supplied schema may load', () => {
  it('refuses a remote import, naming the URL and what to do, without any request to it', async () => {
    const hits = schemaHostHits;
    const file = importingSchema('remote', `${schemaHostUrl}/other.xsd`);
    const err = await rejection(loadSchemaValidator({ schemas: [{ namespace: INV, file }] }));
    expect(err.code).toBe('ERR_CHECK_SCHEMA');
    expect(err.message).toContain(`it imports ${schemaHostUrl}/other.xsd, which entente does not fetch`);
    expect(err.message).toContain(`download it and pass it with --schema ${OTHER}=FILE, or place it beside ${file}`);
    expect(schemaHostHits).toBe(hits);
  });

  it('answers that import with a schema passed with --schema for its namespace, or a file of its name beside the schema', async () => {
    const hits = schemaHostHits;
    const other = write('elsewhere/other-local.xsd', OTHER_XSD_TEXT);
    const file = importingSchema('remote2', `${schemaHostUrl}/schemas/other.xsd`);
    const v = await loadSchemaValidator({ schemas: [{ namespace: INV, file }, { namespace: OTHER, file: other }] });
    expect(v.validate(`<item xmlns="${INV}"><code>ABC</code></item>`, INV)).toEqual({ schema: file, origin: 'supplied', errors: [] });
    expect(v.validate(`<item xmlns="${INV}"><code>abc</code></item>`, INV).errors.join(' ')).toMatch(/'abc' is not accepted by the pattern/);

    const besideFile = importingSchema('remote3', `${schemaHostUrl}/schemas/other.xsd`);
    write('remote3/other.xsd', OTHER_XSD_TEXT);
    const w = await loadSchemaValidator({ schemas: [{ namespace: INV, file: besideFile }] });
    expect(w.validate(`<item xmlns="${INV}"><code>abc</code></item>`, INV).errors.join(' ')).toMatch(/'abc' is not accepted by the pattern/);
    expect(schemaHostHits).toBe(hits);
  });

  it('refuses an include that climbs out of the schema folder with ..', async () => {
    write('outside/part.xsd', readFileSync(tmp.file('inv/parts/types.xsd'), 'utf8'));
    const file = write('escape/inv.xsd', schemaDoc(INV, '<xs:include schemaLocation="../outside/part.xsd"/>\n<xs:element name="item" type="itemType"/>'));
    const err = await rejection(loadSchemaValidator({ schemas: [{ namespace: INV, file }] }));
    expect(err.code).toBe('ERR_CHECK_SCHEMA');
    expect(err.message).toMatch(new RegExp(`it includes ${tmp.file('outside/part.xsd')}, outside the folder of ${file}`));
  });

  it('refuses an include reached through a symbolic link that points out of the folder', async () => {
    mkdirSync(tmp.file('linked'), { recursive: true });
    symlinkSync(tmp.file('inv/parts'), tmp.file('linked/parts'));
    const file = write('linked/inv.xsd', schemaDoc(INV, '<xs:include schemaLocation="parts/types.xsd"/>\n<xs:element name="item" type="itemType"/>'));
    const err = await rejection(loadSchemaValidator({ schemas: [{ namespace: INV, file }] }));
    expect(err.message).toMatch(/it includes .*linked\/parts\/types\.xsd \(a link to .*inv\/parts\/types\.xsd\), outside the folder of/);
  });

  it('refuses an include that is missing, naming it', async () => {
    const file = write('missing/inv.xsd', schemaDoc(INV, '<xs:include schemaLocation="parts/types.xsd"/>\n<xs:element name="item" type="itemType"/>'));
    const err = await rejection(loadSchemaValidator({ schemas: [{ namespace: INV, file }] }));
    expect(err.message).toContain(`it includes ${join(dirname(file), 'parts/types.xsd')}, which does not exist`);
  });
});

describe('a bad FILE is a usage error before any request (exit 2)', () => {
  const cases: [string, () => string, RegExp][] = [
    ['missing', () => tmp.file('nowhere/lido.xsd'), /does not exist/],
    ['not XML', () => write('bad/not-xml.xsd', '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">\n<xs:element name="a">\n</xs:schema>'), /not well-formed XML/],
    ['not a schema', () => write('bad/not-schema.xsd', `<lido xmlns="${LIDO}"/>`), /not an XML Schema: its root element is <lido> in http:\/\/www\.lido-schema\.org/],
    ['not compiling', () => write('bad/broken.xsd', schemaDoc(LIDO, '<xs:element name="lido" type="undefinedType"/>')), /does not compile: .*undefinedType/],
    ['another target namespace', () => write('bad/other-ns.xsd', schemaDoc(OTHER, '<xs:element name="lido" type="xs:string"/>')), /its targetNamespace is urn:example:other, not http:\/\/www\.lido-schema\.org/],
  ];
  for (const [what, make, message] of cases) {
    it(`${what}: the message names the file and what is wrong`, async () => {
      const file = make();
      const repo = await startFaultRepository();
      try {
        const run = await cli('check', repo.url, '--format', 'lido', '--schema', `${LIDO}=${file}`);
        expect(run.code, run.err).toBe(2);
        expect(run.err).toContain(`--schema ${LIDO}=${file}`);
        expect(run.err).toMatch(message);
        expect(run.err).toContain('code: ERR_CHECK_SCHEMA');
        expect(repo.requests).toEqual([]);
      } finally {
        await repo.close();
      }
    });
  }

  it('a malformed option, and --schema with --no-schema, are usage errors too', async () => {
    const repo = await startFaultRepository();
    try {
      const malformed = await cli('check', repo.url, '--schema', INVENTORY);
      expect(malformed.code).toBe(2);
      expect(malformed.err).toMatch(/expected NAMESPACE=FILE/);
      const both = await cli('check', repo.url, '--no-schema', '--schema', `${INV}=${INVENTORY}`);
      expect(both.code).toBe(2);
      expect(both.err).toMatch(/--schema and --no-schema contradict/);
      expect(repo.requests).toEqual([]);
    } finally {
      await repo.close();
    }
  });

  it('checkJsonSource refuses a bad schema before any request too', async () => {
    const hits = schemaHostHits;
    const source = normaliseSource({ id: 'iiif', url: `${schemaHostUrl}/collection.json`, protocol: 'iiif-collection' });
    const err = await rejection(checkJsonSource({ source, schemas: [{ namespace: LIDO, file: tmp.file('nowhere/lido.xsd') }] }));
    expect(err.code).toBe('ERR_CHECK_SCHEMA');
    expect(schemaHostHits).toBe(hits);
  });
});

describe('entente check --source with the source\'s configured schemas', () => {
  it('validates with them (paths from the config file\'s folder); --schema overrides one namespace; --no-schema turns them off', async () => {
    const repo = await repoWith('inv', INV, (i) => inventoryRecord(i, i === 5 ? 'circa 1850' : undefined));
    try {
      // A permissive schema for the same namespace: with it, the 'circa 1850' record is valid too.
      const loose = write('loose/inventory.xsd', schemaDoc(INV, '<xs:element name="item"><xs:complexType><xs:sequence><xs:any processContents="skip" maxOccurs="unbounded"/></xs:sequence></xs:complexType></xs:element>'));
      const config = write(
        'cfg/entente.json',
        JSON.stringify({ catalogue: tmp.file('cfg/catalogue.sqlite'), sources: [{ id: 'inv', protocol: 'oai-pmh', url: repo.url, metadataPrefix: 'inv', schemas: { [INV]: '../inv/inventory.xsd' } }] }),
      );
      const configured = await cli('check', '--source', 'inv', '--config', config, '--json', '--quiet');
      expect(configured.code, configured.err).toBe(0);
      const report = JSON.parse(configured.out) as ConformanceReport;
      expect(report.records?.formats[0]?.schemaValidation).toMatchObject({ schema: INVENTORY, origin: 'supplied', validated: 29, invalid: 1 });

      const overridden = await cli('check', '--source', 'inv', '--config', config, '--json', '--quiet', '--schema', `${INV}=${loose}`);
      expect(overridden.code, overridden.err).toBe(0);
      expect((JSON.parse(overridden.out) as ConformanceReport).records?.formats[0]?.schemaValidation).toMatchObject({ schema: loose, origin: 'supplied', invalid: 0 });

      const off = await cli('check', '--source', 'inv', '--config', config, '--json', '--quiet', '--no-schema');
      expect(off.code, off.err).toBe(0);
      expect(recordsSchema(JSON.parse(off.out) as ConformanceReport)?.status).toBe('skip');
    } finally {
      await repo.close();
    }
  });

  it('refuses a configured schema that is missing, naming the file, before any request; --no-schema does not read it', async () => {
    const repo = await startFaultRepository();
    try {
      const config = write('cfg2/entente.json', JSON.stringify({ catalogue: tmp.file('cfg2/catalogue.sqlite'), sources: [{ id: 'x', protocol: 'oai-pmh', url: repo.url, schemas: { [LIDO]: 'lido.xsd' } }] }));
      const run = await cli('check', '--source', 'x', '--config', config, '--quiet');
      expect(run.code).toBe(2);
      expect(run.err).toContain('ERR_CHECK_SCHEMA');
      expect(run.err).toContain(tmp.file('cfg2/lido.xsd'));
      expect(repo.requests).toEqual([]);
      // --no-schema leaves the configured schemas alone: not even read.
      const off = await cli('check', '--source', 'x', '--config', config, '--quiet', '--no-schema');
      expect(off.code, off.err).toBe(0);
    } finally {
      await repo.close();
    }
  });
});

describe('entente check --schema', () => {
  it('validates with the supplied schema and reports it in JSON valid against report.schema.json', async () => {
    const repo = await repoWith('inv', INV, (i) => inventoryRecord(i, i === 5 ? 'circa 1850' : undefined));
    try {
      const run = await cli('check', repo.url, '--format', 'inv', '--schema', `${INV}=${INVENTORY}`, '--json', '--quiet');
      expect(run.code, run.err).toBe(0); // records.schema is a warning
      const report = JSON.parse(run.out) as ConformanceReport;
      expect(report.records?.formats[0]?.schemaValidation).toMatchObject({ schema: INVENTORY, origin: 'supplied', validated: 29, invalid: 1 });
      validateReport(report);
      expect(validateReport.errors ?? []).toEqual([]);
    } finally {
      await repo.close();
    }
  });
});
