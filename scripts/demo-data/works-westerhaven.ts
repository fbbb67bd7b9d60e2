// The holdings of the first demo archive, a regional map and print library: real public-domain
// maps, town plans and topographical prints, from curated lists. No I/O; randomness from the Rng given.

import { PEOPLE as P, type Person } from './people.js';
import { t, type Lang, type Rng, type Text, type When, type Work } from './model.js';

interface Base {
  key: string;
  kind: Work['kind'];
  title: Text;
  parallel?: Text[];
  subtitle?: Text;
  creators: Person[];
  contributors?: Person[];
  when: When;
  places: string[];
  subjects: Text[];
  description: Text[];
  publisher?: string;
  languages: Lang[];
  extent?: string;
  partOf?: string;
  isbn?: string;
  sets: string[];
}

function work(b: Base): Work {
  const w: Work = { ...b, parallel: b.parallel ?? [], contributors: b.contributors ?? [] };
  return w;
}

const COLOURING = ['Hand-coloured in outline.', 'Contemporary hand colouring.', 'Uncoloured.', 'Later hand colouring.', 'Full original colour, heightened with gold.'];
const CONDITION = ['Minor foxing in the margins.', 'Small repair to the centrefold.', 'Trimmed close to the plate mark.', 'Strong impression on laid paper.', 'Watermark: crowned shield.', ''];

function map(rng: Rng, lang: 'en' | 'de' | 'fr' | 'nl'): string {
  const cm = `${rng.int(28, 56)} x ${rng.int(36, 68)} cm`;
  const col = rng.pick(['hand col.', 'col.', 'uncoloured', 'hand col. in outline']);
  switch (lang) {
    case 'de':
      return `1 Karte : ${col === 'uncoloured' ? 'Kupferstich' : 'Kupferstich, koloriert'} ; ${cm}`;
    case 'fr':
      return `1 carte : gravure sur cuivre${col === 'uncoloured' ? '' : ', coul.'} ; ${cm}`;
    case 'nl':
      return `1 kaart : kopergravure${col === 'uncoloured' ? '' : ', ingekleurd'} ; ${cm}`;
    default:
      return `1 map : ${col} ; ${cm}`;
  }
}

/** Speed's county maps, The theatre of the empire of Great Britaine (1611/12, later editions). */
const SPEED: [county: string, title: string, towns: string][] = [
  ['Cornwall', 'Cornwall', 'Launceston'],
  ['Devon', 'Devonshire with Excester described', 'Exeter'],
  ['Dorset', 'Dorsetshyre', 'Dorchester'],
  ['Kent', 'Kent with her cities and earles described and observed', 'Canterbury and Rochester'],
  ['Surrey', 'Surrey described and divided into hundreds', ''],
  ['Sussex', 'Sussex described and divided into rapes', 'Chichester'],
  ['Hampshire', 'Hantshire described and devided', 'Winchester and Southampton'],
  ['Wiltshire', 'Wiltshire', 'Salisbury'],
  ['Essex', 'Essex devided into hundreds', 'Colchester'],
  ['Norfolk', 'Norfolk, a countie florishing & populous', 'Norwich'],
  ['Suffolk', 'Suffolke described and divided into hundreds', 'Ipswich'],
  ['Cambridgeshire', 'Cambridgshire described', 'Cambridge'],
  ['Oxfordshire', 'Oxfordshire described', 'Oxford'],
  ['Berkshire', 'Barkshire described', 'Reading and Windsor'],
  ['Warwickshire', 'Warwickshire', 'Warwick and Coventry'],
  ['Yorkshire', 'The West Ridinge of Yorkeshyre', 'York'],
  ['Lancashire', 'The countie palatine of Lancaster described', 'Lancaster'],
  ['Cheshire', 'The countye palatine of Chester', 'Chester'],
  ['Northumberland', 'Northumberland', 'Newcastle and Berwick'],
  ['Cumberland', 'Cumberland and the ancient citie Carlile described', 'Carlisle'],
  ['Middlesex', 'Midle-sex described with the most famous cities of London and Westminster', 'London and Westminster'],
];

/** Regional maps from the Blaeu and Janssonius atlases. [Latin title, English, Dutch, coverage, atlas maker] */
const BLAEU: [string, string, string, string, 'blaeuW' | 'blaeuJ' | 'janssonius'][] = [
  ['Comitatus Hollandiae', 'The county of Holland', 'Graafschap Holland', 'Holland (Netherlands)', 'blaeuJ'],
  ['Flandria et Zeelandia comitatus', 'Flanders and Zeeland', 'Vlaanderen en Zeeland', 'Flanders', 'blaeuW'],
  ['Brabantia ducatus', 'The duchy of Brabant', 'Hertogdom Brabant', 'Brabant', 'janssonius'],
  ['Frisia occidentalis', 'West Friesland', 'West-Friesland', 'Friesland (Netherlands)', 'blaeuW'],
  ['Geldria ducatus et Zutfania comitatus', 'Guelders and Zutphen', 'Gelre en Zutphen', 'Gelderland (Netherlands)', 'blaeuJ'],
  ['Ultraiectum dominium', 'The lordship of Utrecht', 'Sticht Utrecht', 'Utrecht (Netherlands : Province)', 'janssonius'],
  ['Scotia regnum', 'The kingdom of Scotland', 'Koninkrijk Schotland', 'Scotland', 'blaeuJ'],
  ['Anglia regnum', 'The kingdom of England', 'Koninkrijk Engeland', 'England', 'blaeuW'],
  ['Hibernia regnum vulgo Irland', 'The kingdom of Ireland', 'Koninkrijk Ierland', 'Ireland', 'blaeuJ'],
  ['Helvetia cum finitimis regionibus confoederatis', 'Switzerland and the confederate lands', 'Zwitserland', 'Switzerland', 'janssonius'],
  ['Bohemia', 'Bohemia', 'Bohemen', 'Bohemia (Czech Republic)', 'blaeuW'],
  ['Dania regnum', 'The kingdom of Denmark', 'Koninkrijk Denemarken', 'Denmark', 'blaeuJ'],
  ['Tabula Islandiae', 'Iceland', 'IJsland', 'Iceland', 'blaeuJ'],
  ['Lotharingia ducatus', 'The duchy of Lorraine', 'Hertogdom Lotharingen', 'Lorraine (France)', 'janssonius'],
  ['Namurcum comitatus', 'The county of Namur', 'Graafschap Namen', 'Namur (Belgium : Province)', 'blaeuW'],
  ['Lutzenburgensis ducatus', 'The duchy of Luxembourg', 'Hertogdom Luxemburg', 'Luxembourg', 'blaeuJ'],
  ['Hannonia comitatus', 'The county of Hainaut', 'Graafschap Henegouwen', 'Hainaut (Belgium)', 'janssonius'],
  ['Artesia comitatus', 'The county of Artois', 'Graafschap Artesië', 'Artois (France)', 'blaeuW'],
  ['Nova Belgica et Anglia Nova', 'New Netherland and New England', 'Nieuw-Nederland en Nieuw-Engeland', 'New England', 'blaeuW'],
  ['Insulae Moluccae celeberrimae', 'The Moluccas', 'De Molukken', 'Maluku (Indonesia)', 'blaeuW'],
];

/** Sheets of the Carte de France (Cassini). [place, sheet number, region] */
const CASSINI: [string, number, string][] = [
  ['Paris', 1, 'Île-de-France'], ['Beauvais', 2, 'Picardie'], ['Amiens', 3, 'Picardie'], ['Rouen', 25, 'Normandie'],
  ['Caen', 60, 'Normandie'], ['Chartres', 27, 'Beauce'], ['Orléans', 29, 'Orléanais'], ['Reims', 79, 'Champagne'],
  ['Tours', 31, 'Touraine'], ['Bourges', 32, 'Berry'], ['Dijon', 83, 'Bourgogne'], ['Lyon', 87, 'Lyonnais'],
  ['Grenoble', 119, 'Dauphiné'], ['Bordeaux', 104, 'Guyenne'], ['Nantes', 130, 'Bretagne'], ['Rennes', 129, 'Bretagne'],
  ['Toulouse', 38, 'Languedoc'], ['Marseille', 124, 'Provence'], ['Strasbourg', 162, 'Alsace'], ['Metz', 142, 'Lorraine'],
];

/** Sheets of the Ferraris map of the Austrian Netherlands. [French name, Dutch name] */
const FERRARIS: [string, string][] = [
  ['Bruxelles', 'Brussel'], ['Anvers', 'Antwerpen'], ['Gand', 'Gent'], ['Bruges', 'Brugge'], ['Louvain', 'Leuven'],
  ['Malines', 'Mechelen'], ['Namur', 'Namen'], ['Mons', 'Bergen'], ['Ostende', 'Oostende'], ['Tournai', 'Doornik'],
  ['Courtrai', 'Kortrijk'], ['Ypres', 'Ieper'], ['Audenarde', 'Oudenaarde'], ['Alost', 'Aalst'], ['Lierre', 'Lier'],
  ['Termonde', 'Dendermonde'], ['Nivelles', 'Nijvel'], ['Luxembourg', 'Luxemburg'],
];

/** German regional maps. [Latin title, German name, coverage, maker, year] */
const HOMANN: [string, string, string, 'homann' | 'homannErben' | 'seutter' | 'lotter', number][] = [
  ['Regni Bohemiae nova et exacta tabula', 'Königreich Böhmen', 'Bohemia', 'homann', 1720],
  ['Circulus Franconicus', 'Fränkischer Reichskreis', 'Franconia (Germany)', 'homann', 1712],
  ['Circulus Bavaricus', 'Bayerischer Reichskreis', 'Bavaria (Germany)', 'homannErben', 1741],
  ['Ducatus Silesiae tabula geographica generalis', 'Herzogtum Schlesien', 'Silesia', 'homannErben', 1745],
  ['Marchionatus Brandenburgici', 'Mark Brandenburg', 'Brandenburg (Germany)', 'seutter', 1740],
  ['Ducatus Wurtenbergici', 'Herzogtum Württemberg', 'Württemberg (Germany)', 'seutter', 1734],
  ['Archiepiscopatus et principatus Salisburgensis', 'Erzstift Salzburg', 'Salzburg (Austria : Land)', 'homann', 1715],
  ['Palatinatus Rheni', 'Kurpfalz', 'Palatinate (Germany)', 'seutter', 1730],
  ['Electoratus Saxoniae', 'Kurfürstentum Sachsen', 'Saxony (Germany)', 'lotter', 1760],
  ['Ducatus Pomeraniae', 'Herzogtum Pommern', 'Pomerania', 'lotter', 1758],
  ['Regnum Hungariae', 'Königreich Ungarn', 'Hungary', 'homann', 1720],
  ['Accurata utriusque Lusatiae', 'Ober- und Niederlausitz', 'Lusatia', 'homannErben', 1746],
  ['Nova et accurata Wetteraviae', 'Wetterau', 'Wetterau (Germany)', 'homann', 1718],
];

/** Town plans from Blaeu's Toonneel der steden (1649, 1652). [Latin title, Dutch name] */
const TOONNEEL: [string, string][] = [
  ['Amstelodamum', 'Amsterdam'], ['Leyda', 'Leiden'], ['Delfi', 'Delft'], ['Harlemum', 'Haarlem'], ['Traiectum', 'Utrecht'],
  ['Roterodamum', 'Rotterdam'], ['Goude', 'Gouda'], ['Dordracum', 'Dordrecht'], ['Middelburgum', 'Middelburg'],
  ['Groninga', 'Groningen'], ['Gandavum', 'Gent'], ['Brugae', 'Brugge'], ['Antverpia', 'Antwerpen'], ['Bruxella', 'Brussel'],
];

/** Civitates orbis terrarum (1572-1617). [Latin title, place, volume year] */
const BRAUN: [string, string, number][] = [
  ['Coloniae Agrippinae', 'Köln', 1572], ['Francofordia', 'Frankfurt am Main', 1572], ['Norimberga', 'Nürnberg', 1575],
  ['Augusta Vindelicorum', 'Augsburg', 1572], ['Lubeca', 'Lübeck', 1572], ['Hamburgum', 'Hamburg', 1572],
  ['Londinum feracissimi Angliae regni metropolis', 'London', 1572], ['Lutetia, vulgari nomine Paris', 'Paris', 1572],
  ['Venetia', 'Venezia', 1572], ['Roma', 'Roma', 1575], ['Praga Bohemiae metropolis', 'Praha', 1572], ['Antverpia', 'Antwerpen', 1572],
];

/** Hollar's etchings. [title, year, place] */
const HOLLAR: [string, number, string][] = [
  ['Long view of London from Bankside', 1647, 'London (England)'],
  ['Prospect of the city of Prague', 1649, 'Prague (Czech Republic)'],
  ['Greenwich', 1637, 'Greenwich (London, England)'],
  ['The Royal Exchange of London', 1644, 'London (England)'],
  ['The Tower of London', 1641, 'London (England)'],
  ['Westminster Hall', 1647, 'London (England)'],
  ['Richmond Palace', 1638, 'Richmond (London, England)'],
  ['Albury', 1645, 'Albury (Surrey, England)'],
  ['The cathedral church of Antwerp', 1649, 'Antwerp (Belgium)'],
  ['The cathedral of Strasbourg', 1645, 'Strasbourg (France)'],
];

/** Views from Merian's Topographia Germaniae (1642-1654). [title as engraved, modern place, year] */
const MERIAN: [string, string, number][] = [
  ['Franckfurt am Mayn', 'Frankfurt am Main', 1646], ['Heydelberg', 'Heidelberg', 1645], ['Nürnberg', 'Nürnberg', 1648],
  ['Ulm', 'Ulm', 1643], ['Augspurg', 'Augsburg', 1643], ['Cöln', 'Köln', 1646], ['Mayntz', 'Mainz', 1646],
  ['Wormbs', 'Worms', 1645], ['Speyr', 'Speyer', 1645], ['Trier', 'Trier', 1646], ['Dreßden', 'Dresden', 1650],
  ['Leipzig', 'Leipzig', 1650], ['Erffurt', 'Erfurt', 1650], ['Würtzburg', 'Würzburg', 1648], ['Bamberg', 'Bamberg', 1648],
  ['Regenspurg', 'Regensburg', 1644], ['Stutgart', 'Stuttgart', 1643], ['Tübingen', 'Tübingen', 1643],
  ['Freyburg im Breißgaw', 'Freiburg im Breisgau', 1643], ['Costantz', 'Konstanz', 1643], ['Marpurg', 'Marburg', 1646],
  ['Cassel', 'Kassel', 1646], ['Braunschweig', 'Braunschweig', 1654], ['Lübeck', 'Lübeck', 1653],
  ['Hamburg', 'Hamburg', 1653], ['Bremen', 'Bremen', 1653], ['Goßlar', 'Goslar', 1654], ['Hildesheim', 'Hildesheim', 1653],
];

/** Piranesi, Vedute di Roma. [Italian title, English, year] */
const PIRANESI: [string, string, number][] = [
  ["Veduta del Pantheon d'Agrippa", 'View of the Pantheon of Agrippa', 1761],
  ["Veduta dell'Anfiteatro Flavio detto il Colosseo", 'View of the Flavian Amphitheatre, called the Colosseum', 1757],
  ['Veduta di Piazza di Spagna', 'View of the Piazza di Spagna', 1750],
  ['Veduta di Piazza Navona sopra le rovine del Circo Agonale', 'View of Piazza Navona above the ruins of the Circus Agonalis', 1751],
  ['Veduta del Campidoglio di fianco', 'View of the Capitol from the side', 1775],
  ['Veduta della Basilica di S. Pietro in Vaticano', "View of St Peter's Basilica in the Vatican", 1748],
  ['Veduta del Ponte e Castello Sant\'Angelo', 'View of the bridge and Castel Sant\'Angelo', 1754],
  ["Veduta dell'Arco di Costantino, e dell'Anfiteatro Flavio", 'View of the Arch of Constantine and the Colosseum', 1760],
  ['Veduta della vasta Fontana di Trevi', 'View of the great Trevi Fountain', 1773],
  ['Veduta del Porto di Ripa Grande', 'View of the port of Ripa Grande', 1753],
  ["Veduta dell'Arco di Tito", 'View of the Arch of Titus', 1771],
  ['Veduta del Tempio di Cibele a Piazza della Bocca della Verità', 'View of the Temple of Cybele', 1758],
];

/** Buck brothers' town prospects. [town, year] */
const BUCK: [string, number][] = [
  ['York', 1745], ['Lincoln', 1743], ['Nottingham', 1742], ['Bristol', 1734], ['Bath', 1734], ['Oxford', 1731],
  ['Cambridge', 1743], ['Exeter', 1736], ['Norwich', 1741], ['Chester', 1728], ['Durham', 1745], ['Newcastle upon Tyne', 1745],
  ['Leeds', 1745], ['Liverpool', 1728], ['Shrewsbury', 1732], ['Worcester', 1732],
  ['Gloucester', 1734], ['Hereford', 1732], ['Lichfield', 1732], ['Canterbury', 1738],
];

/** Hokusai, Fugaku sanjūrokkei (ca. 1830-1832). [romanised title, Japanese, English] */
const HOKUSAI: [string, string, string][] = [
  ['Kanagawa oki nami ura', '神奈川沖浪裏', 'Under the wave off Kanagawa (The Great Wave)'],
  ['Gaifū kaisei', '凱風快晴', 'Fine wind, clear morning (Red Fuji)'],
  ['Sanka hakuu', '山下白雨', 'Thunderstorm beneath the summit'],
  ['Bishū Fujimigahara', '尾州不二見原', 'Fujimigahara in Owari Province'],
  ['Kōshū Kajikazawa', '甲州石班沢', 'Kajikazawa in Kai Province'],
  ['Tōkaidō Hodogaya', '東海道程ヶ谷', 'Hodogaya on the Tōkaidō'],
  ['Sunshū Ejiri', '駿州江尻', 'Ejiri in Suruga Province'],
];

/** Hiroshige, Tōkaidō gojūsan tsugi no uchi (1833-1834). [romanised title, Japanese, English] */
const HIROSHIGE: [string, string, string][] = [
  ['Nihonbashi: Asa no kei', '日本橋 朝之景', 'Nihonbashi: morning view'],
  ['Shinagawa: Hinode', '品川 日之出', 'Shinagawa: sunrise'],
  ['Hakone: Kosui zu', '箱根 湖水図', 'Hakone: the lake'],
  ['Kanbara: Yoru no yuki', '蒲原 夜之雪', 'Kanbara: night snow'],
  ['Shōno: Hakuu', '庄野 白雨', 'Shōno: driving rain'],
  ['Mishima: Asagiri', '三島 朝霧', 'Mishima: morning mist'],
];

/** Callot, Les misères et les malheurs de la guerre (1633). [French title, English] */
const CALLOT: [string, string][] = [
  ['Le recrutement des troupes', 'The recruitment of troops'], ['La bataille', 'The battle'], ['Le pillage', 'Plundering'],
  ["Dévastation d'un monastère", 'Destruction of a convent'], ['La pendaison', 'The hanging'], ["L'estrapade", 'The strappado'],
  ['Le bûcher', 'The stake'], ["L'hôpital", 'The hospital'], ['La revanche des paysans', 'The peasants avenge themselves'],
];

/** Ordnance Survey Old Series one-inch sheets. [sheet, name, exact publication date] */
const OS: [number, string, string][] = [
  [1, 'London', '1805-04-01'], [2, 'Colchester', '1805-10-01'], [3, 'Canterbury', '1819-01-01'], [4, 'Dover', '1819-01-01'],
  [5, 'Brighton', '1813-05-01'], [9, 'Chichester', '1813-05-11'], [10, 'Portsmouth', '1810-05-01'], [15, 'Salisbury', '1817-04-01'],
  [17, 'Dorchester', '1811-06-01'], [20, 'Exeter', '1809-11-11'], [25, 'Plymouth', '1809-02-01'], [35, 'Bristol', '1830-01-01'],
  [45, 'Oxford', '1830-08-01'], [51, 'Cambridge', '1836-04-20'],
];

/** Cary's New and correct English atlas (1787 and later). [county, year] */
const CARY: [string, number][] = [
  ['Kent', 1787], ['Surrey', 1787], ['Sussex', 1789], ['Hampshire', 1787], ['Dorset', 1793], ['Devon', 1787],
  ['Cornwall', 1801], ['Somerset', 1787], ['Gloucestershire', 1793], ['Oxfordshire', 1787], ['Norfolk', 1805],
  ['Suffolk', 1787], ['Lincolnshire', 1809], ['Yorkshire', 1787], ['Westmorland', 1793],
  ['Cumberland', 1789], ['Northumberland', 1787], ['Durham', 1793], ['Derbyshire', 1787], ['Wiltshire', 1801],
];

/** Nineteenth-century maps. [title, lang, maker, year, coverage, partOf] */
const MODERN: [string, Lang, 'stieler' | 'kiepert' | 'petermann' | 'arrowsmith', number, string, string][] = [
  ['Deutschland', 'de', 'stieler', 1834, 'Germany', "Stieler's Hand-Atlas"],
  ['Niederlande, Belgien und Luxemburg', 'de', 'stieler', 1867, 'Benelux countries', "Stieler's Hand-Atlas"],
  ['Frankreich', 'de', 'stieler', 1859, 'France', "Stieler's Hand-Atlas"],
  ['Die Britischen Inseln', 'de', 'stieler', 1875, 'British Isles', "Stieler's Hand-Atlas"],
  ['Die Schweiz', 'de', 'stieler', 1880, 'Switzerland', "Stieler's Hand-Atlas"],
  ['Karte von Kleinasien', 'de', 'kiepert', 1844, 'Turkey', ''],
  ['Neue Wandkarte von Palaestina', 'de', 'kiepert', 1857, 'Palestine', ''],
  ['Nova totius terrarum orbis tabula (Wandkarte der alten Welt)', 'de', 'kiepert', 1879, 'World', ''],
  ['Original-Karte von Inner-Afrika', 'de', 'petermann', 1859, 'Africa, Central', 'Petermanns Geographische Mittheilungen'],
  ['Karte der arktischen und antarktischen Regionen', 'de', 'petermann', 1865, 'Polar regions', 'Petermanns Geographische Mittheilungen'],
  ['Map of the world on a globular projection', 'en', 'arrowsmith', 1794, 'World', ''],
  ['Chart of the Pacific Ocean', 'en', 'arrowsmith', 1798, 'Pacific Ocean', ''],
];

/** Sixteenth- and seventeenth-century maps. [title, lang, maker, year, coverage] */
const EARLY: [string, Lang, 'ortelius' | 'mercator' | 'delisle' | 'visscher', number, string][] = [
  ['Typus orbis terrarum', 'la', 'ortelius', 1570, 'World'],
  ['Europae', 'la', 'ortelius', 1570, 'Europe'],
  ['Africae tabula nova', 'la', 'ortelius', 1570, 'Africa'],
  ['Asiae nova descriptio', 'la', 'ortelius', 1570, 'Asia'],
  ['Americae sive novi orbis, nova descriptio', 'la', 'ortelius', 1570, 'America'],
  ['Angliae, Scotiae et Hiberniae, sive Britannicar. insularum descriptio', 'la', 'ortelius', 1573, 'British Isles'],
  ['Flandria', 'la', 'mercator', 1585, 'Flanders'],
  ['Gallia', 'la', 'mercator', 1585, 'France'],
  ['Islandia', 'la', 'mercator', 1595, 'Iceland'],
  ['Carte de la Louisiane et du cours du Mississipi', 'fr', 'delisle', 1718, 'Louisiana'],
  ["L'Amérique septentrionale", 'fr', 'delisle', 1700, 'North America'],
  ['Carte du Canada ou de la Nouvelle France', 'fr', 'delisle', 1703, 'Canada'],
  ['Leo Belgicus', 'la', 'visscher', 1656, 'Low Countries'],
  ['Novi Belgii Novaeque Angliae nec non partis Virginiae tabula', 'la', 'visscher', 1656, 'New Netherland'],
];

/** Modern facsimile editions, the only items with ISBNs. [title, lang, original maker, year, extent] */
const FACSIMILES: [string, Lang, keyof typeof P, number, string][] = [
  ['De Atlas Maior van Joan Blaeu : facsimile-uitgave', 'nl', 'blaeuJ', 1996, '11 dl. : krt. ; 46 cm'],
  ['The county maps of John Speed : facsimile edition with an introduction', 'en', 'speed', 1988, '1 atlas (xii, 92 p.) : col. maps ; 44 cm'],
  ['Topographia Germaniae : Faksimile-Ausgabe', 'de', 'merian', 2005, '16 Bde. : Ill., Kt. ; 33 cm'],
  ['Civitates orbis terrarum 1572-1617 : facsimile', 'la', 'braun', 2008, '1 v. (515 p.) : ill. ; 34 cm'],
  ["Britannia : a facsimile of John Ogilby's road atlas of 1675", 'en', 'ogilby', 1970, '1 atlas (vi, 100 plates) ; 33 cm'],
  ['La carte de Cassini : reproduction en fac-similé', 'fr', 'cassini', 2011, '1 atlas (180 f.) ; 60 cm'],
  ['De kabinetskaart der Oostenrijkse Nederlanden : facsimile', 'nl', 'ferraris', 2009, '1 atlas (275 p.) : krt. ; 32 cm'],
  ['Vedute di Roma : ristampa anastatica', 'it', 'piranesi', 1973, '2 v. : ill. ; 60 cm'],
  ["Saxton's atlas of England and Wales : facsimile", 'en', 'saxton', 1992, '1 atlas (35 maps) ; 50 cm'],
  ['Le Théâtre du monde : fac-similé de l\'édition de 1587', 'fr', 'ortelius', 2015, '1 atlas (XXIV, 223 p.) : cartes ; 46 cm'],
];

const OUTLINE: Record<string, string> = { en: 'English', fr: 'French', de: 'German', nl: 'Dutch', la: 'Latin', it: 'Italian' };

/** ISBN-13 with a correct check digit, hyphenated for the given registration group. */
export function makeIsbn(rng: Rng, group: string): string {
  const publisher = String(rng.int(1000, 9999));
  // 13 digits in all: 978, group, publisher, title, check digit.
  const titleLength = 12 - 3 - group.length - publisher.length;
  const title = String(rng.int(0, 10 ** titleLength - 1)).padStart(titleLength, '0');
  const body = `978${group}${publisher}${title}`;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(body[i]) * (i % 2 === 0 ? 1 : 3);
  const check = (10 - (sum % 10)) % 10;
  return `978-${group}-${publisher}-${title}-${check}`;
}

const ISBN_GROUP: Record<string, string> = { nl: '90', en: '0', de: '3', la: '3', fr: '2', it: '88' };

/** Every work the map and print library holds, in a fixed order. */
export function buildWesterhavenWorks(rng: Rng): Work[] {
  const works: Work[] = [];
  const note = (): string => [rng.pick(COLOURING), rng.pick(CONDITION)].filter(Boolean).join(' ');

  for (const [county, title, towns] of SPEED) {
    const year = rng.weighted([[1611, 5], [1614, 2], [1627, 1], [1676, 2]] as const);
    works.push(work({
      key: `speed:${county}`, kind: 'map', title: t(title, 'en'), creators: [P.speed], contributors: [P.hondius],
      when: year === 1611 ? { year: 1611, end: 1612 } : { year },
      places: [`${county} (England)`],
      subjects: [t(`${county} (England) -- Maps -- Early works to 1800`), t('Counties -- England')],
      description: [t(`County map${towns ? ` with inset plan of ${towns}` : ''}, coats of arms and a scale of miles. Engraved by Jodocus Hondius. ${note()}`.trim(), 'en'),
        ...(rng.chance(0.4) ? [t('English text on verso.', 'en')] : [])],
      publisher: year < 1650 ? 'John Sudbury & George Humble' : 'Thomas Basset & Richard Chiswell',
      languages: ['en'], extent: map(rng, 'en'), partOf: 'The theatre of the empire of Great Britaine', sets: ['maps'],
      subtitle: t('from The theatre of the empire of Great Britaine', 'en'),
    }));
  }

  for (const [latin, english, dutch, coverage, maker] of BLAEU) {
    const year = maker === 'blaeuW' ? rng.pick([1631, 1635, 1638]) : maker === 'blaeuJ' ? rng.pick([1645, 1662, 1665]) : rng.pick([1636, 1647, 1658]);
    const verso = rng.pick(['la', 'nl', 'fr', 'de'] as const);
    works.push(work({
      key: `blaeu:${latin}`, kind: 'map', title: t(latin, 'la'), parallel: [t(english, 'en'), t(dutch, 'nl')], creators: [P[maker]],
      when: { year, approx: rng.chance(0.3) }, places: [coverage],
      subjects: [t(`${coverage.replace(/ \(.*\)$/, '')} -- Maps -- Early works to 1800`), t('Cartografie', 'nl')],
      description: [t(`Engraved map from the ${maker === 'janssonius' ? 'Novus atlas' : year >= 1662 ? 'Atlas maior' : 'Theatrum orbis terrarum'}, ${OUTLINE[verso]} text on verso. ${note()}`.trim(), 'en')],
      publisher: maker === 'janssonius' ? 'Amstelodami : apud Joannem Janssonium' : 'Amstelodami : apud Guiljelmum et Iohannem Blaeu',
      languages: verso === 'la' ? ['la'] : ['la', verso], extent: map(rng, 'nl'), sets: ['maps'],
      partOf: maker === 'janssonius' ? 'Novus atlas' : year >= 1662 ? 'Atlas maior' : 'Theatrum orbis terrarum, sive, Atlas novus',
    }));
  }

  for (const [place, sheet, region] of CASSINI) {
    const year = rng.int(1750, 1789);
    works.push(work({
      key: `cassini:${place}`, kind: 'map', title: t(`Carte de France. N° ${sheet}, ${place}`, 'fr'), creators: [P.cassini], contributors: [P.academie],
      when: rng.chance(0.3) ? { year: 1756, end: 1789 } : { year, approx: rng.chance(0.4) },
      places: [`${place} (France)`, region],
      subjects: [t(`${region} (France) -- Cartes topographiques`, 'fr'), t('Cartographie -- France', 'fr')],
      description: [t(`Feuille de la carte générale de la France levée sous la direction de Cassini de Thury, à l'échelle d'une ligne pour cent toises (1:86 400). ${rng.pick(['Gravure sur cuivre.', 'Limites coloriées à la main.', 'Tirage du XVIIIe siècle.', ''])}`.trim(), 'fr')],
      publisher: 'Paris : [Académie des sciences]', languages: ['fr'], extent: map(rng, 'fr'), partOf: 'Carte de France (Cassini)', sets: ['maps'],
    }));
  }

  for (const [fr, nl] of FERRARIS) {
    works.push(work({
      key: `ferraris:${nl}`, kind: 'map', title: t(`Carte de cabinet des Pays-Bas autrichiens : ${fr}`, 'fr'),
      parallel: [t(`Kabinetskaart der Oostenrijkse Nederlanden : ${nl}`, 'nl')], creators: [P.ferraris],
      when: rng.chance(0.5) ? { year: 1771, end: 1778 } : { year: rng.int(1771, 1778), approx: true },
      places: [`${nl} (België)`], subjects: [t(`${nl} (België) -- Kaarten`, 'nl'), t('Militaire cartografie', 'nl')],
      description: [t(`Handgetekende kaart, pen en waterverf, uit de kabinetskaart van graaf de Ferraris op schaal 1:11 520. ${rng.pick(['Blad in goede staat.', 'Lichte vochtvlekken.', ''])}`.trim(), 'nl')],
      languages: ['fr'], extent: `1 kaart : manuscript, pen en waterverf ; ${rng.int(88, 92)} x ${rng.int(136, 142)} cm`, sets: ['maps'],
      subtitle: t('levée à l\'initiative du comte de Ferraris', 'fr'),
    }));
  }

  for (const [latin, german, coverage, maker, year] of HOMANN) {
    works.push(work({
      key: `homann:${latin}`, kind: 'map', title: t(latin, 'la'), parallel: [t(german, 'de')], creators: [P[maker]],
      when: { year, approx: rng.chance(0.6) }, places: [coverage],
      subjects: [t(`${coverage.replace(/ \(.*\)$/, '')} -- Karten`, 'de'), t('Kartographie', 'de')],
      description: [t(`Kupferstichkarte${rng.chance(0.5) ? ' mit figürlicher Titelkartusche' : ''}. ${rng.pick(['Grenzkolorit.', 'Flächenkolorit der Zeit.', 'Altkoloriert.', ''])}`.trim(), 'de')],
      publisher: maker === 'seutter' ? 'Augsburg : Seutter' : maker === 'lotter' ? 'Augsburg : Lotter' : maker === 'homann' ? 'Nürnberg : Homann' : 'Nürnberg : Homännische Erben',
      languages: ['la'], extent: map(rng, 'de'), sets: ['maps'],
    }));
  }

  for (const [latin, dutch] of TOONNEEL) {
    const year = rng.pick([1649, 1649, 1652]);
    works.push(work({
      key: `toonneel:${dutch}`, kind: 'plan', title: t(latin, 'la'), parallel: [t(`Plattegrond van ${dutch}`, 'nl')], creators: [P.blaeuJ],
      when: { year }, places: [dutch], subjects: [t(`${dutch} -- Plattegronden`, 'nl'), t('Stadsplattegronden', 'nl')],
      description: [t(`Bird's-eye plan from the Toonneel der steden, with key to principal buildings. ${note()}`.trim(), 'en')],
      publisher: 'Amsterdam : Joan Blaeu', languages: ['la', 'nl'], extent: map(rng, 'nl'), partOf: 'Toonneel der steden van de Vereenighde Nederlanden',
      sets: rng.chance(0.3) ? ['town-plans', 'prints'] : ['town-plans'],
    }));
  }

  for (const [latin, place, year] of BRAUN) {
    works.push(work({
      key: `braun:${place}`, kind: 'plan', title: t(latin, 'la'), creators: [P.braun, P.hogenberg],
      when: { year, approx: rng.chance(0.3) }, places: [place], subjects: [t(`${place} -- Maps -- Early works to 1800`), t('Bird\'s-eye views')],
      description: [t(`Bird's-eye view from the Civitates orbis terrarum, with figures in local costume in the foreground. ${note()}`.trim(), 'en')],
      publisher: 'Coloniae Agrippinae : [Braun & Hogenberg]', languages: ['la'], extent: map(rng, 'en'), partOf: 'Civitates orbis terrarum',
      sets: ['town-plans'],
    }));
  }

  works.push(work({
    key: 'turgot:Paris', kind: 'plan', title: t("Plan de Paris, commencé l'année 1734, dessiné et gravé sous les ordres de Messire Michel Étienne Turgot", 'fr'),
    creators: [P.bretez, P.turgot], when: { year: 1739 }, places: ['Paris (France)'],
    subjects: [t('Paris (France) -- Plans', 'fr'), t('Vues à vol d\'oiseau', 'fr')],
    description: [t('Plan en perspective cavalière en 20 feuilles assemblées, gravé par Claude Lucas.', 'fr')],
    publisher: 'Paris : [s.n.]', languages: ['fr'], extent: '1 plan en 20 f. : gravure ; 249 x 323 cm (assemblé)', sets: ['town-plans', 'maps'],
    subtitle: t('plan dit de Turgot', 'fr'),
  }));
  works.push(work({
    key: 'rocque:London', kind: 'plan', title: t('A plan of the cities of London and Westminster, and borough of Southwark', 'en'),
    creators: [P.rocque], when: { year: 1746 }, places: ['London (England)'],
    subjects: [t('London (England) -- Maps -- Early works to 1800')], description: [t('Plan in 24 sheets, engraved by John Pine. Index of streets in a separate volume.', 'en')],
    publisher: 'London : John Pine & John Tinney', languages: ['en'], extent: '1 map on 24 sheets ; 52 x 69 cm or smaller', sets: ['town-plans', 'maps'],
  }));
  works.push(work({
    key: 'ogilby:Britannia', kind: 'book', title: t('Britannia, volume the first, or, An illustration of the Kingdom of England and dominion of Wales', 'en'),
    creators: [P.ogilby], when: { year: 1675 }, places: ['England', 'Wales'], subjects: [t('Roads -- England -- Maps'), t('Strip maps')],
    description: [t('Road atlas in strip-map form, 100 engraved plates, at a scale of one inch to the mile.', 'en')],
    publisher: 'London : printed by the author', languages: ['en'], extent: '1 atlas ([8], 200, [2] p., 100 leaves of plates) ; 44 cm', sets: ['atlases'],
  }));
  works.push(work({
    key: 'saxton:Atlas', kind: 'book', title: t('[Atlas of the counties of England and Wales]', 'en'),
    creators: [P.saxton], when: { year: 1579 }, places: ['England', 'Wales'], subjects: [t('England -- Maps -- Early works to 1800')],
    description: [t('The first national atlas of England and Wales: 35 engraved county maps with a general map.', 'en')],
    publisher: '[London : s.n.]', languages: ['la'], extent: '1 atlas (35 maps) ; 54 cm', sets: ['atlases'],
  }));

  for (const [title, year, place] of HOLLAR) {
    works.push(work({
      key: `hollar:${title}`, kind: 'print', title: t(title, 'en'), creators: [P.hollar], when: { year, approx: rng.chance(0.25) }, places: [place],
      subjects: [t(`${place.replace(/ \(.*\)$/, '')} -- Pictorial works`), t('Etchings')],
      description: [t(`Etching${title.startsWith('Long') ? ' on six sheets' : ''}. ${rng.pick(['Pennington catalogue state ii.', 'Fine early impression.', 'Signed in the plate.', ''])}`.trim(), 'en')],
      languages: ['en'], extent: `1 print : etching ; ${rng.int(9, 47)} x ${rng.int(14, 240)} cm`, sets: ['prints'],
      subtitle: t(rng.pick(['[etching]', 'a prospect', 'etching by W. Hollar']), 'en'),
    }));
  }

  for (const [title, place, year] of MERIAN) {
    works.push(work({
      key: `merian:${place}`, kind: 'print', title: t(title, 'de'), parallel: [t(`Ansicht von ${place}`, 'de')], creators: [P.merian],
      contributors: [P.zeiller], when: { year, approx: rng.chance(0.35) }, places: [`${place} (Germany)`],
      subjects: [t(`${place} -- Ansicht`, 'de'), t('Stadtansicht', 'de')],
      description: [t(`Kupferstich aus der Topographia Germaniae, Text von Martin Zeiller. ${rng.pick(['Mit Legende.', 'Ansicht von Süden.', 'Ansicht vom Fluss aus.', 'Altkoloriert.', ''])}`.trim(), 'de')],
      publisher: 'Frankfurt am Main : Merian', languages: ['de'], extent: `1 Blatt : Kupferstich ; ${rng.int(19, 35)} x ${rng.int(28, 80)} cm`,
      partOf: 'Topographia Germaniae', sets: ['prints'],
    }));
  }

  for (const [italian, english, year] of PIRANESI) {
    works.push(work({
      key: `piranesi:${italian}`, kind: 'print', title: t(italian, 'it'), parallel: [t(english, 'en')], creators: [P.piranesi],
      when: { year, approx: rng.chance(0.5) }, places: ['Rome (Italy)'], subjects: [t('Rome (Italy) -- Antiquities -- Pictorial works'), t('Vedute')],
      description: [t(`Etching from the Vedute di Roma. ${rng.pick(['Early Roman edition, before the plate number.', 'Paris edition (Firmin-Didot).', 'Strong impression with wide margins.', ''])}`.trim(), 'en')],
      languages: ['it'], extent: `1 print : etching ; ${rng.int(38, 48)} x ${rng.int(58, 72)} cm`, partOf: 'Vedute di Roma', sets: ['prints'],
    }));
  }

  for (const [town, year] of BUCK) {
    works.push(work({
      key: `buck:${town}`, kind: 'print', title: t(`The south-west prospect of the city of ${town}`, 'en'), creators: [P.buckS, P.buckN],
      when: { year }, places: [`${town} (England)`], subjects: [t(`${town} (England) -- Pictorial works`), t('Topographical views')],
      description: [t(`Engraved prospect with numbered key to churches and public buildings. ${note()}`.trim(), 'en')],
      publisher: 'London : S. & N. Buck', languages: ['en'], extent: `1 print : engraving ; ${rng.int(30, 34)} x ${rng.int(78, 84)} cm`,
      sets: ['prints'], subtitle: t(`[${town}]`, 'en'),
    }));
  }

  for (const [romaji, japanese, english] of HOKUSAI) {
    works.push(work({
      key: `hokusai:${romaji}`, kind: 'print', title: t(romaji), parallel: [t(japanese, 'ja'), t(english, 'en')], creators: [P.hokusai],
      when: { year: 1830, end: 1832 }, places: ['Japan'], subjects: [t('Fuji, Mount (Japan) -- In art'), t('Ukiyoe')],
      description: [t('Colour woodblock print, ōban format, from the series Fugaku sanjūrokkei (Thirty-six views of Mount Fuji). Publisher: Nishimura-ya Yohachi.', 'en')],
      publisher: 'Eijudō', languages: ['ja'], extent: '1 print : woodcut, colour ; 26 x 38 cm', partOf: 'Fugaku sanjūrokkei', sets: ['prints'],
    }));
  }

  for (const [romaji, japanese, english] of HIROSHIGE) {
    works.push(work({
      key: `hiroshige:${romaji}`, kind: 'print', title: t(romaji), parallel: [t(japanese, 'ja'), t(english, 'en')], creators: [P.hiroshige],
      when: { year: 1833, end: 1834 }, places: ['Japan', 'Tōkaidō (Japan)'], subjects: [t('Tōkaidō (Japan) -- In art'), t('Ukiyoe')],
      description: [t('Colour woodblock print, ōban format, from the Hōeidō edition of the Fifty-three stations of the Tōkaidō.', 'en')],
      publisher: 'Hōeidō', languages: ['ja'], extent: '1 print : woodcut, colour ; 24 x 36 cm', partOf: 'Tōkaidō gojūsan tsugi no uchi', sets: ['prints'],
    }));
  }

  CALLOT.forEach(([french, english], i) => {
    works.push(work({
      key: `callot:${french}`, kind: 'print', title: t(french, 'fr'), parallel: [t(english, 'en')], creators: [P.callot],
      when: { year: 1633 }, places: ['Lorraine (France)'], subjects: [t('Thirty Years\' War, 1618-1648 -- Pictorial works'), t('Guerre -- Dans l\'art', 'fr')],
      description: [t(`Eau-forte, planche ${i + 1} de la suite Les misères et les malheurs de la guerre, avec vers d'Abbé Michel de Marolles.`, 'fr')],
      publisher: 'Paris : Israël Henriet', languages: ['fr'], extent: '1 estampe : eau-forte ; 8 x 19 cm', partOf: 'Les misères et les malheurs de la guerre', sets: ['prints'],
    }));
  });

  for (const [sheet, name, date] of OS) {
    works.push(work({
      key: `os:${sheet}`, kind: 'map', title: t(`Ordnance Survey of England and Wales. Sheet ${sheet}, ${name}`, 'en'), creators: [P.os],
      contributors: [P.mudge], when: { exact: date, year: Number(date.slice(0, 4)) }, places: [`${name} region (England)`],
      subjects: [t('England -- Maps, Topographic'), t('Ordnance Survey -- Old Series')],
      description: [t(`One-inch Old Series sheet, engraved on copper. Published by Lieut. Col. Mudge, Tower of London. ${rng.pick(['Later impression with railways added.', 'First edition, without railways.', 'Electrotype reprint.', ''])}`.trim(), 'en')],
      publisher: 'Tower of London : Ordnance Survey', languages: ['en'], extent: '1 map : engraving ; 61 x 92 cm', partOf: 'Ordnance Survey Old Series', sets: ['maps'],
    }));
  }

  for (const [county, year] of CARY) {
    works.push(work({
      key: `cary:${county}`, kind: 'map', title: t(`A new map of ${county}, divided into hundreds`, 'en'), creators: [P.cary],
      when: { year, approx: rng.chance(0.2) }, places: [`${county} (England)`], subjects: [t(`${county} (England) -- Maps`)],
      description: [t(`From Cary's New and correct English atlas. ${rng.pick(COLOURING)}`, 'en')],
      publisher: 'London : J. Cary, engraver & mapseller, Strand', languages: ['en'], extent: map(rng, 'en'), partOf: "Cary's new and correct English atlas",
      sets: ['maps'],
    }));
  }

  for (const [title, lang, maker, year, coverage, partOf] of MODERN) {
    works.push(work({
      key: `modern:${title}`, kind: 'map', title: t(title, lang), creators: [P[maker]], ...(maker === 'stieler' || maker === 'petermann' ? { contributors: [P.perthes] } : {}),
      when: { year }, places: [coverage], subjects: [t(lang === 'de' ? `${coverage} -- Karten` : `${coverage} -- Maps`, lang === 'de' ? 'de' : undefined)],
      description: [t(lang === 'de' ? `Lithographie, Grenzen koloriert. ${partOf ? `Aus: ${partOf}.` : 'Einzelkarte.'}` : `Engraved, hand-coloured. ${rng.pick(['Dissected and mounted on linen.', 'Folding, in slipcase.', ''])}`.trim(), lang)],
      publisher: maker === 'arrowsmith' ? 'London : A. Arrowsmith' : maker === 'kiepert' ? 'Berlin : D. Reimer' : 'Gotha : Justus Perthes',
      languages: [lang], extent: map(rng, lang === 'de' ? 'de' : 'en'), ...(partOf ? { partOf } : {}), sets: ['maps'],
    }));
  }

  for (const [title, lang, maker, year, coverage] of EARLY) {
    works.push(work({
      key: `early:${title}`, kind: 'map', title: t(title, lang), creators: [P[maker]], when: { year, approx: rng.chance(0.4) }, places: [coverage],
      subjects: [t(`${coverage} -- Maps -- Early works to 1800`)],
      description: [t(`${maker === 'ortelius' ? 'From the Theatrum orbis terrarum.' : maker === 'mercator' ? 'From the Atlas sive cosmographicae meditationes.' : maker === 'visscher' ? 'Engraved, published in Amsterdam by Visscher.' : 'Gravée, publiée à Paris chez l\'auteur.'} ${note()}`.trim(), maker === 'delisle' ? 'fr' : 'en')],
      languages: [lang], extent: map(rng, lang === 'fr' ? 'fr' : 'en'), sets: ['maps'],
    }));
  }

  for (const [title, lang, maker, year, extent] of FACSIMILES) {
    works.push(work({
      key: `facsimile:${maker}`, kind: 'book', title: t(title, lang), creators: [P[maker]], when: { year },
      places: [], subjects: [t(lang === 'de' ? 'Faksimile' : lang === 'fr' ? 'Fac-similés' : 'Facsimiles', lang === 'en' ? undefined : lang), t('Atlases -- Facsimiles')],
      description: [t(lang === 'nl' ? 'Facsimile-uitgave met inleiding en kaartbeschrijvingen.' : lang === 'de' ? 'Faksimile mit Kommentarband.' : lang === 'fr' ? 'Fac-similé accompagné d\'une introduction.' : 'Facsimile reproduction with an introduction and notes.', lang)],
      publisher: rng.pick(['Westerhaven University Press', 'Éditions du Marais', 'Uitgeverij Kaartenhuis', 'Verlag Kartenwerk', 'Holloway & Reed']),
      languages: [lang], extent, isbn: makeIsbn(rng, ISBN_GROUP[lang] ?? '3'), sets: ['atlases'],
    }));
  }

  return works;
}
