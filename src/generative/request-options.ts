import type { ConverseRequest } from '@aws-sdk/client-bedrock-runtime';
import { ValidationError } from '../core/errors';
import { modelFamily } from './model-capabilities';
import type { GenerateParams } from './types';

const EFFORTS = ['low', 'medium', 'high', 'xhigh', 'max'] as const;
const TIERS = ['priority', 'default', 'flex', 'reserved'] as const;
/** Anthropic's smallest thinking budget. */
export const MIN_THINKING_BUDGET = 1024;
/** Bedrock's `RequestMetadata` map: at most 16 pairs, keys 1-256 and values 0-256 of these characters. */
const METADATA_TEXT = /^[a-zA-Z0-9\s:_@$#=/+,\-.]*$/;
const PROMPT_ARN = /^arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:prompt\//;

/** Whether the model is a Prompt management prompt ARN. @internal */
export function isPromptArn(model: string): boolean {
  return PROMPT_ARN.test(model);
}

type Extra = Pick<
  ConverseRequest,
  | 'outputConfig'
  | 'serviceTier'
  | 'performanceConfig'
  | 'requestMetadata'
  | 'promptVariables'
  | 'additionalModelRequestFields'
>;

/**
 * Reasoning mapped per model family, with the constraints Bedrock (Anthropic) enforces checked
 * first: a thinking budget of at least 1,024 tokens, `maxTokens` above it, no `temperature` (other
 * than 1), `topP` of 0.95 or more, no forced tool choice; `xhigh`/`max` effort only with thinking.
 */
function reasoningFields(
  params: GenerateParams,
  fields: Record<string, unknown>,
): { effort?: string; fields: Record<string, unknown> } {
  const reasoning = params.reasoning;
  if (reasoning === undefined) return { fields };
  if (typeof reasoning !== 'object' || reasoning === null) {
    throw new ValidationError('reasoning must be { effort?, budgetTokens? }');
  }
  const { effort, budgetTokens } = reasoning;
  if (effort !== undefined && !EFFORTS.includes(effort)) {
    throw new ValidationError(`reasoning.effort must be one of ${EFFORTS.join(', ')}`);
  }
  if (
    budgetTokens !== undefined &&
    !(Number.isInteger(budgetTokens) && budgetTokens >= MIN_THINKING_BUDGET)
  ) {
    throw new ValidationError(
      `reasoning.budgetTokens must be an integer >= ${MIN_THINKING_BUDGET}, got ${String(budgetTokens)}`,
    );
  }
  const family = modelFamily(params.model);
  if (budgetTokens !== undefined) {
    if (family !== 'anthropic') {
      throw new ValidationError(
        'reasoning.budgetTokens is for Anthropic Claude models; use reasoning.effort for this model',
      );
    }
    if ('thinking' in fields) {
      throw new ValidationError(
        'reasoning.budgetTokens and additionalModelRequestFields.thinking both set thinking; keep one',
      );
    }
    if (params.maxTokens === undefined || params.maxTokens <= budgetTokens) {
      throw new ValidationError(
        `with reasoning.budgetTokens ${budgetTokens}, set maxTokens above it (thinking tokens count toward maxTokens)`,
      );
    }
    if (params.temperature !== undefined && params.temperature !== 1) {
      throw new ValidationError(
        'temperature cannot be changed while thinking (reasoning.budgetTokens); remove temperature',
      );
    }
    if (params.topP !== undefined && params.topP < 0.95) {
      throw new ValidationError(
        'with reasoning.budgetTokens, topP must be 0.95 or more (or left out)',
      );
    }
    const choice = params.toolChoice;
    if (choice !== undefined && choice !== 'auto') {
      throw new ValidationError(
        "thinking (reasoning.budgetTokens) works only with toolChoice 'auto'; remove toolChoice",
      );
    }
  }
  if (
    (effort === 'xhigh' || effort === 'max') &&
    family === 'anthropic' &&
    budgetTokens === undefined
  ) {
    throw new ValidationError(
      `reasoning.effort '${effort}' needs thinking on: set reasoning.budgetTokens, or use effort 'high' or below`,
    );
  }
  const out = { ...fields };
  if (budgetTokens !== undefined) out.thinking = { type: 'enabled', budget_tokens: budgetTokens };
  if (effort === undefined) return { fields: out };
  if (family === 'nova') {
    if (effort === 'xhigh' || effort === 'max') {
      throw new ValidationError("Nova takes reasoning.effort 'low', 'medium' or 'high'");
    }
    if ('reasoningConfig' in fields) {
      throw new ValidationError(
        'reasoning.effort and additionalModelRequestFields.reasoningConfig both set reasoning; keep one',
      );
    }
    out.reasoningConfig = { type: 'enabled', maxReasoningEffort: effort };
    return { fields: out };
  }
  if (/(^|\.)openai\.gpt-oss/.test(params.model)) {
    if (effort === 'xhigh' || effort === 'max') {
      throw new ValidationError("gpt-oss takes reasoning.effort 'low', 'medium' or 'high'");
    }
    out.reasoning_effort = effort;
    return { fields: out };
  }
  return { effort, fields: out };
}

function metadataOf(metadata: Record<string, string>): Record<string, string> {
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) {
    throw new ValidationError('requestMetadata must be an object of strings');
  }
  const entries = Object.entries(metadata);
  if (entries.length < 1 || entries.length > 16) {
    throw new ValidationError(`requestMetadata takes 1 to 16 pairs, got ${entries.length}`);
  }
  for (const [key, value] of entries) {
    if (key.length < 1 || key.length > 256 || !METADATA_TEXT.test(key)) {
      throw new ValidationError(
        'requestMetadata keys must be 1-256 letters, digits, spaces or :_@$#=/+,-.',
      );
    }
    if (typeof value !== 'string' || value.length > 256 || !METADATA_TEXT.test(value)) {
      throw new ValidationError(
        `requestMetadata.${key.slice(0, 40)} must be a string of at most 256 letters, digits, spaces or :_@$#=/+,-.`,
      );
    }
  }
  return metadata;
}

/** The prompt ARN settings the prompt itself owns. */
const PROMPT_OWNED = [
  'system',
  'maxTokens',
  'temperature',
  'topP',
  'stop',
  'tools',
  'toolChoice',
  'additionalModelRequestFields',
  'reasoning',
  'responseFormat',
] as const;

/**
 * Service tier, latency, request metadata, prompt variables and reasoning, as Converse fields;
 * checked before any call.
 * @internal
 */
export function extraFields(params: GenerateParams): Extra {
  const prompt = isPromptArn(params.model);
  if (prompt) {
    for (const key of PROMPT_OWNED) {
      if (params[key] !== undefined) {
        throw new ValidationError(
          `${key} cannot be set with a prompt ARN: the prompt defines it (change the prompt, or call the model directly)`,
        );
      }
    }
  } else if (params.promptVariables !== undefined) {
    throw new ValidationError(
      'promptVariables needs a prompt ARN as model (arn:aws:bedrock:…:prompt/…)',
    );
  }
  const extra: Extra = {};
  if (params.promptVariables !== undefined) {
    const vars = params.promptVariables;
    if (typeof vars !== 'object' || vars === null || Array.isArray(vars)) {
      throw new ValidationError('promptVariables must be an object of strings');
    }
    extra.promptVariables = Object.fromEntries(
      Object.entries(vars).map(([name, text]) => {
        if (typeof text !== 'string') {
          throw new ValidationError(`promptVariables.${name.slice(0, 40)} must be a string`);
        }
        return [name, { text }];
      }),
    );
  }
  if (params.serviceTier !== undefined) {
    if (!TIERS.includes(params.serviceTier)) {
      throw new ValidationError(`serviceTier must be one of ${TIERS.join(', ')}`);
    }
    extra.serviceTier = { type: params.serviceTier };
  }
  if (params.latency !== undefined) {
    if (params.latency !== 'standard' && params.latency !== 'optimized') {
      throw new ValidationError("latency must be 'standard' or 'optimized'");
    }
    extra.performanceConfig = { latency: params.latency };
  }
  if (params.requestMetadata !== undefined) {
    extra.requestMetadata = metadataOf(params.requestMetadata);
  }
  const { effort, fields } = reasoningFields(params, {
    ...(params.additionalModelRequestFields ?? {}),
  });
  if (Object.keys(fields).length > 0) extra.additionalModelRequestFields = fields as never;
  if (effort !== undefined) extra.outputConfig = { effort };
  return extra;
}
