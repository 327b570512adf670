import { ValidationError } from '../errors';
import { MEDICAL_LANGUAGES } from './limits';

const SUPPORTED = `English (${MEDICAL_LANGUAGES.join(', ')})`;

/** Scripts a text may be mostly written in that are not English's. */
const SCRIPTS: ReadonlyArray<readonly [string, RegExp]> = [
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Greek', /\p{Script=Greek}/u],
  ['Arabic', /\p{Script=Arabic}/u],
  ['Hebrew', /\p{Script=Hebrew}/u],
  ['Devanagari', /\p{Script=Devanagari}/u],
  ['Thai', /\p{Script=Thai}/u],
  ['Hangul', /\p{Script=Hangul}/u],
  ['Japanese kana', /[\p{Script=Hiragana}\p{Script=Katakana}]/u],
  ['Han (Chinese)', /\p{Script=Han}/u],
];

/**
 * Common function words of the Latin-script languages a clinical note is most often written in
 * besides English. A text is taken for one of them only when its words clearly outnumber English's.
 */
const FOREIGN: ReadonlyArray<readonly [string, ReadonlySet<string>]> = [
  [
    'Spanish',
    new Set(
      'el la los las del que y en por para con una es está paciente dolor se su no al'.split(' '),
    ),
  ],
  [
    'French',
    new Set(
      'le la les des du et est une dans pour avec sur au aux patient douleur il elle pas'.split(
        ' ',
      ),
    ),
  ],
  [
    'German',
    new Set(
      'der die das und ist mit nicht ein eine den dem des für auf im bei patient schmerzen'.split(
        ' ',
      ),
    ),
  ],
  [
    'Portuguese',
    new Set('o a os as do da dos das que e em para com uma não paciente dor está'.split(' ')),
  ],
  [
    'Italian',
    new Set('il lo la gli le di del della che e è per con una non paziente dolore'.split(' ')),
  ],
];
const ENGLISH = new Set(
  'the a an and of to in with for on is was are has had have patient pain no not he she his her at by from as this that'.split(
    ' ',
  ),
);

/** The language a text is visibly in when it is not English, else undefined. */
function otherLanguage(text: string): string | undefined {
  // Letters only, on at most the first 20,000 code units: enough to judge, and linear.
  const sample = text.slice(0, 20_000);
  const letters = sample.match(/\p{L}/gu) ?? [];
  if (letters.length === 0) return undefined;
  const latin = letters.filter((c) => /\p{Script=Latin}/u.test(c)).length;
  if (latin * 2 < letters.length) {
    const counts = SCRIPTS.map(
      ([name, re]) => [name, letters.filter((c) => re.test(c)).length] as const,
    );
    const [name] = counts.reduce((a, b) => (b[1] > a[1] ? b : a));
    return `${name} script`;
  }
  // In mixed-case text, a word with no lower-case letter (LA, LE, the E of vitamin E, the O of O2)
  // is a clinical abbreviation far more often than a function word: counted, it made a terse
  // English note Italian or French. A text written in capitals (as some record systems keep
  // notes) has only such words, and all of them count.
  const all = sample.match(/\p{L}+/gu) ?? [];
  const mixed = all.filter((w) => /\p{Ll}/u.test(w));
  const words = (mixed.length * 5 >= all.length ? mixed : all).map((w) => w.toLowerCase());
  const english = words.filter((w) => ENGLISH.has(w)).length;
  for (const [name, set] of FOREIGN) {
    const hits = words.filter((w) => set.has(w) && !ENGLISH.has(w)).length;
    if (hits >= 4 && hits > 3 * english) return name;
  }
  return undefined;
}

/**
 * Refuses, before any call, a `language` other than `en` and a text that is visibly not English:
 * Comprehend Medical reads English only and would answer such a text with no or wrong entities.
 *
 * @param label How the message names the text, e.g. `text` or `texts[2]`.
 * @throws ValidationError naming the supported language
 * @internal
 */
export function assertEnglish(text: string, label: string, language: unknown): void {
  if (language !== undefined && language !== 'en') {
    throw new ValidationError(
      `Comprehend Medical supports ${SUPPORTED} only; options.language is ${typeof language === 'string' ? JSON.stringify(language.slice(0, 60)) : typeof language}. Translate the text to English first (ai.text.translate) or leave language out`,
      { code: 'UnsupportedLanguage' },
    );
  }
  const other = otherLanguage(text);
  if (other !== undefined) {
    throw new ValidationError(
      `Comprehend Medical supports ${SUPPORTED} only, and ${label} looks written in ${other}. Translate it to English first (ai.text.translate)`,
      { code: 'UnsupportedLanguage' },
    );
  }
}
