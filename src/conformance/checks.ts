// The catalogue of conformance checks: stable ids, severities, the specification section each
// rests on, and the fix to suggest. Pure data: the runner and the pure check functions use it.
// Never rename an id: stored reports and archives' CI scripts refer to them.

import type { CheckDefinition } from './types.js';

const SPEC = 'OAI-PMH 2.0';

const defs = [
  // ---- Identify (section 4.2) ----
  { id: 'identify.responds', title: 'Identify answers with an OAI-PMH Identify response', severity: 'error', section: `${SPEC} §4.2`,
    fix: 'Make the base URL answer verb=Identify with an OAI-PMH XML document; check the URL itself (no extra path or parameters).' },
  { id: 'identify.required-elements', title: 'Identify has every required element', severity: 'error', section: `${SPEC} §4.2`,
    fix: 'Identify must carry repositoryName, baseURL, protocolVersion, earliestDatestamp, deletedRecord, granularity and at least one adminEmail.' },
  { id: 'identify.protocol-version', title: 'protocolVersion is 2.0', severity: 'error', section: `${SPEC} §4.2`,
    fix: 'Set protocolVersion to 2.0 (entente checks OAI-PMH 2.0 only).' },
  { id: 'identify.base-url', title: 'baseURL is the URL the repository was asked at', severity: 'warning', section: `${SPEC} §4.2, §3.1.1`,
    fix: 'Make Identify\'s baseURL the public base URL harvesters use (same scheme, host and path, no parameters).' },
  { id: 'identify.granularity', title: 'granularity is YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ', severity: 'error', section: `${SPEC} §4.2, §3.3`,
    fix: 'Declare one of the two granularities the protocol allows, and use it for every datestamp.' },
  { id: 'identify.earliest-datestamp', title: 'earliestDatestamp is in the declared granularity and not in the future', severity: 'error', section: `${SPEC} §4.2, §3.3.2`,
    fix: 'Give the datestamp of the oldest record (or a lower bound), in the declared granularity, in UTC.' },
  { id: 'identify.deleted-record', title: 'deletedRecord is no, transient or persistent', severity: 'error', section: `${SPEC} §4.2, §2.5.1`,
    fix: 'Declare deletedRecord as no, transient or persistent, matching how the repository keeps deletions.' },
  { id: 'identify.admin-email', title: 'adminEmail is a well-formed e-mail address', severity: 'error', section: `${SPEC} §4.2`,
    fix: 'Give a working contact address (user@example.org, without "mailto:").' },

  { id: 'request.post', title: 'Requests sent with POST are answered as with GET', severity: 'warning', section: `${SPEC} §3.1.1`,
    fix: 'Accept form-encoded POST requests (application/x-www-form-urlencoded) for every verb: harvesters use POST for long arguments.' },

  // ---- Every response (sections 3.1, 3.2) ----
  { id: 'response.http-status', title: 'Responses, OAI-PMH errors included, come with HTTP status 200', severity: 'error', section: `${SPEC} §3.1.2, §3.6`,
    fix: 'Send OAI-PMH errors in a normal 200 response with an <error> element; keep 4xx/5xx for transport problems.' },
  { id: 'response.content-type', title: 'Content-Type is text/xml', severity: 'error', section: `${SPEC} §3.1.2`,
    fix: 'Serve every response as Content-Type: text/xml; charset=UTF-8.' },
  { id: 'response.well-formed', title: 'Responses are well-formed XML', severity: 'error', section: `${SPEC} §3.2`,
    fix: 'Escape &, < and > in content, drop characters XML forbids, and never truncate a response.' },
  { id: 'response.encoding', title: 'Responses are UTF-8', severity: 'error', section: `${SPEC} §3.2`,
    fix: 'Encode responses in UTF-8 and declare it (XML declaration and Content-Type charset); check for double-encoded text.' },
  { id: 'response.root-element', title: 'The root is <OAI-PMH> in the OAI-PMH 2.0 namespace', severity: 'error', section: `${SPEC} §3.2`,
    fix: 'Wrap every response in <OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">.' },
  { id: 'response.response-date', title: 'responseDate is present and a UTC datetime (YYYY-MM-DDThh:mm:ssZ)', severity: 'error', section: `${SPEC} §3.2, §3.3.2`,
    fix: 'Give responseDate in UTC with seconds and a Z suffix, e.g. 2024-05-01T12:00:00Z.' },
  { id: 'response.request-element', title: 'The request element echoes the base URL and the arguments', severity: 'warning', section: `${SPEC} §3.2`,
    fix: 'Echo the base URL as the text of <request> and each argument as an attribute (none for badVerb and badArgument).' },

  // ---- ListMetadataFormats (section 4.4) ----
  { id: 'formats.oai-dc', title: 'ListMetadataFormats offers oai_dc', severity: 'error', section: `${SPEC} §4.4, §3.4`,
    fix: 'Offer oai_dc (simple Dublin Core): every OAI-PMH repository must.' },
  { id: 'formats.declared-namespace', title: 'Records are in the namespace their format declares', severity: 'warning', section: `${SPEC} §4.4, §3.4`,
    fix: 'Make metadataNamespace in ListMetadataFormats match the namespace of the records\' metadata root (and schema their xsi:schemaLocation).' },

  // ---- ListSets (section 4.6) ----
  { id: 'sets.list', title: 'ListSets answers with sets or noSetHierarchy', severity: 'error', section: `${SPEC} §4.6`,
    fix: 'Answer ListSets with the list of sets, or with the noSetHierarchy error when there are none.' },
  { id: 'sets.set-spec', title: 'setSpecs are valid and unique', severity: 'error', section: `${SPEC} §2.6, §4.6`,
    fix: 'Use setSpecs of unreserved URI characters with ":" for hierarchy, each listed once.' },

  // ---- ListIdentifiers and ListRecords (sections 3.5, 4.3, 4.5) ----
  { id: 'list.paging', title: 'Lists page with resumptionToken to the end', severity: 'error', section: `${SPEC} §3.5`,
    fix: 'Every resumptionToken issued must return the next page; never return the token that was sent.' },
  { id: 'list.final-token', title: 'The last page of a multi-page list has an empty resumptionToken', severity: 'warning', section: `${SPEC} §3.5`,
    fix: 'End a list that took several pages with an empty <resumptionToken/> element.' },
  { id: 'list.cursor', title: 'completeListSize and cursor are consistent', severity: 'warning', section: `${SPEC} §3.5`,
    fix: 'cursor must count the records sent before the page (0 on the first); completeListSize must stay the same and match the list.' },
  { id: 'list.unique-identifiers', title: 'No identifier appears twice in a list', severity: 'error', section: `${SPEC} §2.4, §3.5`,
    fix: 'List each item once per list; a record that changes during a harvest is still one item.' },
  { id: 'list.datestamp-granularity', title: 'Datestamps use the declared granularity', severity: 'error', section: `${SPEC} §3.3.2, §2.5`,
    fix: 'Write every header datestamp in the granularity Identify declares, in UTC.' },
  { id: 'list.headers-consistent', title: 'Headers agree between ListIdentifiers, ListRecords and GetRecord', severity: 'error', section: `${SPEC} §2.5, §4.1, §4.3, §4.5`,
    fix: 'Serve the same identifier, datestamp, setSpecs and status for an item whatever the verb.' },

  // ---- Selective harvesting (sections 2.7.1, 3.3) ----
  { id: 'selective.from-until', title: 'from and until are honoured', severity: 'error', section: `${SPEC} §2.7.1`,
    fix: 'Return exactly the records whose datestamp lies within from..until (both inclusive).' },
  { id: 'selective.future-from', title: 'A from in the future yields noRecordsMatch', severity: 'error', section: `${SPEC} §2.7.1, §3.6`,
    fix: 'Answer noRecordsMatch when no record lies in the window, e.g. for a from after the last change.' },
  { id: 'selective.mixed-granularity', title: 'from and until in different granularities give badArgument', severity: 'warning', section: `${SPEC} §3.3.1`,
    fix: 'Refuse with badArgument a request whose from and until differ in granularity.' },
  { id: 'selective.finer-granularity', title: 'Seconds granularity at a day-granularity repository gives badArgument', severity: 'warning', section: `${SPEC} §3.3.1`,
    fix: 'Refuse with badArgument a from or until finer than the declared granularity.' },

  // ---- OAI-PMH errors (section 3.6) ----
  { id: 'errors.bad-verb', title: 'An unknown verb gives badVerb', severity: 'error', section: `${SPEC} §3.6`,
    fix: 'Answer an illegal or missing verb with <error code="badVerb">.' },
  { id: 'errors.bad-argument-missing', title: 'A missing required argument gives badArgument', severity: 'error', section: `${SPEC} §3.6, §4.5`,
    fix: 'Answer ListRecords without metadataPrefix with <error code="badArgument">.' },
  { id: 'errors.bad-argument-repeated', title: 'A repeated argument gives badArgument', severity: 'warning', section: `${SPEC} §3.6`,
    fix: 'Answer a request that repeats an argument with <error code="badArgument">.' },
  { id: 'errors.bad-argument-illegal', title: 'An illegal argument gives badArgument', severity: 'warning', section: `${SPEC} §3.6`,
    fix: 'Answer an argument the verb does not take (e.g. Identify&foo=bar) with <error code="badArgument">.' },
  { id: 'errors.bad-resumption-token', title: 'A forged resumptionToken gives badResumptionToken', severity: 'error', section: `${SPEC} §3.6, §3.5`,
    fix: 'Answer a token the repository never issued with <error code="badResumptionToken">.' },
  { id: 'errors.cannot-disseminate-format', title: 'An unknown metadataPrefix gives cannotDisseminateFormat', severity: 'error', section: `${SPEC} §3.6`,
    fix: 'Answer a metadataPrefix the repository does not offer with <error code="cannotDisseminateFormat">.' },
  { id: 'errors.id-does-not-exist', title: 'An unknown identifier gives idDoesNotExist', severity: 'error', section: `${SPEC} §3.6, §4.1`,
    fix: 'Answer GetRecord for an unknown identifier with <error code="idDoesNotExist">.' },

  // ---- Deleted records (section 2.5.1) ----
  { id: 'deleted.policy', title: 'Deleted headers agree with the deletedRecord policy', severity: 'error', section: `${SPEC} §2.5.1`,
    fix: 'With deletedRecord=no, never send status="deleted"; if deletions are tracked, declare transient or persistent.' },

  // ---- Politeness ----
  { id: 'politeness.response-time', title: 'Responses arrive in reasonable time', severity: 'warning', section: 'OAI-PMH Implementation Guidelines for repositories',
    fix: 'Keep pages small enough to answer in a few seconds (100 to 500 records a page is usual).' },
  { id: 'politeness.retry-after', title: '503 responses say when to come back (Retry-After)', severity: 'warning', section: `${SPEC} §3.1.2; Implementation Guidelines`,
    fix: 'When busy, answer 503 with a Retry-After header in seconds; harvesters wait that long.' },

  // ---- JSON endpoints (iiif-discovery, iiif-collection, json-pages) ----
  { id: 'json.responds', title: 'The URL answers with a JSON document of the protocol\'s shape', severity: 'error', section: 'IIIF Change Discovery 1.0 (OrderedCollection); IIIF Presentation 2.1/3.0 (Collection); the source\'s pages settings',
    fix: 'Point the source at the stream\'s OrderedCollection (iiif-discovery), the top Collection (iiif-collection), or the first page of the API (json-pages).' },
  { id: 'json.valid-json', title: 'Pages and objects are valid JSON', severity: 'error', section: 'RFC 8259 (JSON); IIIF Presentation (JSON-LD)',
    fix: 'Serve every page and object as JSON (application/json or application/ld+json), never an HTML error page with status 200.' },
  { id: 'json.shape', title: 'Pages have the shape the protocol requires (Activity Streams, IIIF collections, configured pointers)', severity: 'error', section: 'IIIF Change Discovery 1.0 (Activity Streams 2.0 collections, pages, activities); IIIF Presentation',
    fix: 'Follow the protocol\'s shape: OrderedCollection with first/last, OrderedCollectionPage with orderedItems, activities with type, object and endTime; Collections whose items are Collections and Manifests; for a json-pages API, items, ids and dates where the source\'s pages settings point (fix the API or the settings).' },
  { id: 'json.pagination', title: 'Pagination terminates without loops or empty pages', severity: 'error', section: 'IIIF Change Discovery 1.0 (paging); Activity Streams 2.0 (first, next, last)',
    fix: 'Give each page a next link to a page not seen before, and none on the last page.' },
  { id: 'json.unique-ids', title: 'No item id appears twice in a list', severity: 'error', section: 'json-pages items; IIIF Change Discovery 1.0 (activities)',
    fix: 'Give each item a stable, unique id and make pages not overlap; in a stream, list each change (activity) once.' },
  { id: 'json.activity-order', title: 'Activities are listed oldest first (by endTime)', severity: 'error', section: 'IIIF Change Discovery 1.0 (activities ordered by endTime; consumers read backwards from last)',
    fix: 'List the activities of the stream in endTime order, oldest first, within each page and from page to page: harvesters read an incremental update backwards from the last page and stop at the first activity older than their last visit, so a change listed out of order is missed.' },
  { id: 'json.objects', title: 'Objects the pages point to can be fetched', severity: 'warning', section: 'IIIF Change Discovery 1.0 (activities and their objects)',
    fix: 'Make every object named by an activity or a collection answer 200 with its JSON (or announce its deletion).' },

  // ---- Records ----
  { id: 'records.schema', title: 'Records validate against their format\'s XML Schema', severity: 'warning', section: 'the format\'s XML Schema',
    fix: 'Fix the records the validator names; the messages give the element and the rule broken.' },
  { id: 'records.model', title: 'Records map to the shared record model', severity: 'warning', section: 'entente record model (docs/record-model.md)',
    fix: 'See the issue codes below: each names the field and the problem (docs/record-model.md explains the mapping).' },
] as const satisfies readonly CheckDefinition[];

export type CheckId = (typeof defs)[number]['id'];

export const CHECKS: readonly CheckDefinition[] = defs;

const byId = new Map<string, CheckDefinition>(CHECKS.map((c) => [c.id, c]));

export function checkDefinition(id: CheckId): CheckDefinition {
  return byId.get(id) as CheckDefinition;
}
