import type { ContentBlock, Message } from '@aws-sdk/client-bedrock-runtime';
import type { ModuleContext } from '../core/context';
import { AwsAIError, ValidationError } from '../errors';
import { converseOnce } from './converse';
import { buildConverseRequest } from './converse-input';
import { StructuredOutputError } from './errors';
import { supportsNativeStructuredOutput } from './model-capabilities';
import { checkGenerateParams } from './request-options';
import {
  assertConstrains,
  checkSchema,
  type SchemaIssue,
  type SchemaLike,
  type SchemaOutcome,
  toJsonSchema,
  validateValue,
} from './schema';
import type {
  GenerateObjectParams,
  GenerateObjectResult,
  GenerateOptions,
  GenerateParams,
  GenerateStep,
  GenerativeUsage,
  StreamObjectParams,
} from './types';
import { addUsage, toFinishReason } from './usage';

const NAME = /^[a-zA-Z0-9_-]{1,64}$/;
const MODES = ['auto', 'native', 'tool', 'json'] as const;
/** Tool inputs and native answers must be objects: another schema is wrapped in `{ value }`. */
const WRAP_KEY = 'value';
/** Array mode: the elements go in `{ elements: [...] }`. */
const ELEMENTS_KEY = 'elements';

/** How one structured-output request is put to the model, and how its answer is read. @internal */
export interface ObjectPlan<T> {
  mode: 'native' | 'tool' | 'json';
  /** `auto` chose `native`: a refusal of `outputConfig` falls back to `tool`. */
  fallback: boolean;
  name: string;
  /** The key the answer is wrapped in, if any. */
  wrapKey: string | undefined;
  /** The caller's schema as JSON Schema. */
  json: Record<string, unknown>;
  /** The Converse parameters (tools, response format, system prompt for the mode). */
  params: GenerateParams;
  /** Validates the unwrapped answer. */
  validate: (value: unknown) => Promise<SchemaOutcome<T>>;
  /** Array mode: validates one element. */
  validateElement?: ((value: unknown) => Promise<SchemaOutcome<unknown>>) | undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The JSON inside a text answer: code fences stripped; in `json` mode the outermost braces. @internal */
export function parseJsonText(text: string): { ok: true; value: unknown } | { ok: false } {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(text);
  const body = (fenced?.[1] ?? text).trim();
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch {
    const start = body.search(/[[{]/);
    const end = Math.max(body.lastIndexOf('}'), body.lastIndexOf(']'));
    if (start >= 0 && end > start) {
      try {
        return { ok: true, value: JSON.parse(body.slice(start, end + 1)) };
      } catch {
        // not JSON either way
      }
    }
    return { ok: false };
  }
}

function jsonInstruction(json: Record<string, unknown>): string {
  return `Answer with only a JSON value that matches this JSON Schema; no prose and no code fences.\nJSON Schema: ${JSON.stringify(json)}`;
}

/**
 * Checks the structured-output parameters and plans the request: mode, wrapping, the schema the
 * model sees. No network call; a JSON Schema's `$ref`s are resolved here.
 * @internal
 */
export async function planObject<T>(
  params: GenerateObjectParams<T> | StreamObjectParams<T>,
  array = false,
): Promise<ObjectPlan<T>> {
  // Model, prompt, messages and inference settings first, as every Converse method checks them.
  checkGenerateParams(params as GenerateParams);
  if (params.schema === undefined) {
    throw new ValidationError(
      'schema is required: a Standard Schema (zod, valibot, arktype, effect), a JSON Schema, or { schema, jsonSchema }',
    );
  }
  const {
    schema,
    mode: requested = 'auto',
    name = 'respond',
    description,
    repair: _repair,
    ...rest
  } = params as StreamObjectParams<T>;
  delete (rest as { output?: unknown }).output;
  if (!NAME.test(name)) throw new ValidationError('name must be 1-64 letters, digits, _ or -');
  if (!MODES.includes(requested)) {
    throw new ValidationError(`mode must be one of ${MODES.join(', ')}`);
  }
  for (const key of ['tools', 'toolChoice', 'responseFormat'] as const) {
    if ((params as unknown as Record<string, unknown>)[key] !== undefined) {
      throw new ValidationError(`${key} cannot be combined with structured output; remove it`);
    }
  }
  const json = toJsonSchema(schema, 'schema');
  assertConstrains(schema, 'schema');
  await checkSchema(schema, 'schema');
  let mode: 'native' | 'tool' | 'json' =
    requested === 'auto'
      ? supportsNativeStructuredOutput(params.model)
        ? 'native'
        : 'tool'
      : requested;
  // Thinking forbids a forced tool: auto answers in JSON text instead, an explicit tool is refused.
  const thinking = params.reasoning?.budgetTokens !== undefined;
  if (thinking && mode === 'tool') {
    if (requested === 'tool') {
      throw new ValidationError(
        "mode 'tool' forces a tool call, which thinking (reasoning.budgetTokens) does not allow; use mode 'native' or 'json'",
      );
    }
    mode = 'json';
  }
  const validateOne = (value: unknown) => validateValue(schema as SchemaLike, value);
  let wrapKey: string | undefined;
  let sent: Record<string, unknown>;
  if (array) {
    wrapKey = ELEMENTS_KEY;
    sent = {
      type: 'object',
      properties: { [ELEMENTS_KEY]: { type: 'array', items: json } },
      required: [ELEMENTS_KEY],
      additionalProperties: false,
    };
  } else if (json.type !== 'object' && mode !== 'json') {
    wrapKey = WRAP_KEY;
    sent = {
      type: 'object',
      properties: { [WRAP_KEY]: json },
      required: [WRAP_KEY],
      additionalProperties: false,
    };
  } else {
    sent = json;
  }
  // In json mode nothing is wrapped: the model answers the value (array mode: the array).
  if (mode === 'json') {
    wrapKey = undefined;
    if (array) sent = { type: 'array', items: json };
  }
  const base: GenerateParams = { ...(rest as GenerateParams) };
  if (mode === 'tool') {
    base.tools = {
      [name]: { description: description ?? 'Respond with the requested data.', input: sent },
    };
    base.toolChoice = { tool: name };
  } else if (mode === 'native') {
    base.responseFormat = {
      type: 'json',
      schema: sent,
      name,
      ...(description ? { description } : {}),
    };
  } else {
    base.system = base.system
      ? `${base.system}\n\n${jsonInstruction(sent)}`
      : jsonInstruction(sent);
  }
  const validate = async (value: unknown): Promise<SchemaOutcome<T>> => {
    if (!array) return validateValue(schema, value);
    if (!Array.isArray(value))
      return { ok: false, issues: [{ path: '', message: 'must be an array' }] };
    const out: unknown[] = [];
    const issues: SchemaIssue[] = [];
    for (const [i, element] of value.entries()) {
      const r = await validateOne(element);
      if (r.ok) out.push(r.value);
      else issues.push(...r.issues.map((x) => ({ path: `/${i}${x.path}`, message: x.message })));
    }
    return issues.length > 0 ? { ok: false, issues } : { ok: true, value: out as T };
  };
  return {
    mode,
    fallback: requested === 'auto' && mode === 'native',
    name,
    wrapKey,
    json,
    params: base,
    validate,
    validateElement: array ? validateOne : undefined,
  };
}

/** The same plan in `tool` mode: `auto` falls back to it when `outputConfig` is refused. @internal */
export function toolPlan<T>(plan: ObjectPlan<T>): ObjectPlan<T> {
  const { responseFormat: format, ...rest } = plan.params;
  const input = format?.schema ?? plan.json;
  return {
    ...plan,
    mode: 'tool',
    fallback: false,
    params: {
      ...rest,
      tools: {
        [plan.name]: {
          description: format?.description ?? 'Respond with the requested data.',
          input,
        },
      },
      toolChoice: { tool: plan.name },
    },
  };
}

/** Whether Bedrock refused `outputConfig.textFormat` for this model (so `auto` uses a tool). @internal */
export function refusedNative(err: unknown): boolean {
  if (!AwsAIError.isInstance(err) || err.code !== 'ValidationException') return false;
  const text = `${err.serviceMessage ?? ''} ${err.message}`;
  return /outputConfig|textFormat|structured output|output format|json_schema/i.test(text);
}

/**
 * Unwraps the answer: `{ value }` (or `{ elements }`) must be there and alone. An answer without
 * the wrapper that is valid as it stands is accepted (some models drop it); anything else is an
 * issue for the repair round, never `undefined` passed off as the value.
 * @internal
 */
export async function unwrapAnswer<T>(
  plan: ObjectPlan<T>,
  answer: unknown,
): Promise<SchemaOutcome<T>> {
  const key = plan.wrapKey;
  if (key === undefined) return plan.validate(answer);
  if (isObject(answer) && Object.hasOwn(answer, key)) {
    const extra = Object.keys(answer).filter((k) => k !== key);
    const outcome = await plan.validate(answer[key]);
    if (extra.length === 0 || !outcome.ok) return outcome;
    return {
      ok: false,
      issues: [{ path: '', message: `must have only the property "${key}"` }],
    };
  }
  const bare = await plan.validate(answer);
  if (bare.ok) return bare;
  return {
    ok: false,
    issues: [
      {
        path: '',
        message: `missing required property "${key}": the answer goes in { "${key}": … }`,
      },
    ],
  };
}

interface Candidate {
  raw: string;
  found: boolean;
  value: unknown;
  toolUseId: string | undefined;
}

function candidateOf(
  step: Omit<GenerateStep, 'toolResults'>,
  plan: ObjectPlan<unknown>,
): Candidate {
  if (plan.mode === 'tool') {
    const call = step.toolCalls.find((c) => c.name === plan.name);
    if (call) {
      return {
        raw: JSON.stringify(call.input),
        found: true,
        value: call.input,
        toolUseId: call.id,
      };
    }
  }
  // Native and json answers are text; a model that answered a forced tool in text is accepted too.
  const parsed = parseJsonText(step.text);
  return parsed.ok
    ? { raw: step.text, found: true, value: parsed.value, toolUseId: undefined }
    : { raw: step.text, found: false, value: undefined, toolUseId: undefined };
}

/** Issues as one line for the model and the error message (paths and schema terms only). @internal */
export function describeIssues(issues: readonly SchemaIssue[]): string {
  return issues
    .slice(0, 20)
    .map((i) => `${i.path || '/'}: ${i.message}`)
    .join('; ');
}

/**
 * A guardrail blocked the request or the answer, so what came back is the guardrail's message, not
 * an answer: a repair round would be blocked the same way (the guardrail reads the whole
 * conversation). @internal
 */
export function guardrailIntervened(
  raw: string,
  operation: 'Converse' | 'ConverseStream',
  requestId: string | undefined,
): StructuredOutputError {
  const issues = [
    { path: '', message: "a guardrail intervened: the answer is the guardrail's message" },
  ];
  return new StructuredOutputError(
    `the model's output did not match the schema: ${describeIssues(issues)}`,
    raw,
    issues,
    { service: 'bedrock-runtime', operation, requestId, code: 'GuardrailIntervened' },
  );
}

/** The issue of an answer Bedrock stopped at `maxTokens`. @internal */
export const CUT_AT_MAX_TOKENS = 'the answer was cut at maxTokens before the JSON ended';

/**
 * The issues of an invalid answer, led by the cut when Bedrock stopped it at `maxTokens`: what
 * parsed of a cut answer fails the schema for a reason the schema's issues alone do not tell.
 * @internal
 */
export function answerIssues(stopReason: string, issues: SchemaIssue[]): SchemaIssue[] {
  if (stopReason !== 'max_tokens' || issues.some((i) => i.message === CUT_AT_MAX_TOKENS))
    return issues;
  return [{ path: '', message: CUT_AT_MAX_TOKENS }, ...issues];
}

/**
 * The user turn that asks for a corrected answer. Bedrock wants every tool call of the answer
 * answered, first in the turn: the one read gets the issues, any other an error result too.
 * @internal
 */
export function repairTurn(
  plan: ObjectPlan<unknown>,
  toolUseId: string | undefined,
  issues: readonly SchemaIssue[],
  found: boolean,
  otherCalls: readonly string[] = [],
): ContentBlock[] {
  if (toolUseId) {
    return [
      {
        toolResult: {
          toolUseId,
          status: 'error',
          content: [{ text: `Invalid input: ${describeIssues(issues)}` }],
        },
      },
      ...otherCalls
        .filter((id) => id !== toolUseId)
        .map(
          (id): ContentBlock => ({
            toolResult: {
              toolUseId: id,
              status: 'error',
              content: [{ text: `Not used: only the first call of ${plan.name} is read.` }],
            },
          }),
        ),
      { text: `Call ${plan.name} once again with input that fixes these problems.` },
    ];
  }
  if (plan.mode === 'tool') {
    return [{ text: `Call the ${plan.name} tool with the data; do not answer in text.` }];
  }
  return [
    {
      text: found
        ? `That answer is invalid: ${describeIssues(issues)}. Answer again with only JSON that fixes these problems.`
        : 'That answer was not JSON. Answer again with only the JSON value.',
    },
  ];
}

/**
 * Structured output: the schema goes to the model as `outputConfig.textFormat` (native), a forced
 * tool, or a JSON instruction, and the answer is validated with the caller's schema. An invalid
 * answer gets one repair round (the issues go back to the model); a second failure throws a
 * {@link StructuredOutputError}.
 * @internal
 */
export async function generateObject<T>(
  ctx: ModuleContext,
  params: GenerateObjectParams<T>,
  options?: GenerateOptions,
): Promise<GenerateObjectResult<T>> {
  let plan = await planObject(params);
  let built = await buildConverseRequest(plan.params);
  const messages: Message[] = [...(built.request.messages ?? [])];
  let usage: GenerativeUsage | undefined;
  let issues: SchemaIssue[] = [];
  let raw = '';
  let requestId: string | undefined;
  const rounds = params.repair === false ? 1 : 2;
  for (let round = 1; round <= rounds; round += 1) {
    let answer: Awaited<ReturnType<typeof converseOnce>>;
    try {
      answer = await converseOnce(ctx, { ...built.request, messages }, options);
    } catch (err) {
      if (!(plan.fallback && round === 1 && refusedNative(err))) throw err;
      ctx.config.logger?.debug(
        'aws-ai: bedrock-runtime refused outputConfig.textFormat for this model; using a forced tool',
      );
      plan = toolPlan(plan);
      built = await buildConverseRequest(plan.params);
      answer = await converseOnce(ctx, { ...built.request, messages }, options);
    }
    const { step, message } = answer;
    usage = usage ? addUsage(usage, step.usage) : step.usage;
    requestId = step.requestId;
    const candidate = candidateOf(step, plan as ObjectPlan<unknown>);
    raw = candidate.raw;
    if (candidate.found) {
      const outcome = await unwrapAnswer(plan, candidate.value);
      if (outcome.ok) {
        return {
          object: outcome.value,
          raw,
          repaired: round > 1,
          mode: plan.mode,
          finishReason: toFinishReason(step.stopReason),
          usage,
          requestId,
        };
      }
      issues = answerIssues(step.stopReason, outcome.issues);
    } else {
      issues = answerIssues(step.stopReason, [
        {
          path: '',
          message:
            step.stopReason === 'max_tokens'
              ? CUT_AT_MAX_TOKENS
              : plan.mode === 'tool'
                ? `the model did not call the ${plan.name} tool`
                : 'the answer is not JSON',
        },
      ]);
    }
    if (step.stopReason === 'guardrail_intervened') {
      throw guardrailIntervened(raw, 'Converse', requestId);
    }
    messages.push(message, {
      role: 'user',
      content: repairTurn(
        plan as ObjectPlan<unknown>,
        candidate.toolUseId,
        issues,
        candidate.found,
        step.toolCalls.map((c) => c.id),
      ),
    });
  }
  throw new StructuredOutputError(
    `the model's output did not match the schema${rounds > 1 ? ' after a repair round' : ''}: ${describeIssues(issues)}`,
    raw,
    issues,
    { service: 'bedrock-runtime', operation: 'Converse', requestId },
  );
}
