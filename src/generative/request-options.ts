import type { ConverseRequest } from '@aws-sdk/client-bedrock-runtime';
import { describe } from '../config';
import { assertText } from '../core/text-input';
import { type AwsAIErrorOptions, ValidationError } from '../errors';
import { MAX_STOP_SEQUENCES, MAX_TOKENS_RANGE, TEMPERATURE_RANGE, TOP_P_RANGE } from './limits';
import { modelFamily } from './model-capabilities';
import { assertModel } from './model-id';
import type { GenerateParams } from './types';

/** Where a check failed, for the error (service and operation). */
type Site = Pick<AwsAIErrorOptions, 'service' | 'operation'>;

/** Lone surrogates cannot be encoded as UTF-8: Bedrock would reject or mangle them. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * A number option: a finite number within `min..max` (an integer when `integer`). The message
 * names the option and the rule, and shows the value without `String()` (which throws on some
 * objects). Absent (`undefined`) is fine.
 * @internal
 */
export function checkNumberOption(
  value: unknown,
  name: string,
  rule: { min: number; max?: number | undefined; integer?: boolean | undefined },
  site?: Site,
): void {
  if (value === undefined) return;
  const max = rule.max ?? (rule.integer ? Number.MAX_SAFE_INTEGER : Number.MAX_VALUE);
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    value >= rule.min &&
    value <= max &&
    (!rule.integer || Number.isSafeInteger(value));
  if (!ok) {
    const upTo = rule.max === undefined ? '' : rule.max.toLocaleString('en-US');
    const wanted =
      rule.integer && rule.min === 1
        ? `a positive integer${upTo ? ` (at most ${upTo})` : ''}`
        : `${rule.integer ? 'an integer' : 'a number'} ${upTo ? `within ${rule.min}..${upTo}` : `>= ${rule.min}`}`;
    throw new ValidationError(`${name} must be ${wanted}, got ${describe(value)}`, site);
  }
}

/**
 * Text that may be blank (a history turn, a stop sequence) but must be a well-formed string: an
 * unpaired UTF-16 surrogate has no UTF-8 encoding.
 * @internal
 */
export function checkWellFormed(value: unknown, name: string, site?: Site): void {
  if (typeof value !== 'string') {
    throw new ValidationError(`${name} must be a string, got ${describe(value)}`, site);
  }
  const bad = LONE_SURROGATE.exec(value);
  if (bad) {
    throw new ValidationError(
      `${name} has an unpaired UTF-16 surrogate at index ${bad.index}; it cannot be encoded as UTF-8`,
      site,
    );
  }
}

/** `messages`: an array of `{ role, content }` whose text is well-formed (blank text is dropped later). */
function checkMessages(messages: unknown): void {
  if (!Array.isArray(messages)) {
    throw new ValidationError(
      `messages must be an array of { role, content }, got ${describe(messages)}`,
    );
  }
  // An index loop: forEach and some skip the holes of a sparse array.
  for (let i = 0; i < messages.length; i++) {
    const message = messages[i] as { role?: unknown; content?: unknown } | undefined;
    if (typeof message !== 'object' || message === null) {
      throw new ValidationError(
        `messages[${i}] must be { role, content }, got ${describe(message)}`,
      );
    }
    if (message.role !== 'user' && message.role !== 'assistant') {
      throw new ValidationError(`messages[${i}].role must be 'user' or 'assistant'`);
    }
    const content = message.content;
    if (typeof content === 'string') {
      checkWellFormed(content, `messages[${i}].content`);
    } else if (Array.isArray(content)) {
      for (let j = 0; j < content.length; j++) {
        const part = content[j] as { type?: unknown; text?: unknown } | undefined;
        if (typeof part !== 'object' || part === null) {
          throw new ValidationError(
            `messages[${i}].content[${j}] must be a content part, got ${describe(part)}`,
          );
        }
        if (typeof part.text === 'string')
          checkWellFormed(part.text, `messages[${i}].content[${j}].text`);
      }
    } else {
      throw new ValidationError(`messages[${i}].content must be a string or an array of parts`);
    }
  }
}

/**
 * Converse's inference settings against the bedrock-runtime model's ranges (limits.ts), and
 * `maxSteps` (ours: a safe integer >= 1).
 * @internal
 */
export function checkInference(params: GenerateParams): void {
  checkNumberOption(params.maxTokens, 'maxTokens', { ...MAX_TOKENS_RANGE, integer: true });
  checkNumberOption(params.temperature, 'temperature', TEMPERATURE_RANGE);
  checkNumberOption(params.topP, 'topP', TOP_P_RANGE);
  checkNumberOption(params.maxSteps, 'maxSteps', { min: 1, integer: true });
  const stop: unknown = params.stop;
  if (stop !== undefined) {
    if (!Array.isArray(stop) || stop.length > MAX_STOP_SEQUENCES) {
      throw new ValidationError(
        `stop must be an array of at most ${MAX_STOP_SEQUENCES.toLocaleString('en-US')} non-empty strings, got ${describe(stop)}${Array.isArray(stop) ? ` of ${stop.length} items` : ''}`,
      );
    }
    for (let i = 0; i < stop.length; i++) {
      checkWellFormed(stop[i], `stop[${i}]`);
      if (stop[i] === '')
        throw new ValidationError(`stop[${i}] is empty; stop sequences need text`);
    }
  }
}

/**
 * The checks every Converse-based method makes first, synchronously and before anything else
 * (media reads, schema planning, the network): params an object, the model id, the prompt,
 * messages and system text, and the inference settings. `generate`, `stream`, `chat`,
 * `generateObject`, `streamObject`, `countTokens` and `batch` records all go through it.
 * @internal
 */
export function checkGenerateParams(params: GenerateParams): void {
  if (typeof params !== 'object' || params === null) {
    throw new ValidationError('params must be an object with model and prompt or messages');
  }
  assertModel(params.model);
  if (params.prompt !== undefined) assertText(params.prompt, 'prompt');
  if (params.messages !== undefined) checkMessages(params.messages);
  if (params.system !== undefined) assertText(params.system, 'system');
  checkInference(params);
}

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
