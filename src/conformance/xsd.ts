// Validates metadata records against their format's XML Schema, offline: libxml2 (WebAssembly)
// with the schemas bundled in data/xsd, or schemas an archive supplies (`--schema NAMESPACE=FILE`).
// Imports between schemas (xml.xsd, simple DC, xlink.xsd) are answered from the bundle by URL; a
// supplied schema's includes are read from its own folder; anything else is refused, so
// validation never touches the network.

import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EntenteError } from '../errors.js';
import { inheritedNamespaces, type XmlElement } from '../xml/parse.js';
import type { SchemaOrigin } from './types.js';

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

/** A schema an archive supplies for a namespace (`--schema NAMESPACE=FILE`); it overrides a bundled one. */
export interface SuppliedSchema {
  /** The metadata root namespace it judges, e.g. `http://www.lido-schema.org`. */
  namespace: string;
  /** A local .xsd file, as given (relative paths resolve against the working directory). */
  file: string;
}

export interface SchemaVerdict {
  /** The schema used: a bundled file name, or the supplied path as given; undefined when there is none for the namespace. */
  schema?: string;
  /** Whether that schema is bundled or supplied. */
  origin?: SchemaOrigin;
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
const BUNDLED_VERSION: Record<string, { newest: readonly [major: number, minor: number]; name: string }> = {
  'http://www.loc.gov/mods/v3': { newest: [3, 6], name: 'MODS' },
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
  const [kMajor, kMinor] = known.newest;
  if (major > kMajor || (major === kMajor && minor > kMinor)) {
    return `${known.name} ${declared} record: the bundled schema is ${SCHEMA_BY_NAMESPACE[namespace]} (${known.name} ${kMajor}.${kMinor}), which does not know its elements`;
  }
  return undefined;
}

export interface SchemaValidator {
  /** The schema for a namespace, if any: the supplied path, or the bundled file name (when it exists in this install). */
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
type Xsd = InstanceType<Libxml['XsdValidator']>;

const XS_NS = 'http://www.w3.org/2001/XMLSchema';

/**
 * Parses `NAMESPACE=FILE` (the `--schema` option). The namespace ends at the first `=`: namespace
 * URIs almost never hold one, file names sometimes do. Pure apart from the error it throws.
 */
export function parseSchemaOption(spec: string): SuppliedSchema {
  const at = spec.indexOf('=');
  const namespace = at > 0 ? spec.slice(0, at).trim() : '';
  const file = at > 0 ? spec.slice(at + 1).trim() : '';
  if (!namespace || !file) {
    throw new EntenteError('ERR_CHECK_SCHEMA', `--schema ${JSON.stringify(spec)}: expected NAMESPACE=FILE, e.g. --schema http://www.lido-schema.org=lido-v1.1.xsd`, {
      context: { option: spec },
    });
  }
  return { namespace, file };
}

/** What the input provider may read while one supplied schema is compiled. */
interface LoadScope {
  /** The supplied schema (as given), for messages. */
  label: string;
  /** Its folder, real path with a trailing separator: includes must stay inside. */
  root: string;
  /** Every supplied schema by namespace (absolute paths): a remote import of one of them is answered by it. */
  supplied: ReadonlyMap<string, string>;
  /** Remote schemaLocations of the xs:imports read so far, with their namespace. */
  importNs: Map<string, string>;
  /** Remote folders answered from a local folder (for the relative includes of a remote import answered locally). */
  aliases: Map<string, string>;
  /** Local folders files may be read from besides `root` (those of supplied schemas answering imports). */
  allowed: Set<string>;
  /** Why loads were refused, in order. */
  refused: string[];
}

/** The scope of the supplied schema being compiled; undefined while bundled schemas compile (compiling is synchronous). */
let scope: LoadScope | undefined;

const isRemote = (name: string): boolean => /^[a-z][a-z0-9+.-]*:/i.test(name) && !/^file:/i.test(name) && !/^[a-z]:[\\/]/i.test(name);

function realOrResolved(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

const inside = (path: string, folder: string): boolean => path.startsWith(folder);

const withSep = (folder: string): string => (folder.endsWith(sep) ? folder : folder + sep);

/** data/xsd with links resolved, as the real paths compared with it are. */
const XSD_REAL = withSep(realOrResolved(XSD_DIR));

/** Records the namespace of every remote xs:import in a schema's text (a regex: the provider sees bytes, not a tree). */
function noteImports(text: string, base: string, s: LoadScope): void {
  for (const m of text.matchAll(/<(?:[\w.-]+:)?import\b([^>]*)>/g)) {
    const attrs = m[1] ?? '';
    const ns = /\snamespace\s*=\s*["']([^"']*)["']/.exec(attrs)?.[1];
    const loc = /\sschemaLocation\s*=\s*["']([^"']*)["']/.exec(attrs)?.[1];
    if (ns === undefined || loc === undefined) continue;
    try {
      const abs = isRemote(loc) ? loc : isRemote(base) ? new URL(loc, base).href : undefined;
      if (abs !== undefined) s.importNs.set(abs, ns);
    } catch {
      // An unparsable location: libxml2 reports it when it tries to load it.
    }
  }
}

/**
 * The local file libxml2 should read for a schema location it asks for, or why it may not: the
 * bundle answers its mapped URLs; a supplied schema may read its own folder (and below), a remote
 * import is answered by a supplied schema of its namespace or a file of its name beside the schema.
 * Never the network.
 */
function resolveLoad(name: string): { file: string } | { refused: string } {
  const mapped = BUNDLED_IMPORTS[name];
  if (mapped) return { file: XSD_DIR + mapped };
  const s = scope;
  if (isRemote(name)) {
    if (!s) return { refused: `${name} is not bundled` };
    for (const [prefix, folder] of s.aliases) {
      if (!name.startsWith(prefix)) continue;
      const candidate = realOrResolved(folder + decodeURIComponent(name.slice(prefix.length).split(/[?#]/)[0] ?? ''));
      if (inside(candidate, folder) && isFile(candidate)) return { file: candidate };
    }
    const ns = s.importNs.get(name);
    const suppliedFile = ns !== undefined ? s.supplied.get(ns) : undefined;
    const baseName = decodeURIComponent(new URL(name).pathname.split('/').pop() ?? '');
    const beside = baseName ? s.root + baseName : undefined;
    const file = suppliedFile ?? (beside !== undefined && isFile(beside) ? realOrResolved(beside) : undefined);
    if (file !== undefined) {
      const folder = withSep(dirname(file));
      s.aliases.set(name.slice(0, name.lastIndexOf('/') + 1), folder);
      s.allowed.add(folder);
      return { file };
    }
    return {
      refused:
        `it imports ${name}, which entente does not fetch (validation never uses the network): download it and pass it with ` +
        `--schema ${ns ?? 'NAMESPACE'}=FILE, or place it beside ${s.label}`,
    };
  }
  const path = /^file:/i.test(name) ? fileURLToPath(name) : name;
  if (!isAbsolute(path)) return { refused: `${name} is not a path entente can resolve` };
  const real = realOrResolved(path);
  if (inside(real, XSD_DIR) || inside(real, XSD_REAL) || (s && (inside(real, s.root) || [...s.allowed].some((f) => inside(real, f))))) {
    return isFile(real) ? { file: real } : { refused: `it includes ${path}, which does not exist` };
  }
  return s
    ? { refused: `it includes ${path}${real !== path ? ` (a link to ${real})` : ''}, outside the folder of ${s.label} (${s.root}): a schema's includes must be in its folder or below` }
    : { refused: `${path} is outside the bundle` };
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

interface Engine {
  lib: Libxml;
  /** A bundled schema, compiled once per process (or why it could not be). */
  bundled(file: string): Xsd | Error;
}

let engineLoading: Promise<Engine> | undefined;

/** Loads libxml2 once per process and registers the one input provider every schema load goes through. */
function loadEngine(): Promise<Engine> {
  engineLoading ??= import('libxml2-wasm').then((lib) => {
    const open = new Map<number, { buf: Buffer; pos: number }>();
    let nextFd = 1;
    lib.xmlRegisterInputProvider({
      // Claim every name, so libxml2 never falls back to a loader of its own; open() refuses.
      match: () => true,
      open: (name) => {
        const r = resolveLoad(name);
        if ('refused' in r) {
          scope?.refused.push(r.refused);
          return undefined;
        }
        const buf = readFileSync(r.file);
        if (scope) noteImports(buf.toString('utf8'), name, scope);
        const fd = nextFd++;
        open.set(fd, { buf, pos: 0 });
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
    const compiled = new Map<string, Xsd | Error>();
    return {
      lib,
      bundled(file) {
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
      },
    };
  });
  return engineLoading;
}

/** libxml2's messages of an error, trimmed (its `details` when it has them), with file and line when `where`. */
function messagesOf(err: unknown, where = true): string[] {
  const details = (err as { details?: { message: string; line?: number; file?: string }[] }).details;
  if (details?.length) return details.map((d) => `${d.message.trim()}${!where ? '' : d.file && d.line ? ` (${d.file}, line ${d.line})` : d.line ? ` (line ${d.line})` : ''}`);
  return [(err instanceof Error ? err.message : String(err)).trim()];
}

/** Reads, checks and compiles one supplied schema; every problem is an ERR_CHECK_SCHEMA naming the file. */
function compileSupplied(engine: Engine, given: SuppliedSchema, supplied: ReadonlyMap<string, string>): Xsd {
  const { lib } = engine;
  const fail = (what: string): never => {
    throw new EntenteError('ERR_CHECK_SCHEMA', `--schema ${given.namespace}=${given.file}: ${what}`, { context: { file: given.file, namespace: given.namespace } });
  };
  const abs = resolve(given.file);
  let stat;
  try {
    stat = statSync(abs);
  } catch {
    return fail(`${abs} does not exist`);
  }
  if (!stat.isFile()) return fail(`${abs} is not a file`);
  const buf = readFileSync(abs);
  let doc: InstanceType<Libxml['XmlDocument']>;
  try {
    doc = lib.XmlDocument.fromBuffer(buf, { url: abs });
  } catch (err) {
    return fail(`not well-formed XML: ${messagesOf(err)[0] ?? ''}`);
  }
  const root = doc.root;
  if (root.namespaceUri !== XS_NS || root.name !== 'schema') {
    // The message reads the root's names: build it before the document is freed.
    const what = `not an XML Schema: its root element is <${root.name}>${root.namespaceUri ? ` in ${root.namespaceUri}` : ''}, not <xs:schema> in ${XS_NS}`;
    doc.dispose();
    return fail(what);
  }
  const target = root.attr('targetNamespace')?.value;
  if (target !== undefined && target !== given.namespace) {
    doc.dispose();
    return fail(`its targetNamespace is ${target}, not ${given.namespace}: give it for the namespace its records use`);
  }
  const s: LoadScope = { label: given.file, root: withSep(realOrResolved(dirname(abs))), supplied, importNs: new Map(), aliases: new Map(), allowed: new Set(), refused: [] };
  noteImports(buf.toString('utf8'), abs, s);
  scope = s;
  let compiled: Xsd | undefined;
  let error: unknown;
  try {
    compiled = lib.XsdValidator.fromDoc(doc);
  } catch (err) {
    error = err;
  } finally {
    scope = undefined;
  }
  // A refused load explains the rest (libxml2 only warns on a failed import, and may compile without it).
  if (s.refused.length) {
    compiled?.dispose();
    doc.dispose();
    return fail(s.refused[0] + (s.refused.length > 1 ? ` (and ${s.refused.length - 1} more refused)` : ''));
  }
  if (!compiled) {
    doc.dispose();
    return fail(`does not compile: ${messagesOf(error).slice(0, 3).join('; ')}`);
  }
  return compiled;
}

let bundledOnly: Promise<SchemaValidator> | undefined;

/**
 * Loads libxml2 once per process and returns a validator: the bundled schemas compile on first
 * use; supplied ones compile now, so a bad one is an error (ERR_CHECK_SCHEMA) before any request.
 */
export function loadSchemaValidator(options: { schemas?: readonly SuppliedSchema[] } = {}): Promise<SchemaValidator> {
  const schemas = options.schemas ?? [];
  if (schemas.length === 0) {
    bundledOnly ??= loadEngine().then((engine) => createValidator(engine, new Map()));
    return bundledOnly;
  }
  const byNamespace = new Map<string, string>();
  for (const s of schemas) {
    if (byNamespace.has(s.namespace)) {
      throw new EntenteError('ERR_CHECK_SCHEMA', `--schema is given twice for ${s.namespace}: give one schema per namespace`, { context: { namespace: s.namespace, file: s.file } });
    }
    byNamespace.set(s.namespace, realOrResolved(s.file));
  }
  return loadEngine().then((engine) => {
    const supplied = new Map<string, { label: string; xsd: Xsd }>();
    for (const s of schemas) supplied.set(s.namespace, { label: s.file, xsd: compileSupplied(engine, s, byNamespace) });
    return createValidator(engine, supplied);
  });
}

function createValidator(engine: Engine, supplied: ReadonlyMap<string, { label: string; xsd: Xsd }>): SchemaValidator {
  const { lib } = engine;
  const judge = (xsd: Xsd, xml: string): string[] => {
    let doc: InstanceType<Libxml['XmlDocument']> | undefined;
    try {
      doc = lib.XmlDocument.fromString(xml);
      xsd.validate(doc);
      return [];
    } catch (err) {
      // No file or line: lines of a record cut from its page would mislead.
      return messagesOf(err, false).slice(0, 5);
    } finally {
      doc?.dispose();
    }
  };
  // validate() asks schemaFor for every record: stat each bundled file once, not per record.
  const installed = new Map<string, boolean>();
  return {
    schemaFor(namespace) {
      const own = supplied.get(namespace);
      if (own) return own.label;
      const file = SCHEMA_BY_NAMESPACE[namespace];
      if (!file) return undefined;
      let present = installed.get(file);
      if (present === undefined) installed.set(file, (present = existsSync(XSD_DIR + file)));
      return present ? file : undefined;
    },
    validate(xml, namespace) {
      // A supplied schema is the archive's own choice of version: no "newer than bundled" skip.
      const own = supplied.get(namespace);
      if (own) return { schema: own.label, origin: 'supplied', errors: judge(own.xsd, xml) };
      const file = this.schemaFor(namespace);
      if (!file) return { errors: [] };
      const newer = newerVersion(xml, namespace);
      if (newer !== undefined) return { schema: file, origin: 'bundled', errors: [], skipped: newer };
      const validator = engine.bundled(file);
      if (validator instanceof Error) return { schema: file, origin: 'bundled', errors: [`The bundled schema ${file} could not be compiled: ${validator.message}`] };
      return { schema: file, origin: 'bundled', errors: judge(validator, xml) };
    },
  };
}
