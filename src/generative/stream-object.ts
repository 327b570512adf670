import type { ModuleContext } from '../core/context';
import { Deferred } from '../core/final-reader';
import { ValidationError } from '../errors';
import { converseEvents } from './converse-events';
import { StructuredOutputError } from './errors';
import {
  answerIssues,
  CUT_AT_MAX_TOKENS,
  describeIssues,
  guardrailIntervened,
  type ObjectPlan,
  parseJsonText,
  planObject,
  refusedNative,
  toolPlan,
  unwrapAnswer,
} from './generate-object';
import { parsePartialJson } from './partial-json';
import type { SchemaIssue } from './schema';
import type { StreamSettings } from './stream-options';
import type {
  GenerateParams,
  GenerativeContentPart,
  GenerativeFinalMessage,
  GenerativeMessage,
  GenerativeUsage,
  ObjectStreamEvent,
  ObjectStreamResult,
  StreamObjectOptions,
  StreamObjectParams,
} from './types';
import { addUsage, emptyUsage } from './usage';

/**
 * The conversation as messages with the attached images and documents inside the first turn, so
 * that a repair round (which adds turns) keeps them where the model saw them.
 */
function conversation(params: GenerateParams): GenerativeMessage[] {
  const attachments: GenerativeContentPart[] = [
    ...(params.images ?? []).map((entry): GenerativeContentPart => {
      const { image, format } =
        typeof entry === 'object' && entry !== null && 'image' in entry
          ? entry
          : { image: entry, format: undefined };
      return { type: 'image', image, format };
    }),
    ...(params.documents ?? []).map((entry): GenerativeContentPart => {
      const { document, format, name } =
        typeof entry === 'object' && entry !== null && 'document' in entry
          ? entry
          : { document: entry, format: undefined, name: undefined };
      return { type: 'document', document, format, name };
    }),
  ];
  const messages: GenerativeMessage[] =
    params.prompt !== undefined
      ? [{ role: 'user', content: params.prompt }]
      : [...(params.messages ?? [])];
  if (attachments.length > 0) {
    const last = messages.at(-1);
    if (last?.role === 'user') {
      const parts: GenerativeContentPart[] =
        typeof last.content === 'string' ? [{ type: 'text', text: last.content }] : last.content;
      messages[messages.length - 1] = { role: 'user', content: [...attachments, ...parts] };
    }
  }
  return messages;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The events of a streamObject: one ConverseStream per round, the JSON (tool input deltas or
 * text deltas) parsed as it grows. Array mode validates each element once the next one began (or
 * the answer ended) and yields it; an invalid element ends the stream with a
 * StructuredOutputError at the end (elements already delivered stay valid, so no repair round).
 * Object mode validates the final value and repairs once, like generateObject.
 * @internal
 */
export async function* objectEvents<T, E>(
  ctx: ModuleContext,
  params: StreamObjectParams<unknown>,
  options: StreamObjectOptions,
  settings: StreamSettings,
  final: Deferred<ObjectStreamResult<T>>,
  signal: AbortSignal,
): AsyncGenerator<ObjectStreamEvent<T, E>> {
  const { idleTimeoutMs: _i, ...requestOptions } = options;
  const array = params.output === 'array';
  if (params.output !== undefined && params.output !== 'object' && !array) {
    throw new ValidationError("output must be 'object' or 'array'");
  }
  let plan = (await planObject(params, array)) as ObjectPlan<T>;
  let messages = conversation(plan.params);
  let usage: GenerativeUsage = emptyUsage();
  let issues: SchemaIssue[] = [];
  let raw = '';
  let requestId: string | undefined;
  let delivered = 0;
  const rounds = params.repair === false || array ? 1 : 2;
  for (let round = 1; round <= rounds; round += 1) {
    const roundFinal = new Deferred<GenerativeFinalMessage>();
    let buffer = '';
    let last: unknown;
    let yielded = false;
    const roundParams: GenerateParams = { ...plan.params, messages };
    delete roundParams.prompt;
    delete roundParams.images;
    delete roundParams.documents;
    try {
      for await (const event of converseEvents(
        ctx,
        roundParams,
        { ...requestOptions, signal },
        settings,
        roundFinal,
        signal,
      )) {
        let delta: string | undefined;
        if (plan.mode === 'tool' && event.type === 'tool-call-delta') delta = event.inputDelta;
        else if (plan.mode !== 'tool' && event.type === 'text-delta') delta = event.text;
        else if (event.type === 'reset') {
          buffer = '';
          last = undefined;
        }
        if (delta === undefined || delta === '') continue;
        buffer += delta;
        const parsed = parsePartialJson(buffer);
        const value =
          plan.wrapKey !== undefined && typeof parsed === 'object' && parsed !== null
            ? (parsed as Record<string, unknown>)[plan.wrapKey]
            : parsed;
        if (value === undefined || sameJson(value, last)) continue;
        last = value;
        yielded = true;
        yield { type: 'partial', object: value as never };
        if (array && Array.isArray(value) && plan.validateElement) {
          // Every element but the last is complete once the next one has begun.
          while (delivered < value.length - 1) {
            const outcome = await plan.validateElement(value[delivered]);
            if (!outcome.ok) break;
            yield { type: 'element', index: delivered, element: outcome.value as E };
            delivered += 1;
          }
        }
      }
    } catch (err) {
      if (!(plan.fallback && round === 1 && !yielded && refusedNative(err))) throw err;
      plan = toolPlan(plan);
      round -= 1;
      yield { type: 'reset', reason: 'fallback' };
      continue;
    }
    const message = await roundFinal.promise;
    usage = addUsage(usage, message.usage);
    requestId = message.requestId;
    const call = message.toolCalls.find((c) => c.name === plan.name);
    let answer: { ok: true; value: unknown } | { ok: false };
    if (plan.mode === 'tool' && call) {
      raw = JSON.stringify(call.input);
      answer = typeof call.input === 'string' ? { ok: false } : { ok: true, value: call.input };
    } else {
      raw = message.text;
      answer = parseJsonText(message.text);
    }
    if (answer.ok) {
      const outcome = await unwrapAnswer(plan, answer.value);
      if (outcome.ok) {
        if (array && Array.isArray(outcome.value)) {
          for (; delivered < outcome.value.length; delivered += 1) {
            yield { type: 'element', index: delivered, element: outcome.value[delivered] as E };
          }
        }
        yield {
          type: 'finish',
          object: outcome.value,
          usage,
          finishReason: message.finishReason,
        };
        final.resolve({
          object: outcome.value,
          raw,
          repaired: round > 1,
          mode: plan.mode,
          finishReason: message.finishReason,
          usage,
          requestId,
        });
        return;
      }
      issues = answerIssues(message.stopReason, outcome.issues);
    } else {
      issues = [
        {
          path: '',
          message:
            message.stopReason === 'max_tokens'
              ? CUT_AT_MAX_TOKENS
              : plan.mode === 'tool'
                ? `the model did not call the ${plan.name} tool`
                : 'the answer is not JSON',
        },
      ];
    }
    if (message.stopReason === 'guardrail_intervened') {
      throw guardrailIntervened(raw, 'ConverseStream', requestId);
    }
    if (round < rounds) {
      const feedback = `Invalid answer: ${describeIssues(issues)}`;
      messages = [
        ...messages,
        { role: 'assistant', content: message.content },
        {
          role: 'user',
          content: call
            ? [
                { type: 'tool-result', id: call.id, output: feedback, isError: true },
                {
                  type: 'text',
                  text: `Call ${plan.name} again with input that fixes these problems.`,
                },
              ]
            : [{ type: 'text', text: `${feedback}. Answer again with only JSON that fixes them.` }],
        },
      ];
      yield { type: 'reset', reason: 'repair' };
    }
  }
  throw new StructuredOutputError(
    `the model's output did not match the schema${rounds > 1 ? ' after a repair round' : ''}: ${describeIssues(issues)}`,
    raw,
    issues,
    { service: 'bedrock-runtime', operation: 'ConverseStream', requestId },
  );
}
