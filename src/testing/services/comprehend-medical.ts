import { EmulatorError } from '../emulator-error';
import type { EmulatorInput, Handler } from '../types';
import {
  FAMILY,
  MEDICATION_ATTRIBUTES,
  NEGATION,
  PAST,
  PHI_PATTERNS,
  TERMS,
  type Term,
} from './comprehend-medical-lexicon';
import { bodyLimit, MIB, type ServiceDefinition } from './definition';

/**
 * `Text` limits of the model (`reference/aws-models/comprehendmedical.json`): 20,000 characters
 * for DetectEntitiesV2 / DetectPHI (`BoundedLengthString`), 10,000 for the Infer* operations
 * (`OntologyLinkingBoundedLengthString`), counted in code points.
 */
const DETECT_MAX = 20_000;
const INFER_MAX = 10_000;
const MODEL_VERSION = '2.4.0-emulated';

/** A found span, in UTF-16 indices of the text. */
interface Found {
  start: number;
  end: number;
  category: string;
  type: string;
  term?: Term;
  traits: string[];
}

function requireText(input: EmulatorInput, max: number): string {
  const text = input.Text;
  if (typeof text !== 'string' || text.length === 0) {
    throw new EmulatorError('InvalidRequestException', 'Text must be a non-empty string');
  }
  let count = 0;
  for (const _ of text) count++;
  if (count > max) {
    throw new EmulatorError(
      'TextSizeLimitExceededException',
      `Text is ${count} characters; the limit is ${max}`,
    );
  }
  return text;
}

/** Code point offset of a UTF-16 index (Comprehend Medical's offsets are in code points). */
function codePoints(text: string): (index: number) => number {
  const prefix = new Uint32Array(text.length + 1);
  let cp = 0;
  for (let i = 0; i < text.length; i++) {
    prefix[i] = cp;
    const code = text.charCodeAt(i);
    const low = text.charCodeAt(i + 1);
    if (code >= 0xd800 && code <= 0xdbff && low >= 0xdc00 && low <= 0xdfff) {
      prefix[i + 1] = cp;
      i++;
    }
    cp++;
  }
  prefix[text.length] = cp;
  return (index) => prefix[index] ?? cp;
}

function sentenceOf(text: string, at: number): { start: number; end: number } {
  let start = at;
  while (start > 0 && !/[.;!?\n]/.test(text.charAt(start - 1))) start--;
  let end = at;
  while (end < text.length && !/[.;!?\n]/.test(text.charAt(end))) end++;
  return { start, end };
}

function overlaps(taken: readonly Found[], start: number, end: number): boolean {
  return taken.some((f) => start < f.end && f.start < end);
}

function escapeRegExp(phrase: string): string {
  return phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Lexicon terms, longest first, never overlapping, with their traits from the sentence. */
function findTerms(text: string): Found[] {
  const found: Found[] = [];
  for (const term of TERMS) {
    const re = new RegExp(
      `(?<![\\p{L}\\p{N}])${escapeRegExp(term.phrase)}(?![\\p{L}\\p{N}])`,
      'giu',
    );
    for (const m of text.matchAll(re)) {
      const start = m.index;
      const end = start + m[0].length;
      if (overlaps(found, start, end)) continue;
      const sentence = sentenceOf(text, start);
      const before = text.slice(sentence.start, start);
      const traits: string[] = [];
      if (term.trait) traits.push(term.trait);
      if (NEGATION.test(before)) traits.push('NEGATION');
      if (PAST.test(before)) traits.push('PAST_HISTORY');
      if (FAMILY.test(text.slice(sentence.start, sentence.end))) traits.push('PERTAINS_TO_FAMILY');
      found.push({ start, end, category: term.category, type: term.type, term, traits });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

function findPhi(text: string): Found[] {
  const found: Found[] = [];
  for (const [type, re] of PHI_PATTERNS) {
    for (const m of text.matchAll(re)) {
      const group = m[1];
      const start = group === undefined ? m.index : m.index + m[0].indexOf(group);
      const end = start + (group ?? m[0]).length;
      if (overlaps(found, start, end)) continue;
      found.push({ start, end, category: 'PROTECTED_HEALTH_INFORMATION', type, traits: [] });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

interface Attached {
  owner: Found | undefined;
  span: Found;
}

/** Dosage, frequency and route spans, each given to the nearest medication of its sentence. */
function medicationAttributes(text: string, terms: readonly Found[]): Attached[] {
  const meds = terms.filter((t) => t.category === 'MEDICATION');
  const out: Attached[] = [];
  for (const [type, re] of MEDICATION_ATTRIBUTES) {
    for (const m of text.matchAll(re)) {
      const start = m.index;
      const end = start + m[0].length;
      if (overlaps(terms, start, end)) continue;
      const sentence = sentenceOf(text, start);
      // The nearest medication before the attribute in its sentence, else the nearest after it.
      const inSentence = meds.filter(
        (med) => med.start >= sentence.start && med.end <= sentence.end,
      );
      const near =
        inSentence.filter((med) => med.end <= start).at(-1) ??
        inSentence.find((med) => med.start >= end);
      out.push({ owner: near, span: { start, end, category: 'MEDICATION', type, traits: [] } });
    }
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}

/** Body sites in a condition's sentence become its SYSTEM_ORGAN_SITE attributes. */
function siteAttributes(terms: readonly Found[], text: string): Attached[] {
  const conditions = terms.filter((t) => t.category === 'MEDICAL_CONDITION');
  return terms
    .filter((t) => t.category === 'ANATOMY')
    .map((site) => {
      const sentence = sentenceOf(text, site.start);
      const owner = conditions.find((c) => c.start >= sentence.start && c.end <= sentence.end);
      return { owner, span: site };
    });
}

/** The AWS shapes, with ids and code point offsets. */
function shaper(text: string) {
  const cp = codePoints(text);
  let nextId = 0;
  const ids = new Map<Found, number>();
  const idOf = (f: Found) => {
    let id = ids.get(f);
    if (id === undefined) {
      id = nextId++;
      ids.set(f, id);
    }
    return id;
  };
  const traits = (f: Found, allowed?: readonly string[]) =>
    f.traits
      .filter((name) => allowed === undefined || allowed.includes(name))
      .map((Name) => ({ Name, Score: 0.9 }));
  const span = (f: Found) => ({
    Id: idOf(f),
    BeginOffset: cp(f.start),
    EndOffset: cp(f.end),
    Text: text.slice(f.start, f.end),
  });
  return {
    entity: (f: Found, extra: Record<string, unknown> = {}, allowed?: readonly string[]) => ({
      ...span(f),
      Score: 0.99,
      Category: f.category,
      Type: f.type,
      Traits: traits(f, allowed),
      ...extra,
    }),
    attribute: (
      f: Found,
      relationship: boolean,
      extra: Record<string, unknown> = {},
      allowed?: readonly string[],
    ) => ({
      ...span(f),
      Type: f.type,
      Score: 0.95,
      ...(relationship ? { RelationshipScore: 0.9, RelationshipType: f.type } : {}),
      Category: f.category,
      Traits: traits(f, allowed),
      ...extra,
    }),
  };
}

const concepts = (list: ReadonlyArray<readonly [string, string]> | undefined) =>
  (list ?? []).map(([Code, Description], i) => ({ Code, Description, Score: 0.9 - i * 0.3 }));

const detectEntitiesV2: Handler = (input) => {
  const text = requireText(input, DETECT_MAX);
  const terms = findTerms(text);
  const attached = [...medicationAttributes(text, terms), ...siteAttributes(terms, text)];
  const shape = shaper(text);
  const owned = new Set(attached.filter((a) => a.owner).map((a) => a.span));
  const entities = [...terms.filter((t) => !owned.has(t)), ...findPhi(text)]
    .sort((a, b) => a.start - b.start)
    .map((f) =>
      shape.entity(f, {
        Attributes: attached.filter((a) => a.owner === f).map((a) => shape.attribute(a.span, true)),
      }),
    );
  return {
    Entities: entities,
    UnmappedAttributes: attached
      .filter((a) => a.owner === undefined && a.span.category === 'MEDICATION')
      .map((a) => ({ Type: 'MEDICATION', Attribute: shape.attribute(a.span, false) })),
    ModelVersion: MODEL_VERSION,
  };
};

const detectPhi: Handler = (input) => {
  const text = requireText(input, DETECT_MAX);
  const shape = shaper(text);
  return {
    Entities: findPhi(text).map((f) => shape.entity(f, { Attributes: [] })),
    ModelVersion: MODEL_VERSION,
  };
};

const ICD_TRAITS = [
  'NEGATION',
  'DIAGNOSIS',
  'SIGN',
  'SYMPTOM',
  'PERTAINS_TO_FAMILY',
  'HYPOTHETICAL',
  'LOW_CONFIDENCE',
];
const RX_TRAITS = ['NEGATION', 'PAST_HISTORY'];

const inferIcd10cm: Handler = (input) => {
  const text = requireText(input, INFER_MAX);
  const terms = findTerms(text);
  const shape = shaper(text);
  const sites = siteAttributes(terms, text);
  return {
    Entities: terms
      .filter((t) => t.term?.icd10cm)
      .map((f) =>
        shape.entity(
          f,
          {
            // ICD10CMAttribute.Traits is an ICD10CMTraitList too (no PAST_HISTORY).
            Attributes: sites
              .filter((a) => a.owner === f)
              .map((a) => shape.attribute(a.span, true, {}, ICD_TRAITS)),
            ICD10CMConcepts: concepts(f.term?.icd10cm),
          },
          ICD_TRAITS,
        ),
      ),
    ModelVersion: MODEL_VERSION,
  };
};

const inferRxNorm: Handler = (input) => {
  const text = requireText(input, INFER_MAX);
  const terms = findTerms(text);
  const shape = shaper(text);
  const attached = medicationAttributes(text, terms);
  return {
    Entities: terms
      .filter((t) => t.term?.rxnorm)
      .map((f) =>
        shape.entity(
          f,
          {
            Attributes: attached
              .filter((a) => a.owner === f)
              .map((a) => {
                const {
                  Category: _,
                  RelationshipType: __,
                  ...rest
                } = shape.attribute(a.span, true);
                return rest;
              }),
            RxNormConcepts: concepts(f.term?.rxnorm),
          },
          RX_TRAITS,
        ),
      ),
    ModelVersion: MODEL_VERSION,
  };
};

const inferSnomedct: Handler = (input) => {
  const text = requireText(input, INFER_MAX);
  const terms = findTerms(text);
  const shape = shaper(text);
  const sites = siteAttributes(terms, text);
  let characters = 0;
  for (const _ of text) characters++;
  return {
    Entities: terms
      .filter((t) => t.term?.snomedct)
      .map((f) =>
        shape.entity(f, {
          Attributes: sites
            .filter((a) => a.owner === f)
            .map((a) => shape.attribute(a.span, true, { SNOMEDCTConcepts: [] })),
          SNOMEDCTConcepts: concepts(f.term?.snomedct),
        }),
      ),
    ModelVersion: MODEL_VERSION,
    SNOMEDCTDetails: { Edition: 'US', Language: 'en', VersionDate: '20240301' },
    Characters: { OriginalTextCharacters: characters },
  };
};

const TEXT_ERRORS = ['InvalidRequestException', 'TextSizeLimitExceededException'];

/**
 * Amazon Comprehend Medical: awsJson1_1, target prefix `ComprehendMedical_20181030`. Entities come
 * from a small lexicon (comprehend-medical-lexicon.ts) with real codes, PHI from patterns; offsets
 * in code points, as AWS.
 */
export function createComprehendMedicalService(): ServiceDefinition {
  return {
    name: 'comprehendmedical',
    protocol: 'aws-json',
    signingName: 'comprehendmedical',
    targetPrefix: 'ComprehendMedical_20181030',
    routes: [],
    handlers: {
      DetectEntitiesV2: detectEntitiesV2,
      DetectPHI: detectPhi,
      InferICD10CM: inferIcd10cm,
      InferRxNorm: inferRxNorm,
      InferSNOMEDCT: inferSnomedct,
    },
    errors: {
      DetectEntitiesV2: TEXT_ERRORS,
      DetectPHI: TEXT_ERRORS,
      InferICD10CM: TEXT_ERRORS,
      InferRxNorm: TEXT_ERRORS,
      InferSNOMEDCT: TEXT_ERRORS,
    },
    // Text is at most 20,000 characters: even JSON-escaped astral characters stay far below 1 MiB.
    maxRequestBody: bodyLimit(MIB),
    throttle: { code: 'TooManyRequestsException', status: 429 },
    serverError: { code: 'InternalServerException', status: 500 },
    errorStatus: { ServiceUnavailableException: 503, TooManyRequestsException: 429 },
  };
}
