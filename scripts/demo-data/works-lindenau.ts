// The holdings of the second demo archive, a photographic and manuscript archive: real
// nineteenth-century photographs, letters between real correspondents, studio registers and a few
// prints. No I/O; randomness from the Rng given. (Its prints shared with the first archive are
// described in make-demo-data.ts, from that archive's works.)

import { PEOPLE as P, type Person } from './people.js';
import { t, type Lang, type Rng, type Work } from './model.js';

type Key = keyof typeof P;

/** Views by photographer: [photographer, language of titles, first year, last year, place, set, subjects...] */
const VIEWS: [Key, Lang, number, number, string, 'photographs:views' | 'photographs', string[]][] = [
  ['atget', 'fr', 1898, 1927, 'Paris (France)', 'photographs:views', [
    'Rue de la Montagne-Sainte-Geneviève', 'Cour de Rohan', 'Hôtel de Sens, rue du Figuier', "Quai d'Anjou", 'Église Saint-Séverin',
    'Rue des Ursins', 'Boutique, rue du Petit-Pont', 'Versailles, parc, bassin de Latone', 'Saint-Cloud, le parc',
    "Marchand d'abat-jour, rue Lepic", "Cabaret de l'Enfer, boulevard de Clichy", "Rue de l'Hôtel-de-Ville"]],
  ['marville', 'fr', 1865, 1868, 'Paris (France)', 'photographs:views', [
    'Rue Traversine', 'Rue de la Tixéranderie', 'Rue du Jardinet', 'Impasse de la Bouteille', 'Rue Champlain',
    'Rue des Prêtres-Saint-Séverin', 'Rue de Constantine', 'Rue Tirechappe']],
  ['frith', 'en', 1856, 1890, '', 'photographs:views', [
    'The Pyramids of Dahshoor, from the east|Egypt', 'The Sphinx and the Great Pyramid, Geezeh|Egypt', 'Philae, the approach|Egypt',
    'Whitby, the harbour|Whitby (England)', 'Windsor Castle from the Thames|Windsor (England)', 'Clovelly, High Street|Clovelly (England)',
    'Tintern Abbey, the west front|Tintern (Wales)', 'Scarborough, the sands|Scarborough (England)']],
  ['gww', 'en', 1860, 1890, 'Scotland', 'photographs:views', [
    'Edinburgh Castle from the Grassmarket', "Loch Katrine and Ellen's Isle", 'Union Street, Aberdeen', 'Balmoral Castle from the north-west',
    "Fingal's Cave, Staffa", 'The Forth Bridge under construction']],
  ['sutcliffe', 'en', 1880, 1900, 'Whitby (England)', 'photographs:views', [
    'Water rats', 'Whitby harbour at low tide', 'The Dock End, Whitby', 'Fisher folk, Tate Hill', 'Stern realities', 'Sunshine and shadow, Staithes']],
  ['olie', 'nl', 1861, 1904, 'Amsterdam', 'photographs:views', [
    'Gezicht op de Prins Hendrikkade', 'De Montelbaanstoren', 'Het IJ gezien vanaf de Westerdoksdijk', 'De Westertoren vanaf de Bloemgracht',
    'Gezicht op de Oudeschans', 'Bouw van het Centraal Station']],
  ['breitner', 'nl', 1890, 1910, 'Amsterdam', 'photographs:views', [
    'Het Damrak', 'Het Rokin bij avond', 'Singel bij de Torensluis', 'Dienstmeisjes op de Dam', 'Paardentram op de Dam',
    'Bouwput in de Van Diemenstraat']],
  ['krone', 'de', 1853, 1890, 'Dresden (Germany)', 'photographs:views', [
    'Frauenkirche und Neumarkt', 'Der Zwinger zu Dresden', 'Brühlsche Terrasse', 'Die Bastei in der Sächsischen Schweiz|Sächsische Schweiz',
    'Festung Königstein|Königstein (Sachsen)', 'Die Augustusbrücke']],
  ['baldus', 'fr', 1855, 1861, 'France', 'photographs:views', [
    "Chemin de fer du Nord : gare d'Amiens|Amiens (France)", 'Pont du Gard|Vers-Pont-du-Gard (France)', 'Cloître de Saint-Trophime, Arles|Arles (France)',
    'Pavillon Sully, nouveau Louvre|Paris (France)', 'Entrée du port de Boulogne|Boulogne-sur-Mer (France)', 'Arènes de Nîmes|Nîmes (France)']],
  ['legray', 'fr', 1856, 1859, 'France', 'photographs', [
    'La grande vague, Sète|Sète (France)', 'Brick au clair de lune', 'Le soleil couronné', 'Forêt de Fontainebleau, le hêtre|Fontainebleau (France)']],
  ['fenton', 'en', 1855, 1858, '', 'photographs:views', [
    'The valley of the shadow of death|Crimea (Ukraine)', 'Balaklava harbour|Balaklava (Ukraine)', 'Cooking house of the 8th Hussars|Crimea (Ukraine)',
    'Lichfield Cathedral, the west front|Lichfield (England)']],
  ['watkins', 'en', 1861, 1867, '', 'photographs:views', [
    'Cape Horn near Celilo|Columbia River', 'El Capitan, Yosemite|Yosemite Valley (Calif.)', 'Mirror Lake, Yosemite|Yosemite Valley (Calif.)',
    'Yosemite Falls from the Upper Hotel|Yosemite Valley (Calif.)']],
  ['osullivan', 'en', 1867, 1874, '', 'photographs:views', [
    'Ancient ruins in the Cañon de Chelle, N.M.|Canyon de Chelly (Ariz.)', 'Shoshone Falls, Snake River, Idaho|Shoshone Falls (Idaho)',
    'Sand dunes, Carson Desert, Nevada|Carson Desert (Nev.)']],
  ['beato', 'en', 1863, 1877, 'Japan', 'photographs:views', [
    'View of Nagasaki harbour|Nagasaki (Japan)', 'The Tokaido at Hakone|Hakone (Japan)', 'Panorama of Edo from Atago hill|Tokyo (Japan)',
    'The Daibutsu at Kamakura|Kamakura (Japan)']],
  ['thomson', 'en', 1868, 1872, 'China', 'photographs:views', [
    'The Pagoda Island, Foochow|Fuzhou (China)', 'Hong Kong harbour from the Peak|Hong Kong (China)', 'The Temple of Heaven, Peking|Beijing (China)',
    'Junks on the Min River|Fujian Sheng (China)']],
  ['annan', 'en', 1868, 1871, 'Glasgow (Scotland)', 'photographs:views', [
    'Close, No. 118 High Street', 'Close, No. 46 Saltmarket', 'Old vennel off High Street', 'Close, No. 193 High Street']],
  ['talbot', 'en', 1835, 1845, 'Lacock (England)', 'photographs', [
    'Latticed window (with the camera obscura)', 'The open door', 'Lacock Abbey, the south front', 'The haystack', 'The ladder', 'Articles of china']],
  ['hill', 'en', 1843, 1847, '', 'photographs:views', [
    "Edinburgh Castle and the Nor' Loch|Edinburgh (Scotland)", 'St Andrews, the harbour|St Andrews (Scotland)']],
];

/** Portraits: [photographer, language, sitter, sitter's dates, year, who the sitter was] */
const PORTRAITS: [Key, Lang, string, string, number, string][] = [
  ['cameron', 'en', 'Alfred Tennyson', '1809-1892', 1865, 'poet'],
  ['cameron', 'en', 'Sir John Herschel', '1792-1871', 1867, 'astronomer'],
  ['cameron', 'en', 'Thomas Carlyle', '1795-1881', 1867, 'historian'],
  ['cameron', 'en', 'Julia Jackson', '1846-1895', 1867, "the photographer's niece"],
  ['cameron', 'en', 'Charles Darwin', '1809-1882', 1868, 'naturalist'],
  ['cameron', 'en', 'Henry Taylor', '1800-1886', 1865, 'dramatist'],
  ['cameron', 'en', 'George Frederic Watts', '1817-1904', 1864, 'painter'],
  ['cameron', 'en', 'Robert Browning', '1812-1889', 1865, 'poet'],
  ['cameron', 'en', 'Henry Wadsworth Longfellow', '1807-1882', 1868, 'poet'],
  ['cameron', 'en', 'Ellen Terry', '1847-1928', 1864, 'actress'],
  ['nadar', 'fr', 'Charles Baudelaire', '1821-1867', 1855, 'poète'],
  ['nadar', 'fr', 'George Sand', '1804-1876', 1864, 'romancière'],
  ['nadar', 'fr', 'Sarah Bernhardt', '1844-1923', 1864, 'comédienne'],
  ['nadar', 'fr', 'Victor Hugo', '1802-1885', 1878, 'écrivain'],
  ['nadar', 'fr', 'Gustave Doré', '1832-1883', 1859, 'illustrateur'],
  ['nadar', 'fr', 'Hector Berlioz', '1803-1869', 1857, 'compositeur'],
  ['nadar', 'fr', 'Jules Verne', '1828-1905', 1878, 'écrivain'],
  ['nadar', 'fr', 'Honoré Daumier', '1808-1879', 1856, 'caricaturiste'],
  ['nadar', 'fr', 'Alexandre Dumas', '1802-1870', 1855, 'écrivain'],
  ['nadar', 'fr', 'Gioachino Rossini', '1792-1868', 1856, 'compositeur'],
  ['nadar', 'fr', 'Franz Liszt', '1811-1886', 1886, 'compositeur'],
  ['nadar', 'fr', 'Eugène Delacroix', '1798-1863', 1858, 'peintre'],
  ['nadar', 'fr', 'Gérard de Nerval', '1808-1855', 1854, 'poète'],
  ['nadar', 'fr', 'Théophile Gautier', '1811-1872', 1856, 'écrivain'],
  ['carjat', 'fr', 'Arthur Rimbaud', '1854-1891', 1871, 'poète'],
  ['carjat', 'fr', 'Charles Baudelaire', '1821-1867', 1862, 'poète'],
  ['carjat', 'fr', 'Gustave Courbet', '1819-1877', 1861, 'peintre'],
  ['carjat', 'fr', 'Émile Zola', '1840-1902', 1877, 'écrivain'],
  ['hill', 'en', 'Mrs Elizabeth Hall, Newhaven fishwife', '', 1844, ''],
  ['hill', 'en', 'Edinburgh ale', '', 1844, ''],
  ['hill', 'en', 'The Misses Binny and Miss Monro', '', 1845, ''],
  ['hill', 'en', 'Rev. Thomas Chalmers', '1780-1847', 1844, 'minister of the Free Church of Scotland'],
  ['hill', 'en', 'The gown and the cap', '', 1845, ''],
  ['hill', 'en', 'Newhaven fishermen', '', 1845, ''],
];

/** Cartes de visite of unidentified sitters: [studio, language, title] */
const CARTES: [Key, Lang, string][] = [
  ['nadar', 'fr', "Portrait d'une femme inconnue"],
  ['olie', 'nl', 'Portret van een onbekende man'],
  ['krone', 'de', 'Bildnis eines jungen Mannes'],
  ['frithCo', 'en', 'Portrait of a child with a hoop'],
  ['carjat', 'fr', "Portrait d'un officier"],
  ['krone', 'de', 'Familienbildnis im Atelier'],
];

/** Correspondence: [from, to, language, first year, last year, places written from, topics] */
const LETTERS: [Key, Key, Lang, number, number, string[], string[]][] = [
  ['darwin', 'hooker', 'en', 1844, 1881, ['Down, Kent'], ['the distribution of plants', 'the Galápagos flora', 'the species question', 'orchid fertilisation']],
  ['hooker', 'darwin', 'en', 1845, 1881, ['Kew', 'Darjeeling'], ['Himalayan rhododendrons', 'the Kew herbarium', 'the Antarctic flora']],
  ['darwin', 'gray', 'en', 1855, 1881, ['Down, Kent'], ['American alpine plants', 'natural selection', 'climbing plants']],
  ['gray', 'darwin', 'en', 1856, 1881, ['Cambridge, Mass.'], ['the reception of the Origin in America', 'Drosera', 'the flora of Japan']],
  ['wallace', 'darwin', 'en', 1857, 1881, ['Ternate', 'London'], ['the Malay Archipelago', 'sexual selection', 'mimicry in butterflies']],
  ['huxley', 'darwin', 'en', 1859, 1881, ['London'], ['the Oxford debate', "man's place in nature", 'lectures to working men']],
  ['humboldt', 'arago', 'fr', 1809, 1852, ['Paris', 'Berlin'], ['les observations magnétiques', 'le <i>Voyage aux régions équinoxiales</i>', "l'Académie des sciences"]],
  ['humboldt', 'gauss', 'de', 1807, 1854, ['Berlin', 'Potsdam'], ['erdmagnetische Beobachtungen', 'den Magnetischen Verein', 'die Göttinger Sternwarte']],
  ['vincent', 'theo', 'nl', 1872, 1886, ['Den Haag', 'Nuenen', 'Etten'], ['de aardappeleters', 'geld en verfbenodigdheden', 'het werk van Millet']],
  ['vincent', 'theo', 'fr', 1886, 1890, ['Arles', 'Saint-Rémy-de-Provence', 'Auvers-sur-Oise'], ["l'arrivée de Gauguin", 'la maison jaune', 'les tournesols']],
  ['sand', 'flaubert', 'fr', 1863, 1876, ['Nohant', 'Paris'], ["L'Éducation sentimentale", 'la vie à Nohant', 'le théâtre']],
  ['flaubert', 'sand', 'fr', 1863, 1876, ['Croisset', 'Paris'], ['Salammbô', 'la guerre de 1870', 'le travail du style']],
  ['goethe', 'schiller', 'de', 1794, 1805, ['Weimar'], ['Wallenstein', 'Die Horen', 'die Farbenlehre', 'Wilhelm Meisters Lehrjahre']],
  ['schiller', 'goethe', 'de', 1794, 1805, ['Jena', 'Weimar'], ['Die Horen', 'den Musenalmanach', 'Maria Stuart']],
  ['clara', 'brahms', 'de', 1854, 1896, ['Düsseldorf', 'Baden-Baden', 'Frankfurt am Main'], ['eine Konzertreise', 'Roberts Gesundheit', 'die neuen Klavierstücke']],
  ['talbot', 'herschel', 'en', 1833, 1871, ['Lacock Abbey'], ['photogenic drawing', 'the calotype process', 'hyposulphite of soda as a fixer']],
  ['herschel', 'talbot', 'en', 1839, 1871, ['Slough', 'Collingwood, Kent'], ['the word photography', 'fixing with hyposulphite', 'the actinograph']],
  ['theo', 'vincent', 'fr', 1886, 1890, ['Paris'], ["l'argent envoyé chaque mois", 'la santé de Vincent', 'la naissance de son fils']],
  ['cameron', 'herschel', 'en', 1864, 1871, ['Freshwater, Isle of Wight'], ['prints sent as a gift', 'portrait sittings', 'the Arundel Society']],
];

/** Registers and journals: [maker, language, title, first year, last year, count] */
const REGISTERS: [Key, Lang, string, number, number, number][] = [
  ['frithCo', 'en', 'Negative register, vol. %', 1860, 1890, 3],
  ['olie', 'nl', 'Negatiefregister, deel %', 1870, 1900, 2],
  ['krone', 'de', 'Aufnahmebuch %', 1860, 1880, 2],
  ['nadar', 'fr', "Carnet de commandes de l'atelier, n° %", 1860, 1870, 2],
  ['talbot', 'en', 'Research notebook %', 1839, 1843, 2],
  ['gww', 'en', 'Journal of a photographic tour through the Highlands', 1866, 1866, 1],
  ['goethe', 'de', 'Tagebuch der italienischen Reise', 1786, 1788, 1],
  ['hooker', 'en', 'Himalayan journal', 1848, 1849, 1],
];

/** Prints and drawings only this archive holds: [maker, language, title, year, extent, place] */
const GRAPHIC: [Key, Lang, string, number, string, string][] = [
  ['nadar', 'fr', 'Panthéon Nadar', 1854, '1 estampe : lithographie ; 83 x 116 cm', 'Paris (France)'],
  ['daumier', 'fr', "Nadar élevant la photographie à la hauteur de l'art", 1862, '1 estampe : lithographie ; 27 x 22 cm', 'Paris (France)'],
  ['hogarth', 'en', 'Gin Lane', 1751, '1 print : etching and engraving ; 36 x 30 cm', 'London (England)'],
  ['hogarth', 'en', 'Beer Street', 1751, '1 print : etching and engraving ; 36 x 30 cm', 'London (England)'],
  ['dore', 'en', 'Over London by rail', 1872, '1 print : wood engraving ; 19 x 24 cm', 'London (England)'],
  ['dore', 'en', 'Ludgate Hill: a block in the street', 1872, '1 print : wood engraving ; 24 x 19 cm', 'London (England)'],
  ['dore', 'en', 'Wentworth Street, Whitechapel', 1872, '1 print : wood engraving ; 24 x 19 cm', 'London (England)'],
  ['bewick', 'en', 'The Chillingham bull', 1789, '1 print : wood engraving ; 15 x 19 cm', 'Chillingham (England)'],
  ['talbot', 'en', 'Sketch of Lake Como made with the camera lucida', 1833, '1 drawing : pencil ; 10 x 16 cm', 'Como, Lake (Italy)'],
];

const PROCESS: Record<Lang, string[]> = {
  en: ['albumen print from a wet collodion negative', 'salted paper print from a paper negative', 'albumen print', 'carbon print', 'gelatin silver print'],
  fr: ['tirage sur papier albuminé', 'épreuve sur papier salé', 'tirage au charbon', 'aristotype', 'négatif sur verre au collodion'],
  de: ['Albuminabzug', 'Salzpapierabzug', 'Kollodium-Glasnegativ', 'Silbergelatineabzug'],
  nl: ['albuminedruk', 'daglichtcollodiumzilverdruk', 'glasnegatief', 'zilvergelatinedruk'],
  la: ['albumen print'],
  it: ['stampa all\'albumina'],
  ja: ['albumen print'],
};

function extent(rng: Rng, lang: Lang, process: string): string {
  const size = `${rng.int(9, 30)} x ${rng.int(12, 40)} cm`;
  switch (lang) {
    case 'fr':
      return `1 photographie : ${process} ; ${size}`;
    case 'de':
      return `1 Fotografie : ${process} ; ${size}`;
    case 'nl':
      return `1 foto : ${process} ; ${size}`;
    default:
      return `1 photograph : ${process} ; ${size}`;
  }
}

const VIEW_WORD: Record<Lang, string> = { en: 'View', fr: 'Vue', de: 'Ansicht', nl: 'Gezicht', la: 'View', it: 'Veduta', ja: 'View' };

/** Every photograph, manuscript and print-only work the archive holds, in a fixed order. */
export function buildLindenauWorks(rng: Rng): Work[] {
  const works: Work[] = [];

  for (const [who, lang, first, last, defaultPlace, set, subjects] of VIEWS) {
    const person = P[who] as Person;
    for (const entry of subjects) {
      const [title, placeOverride] = entry.split('|') as [string, string | undefined];
      const place = placeOverride ?? defaultPlace;
      const process = rng.pick(PROCESS[lang]);
      const year = rng.int(first, last);
      const negative = rng.chance(0.4) ? rng.int(12, 9800) : undefined;
      const description =
        lang === 'fr' ? `${VIEW_WORD.fr} photographique. ${process[0]?.toUpperCase()}${process.slice(1)}.${negative ? ` Cliché n° ${negative}.` : ''}` :
        lang === 'de' ? `Fotografische ${VIEW_WORD.de}. ${process}.${negative ? ` Negativ-Nr. ${negative}.` : ''}` :
        lang === 'nl' ? `Stadsgezicht. ${process[0]?.toUpperCase()}${process.slice(1)}.${negative ? ` Negatiefnummer ${negative}.` : ''}` :
        `Photograph, ${process}.${negative ? ` Negative no. ${negative}.` : ''}${rng.chance(0.3) ? ' Mounted on card with printed studio label.' : ''}`;
      works.push({
        key: `photo:${who}:${title}`, kind: 'photo', title: t(title, lang), parallel: [], creators: [person],
        contributors: who === 'frith' && rng.chance(0.5) ? [P.frithCo] : who === 'hill' ? [P.adamson] : [],
        when: rng.chance(0.35) ? { year: Math.max(first, year - rng.int(0, 3)), end: Math.min(last, year + rng.int(1, 4)) } : { year, approx: rng.chance(0.4) },
        places: place ? [place] : [],
        subjects: [t(lang === 'fr' ? 'Vues urbaines' : lang === 'de' ? 'Stadtansicht' : lang === 'nl' ? 'Stadsgezichten' : 'Topographical views', lang === 'en' ? undefined : lang),
          ...(place ? [t(`${place.replace(/ \(.*\)$/, '')} -- Photographs`)] : [])],
        description: [t(description, lang)],
        ...(who === 'frith' ? { publisher: 'Francis Frith & Co., Reigate' } : who === 'gww' ? { publisher: 'G. W. Wilson & Co., Aberdeen' } : {}),
        languages: [], extent: extent(rng, lang, process), sets: [set],
      });
    }
  }

  for (const [who, lang, sitter, dates, year, role] of PORTRAITS) {
    const person = P[who] as Person;
    const named = dates !== '';
    const title = !named ? sitter : lang === 'fr' ? `Portrait de ${sitter}` : `Portrait of ${sitter}`;
    works.push({
      key: `portrait:${who}:${sitter}`, kind: 'portrait', title: t(title, lang), parallel: [], creators: [person],
      contributors: who === 'hill' ? [P.adamson] : [],
      when: { year, approx: rng.chance(0.5) }, places: who === 'hill' ? ['Edinburgh (Scotland)'] : who === 'cameron' ? ['Freshwater (Isle of Wight, England)'] : ['Paris (France)'],
      subjects: [t(named ? `${sitter}, ${dates} -- Portraits` : 'Portrait photography'), t(lang === 'fr' ? 'Portraits photographiques' : 'Portrait photographs', lang === 'fr' ? 'fr' : undefined)],
      description: [t(named && role ? (lang === 'fr' ? `Portrait de ${sitter} (${dates}), ${role}.` : `Portrait of ${sitter} (${dates}), ${role}.`) : 'Calotype made in the open air at Rock House studio, Calton Hill.', lang)],
      languages: [], extent: extent(rng, lang, rng.pick(PROCESS[lang])), sets: ['photographs:portraits'],
    });
  }

  for (const [who, lang, title] of CARTES) {
    const year = rng.int(1860, 1885);
    works.push({
      key: `carte:${who}:${title}`, kind: 'portrait', title: t(title, lang), parallel: [], creators: [P[who] as Person], contributors: [],
      when: { year, approx: true }, places: [], subjects: [t(lang === 'fr' ? 'Cartes de visite' : lang === 'de' ? 'Visitenkartenporträt' : lang === 'nl' ? 'Visitekaartportretten' : 'Cartes de visite', lang)],
      description: [t(lang === 'fr' ? 'Carte de visite, tirage albuminé contrecollé sur carton.' : lang === 'de' ? 'Visitformat, Albuminabzug auf Karton.' : lang === 'nl' ? 'Visitekaartje, albuminedruk op karton.' : 'Carte de visite, albumen print on card mount.', lang)],
      languages: [], extent: extent(rng, lang, rng.pick(PROCESS[lang])), sets: ['photographs:portraits'],
    });
  }

  for (const [from, to, lang, first, last, places, topics] of LETTERS) {
    const count = rng.int(2, 4);
    for (let i = 0; i < count; i++) {
      const a = P[from] as Person;
      const b = P[to] as Person;
      const year = rng.int(first, last);
      const dated = rng.chance(0.85);
      const exact = dated ? `${year}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}` : undefined;
      const place = rng.pick(places);
      const topic = rng.pick(topics);
      const title =
        lang === 'fr' ? `Lettre de ${a.direct} à ${b.direct}` :
        lang === 'de' ? `Brief von ${a.direct} an ${b.direct}` :
        lang === 'nl' ? `Brief van ${a.direct} aan ${b.direct}` :
        `Letter from ${a.direct} to ${b.direct}`;
      const pages = rng.int(1, 8);
      const description =
        lang === 'fr' ? `Lettre autographe signée, ${pages} p., écrite à ${place}. Il y est question de ${topic}.` :
        lang === 'de' ? `Eigenhändiger Brief mit Unterschrift, ${pages} S., geschrieben in ${place}. Betrifft ${topic}.` :
        lang === 'nl' ? `Eigenhandig geschreven brief, ${pages} p., geschreven te ${place}. Over ${topic}.` :
        `Autograph letter signed, ${pages} p., written at ${place}. Concerns ${topic}.`;
      works.push({
        key: `letter:${from}:${to}:${i}`, kind: 'letter', title: t(title, lang), parallel: [], creators: [a], contributors: [b],
        when: exact ? { exact, year } : { year, approx: true }, places: [place],
        subjects: [t(`${a.inv} -- Correspondence`), t(lang === 'de' ? 'Briefe' : lang === 'fr' ? 'Correspondance' : lang === 'nl' ? 'Brieven' : 'Correspondence', lang === 'en' ? undefined : lang)],
        description: [t(description, lang)], languages: [lang],
        extent: lang === 'de' ? `1 Brief (${pages} S.)` : lang === 'fr' ? `1 lettre (${pages} p.)` : lang === 'nl' ? `1 brief (${pages} p.)` : `1 letter (${pages} p.)`,
        sets: ['manuscripts'],
      });
    }
  }

  for (const [who, lang, pattern, first, last, count] of REGISTERS) {
    for (let i = 1; i <= count; i++) {
      const label = who === 'talbot' ? String.fromCharCode(79 + i) : String(i);
      const span = count === 1 ? [first, last] : [first + Math.floor(((last - first) * (i - 1)) / count), first + Math.floor(((last - first) * i) / count)];
      works.push({
        key: `register:${who}:${i}`, kind: 'manuscript', title: t(pattern.replace('%', label), lang), parallel: [], creators: [P[who] as Person], contributors: [],
        when: { year: span[0] as number, end: span[1] as number }, places: [],
        subjects: [t(lang === 'de' ? 'Photographie -- Geschichte -- Quellen' : lang === 'fr' ? 'Photographie -- Histoire -- Sources' : lang === 'nl' ? 'Fotografie -- Geschiedenis' : 'Photography -- History -- Sources', lang === 'en' ? undefined : lang)],
        description: [t(lang === 'de' ? 'Handschrift, gebunden, mit fortlaufend nummerierten Einträgen.' : lang === 'fr' ? 'Registre manuscrit relié, entrées numérotées.' : lang === 'nl' ? 'Handgeschreven register, gebonden.' : 'Manuscript volume, bound in half calf, entries numbered consecutively.', lang)],
        languages: [lang], extent: `1 v. (${rng.int(48, 320)} ${lang === 'de' ? 'Bl.' : lang === 'fr' ? 'f.' : 'leaves'})`, sets: ['manuscripts'],
      });
    }
  }

  for (const [who, lang, title, year, ext, place] of GRAPHIC) {
    works.push({
      key: `graphic:${who}:${title}`, kind: who === 'talbot' ? 'drawing' : 'print', title: t(title, lang), parallel: [], creators: [P[who] as Person], contributors: [],
      when: { year, approx: rng.chance(0.3) }, places: [place], subjects: [t(lang === 'fr' ? 'Caricatures et dessins humoristiques' : 'Prints')],
      description: [t(lang === 'fr' ? 'Lithographie publiée dans la presse illustrée.' : who === 'dore' ? 'Wood engraving from London: a pilgrimage, with text by Blanchard Jerrold.' : who === 'talbot' ? 'One of the sketches whose failure led Talbot to photogenic drawing.' : 'Impression on laid paper.', lang === 'fr' ? 'fr' : 'en')],
      languages: [lang], extent: ext, sets: ['graphic'],
    });
  }

  return works;
}
