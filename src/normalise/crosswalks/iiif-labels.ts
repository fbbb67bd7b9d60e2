// The labels IIIF manifests give their `metadata` pairs, in the main European languages, mapped to the record field they feed.
// Pure data and one lookup. Labels are free text in IIIF: only the common ones are known, the rest are reported unmapped.

import { labelKey } from '../vocab/load-table.js';

/** What a metadata pair feeds. `century` is a date read only when no better one is there; `link` a landing page. */
export type MetadataField =
  | 'title' | 'alternative' | 'description' | 'subject' | 'creator' | 'contributor' | 'date' | 'century' | 'type' | 'format'
  | 'language' | 'publisher' | 'spatial' | 'identifier' | 'rights' | 'link' | 'relation';

const LABELS: Readonly<Record<MetadataField, readonly string[]>> = {
  title: ['title', 'titles', 'full title', 'main title', 'titel', 'titre', 'titolo', 'titulo'],
  alternative: ['other titles', 'other title', 'alternative title', 'alternative titles', 'alternate title', 'variant title', 'uniform title', 'subtitle', 'nebentitel', 'titre alternatif'],
  description: ['description', 'descriptions', 'summary', 'abstract', 'beschreibung', 'inhalt', 'resume', 'descrizione', 'descripcion', 'beschrijving', 'scope and content', 'scope and contents', 'provenance', 'provenienz'],
  subject: ['subject', 'subjects', 'keyword', 'keywords', 'topic', 'topics', 'subject heading', 'subject headings', 'schlagwort', 'schlagworte', 'schlagworter', 'sujet', 'sujets', 'mots-cles', 'soggetto', 'soggetti', 'materia', 'materias', 'tema', 'onderwerp', 'trefwoorden', 'iconography', 'depicts'],
  creator: ['creator', 'creators', 'artist', 'artists', 'author', 'authors', 'maker', 'makers', 'artist/maker', 'maker/artist', 'people', 'painter', 'photographer', 'composer', 'architect', 'designer', 'engraver', 'illustrator', 'auteur', 'auteurs', 'createur', 'artiste', 'autor', 'autoren', 'urheber', 'kunstler', 'kunstlerin', 'fotograf', 'autore', 'autori', 'artista', 'kunstenaar', 'vervaardiger', 'maker(s)'],
  contributor: ['contributor', 'contributors', 'other contributors', 'mitwirkende', 'beteiligte', 'contributeur', 'contributeurs', 'collaboratore', 'colaborador', 'bijdrager'],
  date: ['date', 'dates', 'date statement', 'date of origin', 'date created', 'creation date', 'date of creation', 'created', 'date made', 'production date', 'date of publication', 'publication date', 'date published', 'year', 'datum', 'datierung', 'entstehungszeit', 'erscheinungsjahr', 'jahr', 'annee', 'data', 'fecha', 'jaar', 'period', 'periode', 'zeitraum'],
  century: ['century', 'centuries', 'jahrhundert', 'siecle', 'secolo', 'siglo', 'eeuw'],
  type: ['type', 'types', 'document type', 'object type', 'resource type', 'type of resource', 'classification', 'genre', 'genre/form', 'form', 'original format', 'work type', 'object category', 'category', 'typ', 'objektart', 'objekttyp', 'gattung', 'dokumenttyp', 'tipo', 'tipologia', 'soort', 'objectnaam'],
  format: ['format', 'medium', 'material', 'materials', 'medium/material', 'materials/techniques', 'technique', 'techniques', 'dimensions', 'dimension', 'measurements', 'physical description', 'extent', 'number of pages', 'size', 'umfang', 'material/technik', 'technik', 'masse', 'abmessungen', 'materiau', 'technique(s)', 'materiale', 'tecnica', 'dimensioni', 'tecnica/material', 'afmetingen', 'materiaal', 'techniek'],
  language: ['language', 'languages', 'text language', 'language of text', 'sprache', 'sprachen', 'langue', 'langues', 'lingua', 'idioma', 'taal'],
  publisher: ['publisher', 'publishers', 'holding institution', 'held by', 'repository', 'institution', 'holding repository', 'owner', 'collection owner', 'verlag', 'herausgeber', 'institution detentrice', 'editeur', 'editore', 'editorial', 'uitgever', 'bestandshaltende institution', 'besitzende institution'],
  spatial: ['place', 'places', 'place of origin', 'place of production', 'place made', 'place of publication', 'place of creation', 'origin', 'coverage', 'spatial coverage', 'geographic coverage', 'geography', 'country', 'ort', 'entstehungsort', 'herstellungsort', 'erscheinungsort', 'lieu', 'lieu de creation', 'luogo', 'lugar', 'plaats'],
  identifier: ['identifier', 'identifiers', 'other identifier', 'other identifiers', 'object number', 'accession number', 'accession no', 'accession no.', 'inventory number', 'call number', 'shelfmark', 'shelf mark', 'signature', 'signatur', 'inventarnummer', 'cote', 'segnatura', 'signatura', 'doi', 'isbn', 'issn', 'urn', 'handle', 'ark', 'record identifier', 'system number', 'object id', 'catalogue number', 'catalog number'],
  rights: ['rights', 'right', 'license', 'licence', 'licenses', 'rights/license', 'rights statement', 'rights information', 'copyright', 'copyright status', 'usage', 'terms of use', 'conditions of use', 'access rights', 'reuse', 'lizenz', 'rechte', 'nutzungsbedingungen', 'rechtehinweis', 'droits', 'licence d\'utilisation', 'diritti', 'licenza', 'derechos', 'licencia', 'rechten', 'licentie'],
  link: ['homepage', 'item url', 'url', 'available online', 'link', 'link to catalogue', 'link to catalog', 'catalogue record', 'catalog record', 'view online', 'online', 'permalink', 'persistent url', 'persistent link', 'landing page', 'weblink'],
  relation: ['collection name', 'relation', 'relations', 'related', 'related item', 'is part of', 'part of', 'collection', 'collections', 'series', 'source', 'quelle', 'sammlung', 'bestand', 'fonds', 'collezione', 'coleccion', 'collectie'],
};

const BY_KEY = new Map<string, MetadataField>();
for (const [field, labels] of Object.entries(LABELS) as [MetadataField, readonly string[]][]) for (const l of labels) BY_KEY.set(labelKey(l), field);

// "Title (English)", "Date of Origin (English)" (e-codices), "Subject:": the qualifier and the colon do not change the field.
const QUALIFIER = /\s*\([^)]*\)\s*$|\s*[:.]\s*$/;

/** The record field a metadata label feeds, in any case and with or without diacritics; undefined for labels not in the table. */
export function fieldOfLabel(label: string): MetadataField | undefined {
  const key = labelKey(label);
  return BY_KEY.get(key) ?? BY_KEY.get(key.replace(QUALIFIER, ''));
}
