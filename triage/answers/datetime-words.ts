import { distance } from './words';

/**
 * Rewrites how people say when something happened into the English chrono's en.GB parser reads.
 * Runs on `fold`ed text (lower case, no accents or apostrophes). Welsh and Polish cover the everyday
 * words (yesterday, last night, this morning, "two hours ago", weekdays, months, "about", "between");
 * anything rarer is left for the person to rephrase. Order matters: longer phrases first.
 */

const CY_DAYS: Record<string, string> = {
  llun: 'monday',
  lun: 'monday',
  mawrth: 'tuesday',
  fawrth: 'tuesday',
  mercher: 'wednesday',
  fercher: 'wednesday',
  iau: 'thursday',
  gwener: 'friday',
  wener: 'friday',
  sadwrn: 'saturday',
  sul: 'sunday',
};
const CY_DAY = Object.keys(CY_DAYS).join('|');

const PL_DAYS: Record<string, string> = {
  poniedzialek: 'monday',
  poniedzialku: 'monday',
  wtorek: 'tuesday',
  wtorku: 'tuesday',
  sroda: 'wednesday',
  srode: 'wednesday',
  srody: 'wednesday',
  czwartek: 'thursday',
  czwartku: 'thursday',
  piatek: 'friday',
  piatku: 'friday',
  sobota: 'saturday',
  sobote: 'saturday',
  soboty: 'saturday',
  niedziela: 'sunday',
  niedziele: 'sunday',
  niedzieli: 'sunday',
};
const PL_DAY = Object.keys(PL_DAYS).join('|');

const CY_MONTHS: Record<string, string> = {
  ionawr: 'january',
  chwefror: 'february',
  mawrth: 'march',
  fawrth: 'march',
  ebrill: 'april',
  mai: 'may',
  mehefin: 'june',
  gorffennaf: 'july',
  awst: 'august',
  medi: 'september',
  hydref: 'october',
  tachwedd: 'november',
  dachwedd: 'november',
  rhagfyr: 'december',
};
const PL_MONTHS: Record<string, string> = {
  stycznia: 'january',
  lutego: 'february',
  marca: 'march',
  kwietnia: 'april',
  maja: 'may',
  czerwca: 'june',
  lipca: 'july',
  sierpnia: 'august',
  wrzesnia: 'september',
  pazdziernika: 'october',
  listopada: 'november',
  grudnia: 'december',
};

const CY_NUM: Record<string, string> = {
  un: '1',
  dwy: '2',
  dau: '2',
  ddau: '2',
  ddwy: '2',
  tair: '3',
  tri: '3',
  pedair: '4',
  pedwar: '4',
  pump: '5',
  pum: '5',
  chwech: '6',
  chwe: '6',
  deg: '10',
};
const PL_NUM: Record<string, string> = {
  jedna: '1',
  jeden: '1',
  dwie: '2',
  dwa: '2',
  trzy: '3',
  cztery: '4',
  piec: '5',
  szesc: '6',
  dziesiec: '10',
  kilka: '3',
};
const CY_UNIT: Record<string, string> = {
  awr: 'hours',
  munud: 'minutes',
  diwrnod: 'days',
  niwrnod: 'days',
  wythnos: 'weeks',
};

type Rule = readonly [RegExp, string | ((...m: string[]) => string)];

const pick =
  (table: Record<string, string>) =>
  (key: string): string =>
    table[key] ?? key;

const RULES: readonly Rule[] = [
  // Welsh: combined day and part of day first.
  [/\b(?:bore|fore) ddoe\b/g, 'yesterday morning'],
  [/\bprynhawn ddoe\b/g, 'yesterday afternoon'],
  [/\b(?:nos|noson) ddoe\b/g, 'last night'],
  [/\bechdoe\b/g, 'the day before yesterday'],
  [/\bddoe\b/g, 'yesterday'],
  [/\bneithiwr\b/g, 'last night'],
  [/\bheddiw\b/g, 'today'],
  [/\b(?:y )?(?:bore|fore) (?:ma|yma|heddiw)\b/g, 'this morning'],
  [/\bprynhawn (?:ma|yma|heddiw)\b/g, 'this afternoon'],
  [/\bheno\b/g, 'tonight'],
  [/\b(?:y |r )?(?:fory|yfory)\b/g, 'tomorrow'],
  [
    new RegExp(`\\b(?:nos|noson) (?:dydd )?(${CY_DAY})\\b`, 'g'),
    (_m, d = '') => `${pick(CY_DAYS)(d)} night`,
  ],
  [
    new RegExp(`\\b(?:bore|fore) (?:dydd )?(${CY_DAY})\\b`, 'g'),
    (_m, d = '') => `${pick(CY_DAYS)(d)} morning`,
  ],
  [
    new RegExp(`\\bprynhawn (?:dydd )?(${CY_DAY})\\b`, 'g'),
    (_m, d = '') => `${pick(CY_DAYS)(d)} afternoon`,
  ],
  [new RegExp(`\\b(?:ar )?(?:dydd|ddydd) (${CY_DAY})\\b`, 'g'), (_m, d = '') => pick(CY_DAYS)(d)],
  [/\b(?:yr )?wythnos (?:diwethaf|ddiwethaf|dwetha|diwetha|ddwetha)\b/g, 'last week'],
  [/\b(?:y |r )?(?:mis|fis) (?:diwethaf|dwetha|diwetha)\b/g, 'last month'],
  [/\b(?:yr )?wythnos (?:hon|yma)\b/g, 'this week'],
  [/\bhanner awr yn ol\b/g, 'half an hour ago'],
  [
    /\b(\d+|un|dwy|dau|ddau|ddwy|tair|tri|pedair|pedwar|pump|pum|chwech|chwe|deg) (awr|munud|diwrnod|niwrnod|wythnos) yn ol\b/g,
    (_m, n = '', u = '') => `${pick(CY_NUM)(n)} ${pick(CY_UNIT)(u)} ago`,
  ],
  [/\bawr yn ol\b/g, 'an hour ago'],
  [/\b(?:jyst |newydd )?(?:nawr|rwan|rwan hyn|nawr hyn)\b|\bgynnau\b/g, 'just now'],
  [/\bhanner dydd\b/g, 'noon'],
  [/\bhanner nos\b/g, 'midnight'],
  [/\b(?:tua|oddeutu|ynghylch|rhyw)\b/g, 'about'],
  [/\brhywbryd\b/g, 'sometime'],
  [/\brhwng (\S+) (?:a|ac) (\S+)/g, 'between $1 and $2'],
  [/\b(\d{1,2}(?:[:.]\d{2})?) ?y\.?b\.?(?=\s|$)/g, '$1am'],
  [/\b(\d{1,2}(?:[:.]\d{2})?) ?y\.?h\.?(?=\s|$)/g, '$1pm'],
  [/\bam (?=\d)/g, 'at '],
  [/\bor gloch\b/g, ''],
  [new RegExp(`\\b(${CY_DAY.replace('|mawrth|fawrth', '')}) nesaf\\b`, 'g'), 'next $1'],
  [
    new RegExp(`\\b(\\d{1,2}) (?:o )?(${Object.keys(CY_MONTHS).join('|')})\\b`, 'g'),
    (_m, d = '', mo = '') => `${d} ${pick(CY_MONTHS)(mo)}`,
  ],

  // Polish.
  [/\bprzedwczoraj\b/g, 'the day before yesterday'],
  [/\bwczoraj (?:w nocy|noca)\b/g, 'last night'],
  [
    new RegExp(`\\b(?:w )?(${PL_DAY}) (?:w nocy|noca)\\b`, 'g'),
    (_m, d = '') => `${pick(PL_DAYS)(d)} night`,
  ],
  [
    new RegExp(`\\b(?:w )?(${PL_DAY}) wieczorem\\b`, 'g'),
    (_m, d = '') => `${pick(PL_DAYS)(d)} evening`,
  ],
  [new RegExp(`\\b(?:w )?(${PL_DAY}) rano\\b`, 'g'), (_m, d = '') => `${pick(PL_DAYS)(d)} morning`],
  [/\bwczoraj wieczorem\b/g, 'yesterday evening'],
  [/\bwczoraj rano\b/g, 'yesterday morning'],
  [/\bwczoraj po poludniu\b/g, 'yesterday afternoon'],
  [/\bwczoraj\b/g, 'yesterday'],
  [/\b(?:zeszlej|ostatniej|poprzedniej) nocy\b|\bw nocy\b|\bnoca\b/g, 'last night'],
  [/\b(?:dzisiaj|dzis) rano\b|\brano\b/g, 'this morning'],
  [/\b(?:dzisiaj|dzis) wieczorem\b|\bwieczorem\b/g, 'this evening'],
  [/\b(?:dzisiaj|dzis) po poludniu\b|\bpo poludniu\b/g, 'this afternoon'],
  [/\b(?:dzisiaj|dzis)\b/g, 'today'],
  [/\bpojutrze\b/g, 'the day after tomorrow'],
  [/\bjutro\b/g, 'tomorrow'],
  [/\b(?:przed chwila|chwile temu|wlasnie teraz|teraz)\b/g, 'just now'],
  [/\bpol godziny temu\b/g, 'half an hour ago'],
  [/\bgodzine temu\b/g, 'an hour ago'],
  [
    /\b(\d+|jedna|jeden|dwie|dwa|trzy|cztery|piec|szesc|dziesiec|kilka) (godzin|godziny|godzine|minut|minuty|minute|dni|dzien|tygodnie|tygodni) temu\b/g,
    (_m, n = '', u = '') =>
      `${pick(PL_NUM)(n)} ${u.startsWith('godzin') ? 'hours' : u.startsWith('minut') ? 'minutes' : u.startsWith('tygodn') ? 'weeks' : 'days'} ago`,
  ],
  [/\btydzien temu\b/g, 'a week ago'],
  [/\bw (?:zeszlym|ubieglym|poprzednim|ostatnim) tygodniu\b/g, 'last week'],
  [/\bw tym tygodniu\b/g, 'this week'],
  [/\bw (?:zeszlym|ubieglym|poprzednim) miesiacu\b/g, 'last month'],
  [/\bw przyszlym tygodniu\b/g, 'next week'],
  [
    new RegExp(
      `\\bw (?:zeszly|zeszla|zeszle|ostatni|ostatnia|ubiegly|ubiegla) (${PL_DAY})\\b`,
      'g',
    ),
    (_m, d = '') => `last ${pick(PL_DAYS)(d)}`,
  ],
  [
    new RegExp(`\\bw (?:przyszly|przyszla|nastepny|nastepna) (${PL_DAY})\\b`, 'g'),
    (_m, d = '') => `next ${pick(PL_DAYS)(d)}`,
  ],
  [new RegExp(`\\b(?:we?|od) (${PL_DAY})\\b`, 'g'), (_m, d = '') => `on ${pick(PL_DAYS)(d)}`],
  [new RegExp(`\\b(${PL_DAY})\\b`, 'g'), (_m, d = '') => pick(PL_DAYS)(d)],
  [/\b(?:w )?poludnie\b/g, 'noon'],
  [/\b(?:o )?polnocy\b|\bpolnoc\b/g, 'midnight'],
  [/\b(?:okolo|kolo|mniej wiecej|jakos|chyba|gdzies)\b/g, 'about'],
  [/\bmiedzy (\S+) a (\S+)/g, 'between $1 and $2'],
  [/\bod (\d\S*) do (\d\S*)/g, 'from $1 to $2'],
  [/\bo (?:godzinie |godz\.? )?(?=\d)/g, 'at '],
  [
    new RegExp(`\\b(\\d{1,2}) (${Object.keys(PL_MONTHS).join('|')})\\b`, 'g'),
    (_m, d = '', mo = '') => `${d} ${pick(PL_MONTHS)(mo)}`,
  ],

  // English text-speak and shorthand.
  [/\b(?:yday|yest|ystday|ystrdy|yesterdy|yestday)\b/g, 'yesterday'],
  [/\b(?:2day|tday|tdy)\b/g, 'today'],
  [/\b(?:2nite|2night|tonite)\b/g, 'tonight'],
  [/\b(?:tmrw|tmr|tomoz|2moro|2morrow)\b/g, 'tomorrow'],
  [/\b(?:mins?)\b/g, 'minutes'],
  [/\b(?:hrs?)\b/g, 'hours'],
  [/\b(?:wk)\b/g, 'week'],
  [/\btues\b/g, 'tuesday'],
  [/\bweds?\b/g, 'wednesday'],
  [/\bthur?s?\b/g, 'thursday'],
  [/\bovernight\b/g, 'last night'],
  [/\bmidday\b/g, 'noon'],
];

/** Words the date parser knows: a word one or two slips away from exactly one of these is fixed. */
const VOCABULARY = [
  'yesterday',
  'today',
  'tonight',
  'tomorrow',
  'morning',
  'afternoon',
  'evening',
  'night',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
  'weekend',
  'minutes',
  'hours',
  'about',
  'around',
  'between',
  'midnight',
  'lunchtime',
  'january',
  'february',
  'march',
  'april',
  'august',
  'september',
  'october',
  'november',
  'december',
  'sometime',
  'earlier',
  'approximately',
];
/** Ordinary words within a slip of a date word ("eight" is not "night", "match" is not "march"). */
const KNOWN = new Set([
  ...VOCABULARY,
  'eight',
  'right',
  'light',
  'fight',
  'might',
  'sight',
  'tight',
  'match',
  'watch',
  'after',
  'before',
  'early',
  'later',
  'think',
  'maybe',
  'there',
  'where',
  'their',
  'which',
  'while',
  'other',
  'couple',
  'three',
  'seven',
  'quarter',
  'twenty',
  'thirty',
  'fifteen',
  'forty',
  'fifty',
  'weeks',
  'months',
  'years',
  'hour',
  'days',
  'about',
  'abouts',
  'round',
  'roughly',
  'probably',
  'possibly',
  'honestly',
]);

function fixSlips(text: string): string {
  return text.replace(/\b[a-z]{5,}\b/g, (word) => {
    if (KNOWN.has(word)) return word;
    const slips = word.length >= 6 ? 2 : 1;
    let best: string | undefined;
    let bestD = slips + 1;
    let tie = false;
    for (const v of VOCABULARY) {
      const d = distance(word, v, slips);
      if (d < bestD) {
        best = v;
        bestD = d;
        tie = false;
      } else if (d === bestD) tie = true;
    }
    return best && !tie ? best : word;
  });
}

export function toEnglishDateText(folded: string): string {
  let s = folded;
  for (const [re, to] of RULES) {
    s = typeof to === 'string' ? s.replace(re, to) : s.replace(re, to);
  }
  return fixSlips(s).replace(/\s+/g, ' ').trim();
}
