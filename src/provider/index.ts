// The OAI-PMH data provider: serves in-memory records for the demo, integration tests and benchmarks.
// Re-exports only: no code here.

export { createOaiProvider, OAI_DC_FORMAT } from './oai-provider.js';
export { startOaiServer, type OaiServer, type OaiServerOptions } from './oai-server.js';
export { loadDemoArchives, type DemoArchive } from './demo.js';
export { formatDatestamp, granularityOf } from './datestamp.js';
export { escapeXml, OAI_NS, type OaiErrorCode } from './render.js';
export type {
  DeletedRecordPolicy,
  Granularity,
  MetadataFormat,
  OaiProvider,
  OaiResponse,
  ProviderOptions,
  ProviderRecord,
  ProviderSet,
  ResolvedProviderOptions,
} from './types.js';
