// Text folding for matching: case, diacritics and punctuation removed, stop-words of the
// catalogue languages dropped, boilerplate titles recognised. Pure: no I/O.

const LIGATURES: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ĳ: 'ij' };

/** Lower case, no diacritics, letters and digits only, single spaces. */
export function foldText(text: string): string {
  // Plain ASCII (most titles) needs no Unicode normalisation.
  if (/^[\x20-\x7e]*$/.test(text)) return text.toLowerCase().replace(/['`]/g, '').replace(/[^a-z0-9]+/g, ' ').trim();
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[ßæœøłđðþıĳ]/g, (c) => LIGATURES[c] ?? c)
    .replace(/['’‘`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Words that carry no identity in titles, in the languages of the catalogue (en, fr, de, nl, it,
 * es, pt, la). Kept short on purpose: a word missing here costs a little recall, a word too many
 * (a real title word) costs precision.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a an the of and or in on at to for from by with into as is are was be its it this that these those ' +
    'le la les l un une des du de d et ou en au aux sur par pour dans avec ' +
    'der die das den dem des ein eine einer eines und oder im in am zu zur zum vom von mit fur uber auf aus bei ' +
    'het een van en op te voor met bij uit naar over ' +
    'il lo gli i di del della dei delle degli e o da nel nella per con su al alla ' +
    'el los las y un una del al por para con sobre ' +
    'o os as um uma do da dos das e em no na nos nas para com ' +
    'et in ad cum de ex per sub'
  ).split(' '),
);

/**
 * Folded titles that describe no particular thing: archives use them when an item has no title.
 * Two records titled "Photograph" are not the same photograph.
 */
export const BOILERPLATE_TITLES: ReadonlySet<string> = new Set([
  'untitled', 'no title', 'without title', 'title', 'unknown', 'unknown title', 'none', 'n a', 'na', 'not applicable', 'tbd', 'test',
  'sans titre', 'sans titre ni date', 'titre inconnu', 'ohne titel', 'unbetitelt', 'ohne titel ohne datum', 'zonder titel', 'geen titel', 'onbekend',
  'senza titolo', 'sin titulo', 'sem titulo', 's t', 'o t', 'sine titulo',
  'photograph', 'photographs', 'photo', 'photos', 'image', 'images', 'picture', 'foto', 'fotografie', 'fotografia', 'photographie', 'bild', 'afbeelding',
  'document', 'documents', 'letter', 'letters', 'lettre', 'brief', 'map', 'maps', 'carte', 'karte', 'kaart', 'drawing', 'dessin', 'zeichnung', 'tekening',
  'postcard', 'carte postale', 'postkarte', 'ansichtkaart', 'portrait', 'portret', 'manuscript', 'manuscrit', 'handschrift', 'object', 'objet', 'item',
  'editorial', 'editorials', 'editorial notes', 'editorial introduction', 'editorial comment', 'editor s note', 'introduction', 'preface', 'foreword', 'vorwort',
  'einleitung', 'avant propos', 'inleiding', 'review', 'reviews', 'book review', 'book reviews', 'letter to the editor', 'letters to the editor', 'correspondence',
  'erratum', 'errata', 'corrigendum', 'correction', 'index', 'contents', 'table of contents', 'abstracts', 'obituary', 'news', 'announcements', 'in memoriam',
  'front matter', 'back matter', 'editorial board', 'masthead', 'miscellanea', 'notes', 'varia',
  'editor s comments', 'editors comments', 'editor s introduction', 'editor s preface', 'from the editor', 'from the editors', 'letter from the editor',
  'guest editorial', 'issue information', 'call for papers', 'acknowledgements', 'acknowledgments', 'reviewers', 'list of reviewers',
  'record', 'file', 'folder', 'box', 'page', 'sheet', 'print', 'painting', 'sculpture', 'poster', 'plakat', 'affiche', 'scan', 'slide', 'negative',
]);

/** Words of a folded text. */
export function tokens(folded: string): string[] {
  return folded ? folded.split(' ') : [];
}

/** Significant words: stop-words dropped. A title made only of stop-words keeps them all when it has 4 or more ("To be or not to be"). */
export function significantTokens(words: string[]): string[] {
  const out = words.filter((w) => !STOP_WORDS.has(w));
  if (out.length === 0 && words.length >= 4) return words;
  return out;
}

/** The main title: the part before a subtitle separator (":", " / ", " = ", " ; ", " - "). */
export function mainTitle(title: string): string {
  const m = /\s*(?::|\s\/\s|\s=\s|\s;\s|\s[-–—]\s)/.exec(title);
  return m && m.index > 0 ? title.slice(0, m.index) : title;
}

// Rows of the edit-distance table, reused: scoring compares millions of word pairs.
let rowBefore = new Int32Array(64);
let rowPrev = new Int32Array(64);
let rowCur = new Int32Array(64);

/** Edit distance with adjacent transpositions, stopping early once it exceeds `max` (returns max + 1 then). */
export function boundedEditDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  const n = b.length;
  if (rowPrev.length <= n) {
    rowBefore = new Int32Array(n + 1);
    rowPrev = new Int32Array(n + 1);
    rowCur = new Int32Array(n + 1);
  }
  let before = rowBefore; // row i - 2, for transpositions ("teh" for "the")
  let prev = rowPrev;
  let cur = rowCur;
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) v = Math.min(v, (before[j - 2] as number) + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [before, prev, cur] = [prev, cur, before];
  }
  return prev[n] as number;
}
