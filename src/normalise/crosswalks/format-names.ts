// The names archives use for a metadata format (metadataPrefix values seen in the wild), mapped
// to the format name of the crosswalk that reads it. Pure data.

const ALIASES: Record<string, string> = {
  oai_dc: 'oai_dc',
  dc: 'oai_dc',
  srw_dc: 'oai_dc',
  qdc: 'qdc',
  oai_qdc: 'qdc',
  dcterms: 'qdc',
  qualified_dc: 'qdc',
  mods: 'mods',
  mods3: 'mods',
  mets: 'mods',
  marc21: 'marcxml',
  marcxml: 'marcxml',
  marc: 'marcxml',
  lido: 'lido',
  edm: 'edm',
  rdf: 'edm',
  europeana: 'edm',
  datacite: 'datacite',
  oai_datacite: 'datacite',
  datacite4: 'datacite',
  oai_openaire: 'datacite',
};

/** The crosswalk format a declared metadataPrefix names, if entente knows the name. */
export function formatOfPrefix(prefix: string): string | undefined {
  return ALIASES[prefix.toLowerCase()];
}
