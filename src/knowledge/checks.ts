import type {
  GenerationConfiguration,
  KnowledgeBaseRetrievalConfiguration,
} from '@aws-sdk/client-bedrock-agent-runtime';
import { assertText } from '../core/text-input';
import { ValidationError } from '../errors';
import { toRetrievalFilter } from './filter';
import {
  GUARDRAIL_ID,
  GUARDRAIL_VERSION,
  IMPLICIT_ATTRIBUTE_TYPES,
  MAX_GENERATION_TOKENS,
  MAX_IMPLICIT_ATTRIBUTE_DESCRIPTION_CHARS,
  MAX_IMPLICIT_ATTRIBUTE_KEY_CHARS,
  MAX_IMPLICIT_FILTER_ATTRIBUTES,
  MAX_MODEL_ARN_CHARS,
  MAX_PROMPT_TEMPLATE_CHARS,
  MAX_RERANKED_RESULTS,
  MAX_STOP_SEQUENCES,
  MAX_TOP_K,
  MODEL_ARN,
} from './limits';
import type {
  ImplicitFilterAttribute,
  KnowledgeGuardrail,
  KnowledgeInference,
  RetrievalOptions,
} from './types';

/**
 * A string for an error message: quoted when it looks like an identifier (printable ASCII without
 * spaces, at most 80 characters), else named by its length, because a string in the wrong place
 * may be the caller's text (a query passed as the knowledge base id) and messages never hold it.
 * @internal
 */
export function shownString(value: string): string {
  return /^[\x21-\x7e]{1,80}$/.test(value)
    ? `'${value}'`
    : `a string of ${value.length} characters`;
}

/** `value` for an error message; never throws (String() does on a null-prototype object). */
function shown(value: unknown): string {
  if (typeof value === 'string') return shownString(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return String(value);
  }
  return value === null ? 'null' : typeof value;
}

/** @throws ValidationError unless `value` is an integer in [min, max]. @internal */
export function checkInt(value: unknown, min: number, max: number, label: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ValidationError(
      `${label} must be an integer from ${min} to ${max}, got ${shown(value)}`,
    );
  }
  return value;
}

/** @throws ValidationError unless `value` is a number in [min, max]. @internal */
export function checkNumber(value: unknown, min: number, max: number, label: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new ValidationError(
      `${label} must be a number from ${min} to ${max}, got ${shown(value)}`,
    );
  }
  return value;
}

/** A model id or ARN AWS accepts as `modelArn`. @throws ValidationError @internal */
export function checkModel(model: unknown, label = 'model'): string {
  if (typeof model !== 'string' || model === '') {
    throw new ValidationError(
      `${label} is required: a Bedrock model id or ARN, e.g. amazon.nova-lite-v1:0`,
    );
  }
  if (model.length > MAX_MODEL_ARN_CHARS || !MODEL_ARN.test(model)) {
    const named = shownString(model);
    throw new ValidationError(
      `${label} ${named.startsWith("'") ? named : `(${named})`} is not a Bedrock model id or ARN AWS accepts (lower-case id such as amazon.nova-lite-v1:0, or arn:aws:bedrock:…)`,
    );
  }
  return model;
}

/** One metadata attribute of an implicit filter, checked against AWS's MetadataAttributeSchema. */
function implicitAttribute(
  value: unknown,
  label: string,
): { key: string; type: ImplicitFilterAttribute['type']; description: string } {
  if (typeof value !== 'object' || value === null) {
    throw new ValidationError(`${label} must be { key, type, description }`);
  }
  const { key, type, description } = value as Record<string, unknown>;
  if (typeof key !== 'string' || key.length < 1 || key.length > MAX_IMPLICIT_ATTRIBUTE_KEY_CHARS) {
    throw new ValidationError(
      `${label}.key must be a string of 1-${MAX_IMPLICIT_ATTRIBUTE_KEY_CHARS} characters`,
    );
  }
  if (typeof type !== 'string' || !IMPLICIT_ATTRIBUTE_TYPES.includes(type)) {
    throw new ValidationError(
      `${label}.type must be one of ${IMPLICIT_ATTRIBUTE_TYPES.join(', ')}, got ${shown(type)}`,
    );
  }
  if (
    typeof description !== 'string' ||
    description.length < 1 ||
    description.length > MAX_IMPLICIT_ATTRIBUTE_DESCRIPTION_CHARS
  ) {
    throw new ValidationError(
      `${label}.description must be a string of 1-${MAX_IMPLICIT_ATTRIBUTE_DESCRIPTION_CHARS.toLocaleString('en-US')} characters`,
    );
  }
  return { key, type: type as ImplicitFilterAttribute['type'], description };
}

/** Retrieval settings as AWS's configuration, checked. @internal */
export function retrievalConfiguration(
  options: RetrievalOptions,
): KnowledgeBaseRetrievalConfiguration | undefined {
  const { topK, filter, searchType, rerank, implicitFilter } = options;
  if (
    topK === undefined &&
    filter === undefined &&
    searchType === undefined &&
    rerank === undefined &&
    implicitFilter === undefined
  ) {
    return undefined;
  }
  const vector: NonNullable<KnowledgeBaseRetrievalConfiguration['vectorSearchConfiguration']> = {};
  if (topK !== undefined) vector.numberOfResults = checkInt(topK, 1, MAX_TOP_K, 'topK');
  if (filter !== undefined) vector.filter = toRetrievalFilter(filter);
  if (searchType !== undefined) {
    if (searchType !== 'hybrid' && searchType !== 'semantic') {
      throw new ValidationError(
        `searchType must be 'hybrid' or 'semantic', got ${shown(searchType)}`,
      );
    }
    vector.overrideSearchType = searchType === 'hybrid' ? 'HYBRID' : 'SEMANTIC';
  }
  if (rerank !== undefined) {
    if (typeof rerank !== 'object' || rerank === null) {
      throw new ValidationError('rerank must be { model, topN? }');
    }
    const modelArn = checkModel(rerank.model, 'rerank.model');
    vector.rerankingConfiguration = {
      type: 'BEDROCK_RERANKING_MODEL',
      bedrockRerankingConfiguration: {
        modelConfiguration: { modelArn },
        ...(rerank.topN === undefined
          ? {}
          : {
              numberOfRerankedResults: checkInt(
                rerank.topN,
                1,
                MAX_RERANKED_RESULTS,
                'rerank.topN',
              ),
            }),
      },
    };
  }
  if (implicitFilter !== undefined) {
    if (typeof implicitFilter !== 'object' || implicitFilter === null) {
      throw new ValidationError('implicitFilter must be { model, attributes }');
    }
    const { attributes } = implicitFilter;
    if (
      !Array.isArray(attributes) ||
      attributes.length < 1 ||
      attributes.length > MAX_IMPLICIT_FILTER_ATTRIBUTES
    ) {
      throw new ValidationError(
        `implicitFilter.attributes must list 1-${MAX_IMPLICIT_FILTER_ATTRIBUTES} metadata attributes`,
      );
    }
    vector.implicitFilterConfiguration = {
      modelArn: checkModel(implicitFilter.model, 'implicitFilter.model'),
      metadataAttributes: attributes.map((a: unknown, i) =>
        implicitAttribute(a, `implicitFilter.attributes[${i}]`),
      ),
    };
  }
  return { vectorSearchConfiguration: vector };
}

/** Prompt template, guardrail and inference as AWS's GenerationConfiguration, checked. @internal */
export function generationConfiguration(params: {
  promptTemplate?: string | undefined;
  guardrail?: KnowledgeGuardrail | undefined;
  inference?: KnowledgeInference | undefined;
}): GenerationConfiguration | undefined {
  const out: GenerationConfiguration = {};
  const { promptTemplate, guardrail, inference } = params;
  if (promptTemplate !== undefined) {
    assertText(promptTemplate, 'promptTemplate');
    if (promptTemplate.length > MAX_PROMPT_TEMPLATE_CHARS) {
      throw new ValidationError(
        `promptTemplate has ${promptTemplate.length} characters; AWS takes at most ${MAX_PROMPT_TEMPLATE_CHARS}`,
      );
    }
    out.promptTemplate = { textPromptTemplate: promptTemplate };
  }
  if (guardrail !== undefined) {
    if (typeof guardrail !== 'object' || guardrail === null) {
      throw new ValidationError('guardrail must be { id, version }');
    }
    if (typeof guardrail.id !== 'string' || !GUARDRAIL_ID.test(guardrail.id)) {
      throw new ValidationError('guardrail.id must be 1-64 lower-case letters and digits');
    }
    if (typeof guardrail.version !== 'string' || !GUARDRAIL_VERSION.test(guardrail.version)) {
      throw new ValidationError(`guardrail.version must be a version number or 'DRAFT'`);
    }
    out.guardrailConfiguration = { guardrailId: guardrail.id, guardrailVersion: guardrail.version };
  }
  if (inference !== undefined) {
    if (typeof inference !== 'object' || inference === null) {
      throw new ValidationError(
        'inference must be { maxTokens?, temperature?, topP?, stopSequences? }',
      );
    }
    const text: NonNullable<
      NonNullable<GenerationConfiguration['inferenceConfig']>['textInferenceConfig']
    > = {};
    if (inference.maxTokens !== undefined) {
      text.maxTokens = checkInt(
        inference.maxTokens,
        0,
        MAX_GENERATION_TOKENS,
        'inference.maxTokens',
      );
    }
    if (inference.temperature !== undefined) {
      text.temperature = checkNumber(inference.temperature, 0, 1, 'inference.temperature');
    }
    if (inference.topP !== undefined)
      text.topP = checkNumber(inference.topP, 0, 1, 'inference.topP');
    if (inference.stopSequences !== undefined) {
      const stops = inference.stopSequences;
      if (!Array.isArray(stops) || stops.length > MAX_STOP_SEQUENCES) {
        throw new ValidationError(
          `inference.stopSequences takes at most ${MAX_STOP_SEQUENCES} strings`,
        );
      }
      stops.forEach((s, i) => {
        if (typeof s !== 'string' || s.length < 1 || s.length > 1000) {
          throw new ValidationError(`inference.stopSequences[${i}] must be 1-1,000 characters`);
        }
      });
      text.stopSequences = stops;
    }
    out.inferenceConfig = { textInferenceConfig: text };
  }
  return Object.keys(out).length === 0 ? undefined : out;
}
