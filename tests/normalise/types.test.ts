// One-line cases for normaliseType: labels in six languages and common vocabularies to DCMI Type.
// Pure: no I/O.

import { describe, it, expect } from 'vitest';
import { normaliseType } from '../../src/normalise/vocab/types.js';

const mapped: [string, string][] = [
  ['text', 'Text'], ['Text', 'Text'], ['texte', 'Text'], ['Tekst', 'Text'], ['texto', 'Text'], ['testo', 'Text'],
  ['Working Paper', 'Text'], ['Article', 'Text'], ['Book chapter', 'Text'], ['Thesis', 'Text'], ['Proefschrift', 'Text'], ['Buch', 'Text'], ['libro', 'Text'],
  ['publication en série imprimée', 'Text'], ['printed serial', 'Text'], ['Zeitschrift', 'Text'],
  ['info:eu-repo/semantics/article', 'Text'], ['info:eu-repo/semantics/conferenceObject', 'Text'], ['doc-type:ResearchData', 'Dataset'],
  ['Dataset', 'Dataset'], ['Forschungsdaten', 'Dataset'], ['jeu de données', 'Dataset'],
  ['Image', 'Image'], ['Image;', 'Image'], ['afbeelding', 'Image'], ['Bild', 'Image'], ['immagine', 'Image'],
  ['StillImage', 'StillImage'], ['Still image', 'StillImage'], ['Photograph', 'StillImage'], ['Fotografie', 'StillImage'], ['fotografía', 'StillImage'],
  ['Karte', 'StillImage'], ['kaart', 'StillImage'], ['carte postale', 'StillImage'], ['Gemälde', 'StillImage'], ['dessin', 'StillImage'],
  ['Moving Image', 'MovingImage'], ['Film', 'MovingImage'], ['vidéo', 'MovingImage'],
  ['Sound', 'Sound'], ['Tonaufnahme', 'Sound'], ['enregistrement sonore', 'Sound'], ['geluidsopname', 'Sound'],
  ['Software', 'Software'], ['logiciel', 'Software'], ['Sammlung', 'Collection'], ['colección', 'Collection'],
  ['Ausstellung', 'Event'], ['tentoonstelling', 'Event'], ['Objekt', 'PhysicalObject'], ['scultura', 'PhysicalObject'],
  ['interactive resource', 'InteractiveResource'], ['Service', 'Service'],
  ['http://purl.org/dc/dcmitype/StillImage', 'StillImage'], ['https://purl.org/dc/dcmitype/Text/', 'Text'],
  ['http://id.loc.gov/vocabulary/resourceTypes/txt', 'Text'],
];

describe('normaliseType', () => {
  it.each(mapped)('maps %j to %s', (label, type) => expect(normaliseType(label)).toBe(type));

  it.each(['Other', 'Presentazione', 'info:eu-repo/semantics/publishedVersion', 'http://purl.org/dc/dcmitype/Nonsense', ''])('leaves %j unmapped', (label) =>
    expect(normaliseType(label)).toBeUndefined(),
  );
});
