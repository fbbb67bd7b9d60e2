// One-line cases for toSortName: inverted names, initials, particles, life dates, bodies.
// Pure: no I/O.

import { describe, it, expect } from 'vitest';
import { toSortName } from '../../src/normalise/vocab/names.js';

const cases: [string, string][] = [
  ['Linner, Manfred', 'Linner, Manfred'],
  ['Jong, G. de', 'Jong, G. de'],
  ['Cantoni C.', 'Cantoni, C.'],
  ['Meneses Reyes M.A.', 'Meneses Reyes, M.A.'],
  ['Schönlaub H.-P.', 'Schönlaub, H.-P.'],
  ['Saholt, Richard, (1924 - 2014)', 'Saholt, Richard'],
  ['Hayden, Edwin Parsons, 1811-1850', 'Hayden, Edwin Parsons'],
  ['Brown, Anthony G., 1961-', 'Brown, Anthony G.'],
  ['Victor Hugo', 'Hugo, Victor'],
  ['Victor Hugo (1802-1885)', 'Hugo, Victor'],
  ['J. R. R. Tolkien', 'Tolkien, J. R. R.'],
  ['Dirk van Husen', 'van Husen, Dirk'],
  ['Charles de Gaulle', 'de Gaulle, Charles'],
  ['Martin Luther King Jr.', 'King, Martin Luther, Jr.'],
  ['John Li', 'Li, John'],
  ['Plato', 'Plato'],
  ['Geologische Bundesanstalt Österreich', 'Geologische Bundesanstalt Österreich'],
  ['Allen Doe Research Center', 'Allen Doe Research Center'],
  ['École des chartes', 'École des chartes'],
  ['Musée du Louvre', 'Musée du Louvre'],
  ['Erasmus University Rotterdam', 'Erasmus University Rotterdam'],
];

describe('toSortName', () => {
  it.each(cases)('sorts %j as %j', (name, sort) => expect(toSortName(name)).toBe(sort));
});
