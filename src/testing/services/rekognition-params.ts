import type { Handler } from '../types';
import { checkLength, checkPattern, checkRange, constraintViolation } from './constraint';

/** A member's constraint in Rekognition's model (rekognition.json). */
type Rule =
  | { kind: 'id'; max: number; pattern: RegExp; source: string }
  | { kind: 'number'; min: number; max?: number }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'enum-list'; values: readonly string[] }
  | { kind: 'label-settings' };

const COLLECTION_ID: Rule = {
  kind: 'id',
  max: 255,
  pattern: /^[a-zA-Z0-9_.-]+$/,
  source: '[a-zA-Z0-9_.\\-]+',
};
const EXTERNAL_IMAGE_ID: Rule = {
  kind: 'id',
  max: 255,
  pattern: /^[a-zA-Z0-9_.:-]+$/,
  source: '[a-zA-Z0-9_.\\-:]+',
};
const PERCENT: Rule = { kind: 'number', min: 0, max: 100 };
const UINTEGER: Rule = { kind: 'number', min: 0 };
const QUALITY_FILTER: Rule = { kind: 'enum', values: ['NONE', 'AUTO', 'LOW', 'MEDIUM', 'HIGH'] };
const ATTRIBUTES: Rule = {
  kind: 'enum-list',
  values: [
    'DEFAULT',
    'ALL',
    'AGE_RANGE',
    'BEARD',
    'EMOTIONS',
    'EYE_DIRECTION',
    'EYEGLASSES',
    'EYES_OPEN',
    'GENDER',
    'MOUTH_OPEN',
    'MUSTACHE',
    'FACE_OCCLUDED',
    'SMILE',
    'SUNGLASSES',
  ],
};

/** Members each operation's model constrains, by wire name (image members are rekognition-image.ts's). */
export const PARAMETER_RULES: Readonly<Record<string, Readonly<Record<string, Rule>>>> = {
  DetectLabels: {
    MinConfidence: PERCENT,
    MaxLabels: UINTEGER,
    Settings: { kind: 'label-settings' },
  },
  DetectFaces: { Attributes: ATTRIBUTES },
  DetectModerationLabels: { MinConfidence: PERCENT },
  DetectCustomLabels: { MinConfidence: PERCENT, MaxResults: UINTEGER },
  CompareFaces: { SimilarityThreshold: PERCENT, QualityFilter: QUALITY_FILTER },
  CreateCollection: { CollectionId: COLLECTION_ID },
  DeleteCollection: { CollectionId: COLLECTION_ID },
  IndexFaces: {
    CollectionId: COLLECTION_ID,
    ExternalImageId: EXTERNAL_IMAGE_ID,
    DetectionAttributes: ATTRIBUTES,
    MaxFaces: { kind: 'number', min: 1 },
    QualityFilter: QUALITY_FILTER,
  },
  SearchFaces: {
    CollectionId: COLLECTION_ID,
    MaxFaces: { kind: 'number', min: 1, max: 4096 },
    FaceMatchThreshold: PERCENT,
  },
  SearchFacesByImage: {
    CollectionId: COLLECTION_ID,
    MaxFaces: { kind: 'number', min: 1, max: 4096 },
    FaceMatchThreshold: PERCENT,
    QualityFilter: QUALITY_FILTER,
  },
};

/** AWS quotes members in lower camel case: `CollectionId` → `collectionId`. */
const wireName = (member: string) => member.charAt(0).toLowerCase() + member.slice(1);

function check(member: string, value: unknown, rule: Rule): void {
  if (value === undefined) return;
  const name = wireName(member);
  switch (rule.kind) {
    case 'id':
      checkLength(name, value, 1, rule.max);
      checkPattern(name, value, rule.pattern, rule.source);
      return;
    case 'number':
      if (typeof value === 'number') checkRange(name, value, rule.min, rule.max);
      return;
    case 'enum':
      if (!rule.values.includes(String(value)))
        throw constraintViolation(
          name,
          value,
          `Member must satisfy enum value set: [${rule.values.join(', ')}]`,
        );
      return;
    case 'label-settings': {
      // GeneralLabelsFilterValue: at most 50 of [A-Za-z0-9àâèçñó'-_(). ] ('-_ is a range).
      const general = (value as { GeneralLabels?: Record<string, unknown> }).GeneralLabels ?? {};
      for (const [filter, list] of Object.entries(general)) {
        if (!Array.isArray(list)) continue;
        list.forEach((item: unknown, i) => {
          const member = `settings.generalLabels.${wireName(filter)}.${i + 1}.member`;
          const text = String(item);
          if (text.length > 50)
            throw constraintViolation(
              member,
              text,
              'Member must have length less than or equal to 50',
            );
          if (!/^[A-Za-z0-9\u00e0\u00e2\u00e8\u00e7\u00f1\u00f3'-_(). ]*$/.test(text))
            throw constraintViolation(
              member,
              text,
              "Member must satisfy regular expression pattern: [A-Za-z0-9àâèçñó'-_(). ]*",
            );
        });
      }
      return;
    }
    case 'enum-list':
      if (Array.isArray(value) && value.some((v) => !rule.values.includes(String(v))))
        throw constraintViolation(
          name,
          `[${value.join(', ')}]`,
          `Member must satisfy constraint: [Member must satisfy enum value set: [${rule.values.join(', ')}]]`,
        );
      return;
  }
}

/**
 * Checks an operation's members against their model constraints first, as AWS's request validation
 * does before the operation runs (ValidationException, through `constraintViolation`).
 */
export function withParameterRules(operation: string, handler: Handler): Handler {
  const rules = PARAMETER_RULES[operation];
  if (!rules) return handler;
  return (input, ctx) => {
    for (const [member, rule] of Object.entries(rules)) check(member, input[member], rule);
    return handler(input, ctx);
  };
}
