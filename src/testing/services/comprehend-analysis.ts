/**
 * Canned, deterministic "analyses" for the Comprehend emulator: small word lists and regular
 * expressions, never a model. Offsets are counted the way Comprehend counts them: in Unicode code
 * points of the text received, so a facade that forgets to convert them to UTF-16 fails its tests.
 */

/** A found span in UTF-16 indices of the text. */
interface Match {
  start: number;
  end: number;
  text: string;
}

/** Converts increasing UTF-16 indices of `text` to code point offsets in one forward pass. */
function codePointCounter(text: string): (utf16: number) => number {
  let unit = 0;
  let points = 0;
  return (target) => {
    if (target < unit) {
      unit = 0;
      points = 0;
    }
    while (unit < target) {
      const code = text.charCodeAt(unit);
      unit += code >= 0xd800 && code <= 0xdbff && unit + 1 < text.length ? 2 : 1;
      points++;
    }
    return points;
  };
}

function matches(text: string, pattern: RegExp): Match[] {
  return [...text.matchAll(pattern)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    text: m[0],
  }));
}

/** Matches sorted by position, with AWS span members in code points. */
function spans<M extends Match>(text: string, found: M[]) {
  const toPoints = codePointCounter(text);
  return found
    .sort((a, b) => a.start - b.start)
    .map((m) => ({
      ...m,
      Text: m.text,
      BeginOffset: toPoints(m.start),
      EndOffset: toPoints(m.end),
    }));
}

const WORD = String.raw`\p{L}[\p{L}\p{M}'\u2019]*`;
const CAPITALIZED = String.raw`\p{Lu}[\p{L}\p{M}'\u2019]*`;
const MONTHS =
  /^(January|February|March|April|May|June|July|August|September|October|November|December)$/;
const ORG_SUFFIX = /\b(Inc|Corp|LLC|Ltd|GmbH|Company|Bank|University)\.?$/;
const PLACES = new Set(['Paris', 'London', 'Berlin', 'Tokyo', 'Seattle', 'Madrid', 'Rome']);

function entityType(text: string): string {
  if (MONTHS.test(text.split(' ')[0] ?? '')) return 'DATE';
  if (ORG_SUFFIX.test(text)) return 'ORGANIZATION';
  if (PLACES.has(text)) return 'LOCATION';
  return 'PERSON';
}

/** True at the start of the text or of a sentence, where any word is capitalized. */
function sentenceStart(text: string, index: number): boolean {
  return /(^|[.!?]\s+)$/u.test(text.slice(Math.max(0, index - 4), index));
}

/**
 * Runs of capitalized words (a person, place or company; a lone word only when it does not open a
 * sentence), numbers, and runs of Han characters.
 */
export function detectEntities(text: string) {
  const found: Array<Match & { type: string }> = [
    ...matches(text, new RegExp(`${CAPITALIZED}(?: ${CAPITALIZED})*`, 'gu'))
      .filter((m) => m.text.includes(' ') || !sentenceStart(text, m.start))
      .map((m) => ({ ...m, type: entityType(m.text) })),
    ...matches(text, /\p{N}+(?:[.,]\p{N}+)*/gu).map((m) => ({ ...m, type: 'QUANTITY' })),
    ...matches(text, /\p{Script=Han}{2,}/gu).map((m) => ({ ...m, type: 'LOCATION' })),
  ];
  return spans(text, found).map((s) => ({
    Score: 0.99,
    Type: s.type,
    Text: s.Text,
    BeginOffset: s.BeginOffset,
    EndOffset: s.EndOffset,
  }));
}

/** Words of 7 letters or more, and runs of Han characters, as "key phrases". */
export function detectKeyPhrases(text: string) {
  const found = [
    ...matches(text, /\p{L}[\p{L}\p{M}]{6,}/gu),
    ...matches(text, /\p{Script=Han}{2,}/gu),
  ];
  return spans(text, found).map((s) => ({
    Score: 0.95,
    Text: s.Text,
    BeginOffset: s.BeginOffset,
    EndOffset: s.EndOffset,
  }));
}

const POSITIVE = new Set(
  'good great love loved lovely excellent happy wonderful amazing best nice fantastic perfect bueno genial'.split(
    ' ',
  ),
);
const NEGATIVE = new Set(
  'bad terrible hate hated awful worst poor sad horrible cold broken dirty malo'.split(' '),
);

/** Counts words from two small lists: both → MIXED, one → that side, none → NEUTRAL. */
export function detectSentiment(text: string) {
  const words = text.toLowerCase().match(new RegExp(WORD, 'gu')) ?? [];
  const pos = words.filter((w) => POSITIVE.has(w)).length;
  const neg = words.filter((w) => NEGATIVE.has(w)).length;
  const label = pos && neg ? 'MIXED' : pos ? 'POSITIVE' : neg ? 'NEGATIVE' : 'NEUTRAL';
  const scores = { Positive: 0.02, Negative: 0.02, Neutral: 0.02, Mixed: 0.02 };
  const key = (label.charAt(0) + label.slice(1).toLowerCase()) as keyof typeof scores;
  scores[key] = 0.94;
  return { Sentiment: label, SentimentScore: scores };
}

/**
 * Targeted sentiment: the entities of {@link detectEntities}, mentions of the same text grouped as
 * one entity (first mention descriptive), each mention with the sentiment of its own sentence.
 */
export function detectTargetedSentiment(text: string) {
  const groups = new Map<string, Array<ReturnType<typeof detectEntities>[number]>>();
  for (const entity of detectEntities(text)) {
    const list = groups.get(entity.Text) ?? [];
    list.push(entity);
    groups.set(entity.Text, list);
  }
  const sentences = [...text.matchAll(/[^.!?]+[.!?]*/gu)];
  const toPoints = (utf16: number) => [...text.slice(0, utf16)].length;
  const sentenceAt = (offset: number) =>
    sentences.find(
      (m) => toPoints(m.index) <= offset && offset < toPoints(m.index + m[0].length),
    )?.[0] ?? text;
  return [...groups.values()].map((mentions) => ({
    DescriptiveMentionIndex: [0],
    Mentions: mentions.map((m) => {
      const { Sentiment, SentimentScore } = detectSentiment(sentenceAt(m.BeginOffset));
      return {
        Score: m.Score,
        GroupScore: 1,
        Text: m.Text,
        Type: m.Type,
        MentionSentiment: { Sentiment, SentimentScore },
        BeginOffset: m.BeginOffset,
        EndOffset: m.EndOffset,
      };
    }),
  }));
}

const DETERMINERS = new Set(['a', 'an', 'the', 'el', 'la', 'le', 'der', 'die', 'das']);

/** One token per word, number or punctuation mark, with a tag from its shape. */
export function detectSyntax(text: string) {
  const found = matches(text, new RegExp(`${WORD}|\\p{N}+|[^\\s\\p{L}\\p{N}]`, 'gu'));
  return spans(text, found).map((s, i) => {
    const t = s.Text;
    const tag = /^\p{N}/u.test(t)
      ? 'NUM'
      : !/^\p{L}/u.test(t)
        ? 'PUNCT'
        : DETERMINERS.has(t.toLowerCase())
          ? 'DET'
          : /^\p{Lu}/u.test(t) && i > 0
            ? 'PROPN'
            : /(ing|ed)$/.test(t)
              ? 'VERB'
              : 'NOUN';
    return {
      TokenId: i + 1,
      Text: t,
      BeginOffset: s.BeginOffset,
      EndOffset: s.EndOffset,
      PartOfSpeech: { Tag: tag, Score: 0.9 },
    };
  });
}

const PII_PATTERNS: ReadonlyArray<readonly [string, RegExp]> = [
  ['EMAIL', /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/gu],
  ['CREDIT_DEBIT_NUMBER', /\b\d{4}[- ]\d{4}[- ]\d{4}[- ]\d{4}\b/g],
  ['SSN', /\b\d{3}-\d{2}-\d{4}\b/g],
  ['PHONE', /\b\d{3}[-. ]\d{3}[-. ]\d{4}\b/g],
  ['NAME', new RegExp(`${CAPITALIZED} ${CAPITALIZED}`, 'gu')],
];

/** Emails, card numbers, SSNs, phone numbers, and two capitalized words in a row as a NAME. */
export function detectPii(text: string) {
  const taken: Match[] = [];
  const found: Array<Match & { type: string }> = [];
  for (const [type, pattern] of PII_PATTERNS) {
    for (const m of matches(text, pattern)) {
      if (taken.some((t) => m.start < t.end && t.start < m.end)) continue;
      taken.push(m);
      found.push({ ...m, type });
    }
  }
  // DetectPiiEntities answers without the entity text.
  return spans(text, found).map((s) => ({
    Score: 0.999,
    Type: s.type,
    BeginOffset: s.BeginOffset,
    EndOffset: s.EndOffset,
  }));
}

const TOXIC: ReadonlyArray<readonly [string, ReadonlySet<string>]> = [
  ['PROFANITY', new Set(['damn', 'crap'])],
  ['INSULT', new Set(['idiot', 'stupid', 'moron'])],
  ['HATE_SPEECH', new Set(['hate'])],
  ['VIOLENCE_OR_THREAT', new Set(['kill', 'hurt'])],
];

/** Each label scores 0.9 when one of its words appears, else 0.01; toxicity is the highest. */
export function detectToxicity(text: string) {
  const words = new Set(text.toLowerCase().match(new RegExp(WORD, 'gu')) ?? []);
  const Labels = TOXIC.map(([Name, list]) => ({
    Name,
    Score: [...list].some((w) => words.has(w)) ? 0.9 : 0.01,
  }));
  return { Labels, Toxicity: Math.max(...Labels.map((l) => l.Score)) };
}
