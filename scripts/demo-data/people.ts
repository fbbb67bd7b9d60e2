// Curated people for the demo archives: mapmakers, printmakers, photographers, correspondents.
// Data only. Names and life dates are those of real, long-dead people (public domain works).

export interface Person {
  /** Catalogue heading, "Last, First". */
  inv: string;
  /** Natural order, "First Last". */
  direct: string;
  /** Life dates as a catalogue gives them. */
  dates?: string;
  /** Other spellings found in other catalogues. */
  alt?: string[];
  corporate?: boolean;
}

const p = (inv: string, direct: string, dates?: string, ...alt: string[]): Person => {
  const person: Person = { inv, direct };
  if (dates !== undefined) person.dates = dates;
  if (alt.length > 0) person.alt = alt;
  return person;
};
const corp = (name: string, ...alt: string[]): Person => ({ inv: name, direct: name, corporate: true, ...(alt.length ? { alt } : {}) });

export const PEOPLE = {
  // Mapmakers and publishers of maps
  speed: p('Speed, John', 'John Speed', '1552-1629', 'Speede, John'),
  hondius: p('Hondius, Jodocus', 'Jodocus Hondius', '1563-1612', 'Jodocus Hondius the Elder'),
  blaeuW: p('Blaeu, Willem Janszoon', 'Willem Janszoon Blaeu', '1571-1638', 'Guiljelmus Blaeu'),
  blaeuJ: p('Blaeu, Joan', 'Joan Blaeu', '1596-1673', 'Johannes Blaeu'),
  janssonius: p('Janssonius, Johannes', 'Johannes Janssonius', '1588-1664', 'Jansson, Jan'),
  cassini: p('Cassini de Thury, César-François', 'César-François Cassini de Thury', '1714-1784', 'Cassini III'),
  ferraris: p('Ferraris, Joseph Jean François de', 'Joseph de Ferraris', '1726-1814', 'Graaf de Ferraris'),
  homann: p('Homann, Johann Baptist', 'Johann Baptist Homann', '1664-1724', 'Homannus, Io. Baptista'),
  homannErben: corp('Homännische Erben', 'Homann Heirs'),
  seutter: p('Seutter, Matthäus', 'Matthäus Seutter', '1678-1757', 'Seutter, Matthaeus'),
  lotter: p('Lotter, Tobias Conrad', 'Tobias Conrad Lotter', '1717-1777'),
  braun: p('Braun, Georg', 'Georg Braun', '1541-1622', 'Bruin, Georg'),
  hogenberg: p('Hogenberg, Frans', 'Frans Hogenberg', '1535-1590', 'Hogenberg, Franz'),
  bretez: p('Bretez, Louis', 'Louis Bretez', 'd. 1736?'),
  turgot: p('Turgot, Michel-Étienne', 'Michel-Étienne Turgot', '1690-1751'),
  rocque: p('Rocque, John', 'John Rocque', 'ca. 1709-1762', 'Roque, Jean'),
  ogilby: p('Ogilby, John', 'John Ogilby', '1600-1676'),
  saxton: p('Saxton, Christopher', 'Christopher Saxton', 'ca. 1542-ca. 1610'),
  mercator: p('Mercator, Gerhard', 'Gerard Mercator', '1512-1594', 'Kremer, Gerhard'),
  ortelius: p('Ortelius, Abraham', 'Abraham Ortelius', '1527-1598', 'Ortels, Abraham'),
  delisle: p('Delisle, Guillaume', 'Guillaume Delisle', '1675-1726', "De l'Isle, Guillaume"),
  visscher: p('Visscher, Nicolaes', 'Nicolaes Visscher', '1618-1679', 'Visscher, Nicolaes Janszoon'),
  mudge: p('Mudge, William', 'William Mudge', '1762-1820'),
  os: corp('Ordnance Survey', 'Ordnance Survey of Great Britain'),
  cary: p('Cary, John', 'John Cary', 'ca. 1754-1835'),
  arrowsmith: p('Arrowsmith, Aaron', 'Aaron Arrowsmith', '1750-1823'),
  stieler: p('Stieler, Adolf', 'Adolf Stieler', '1775-1836'),
  kiepert: p('Kiepert, Heinrich', 'Heinrich Kiepert', '1818-1899'),
  petermann: p('Petermann, August', 'August Petermann', '1822-1878', 'Petermann, A. (August)'),
  perthes: corp('Justus Perthes (Firm)', 'Justus Perthes Geographische Anstalt'),
  academie: corp('Académie royale des sciences (France)', 'Académie des sciences'),

  // Printmakers
  hollar: p('Hollar, Wenceslaus', 'Wenceslaus Hollar', '1607-1677', 'Wenzel Hollar', 'Hollar, Václav'),
  merian: p('Merian, Matthäus', 'Matthäus Merian', '1593-1650', 'Merian, Matthaeus', 'Matthaeus Merian the Elder'),
  zeiller: p('Zeiller, Martin', 'Martin Zeiller', '1589-1661'),
  piranesi: p('Piranesi, Giovanni Battista', 'Giovanni Battista Piranesi', '1720-1778', 'Giambattista Piranesi', 'Piranèse, Jean-Baptiste'),
  buckS: p('Buck, Samuel', 'Samuel Buck', '1696-1779'),
  buckN: p('Buck, Nathaniel', 'Nathaniel Buck', 'active 1724-1759'),
  hokusai: p('Katsushika, Hokusai', 'Katsushika Hokusai', '1760-1849', 'Hokusai'),
  hiroshige: p('Andō, Hiroshige', 'Utagawa Hiroshige', '1797-1858', 'Hiroshige, Ando', 'Ando Hiroshige'),
  callot: p('Callot, Jacques', 'Jacques Callot', '1592-1635'),
  hogarth: p('Hogarth, William', 'William Hogarth', '1697-1764'),
  dore: p('Doré, Gustave', 'Gustave Doré', '1832-1883'),
  daumier: p('Daumier, Honoré', 'Honoré Daumier', '1808-1879'),
  bewick: p('Bewick, Thomas', 'Thomas Bewick', '1753-1828'),

  // Photographers
  cameron: p('Cameron, Julia Margaret', 'Julia Margaret Cameron', '1815-1879', 'Cameron, Julia Margaret Pattle'),
  nadar: p('Nadar, Félix', 'Nadar', '1820-1910', 'Tournachon, Gaspard-Félix', 'Félix Nadar'),
  carjat: p('Carjat, Étienne', 'Étienne Carjat', '1828-1906'),
  hill: p('Hill, David Octavius', 'David Octavius Hill', '1802-1870'),
  adamson: p('Adamson, Robert', 'Robert Adamson', '1821-1848'),
  atget: p('Atget, Eugène', 'Eugène Atget', '1857-1927', 'Atget, Jean-Eugène-Auguste'),
  marville: p('Marville, Charles', 'Charles Marville', '1813-1879', 'Bossu, Charles-François'),
  frith: p('Frith, Francis', 'Francis Frith', '1822-1898'),
  frithCo: corp('Francis Frith & Co.', 'F. Frith & Co.'),
  gww: p('Wilson, George Washington', 'George Washington Wilson', '1823-1893', 'G.W.W.'),
  sutcliffe: p('Sutcliffe, Frank Meadow', 'Frank Meadow Sutcliffe', '1853-1941'),
  olie: p('Olie, Jacob', 'Jacob Olie', '1834-1905', 'Olie Jbz., Jacob'),
  breitner: p('Breitner, George Hendrik', 'George Hendrik Breitner', '1857-1923'),
  krone: p('Krone, Hermann', 'Hermann Krone', '1827-1916'),
  baldus: p('Baldus, Édouard', 'Édouard Baldus', '1813-1889', 'Baldus, Édouard-Denis'),
  legray: p('Le Gray, Gustave', 'Gustave Le Gray', '1820-1884'),
  fenton: p('Fenton, Roger', 'Roger Fenton', '1819-1869'),
  watkins: p('Watkins, Carleton E.', 'Carleton E. Watkins', '1829-1916', 'Watkins, Carleton Emmons'),
  osullivan: p("O'Sullivan, Timothy H.", "Timothy H. O'Sullivan", 'ca. 1840-1882'),
  beato: p('Beato, Felice', 'Felice Beato', '1832-1909'),
  thomson: p('Thomson, John', 'John Thomson', '1837-1921'),
  annan: p('Annan, Thomas', 'Thomas Annan', '1829-1887'),
  talbot: p('Talbot, William Henry Fox', 'William Henry Fox Talbot', '1800-1877', 'Fox Talbot, Henry'),

  // Correspondents
  darwin: p('Darwin, Charles', 'Charles Darwin', '1809-1882', 'Darwin, Charles Robert'),
  hooker: p('Hooker, Joseph Dalton', 'Joseph Dalton Hooker', '1817-1911', 'Sir Joseph Hooker'),
  gray: p('Gray, Asa', 'Asa Gray', '1810-1888'),
  wallace: p('Wallace, Alfred Russel', 'Alfred Russel Wallace', '1823-1913'),
  huxley: p('Huxley, Thomas Henry', 'Thomas Henry Huxley', '1825-1895'),
  humboldt: p('Humboldt, Alexander von', 'Alexander von Humboldt', '1769-1859'),
  arago: p('Arago, François', 'François Arago', '1786-1853', 'Arago, Dominique François Jean'),
  gauss: p('Gauss, Carl Friedrich', 'Carl Friedrich Gauss', '1777-1855', 'Gauß, Carl Friedrich'),
  vincent: p('Gogh, Vincent van', 'Vincent van Gogh', '1853-1890'),
  theo: p('Gogh, Theo van', 'Theo van Gogh', '1857-1891', 'Gogh, Theodorus van'),
  sand: p('Sand, George', 'George Sand', '1804-1876', 'Dupin, Amantine-Lucile-Aurore'),
  flaubert: p('Flaubert, Gustave', 'Gustave Flaubert', '1821-1880'),
  goethe: p('Goethe, Johann Wolfgang von', 'Johann Wolfgang von Goethe', '1749-1832'),
  schiller: p('Schiller, Friedrich', 'Friedrich Schiller', '1759-1805', 'Schiller, Johann Christoph Friedrich von'),
  clara: p('Schumann, Clara', 'Clara Schumann', '1819-1896', 'Wieck, Clara'),
  brahms: p('Brahms, Johannes', 'Johannes Brahms', '1833-1897'),
  herschel: p('Herschel, John F. W.', 'Sir John Herschel', '1792-1871', 'Herschel, John Frederick William'),
} as const satisfies Record<string, Person>;

export type PersonKey = keyof typeof PEOPLE;
