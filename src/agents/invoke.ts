import { randomUUID } from 'node:crypto';
import type {
  AgentActionGroup,
  InvocationInputMember,
  InvocationResultMember,
  InvokeAgentCommandInput,
  InvokeInlineAgentCommandInput,
  ParameterDetail,
  ParameterType,
  ResponseStream,
} from '@aws-sdk/client-bedrock-agent-runtime';
import { callAws } from '../core/call';
import type { ModuleContext } from '../core/context';
import { abortErrorFrom } from '../core/internal/abort';
import { IdleTimeout, within } from '../core/internal/idle';
import { type Deferred, midStreamError } from '../core/result-stream';
import { type KnowledgeCitation, toCitation } from '../core/retrieval';
import { assertText } from '../core/text-input';
import { ValidationError } from '../errors';
import { AGENT_RUNTIME } from './agent-runtime';
import { checkedInput, requestController } from './checks';
import {
  AGENT_ID,
  DEFAULT_MAX_STEPS,
  GUARDRAIL_IDENTIFIER,
  GUARDRAIL_VERSION,
  KNOWLEDGE_BASE_ID,
  MAX_DESCRIPTION_CHARS,
  MAX_FUNCTION_DESCRIPTION_CHARS,
  MAX_GUARDRAIL_IDENTIFIER_CHARS,
  MAX_IDLE_SESSION_TTL_S,
  MAX_INPUT_CHARS,
  MAX_MODEL_ID_CHARS,
  MAX_PARAMETER_DESCRIPTION_CHARS,
  MEMORY_ID,
  MIN_IDLE_SESSION_TTL_S,
  MIN_INSTRUCTION_CHARS,
  MODEL_IDENTIFIER,
  RESOURCE_NAME,
  SESSION_ID,
} from './limits';
import { toTrace } from './traces';
import type {
  AgentEvent,
  AgentFile,
  AgentFinalMessage,
  AgentFunctionCall,
  AgentParameterValue,
  AgentRef,
  AgentStreamOptions,
  AgentTools,
  InlineAgent,
  InlineFunction,
  InvokeAgentOptions,
} from './types';

/** Which operation a turn goes through. @internal */
export type AgentTarget =
  | { kind: 'agent'; agent: AgentRef; options: InvokeAgentOptions }
  | { kind: 'inline'; agent: InlineAgent; options: AgentStreamOptions };

const PARAMETER_TYPES = ['string', 'number', 'integer', 'boolean', 'array'];

function checkParameterType(label: string, spec: unknown): void {
  const type = (spec as { type?: unknown } | null)?.type;
  if (typeof spec !== 'object' || spec === null || !PARAMETER_TYPES.includes(type as string)) {
    throw new ValidationError(`${label}.type must be one of ${PARAMETER_TYPES.join(', ')}`);
  }
}

/** Our own bound on local tool rounds per turn (each is a billed agent call). */
const MAX_STEPS_LIMIT = 1_000;

/** Checks what does not need the network, synchronously. @internal */
export function checkAgentInput(target: AgentTarget, input: string): void {
  assertText(input, 'input');
  if (input.length > MAX_INPUT_CHARS) {
    throw new ValidationError(`input has ${input.length} characters; AWS takes at most 25,000,000`);
  }
  const o = target.options;
  if (
    o.sessionId !== undefined &&
    (typeof o.sessionId !== 'string' || !SESSION_ID.test(o.sessionId))
  ) {
    throw new ValidationError('sessionId must be 2-100 characters of letters, digits and . _ : -');
  }
  if (
    o.maxSteps !== undefined &&
    (!Number.isInteger(o.maxSteps) || o.maxSteps < 1 || o.maxSteps > MAX_STEPS_LIMIT)
  ) {
    throw new ValidationError(
      `maxSteps must be an integer from 1 to ${MAX_STEPS_LIMIT}, got ${typeof o.maxSteps === 'number' ? o.maxSteps : typeof o.maxSteps}`,
    );
  }
  for (const flag of ['trace', 'endSession', 'streamFinalResponse'] as const) {
    const value = (o as Record<string, unknown>)[flag];
    if (value !== undefined && typeof value !== 'boolean') {
      throw new ValidationError(`${flag} must be true or false, got ${typeof value}`);
    }
  }
  checkTools(o.tools);
  const state = (o as { sessionState?: unknown }).sessionState;
  if (
    state !== undefined &&
    (typeof state !== 'object' || state === null || Array.isArray(state))
  ) {
    throw new ValidationError('sessionState must be an object (AWS SessionState)');
  }
  for (const key of ['sessionAttributes', 'promptSessionAttributes'] as const) {
    const attributes = (state as Record<string, unknown> | undefined)?.[key];
    if (
      attributes !== undefined &&
      (typeof attributes !== 'object' ||
        attributes === null ||
        !Object.values(attributes).every((v) => typeof v === 'string'))
    ) {
      throw new ValidationError(`sessionState.${key} must be an object of string values`);
    }
  }
  if (target.kind === 'agent') {
    const { agent } = target;
    if (!isAgentRef(agent)) {
      throw new ValidationError(
        'agent must be { id, aliasId }: each up to 10 letters and digits (e.g. aliasId TSTALIASID for the draft)',
      );
    }
    const memoryId = target.options.memoryId;
    if (memoryId !== undefined && (typeof memoryId !== 'string' || !MEMORY_ID.test(memoryId))) {
      throw new ValidationError('memoryId must be 2-100 characters of letters, digits and . _ : -');
    }
  } else {
    inlineRequest(target.agent);
  }
}

/** `{ id, aliasId }`, each a string AWS's pattern accepts (never `String()` of something else). */
export function isAgentRef(agent: unknown): agent is AgentRef {
  if (typeof agent !== 'object' || agent === null) return false;
  const { id, aliasId } = agent as { id?: unknown; aliasId?: unknown };
  return (
    typeof id === 'string' &&
    AGENT_ID.test(id) &&
    typeof aliasId === 'string' &&
    AGENT_ID.test(aliasId)
  );
}

/** `tools: { [actionGroup]: { [function]: { execute? } } }`. */
function checkTools(tools: unknown): void {
  if (tools === undefined) return;
  const fail = (what: string): never => {
    throw new ValidationError(
      `tools must be { [actionGroup]: { [function]: { execute?: (input) => result } } }; ${what}`,
    );
  };
  if (typeof tools !== 'object' || tools === null || Array.isArray(tools))
    fail(`got ${typeof tools}`);
  for (const [group, functions] of Object.entries(tools as object)) {
    if (typeof functions !== 'object' || functions === null)
      fail(`tools.${group} is not an object`);
    for (const [name, fn] of Object.entries(functions as object)) {
      if (typeof fn !== 'object' || fn === null) fail(`tools.${group}.${name} is not an object`);
      const execute = (fn as { execute?: unknown }).execute;
      if (execute !== undefined && typeof execute !== 'function') {
        fail(`tools.${group}.${name}.execute is not a function`);
      }
    }
  }
}

/** A plain object (not null, not an array): the maps of an inline agent's definition. */
function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Undefined, or a string of `min`-`max` characters (AWS's description shapes). */
function checkDescription(label: string, value: unknown, max: number): void {
  if (
    value !== undefined &&
    (typeof value !== 'string' || value.length < 1 || value.length > max)
  ) {
    throw new ValidationError(`${label} must be a string of 1-${max} characters`);
  }
}

/** AWS's ParameterMap of a function: names, types, descriptions, required flags. */
function functionParameters(
  label: string,
  parameters: unknown,
): Record<string, ParameterDetail> | undefined {
  if (parameters === undefined) return undefined;
  if (!isMap(parameters)) {
    throw new ValidationError(`${label} must be an object of { type, description?, required? }`);
  }
  return Object.fromEntries(
    Object.entries(parameters).map(([p, spec]) => {
      if (!RESOURCE_NAME.test(p)) {
        throw new ValidationError(`${label}: a parameter name is 1-100 letters, digits, _ or -`);
      }
      const at = `${label}.${p}`;
      // AWS's ParameterType enum.
      checkParameterType(at, spec);
      const { type, description, required } = spec as {
        type: ParameterType;
        description?: unknown;
        required?: unknown;
      };
      checkDescription(`${at}.description`, description, MAX_PARAMETER_DESCRIPTION_CHARS);
      if (required !== undefined && typeof required !== 'boolean') {
        throw new ValidationError(`${at}.required must be true or false`);
      }
      return [
        p,
        {
          type,
          ...(description ? { description: description as string } : {}),
          required: required ?? false,
        },
      ];
    }),
  );
}

function inlineActionGroups(agent: InlineAgent): AgentActionGroup[] {
  const groups = agent.actionGroups as unknown;
  if (
    groups !== undefined &&
    (!Array.isArray(groups) || !groups.every((g) => typeof g === 'object' && g !== null))
  ) {
    throw new ValidationError('actionGroups must be an array of { name, functions, description? }');
  }
  return (agent.actionGroups ?? []).map((group, g) => {
    const label = `actionGroups[${g}]`;
    if (typeof group.name !== 'string' || !RESOURCE_NAME.test(group.name)) {
      throw new ValidationError(
        `${label}.name must be 1-100 letters, digits, _ or - (AWS's ResourceName)`,
      );
    }
    checkDescription(`${label}.description`, group.description, MAX_DESCRIPTION_CHARS);
    const listed = group.functions as unknown;
    if (!isMap(listed)) {
      throw new ValidationError(`${label}.functions must be an object of functions by name`);
    }
    const functions = Object.entries(listed);
    if (functions.length === 0) throw new ValidationError(`${label}.functions is empty`);
    return {
      actionGroupName: group.name,
      ...(group.description ? { description: group.description } : {}),
      actionGroupExecutor: { customControl: 'RETURN_CONTROL' },
      functionSchema: {
        functions: functions.map(([name, fn]) => {
          if (!RESOURCE_NAME.test(name)) {
            throw new ValidationError(
              `${label}.functions.${name}: a function name is 1-100 letters, digits, _ or -`,
            );
          }
          const at = `${label}.functions.${name}`;
          if (!isMap(fn)) {
            throw new ValidationError(`${at} must be { description?, parameters?, execute? }`);
          }
          const { description, parameters, execute } = fn as InlineFunction;
          checkDescription(`${at}.description`, description, MAX_FUNCTION_DESCRIPTION_CHARS);
          if (execute !== undefined && typeof execute !== 'function') {
            throw new ValidationError(`${at}.execute must be a function`);
          }
          const params = functionParameters(`${at}.parameters`, parameters);
          return {
            name,
            ...(description ? { description } : {}),
            ...(params ? { parameters: params } : {}),
          };
        }),
      },
    };
  });
}

/** The InvokeInlineAgent request members of an inline agent, checked. @internal */
export function inlineRequest(
  agent: InlineAgent,
): Omit<InvokeInlineAgentCommandInput, 'sessionId' | 'inputText'> {
  if (typeof agent !== 'object' || agent === null) {
    throw new ValidationError(
      'agent must be { model, instruction, actionGroups?, knowledgeBases? }',
    );
  }
  if (
    typeof agent.model !== 'string' ||
    agent.model.length > MAX_MODEL_ID_CHARS ||
    !MODEL_IDENTIFIER.test(agent.model)
  ) {
    throw new ValidationError(
      'model must be a Bedrock model id or ARN, e.g. anthropic.claude-3-5-haiku-20241022-v1:0',
    );
  }
  if (
    typeof agent.instruction !== 'string' ||
    agent.instruction.trim().length < MIN_INSTRUCTION_CHARS
  ) {
    throw new ValidationError(
      `instruction must be at least ${MIN_INSTRUCTION_CHARS} characters (AWS's minimum); describe what the agent should do`,
    );
  }
  if (
    agent.name !== undefined &&
    (typeof agent.name !== 'string' || !RESOURCE_NAME.test(agent.name))
  ) {
    throw new ValidationError('name must be 1-100 letters, digits, _ or -');
  }
  const ttl = agent.idleSessionTtlSeconds;
  if (
    ttl !== undefined &&
    (!Number.isInteger(ttl) || ttl < MIN_IDLE_SESSION_TTL_S || ttl > MAX_IDLE_SESSION_TTL_S)
  ) {
    throw new ValidationError(
      `idleSessionTtlSeconds must be an integer from ${MIN_IDLE_SESSION_TTL_S} to ${MAX_IDLE_SESSION_TTL_S}`,
    );
  }
  const bases = agent.knowledgeBases as unknown;
  if (
    bases !== undefined &&
    (!Array.isArray(bases) || !bases.every((kb) => typeof kb === 'object' && kb !== null))
  ) {
    throw new ValidationError('knowledgeBases must be an array of { id, description }');
  }
  const knowledgeBases = (agent.knowledgeBases ?? []).map((kb, i) => {
    if (typeof kb.id !== 'string' || !KNOWLEDGE_BASE_ID.test(kb.id)) {
      throw new ValidationError(`knowledgeBases[${i}].id must be a 10-character knowledge base id`);
    }
    if (
      typeof kb.description !== 'string' ||
      kb.description.length < 1 ||
      kb.description.length > MAX_DESCRIPTION_CHARS
    ) {
      throw new ValidationError(
        `knowledgeBases[${i}].description must be 1-${MAX_DESCRIPTION_CHARS} characters`,
      );
    }
    return { knowledgeBaseId: kb.id, description: kb.description };
  });
  const actionGroups = inlineActionGroups(agent);
  const guardrail = agent.guardrail as unknown;
  if (guardrail !== undefined) {
    const { id, version } = (
      typeof guardrail === 'object' && guardrail !== null ? guardrail : {}
    ) as {
      id?: unknown;
      version?: unknown;
    };
    if (
      typeof id !== 'string' ||
      id.length > MAX_GUARDRAIL_IDENTIFIER_CHARS ||
      !GUARDRAIL_IDENTIFIER.test(id) ||
      typeof version !== 'string' ||
      !GUARDRAIL_VERSION.test(version)
    ) {
      throw new ValidationError(
        "guardrail must be { id, version }: a guardrail id and a version such as '1' or 'DRAFT'",
      );
    }
  }
  return {
    foundationModel: agent.model,
    instruction: agent.instruction,
    ...(agent.name ? { agentName: agent.name } : {}),
    ...(actionGroups.length ? { actionGroups } : {}),
    ...(knowledgeBases.length ? { knowledgeBases } : {}),
    ...(agent.guardrail
      ? {
          guardrailConfiguration: {
            guardrailIdentifier: agent.guardrail.id,
            guardrailVersion: agent.guardrail.version,
          },
        }
      : {}),
    ...(ttl !== undefined ? { idleSessionTTLInSeconds: ttl } : {}),
  };
}

/** Local tools of an inline agent: the `execute` of its functions, merged with `options.tools`. */
function toolsOf(target: AgentTarget): AgentTools {
  const tools: AgentTools = { ...(target.options.tools ?? {}) };
  if (target.kind === 'inline') {
    for (const group of target.agent.actionGroups ?? []) {
      tools[group.name] = { ...group.functions, ...(tools[group.name] ?? {}) };
    }
  }
  return tools;
}

function parseValue(type: string | undefined, value: string | undefined): AgentParameterValue {
  const text = value ?? '';
  if (type === 'number' || type === 'integer') {
    const n = Number(text);
    return Number.isFinite(n) ? n : text;
  }
  if (type === 'boolean') return text === 'true';
  return text;
}

function toCall(member: InvocationInputMember): AgentFunctionCall | undefined {
  const fn = member.functionInvocationInput;
  if (fn) {
    return {
      actionGroup: fn.actionGroup ?? '',
      function: fn.function ?? '',
      parameters: Object.fromEntries(
        (fn.parameters ?? []).map((p) => [p.name ?? '', parseValue(p.type, p.value)]),
      ),
      invocationType: fn.actionInvocationType,
    };
  }
  const api = member.apiInvocationInput;
  if (api) {
    const body = Object.values(api.requestBody?.content ?? {})[0]?.properties ?? [];
    return {
      actionGroup: api.actionGroup ?? '',
      function: `${api.httpMethod ?? 'GET'} ${api.apiPath ?? ''}`,
      apiPath: api.apiPath,
      httpMethod: api.httpMethod,
      parameters: Object.fromEntries(
        [...(api.parameters ?? []), ...body].map((p) => [
          p.name ?? '',
          parseValue(p.type, p.value),
        ]),
      ),
      invocationType: api.actionInvocationType,
    };
  }
  return undefined;
}

/**
 * Whether every call can run here: each has a local `execute`, and none waits for the user's
 * confirmation (AWS's `USER_CONFIRMATION` / `USER_CONFIRMATION_AND_RESULT`: the function must not
 * run until the user confirms, and its result carries `confirmationState`), which only the caller
 * can ask for.
 */
function canRun(calls: AgentFunctionCall[], tools: AgentTools): boolean {
  return (
    calls.length > 0 &&
    calls.every(
      (c) =>
        typeof tools[c.actionGroup]?.[c.function]?.execute === 'function' &&
        !c.invocationType?.startsWith('USER_CONFIRMATION'),
    )
  );
}

async function runCalls(
  calls: AgentFunctionCall[],
  tools: AgentTools,
  invocationId: string,
  step: number,
  signal: AbortSignal,
): Promise<Array<{ call: AgentFunctionCall; output: string; isError: boolean }>> {
  return Promise.all(
    calls.map(async (call) => {
      const execute = tools[call.actionGroup]?.[call.function]?.execute;
      try {
        const value = await execute?.(call.parameters, {
          actionGroup: call.actionGroup,
          function: call.function,
          invocationId,
          step,
          signal,
        });
        const output = typeof value === 'string' ? value : JSON.stringify(value ?? null);
        return { call, output, isError: false };
      } catch (err) {
        if (signal.aborted) throw abortErrorFrom(signal.reason);
        const message = err instanceof Error ? err.message : String(err);
        return { call, output: `Error: ${message}`, isError: true };
      }
    }),
  );
}

function toResult(r: {
  call: AgentFunctionCall;
  output: string;
  isError: boolean;
}): InvocationResultMember {
  const { call, output, isError } = r;
  const state = isError ? { responseState: 'REPROMPT' as const } : {};
  if (call.apiPath !== undefined) {
    return {
      apiResult: {
        actionGroup: call.actionGroup,
        apiPath: call.apiPath,
        httpMethod: call.httpMethod,
        httpStatusCode: isError ? 500 : 200,
        responseBody: { 'application/json': { body: output } },
        ...state,
      },
    };
  }
  return {
    functionResult: {
      actionGroup: call.actionGroup,
      function: call.function,
      responseBody: { TEXT: { body: output } },
      ...state,
    },
  };
}

const decoder = new TextDecoder();

/**
 * One agent turn as events, loaded on first read: InvokeAgent (or InvokeInlineAgent) calls until
 * the agent answers. When it returns control and every requested function has a local `execute`,
 * they run, a `tool-result` event each follows, and the same turn continues with their results,
 * up to `maxSteps` calls. Resolves `final`. @internal
 */
export async function* agentEvents(
  ctx: ModuleContext,
  target: AgentTarget,
  input: string,
  idleMs: number,
  final: Deferred<AgentFinalMessage>,
  signal: AbortSignal,
): AsyncGenerator<AgentEvent> {
  const o = target.options;
  const site = {
    service: 'bedrock-agent-runtime',
    operation: target.kind === 'agent' ? 'InvokeAgent' : 'InvokeInlineAgent',
  } as const;
  const { tools, inline } = checkedInput(`${site.operation} input`, () => {
    checkAgentInput(target, input);
    return {
      tools: toolsOf(target),
      inline: target.kind === 'inline' ? inlineRequest(target.agent) : undefined,
    };
  });
  const sessionId = o.sessionId ?? randomUUID();
  const maxSteps = o.maxSteps ?? DEFAULT_MAX_STEPS;
  let text = '';
  const rawCitations: Parameters<typeof toCitation>[1][] = [];
  const files: AgentFile[] = [];
  const requestIds: string[] = [];
  let memoryId: string | undefined;
  let results: { invocationId: string; results: InvocationResultMember[] } | undefined;
  for (let step = 1; ; step += 1) {
    // Throws when the turn was cut before this request (also while the code loaded): nothing sent.
    const { controller: attempt, unlink } = requestController(signal);
    let returned: { invocationId: string; calls: AgentFunctionCall[] } | undefined;
    try {
      const common = {
        sessionId,
        ...(results ? {} : { inputText: input }),
        ...(o.trace ? { enableTrace: true } : {}),
        ...(o.endSession ? { endSession: true } : {}),
        ...(o.streamFinalResponse
          ? { streamingConfigurations: { streamFinalResponse: true } }
          : {}),
      };
      const requestOptions = { ...o, signal: attempt.signal };
      const sent =
        target.kind === 'agent'
          ? callAws(
              ctx,
              AGENT_RUNTIME,
              site.operation,
              ({ client, sdk, signal: s }) => {
                const request: InvokeAgentCommandInput = {
                  ...common,
                  agentId: target.agent.id,
                  agentAliasId: target.agent.aliasId,
                  ...(target.options.memoryId ? { memoryId: target.options.memoryId } : {}),
                  ...(target.options.sessionState || results
                    ? {
                        sessionState: {
                          ...target.options.sessionState,
                          ...(results
                            ? {
                                invocationId: results.invocationId,
                                returnControlInvocationResults: results.results,
                              }
                            : {}),
                        },
                      }
                    : {}),
                };
                return client.send(new sdk.InvokeAgentCommand(request), { abortSignal: s });
              },
              requestOptions,
            )
          : callAws(
              ctx,
              AGENT_RUNTIME,
              site.operation,
              ({ client, sdk, signal: s }) => {
                const request: InvokeInlineAgentCommandInput = {
                  ...(inline as Omit<InvokeInlineAgentCommandInput, 'sessionId'>),
                  ...common,
                  ...(results
                    ? {
                        inlineSessionState: {
                          invocationId: results.invocationId,
                          returnControlInvocationResults: results.results,
                        },
                      }
                    : {}),
                };
                return client.send(new sdk.InvokeInlineAgentCommand(request), { abortSignal: s });
              },
              requestOptions,
            );
      const out = await within(
        sent as Promise<{
          completion?: AsyncIterable<ResponseStream>;
          $metadata: { requestId?: string };
          memoryId?: string;
        }>,
        idleMs,
        () => attempt.abort(),
      );
      if (out.$metadata.requestId) requestIds.push(out.$metadata.requestId);
      memoryId ??= out.memoryId;
      const events = out.completion?.[Symbol.asyncIterator]();
      while (events) {
        let next: IteratorResult<ResponseStream>;
        try {
          next = await within(events.next(), idleMs, () => attempt.abort());
        } catch (err) {
          if (signal.aborted) throw abortErrorFrom(signal.reason);
          throw midStreamError(err, site);
        }
        if (next.done) break;
        const event = next.value;
        if (event.chunk) {
          const piece = event.chunk.bytes ? decoder.decode(event.chunk.bytes) : '';
          if (piece) {
            text += piece;
            yield { type: 'text-delta', text: piece };
          }
          for (const c of event.chunk.attribution?.citations ?? []) {
            rawCitations.push(c);
            const citation: KnowledgeCitation = toCitation(text, c);
            yield { type: 'citation', citation };
          }
        } else if (event.trace) {
          yield { type: 'trace', trace: toTrace(event.trace) };
        } else if (event.files) {
          const produced = (event.files.files ?? []).map((f) => ({
            name: f.name ?? '',
            type: f.type ?? '',
            bytes: f.bytes ?? new Uint8Array(),
          }));
          files.push(...produced);
          yield { type: 'files', files: produced };
        } else if (event.returnControl) {
          const calls = (event.returnControl.invocationInputs ?? [])
            .map(toCall)
            .filter((c): c is AgentFunctionCall => c !== undefined);
          returned = { invocationId: event.returnControl.invocationId ?? '', calls };
          yield { type: 'return-control', ...returned };
        }
      }
      // A cancelled request ends the SDK's event iterator without an error: name the cause.
      if (signal.aborted) throw abortErrorFrom(signal.reason);
    } catch (err) {
      if (signal.aborted) throw abortErrorFrom(signal.reason);
      throw err instanceof IdleTimeout ? midStreamError(err, site) : err;
    } finally {
      unlink();
    }
    if (returned && canRun(returned.calls, tools) && step < maxSteps) {
      const ran = await runCalls(returned.calls, tools, returned.invocationId, step, signal);
      for (const r of ran) {
        yield {
          type: 'tool-result',
          step,
          actionGroup: r.call.actionGroup,
          function: r.call.function,
          output: r.output,
          isError: r.isError,
        };
      }
      results = { invocationId: returned.invocationId, results: ran.map(toResult) };
      continue;
    }
    final.resolve({
      text,
      citations: rawCitations.map((c) => toCitation(text, c)),
      sessionId,
      memoryId,
      files,
      returnControl: returned,
      steps: step,
      requestIds,
    });
    return;
  }
}
