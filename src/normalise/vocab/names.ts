// Sort forms of personal names ("Last, First"), for sorting and for matching creators in dedup.
// Pure: no I/O. Conservative: bodies, single names and anything unusual keep the name as given.

// Words that mark a body rather than a person, in the six catalogue languages.
// Word boundaries by lookaround, not \b: \b is ASCII-only and misses "École", "Musée".
const CORPORATE = new RegExp(
  '(?<![\\p{L}\\p{N}])(?:' +
    [
      'universit(?:y|ies|ät|eit|é|à|ad|at)', 'college', 'school', 'schule', 'école', 'academ(?:y|ie)', 'akademie', 'accademia',
      'institut(?:e|o|a)?', 'istituto', 'society', 'soci[eé]t[eé]', 'gesellschaft', 'genootschap', 'sociedad', 'società',
      'association', 'verein', 'vereniging', 'asociación', 'associazione', 'foundation', 'fondation', 'stiftung', 'stichting', 'fundación', 'fondazione',
      'librar(?:y|ies)', 'biblioth(?:ek|èque|eek)', 'biblioteca', 'museum', 'musée', 'museo', 'archiv(?:e|es|o|io)?', 'archief',
      'cent(?:er|re|ro)', 'centrum', 'zentrum', 'department', 'dept', 'département', 'abteilung', 'afdeling', 'departamento', 'dipartimento',
      'company', 'co', 'inc', 'ltd', 'llc', 'gmbh', 'ag', 'sa', 'bv', 'nv', 'corporation', 'corp', 'verlag', 'press', 'éditions', 'editions', 'uitgeverij', 'editorial', 'editore',
      'council', 'committee', 'commission', 'kommission', 'commissie', 'comisión', 'commissione', 'board', 'office', 'bureau', 'amt', 'ministry', 'ministère', 'ministerium', 'ministerie', 'government', 'regierung', 'gouvernement', 'overheid',
      'agency', 'agence', 'agentur', 'bundesanstalt', 'landesamt', 'service', 'dienst', 'servicio', 'servizio',
      'church', 'église', 'kirche', 'kerk', 'iglesia', 'chiesa', 'parish', 'abbey', 'abbaye', 'abtei', 'abdij', 'monastery', 'kloster', 'klooster',
      'laborator(?:y|ies|ium|ire|io)', 'lab', 'group', 'groupe', 'gruppe', 'groep', 'grupo', 'gruppo', 'team', 'project', 'projekt', 'network', 'netzwerk', 'consortium', 'konsortium',
      'rdr', 'et al',
    ].join('|') +
    ')(?![\\p{L}\\p{N}])',
  'iu',
);
// Life dates and similar qualifiers at the end: ", 1811-1850", ", (1924 - 2014)", " (1802-1885)", ", 1961-", ", b. 1900"
const TRAILING_DATES = /,?\s*\(?\s*(?:(?:b\.|d\.|born|died|ca\.|fl\.)\s*)?\d{3,4}\??\s*(?:[-–]\s*(?:\d{3,4}\??)?)?\s*\)?\s*\.?$/;
// "C.", "A.J.", "J", "Ch.", "H.-P.": given names as initials, written after the surname ("Cantoni C.")
// ("Li" without a period is a name, not an initial.)
const INITIALS = /^(?:(?:\p{Lu}\.?|\p{Lu}\p{Ll}\.)-?)+$/u;
// Surname particles that stay with the surname in sort form: "van Husen, Dirk".
const PARTICLES = new Set([
  'van', 'von', 'de', 'der', 'den', 'del', 'della', 'delle', 'dei', 'degli', 'di', 'da', 'das', 'dos', 'do', 'du', 'des', 'la', 'le', 'lo', 'ten', 'ter', 'te', 'vander', 'zu', 'zum', 'zur', 'af', 'av', "d'", 'al', 'el', 'bin', 'ibn', 'st.', 'y',
]);
const SUFFIXES = new Set(['jr', 'jr.', 'sr', 'sr.', 'ii', 'iii', 'iv', 'jun.', 'sen.']);

/**
 * The sort form of a name: "Last, First" for a personal name written "First Last" or "Last F.",
 * without trailing life dates. Names already inverted (with a comma), names of bodies
 * (University, Museum, Bundesanstalt, ...), single names and long names are returned as given,
 * minus life dates. Never empty for a non-empty name.
 */
export function toSortName(name: string): string {
  const full = name.trim();
  const n = full.replace(TRAILING_DATES, '').replace(/[,\s]+$/, '') || full;
  if (n.includes(',') || CORPORATE.test(n)) return n;
  const tokens = n.split(' ');
  if (tokens.length < 2 || tokens.length > 5) return n;
  let suffix = '';
  const last = tokens[tokens.length - 1] as string;
  if (SUFFIXES.has(last.toLowerCase())) {
    suffix = `, ${last}`;
    tokens.pop();
    if (tokens.length < 2) return n;
  }
  // "Cantoni C.", "Meneses Reyes M.A.": surname first, initials after.
  const tail = tokens[tokens.length - 1] as string;
  if (INITIALS.test(tail) && !INITIALS.test(tokens[0] as string)) {
    let i = tokens.length - 1;
    while (i > 1 && INITIALS.test(tokens[i - 1] as string)) i--;
    return `${tokens.slice(0, i).join(' ')}, ${tokens.slice(i).join(' ')}${suffix}`;
  }
  // "Dirk van Husen" → "van Husen, Dirk": the surname starts at the first particle after the first token.
  let start = tokens.length - 1;
  for (let i = 1; i < tokens.length - 1; i++) {
    if (PARTICLES.has((tokens[i] as string).toLowerCase())) {
      start = i;
      break;
    }
  }
  return `${tokens.slice(start).join(' ')}, ${tokens.slice(0, start).join(' ')}${suffix}`;
}
