// Builds OAI-PMH request URLs. Pure: no I/O.

export type OaiVerb = 'Identify' | 'ListMetadataFormats' | 'ListSets' | 'ListIdentifiers' | 'ListRecords' | 'GetRecord';

export interface OaiArgs {
  metadataPrefix?: string;
  set?: string;
  from?: string;
  until?: string;
  identifier?: string;
  resumptionToken?: string;
}

/**
 * The URL of a request. `resumptionToken` is an exclusive argument: when given, every other
 * argument is left out (sending them is a badArgument at strict repositories).
 */
export function buildRequestUrl(baseUrl: string, verb: OaiVerb, args: OaiArgs = {}): string {
  const url = new URL(baseUrl);
  // Keep whatever the base URL already carries (some archives need a fixed parameter), minus OAI ones.
  for (const k of ['verb', 'metadataPrefix', 'set', 'from', 'until', 'identifier', 'resumptionToken']) url.searchParams.delete(k);
  url.searchParams.set('verb', verb);
  if (args.resumptionToken !== undefined) {
    url.searchParams.set('resumptionToken', args.resumptionToken);
    return url.toString();
  }
  for (const key of ['identifier', 'metadataPrefix', 'from', 'until', 'set'] as const) {
    const value = args[key];
    if (value !== undefined && value !== '') url.searchParams.set(key, value);
  }
  return url.toString();
}
