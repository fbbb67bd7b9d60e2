// Validates metadata records against their format's XML Schema, offline: libxml2 (WebAssembly)
// with the schemas bundled in data/xsd. Imports between schemas (xml.xsd, simple DC, xlink.xsd)
// are answered from the bundle by URL; anything else is refused, so validation never touches the
// network.

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { inheritedNamespaces, type XmlElement } from '../xml/parse.js';

/** data/xsd, resolved from this file: the same from src/conformance (tsx, vitest) and dist/conformance. */
export const XSD_DIR = fileURLToPath(new URL('../../data/xsd/', import.meta.url));

/** The bundled schema for a metadata root namespace. Formats absent here are reported "not bundled". */
const SCHEMA_BY_NAMESPACE: Record<string, string> = {
  'http://www.openarchives.org/OAI/2.0/oai_dc/': 'oai_dc.xsd',
  'http://www.loc.gov/MARC21/slim': 'MARC21slim.xsd',
  'http://www.loc.gov/mods/v3': 'mods-3-6.xsd',
};

/** Remote schema locations that bundled schemas import, mapped to the bundled copies. */
const BUNDLED_IMPORTS: Record<string, string> = {
  'http://dublincore.org/schemas/xmls/qdc/2008/02/11/dc.xsd': 'simpledc20021212.xsd',
  'http://dublincore.org/schemas/xmls/simpledc20021212.xsd': 'simpledc20021212.xsd',
  'http://www.w3.org/2001/03/xml.xsd': 'xml.xsd',
  'http://www.w3.org/2001/xml.xsd': 'xml.xsd',
  'http://www.w3.org/2009/01/xml.xsd': 'xml.xsd',
  'http://www.loc.gov/mods/xml.xsd': 'xml.xsd',
  'http://www.loc.gov/standards/xlink/xlink.xsd': 'xlink.xsd',
};

export interface SchemaVerdict {
  /** The bundled schema file used; undefined when none is bundled for the namespace. */
  schema?: string;
  /** Validation messages; empty when the record is valid. */
  errors: string[];
  /** Why the record was not validated although a schema is bundled (a newer version than the bundled schema). */
  skipped?: string;
}

/**
 * Bundled schemas that serve only some versions of their namespace: the newest version they
 * know. MODS 3.7 and 3.8 keep the namespace but add elements (and version values) that MODS 3.6
 * refuses, so their records are not judged by it.
 */
const BUNDLED_VERSION: Record<string, { file: string; newest: number; name: string }> = {
  'http://www.loc.gov/mods/v3': { file: 'mods-3-6.xsd', newest: 3.6, name: 'MODS' },
};

/** A record declaring a newer version than the bundled schema knows: why it is not validated. Pure. */
export function newerVersion(xml: string, namespace: string): string | undefined {
  const known = BUNDLED_VERSION[namespace];
  if (!known) return undefined;
  // The root's start tag only: the version of a MODS record is on <mods> (or <modsCollection>'s children).
  const start = /^\s*(?:<\?[^>]*\?>\s*)?<[^>]*?\sversion\s*=\s*["']([\d.]+)["']/.exec(xml);
  const declared = start?.[1];
  if (declared === undefined) return undefined;
  const [major = 0, minor = 0] = declared.split('.').map(Number);
  const [kMajor = 0, kMinor = 0] = String(known.newest).split('.').map(Number);
  if (major > kMajor || (major === kMajor && minor > kMinor)) {
    return `${known.name} ${declared} record: the bundled schema is ${known.file} (${known.name} ${known.newest}), which does not know its elements`;
  }
  return undefined;
}

export interface SchemaValidator {
  /** The bundled schema for a namespace, if any (and whether it exists in this install). */
  schemaFor(namespace: string): string | undefined;
  /** Validates one standalone XML document (a metadata root with its namespace declarations). */
  validate(xml: string, namespace: string): SchemaVerdict;
}

/**
 * An element cut out of the document it was parsed from, as a document of its own: the namespace
 * declarations it inherits (from <OAI-PMH>, <record>...) are added to its start tag. Pure.
 */
export function standaloneXml(el: XmlElement, text: string): string {
  const xml = text.slice(el.start, el.end);
  const own = el.nsDecl ?? {};
  let decls = '';
  for (const [prefix, uri] of Object.entries(inheritedNamespaces(el))) {
    if (prefix === 'xml' || prefix in own) continue;
    const value = uri.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
    decls += prefix === '' ? ` xmlns="${value}"` : ` xmlns:${prefix}="${value}"`;
  }
  return decls ? `<${el.qname}${decls}${xml.slice(el.qname.length + 1)}` : xml;
}

type Libxml = typeof import('libxml2-wasm');

let loading: Promise<SchemaValidator> | undefined;

/** Loads libxml2 once per process and returns a validator that compiles each schema on first use. */
export function loadSchemaValidator(): Promise<SchemaValidator> {
  loading ??= import('libxml2-wasm').then(createValidator);
  return loading;
}

function localFileFor(name: string): string | undefined {
  const mapped = BUNDLED_IMPORTS[name];
  if (mapped) return XSD_DIR + mapped;
  const path = name.startsWith('file://') ? fileURLToPath(name) : name;
  return path.startsWith(XSD_DIR) && !path.includes('..') ? path : undefined;
}

function createValidator(lib: Libxml): SchemaValidator {
  const open = new Map<number, { buf: Buffer; pos: number }>();
  let nextFd = 1;
  lib.xmlRegisterInputProvider({
    match: (name) => localFileFor(name) !== undefined,
    open: (name) => {
      const file = localFileFor(name);
      if (!file || !existsSync(file)) return undefined;
      const fd = nextFd++;
      open.set(fd, { buf: readFileSync(file), pos: 0 });
      return fd;
    },
    read: (fd, out) => {
      const s = open.get(fd as number);
      if (!s) return -1;
      const n = Math.min(out.byteLength, s.buf.length - s.pos);
      out.set(s.buf.subarray(s.pos, s.pos + n));
      s.pos += n;
      return n;
    },
    close: (fd) => open.delete(fd as number),
  });

  const compiled = new Map<string, InstanceType<Libxml['XsdValidator']> | Error>();
  function compile(file: string): InstanceType<Libxml['XsdValidator']> | Error {
    let v = compiled.get(file);
    if (v === undefined) {
      try {
        const doc = lib.XmlDocument.fromBuffer(readFileSync(XSD_DIR + file), { url: XSD_DIR + file });
        v = lib.XsdValidator.fromDoc(doc);
      } catch (err) {
        v = err instanceof Error ? err : new Error(String(err));
      }
      compiled.set(file, v);
    }
    return v;
  }

  return {
    schemaFor(namespace) {
      const file = SCHEMA_BY_NAMESPACE[namespace];
      return file && existsSync(XSD_DIR + file) ? file : undefined;
    },
    validate(xml, namespace) {
      const file = this.schemaFor(namespace);
      if (!file) return { errors: [] };
      const newer = newerVersion(xml, namespace);
      if (newer !== undefined) return { schema: file, errors: [], skipped: newer };
      const validator = compile(file);
      if (validator instanceof Error) return { schema: file, errors: [`The bundled schema ${file} could not be compiled: ${validator.message}`] };
      let doc: InstanceType<Libxml['XmlDocument']> | undefined;
      try {
        doc = lib.XmlDocument.fromString(xml);
        validator.validate(doc);
        return { schema: file, errors: [] };
      } catch (err) {
        const details = (err as { details?: { message: string; line?: number }[] }).details;
        const messages = details?.length ? details.map((d) => d.message.trim()) : [(err as Error).message.trim()];
        return { schema: file, errors: messages.slice(0, 5) };
      } finally {
        doc?.dispose();
      }
    },
  };
}
