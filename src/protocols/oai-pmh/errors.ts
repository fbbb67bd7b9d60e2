// OAI-PMH error codes (section 3.6 of the specification) as typed errors with the same names.
// Pure: no I/O.

import { EntenteError, type ErrorCode, type ErrorContext } from '../../errors.js';

/** The error codes of OAI-PMH 2.0 (section 3.6 of the specification), as a repository sends them. */
export type OaiErrorCode =
  | 'badArgument'
  | 'badResumptionToken'
  | 'badVerb'
  | 'cannotDisseminateFormat'
  | 'idDoesNotExist'
  | 'noRecordsMatch'
  | 'noMetadataFormats'
  | 'noSetHierarchy';

const TO_CODE: Record<OaiErrorCode, ErrorCode> = {
  badArgument: 'ERR_OAI_BAD_ARGUMENT',
  badResumptionToken: 'ERR_OAI_BAD_RESUMPTION_TOKEN',
  badVerb: 'ERR_OAI_BAD_VERB',
  cannotDisseminateFormat: 'ERR_OAI_CANNOT_DISSEMINATE_FORMAT',
  idDoesNotExist: 'ERR_OAI_ID_DOES_NOT_EXIST',
  noRecordsMatch: 'ERR_OAI_PROTOCOL',
  noMetadataFormats: 'ERR_OAI_NO_METADATA_FORMATS',
  noSetHierarchy: 'ERR_OAI_NO_SET_HIERARCHY',
};

/** An error the repository reported inside a (usually HTTP 200) OAI-PMH response. */
export class OaiError extends EntenteError {
  /** The code as the repository sent it, e.g. `badResumptionToken`. */
  readonly oaiCode: string;

  constructor(oaiCode: string, message: string, context: ErrorContext = {}) {
    const code = (TO_CODE as Record<string, ErrorCode>)[oaiCode] ?? 'ERR_OAI_PROTOCOL';
    super(code, `OAI-PMH ${oaiCode}${message ? `: ${message}` : ''}`, { context });
    this.oaiCode = oaiCode;
  }
}

export function isOaiError(error: unknown, oaiCode?: OaiErrorCode): error is OaiError {
  return error instanceof OaiError && (oaiCode === undefined || error.oaiCode === oaiCode);
}
