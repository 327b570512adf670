import { AbortError, StreamError, TimeoutError, ValidationError } from 'aws-ai/agents';
import { describe, expect, it } from 'vitest';
import { callsTo, useEmulator } from '../helpers/emulator';
import { dig } from '../knowledge/dig';

const { emu, client } = await useEmulator();
const agent = { id: 'AGENT12345', aliasId: 'TSTALIASID' };

const WEATHER = {
  steps: [
    { trace: { orchestrationTrace: { rationale: { text: 'I need the forecast for Paris.' } } } },
    {
      call: {
        actionGroup: 'weather',
        function: 'forecast',
        parameters: { city: 'Paris', days: 2 },
      },
    },
    {
      trace: {
        orchestrationTrace: {
          observation: { type: 'ACTION_GROUP', actionGroupInvocationOutput: { text: 'sunny' } },
        },
      },
    },
    {
      text: ({ results }: { results: Readonly<Record<string, string>> }) =>
        `The forecast says: ${results.forecast}.`,
    },
  ],
};

describe('agents.invoke', () => {
  it('runs returned-control functions locally and continues the same turn with their results', async () => {
    emu.agent(agent.id, WEATHER);
    const seen: unknown[] = [];
    const stream = client().agents.invoke(agent, 'Weather in Paris?', {
      trace: true,
      tools: {
        weather: {
          forecast: {
            execute: (params, ctx) => {
              seen.push(params, ctx.invocationId);
              return `sunny in ${params.city} for ${params.days} days`;
            },
          },
        },
      },
    });
    const events = await stream.collect();
    expect(events.map((e) => e.type)).toEqual([
      'trace',
      'return-control',
      'tool-result',
      'trace',
      'text-delta',
    ]);
    expect(seen[0]).toEqual({ city: 'Paris', days: 2 });
    const final = await stream.finalMessage();
    expect(final.text).toBe('The forecast says: sunny in Paris for 2 days.');
    expect(final.steps).toBe(2);
    expect(final.returnControl).toBeUndefined();
    const calls = callsTo(emu, 'InvokeAgent');
    expect(calls).toHaveLength(2);
    expect(calls[0]?.httpVersion).toBe('2.0');
    expect(calls[0]?.input.inputText).toBe('Weather in Paris?');
    expect(calls[1]?.input.sessionId).toBe(final.sessionId);
    expect(dig(calls[1]?.input, 'sessionState', 'invocationId')).toBe(seen[1]);
    expect(dig(calls[1]?.input, 'sessionState', 'returnControlInvocationResults', 0)).toEqual({
      functionResult: {
        actionGroup: 'weather',
        function: 'forecast',
        responseBody: { TEXT: { body: 'sunny in Paris for 2 days' } },
      },
    });
    expect(final.requestIds).toEqual(calls.map((c) => c.requestId));
  });

  it('types traces by kind and sends them only with trace: true', async () => {
    emu.agent(agent.id, {
      steps: [
        {
          trace: {
            preProcessingTrace: {
              modelInvocationOutput: { parsedResponse: { isValid: true, rationale: 'fine' } },
            },
          },
        },
        {
          trace: {
            orchestrationTrace: { modelInvocationInput: { type: 'ORCHESTRATION', text: 'prompt' } },
          },
        },
        {
          trace: {
            orchestrationTrace: {
              modelInvocationOutput: {
                rawResponse: { content: 'raw' },
                metadata: { usage: { inputTokens: 10, outputTokens: 3 } },
              },
            },
          },
        },
        { trace: { guardrailTrace: { action: 'NONE' } } },
        { text: 'done' },
      ],
    });
    const events = await client().agents.invoke(agent, 'hi', { trace: true }).collect();
    const traces = events.flatMap((e) => (e.type === 'trace' ? [e.trace] : []));
    expect(traces.map((t) => [t.step, t.kind])).toEqual([
      ['pre-processing', 'parsed-output'],
      ['orchestration', 'model-input'],
      ['orchestration', 'model-output'],
      ['guardrail', 'guardrail'],
    ]);
    expect(traces[0]).toMatchObject({ isValid: true, rationale: 'fine', agentId: agent.id });
    expect(traces[2]).toMatchObject({ text: 'raw', usage: { inputTokens: 10, outputTokens: 3 } });
    expect(traces[1]?.eventTime).toBeInstanceOf(Date);
    const quiet = await client().agents.invoke(agent, 'hi').collect();
    expect(quiet.map((e) => e.type)).toEqual(['text-delta']);
    expect(callsTo(emu, 'InvokeAgent')[1]?.input.enableTrace).toBeUndefined();
  });

  it('without execute, the stream ends at the return of control with the calls in finalMessage()', async () => {
    emu.agent(agent.id, WEATHER);
    const stream = client().agents.invoke(agent, 'Weather?', {
      tools: { weather: { forecast: {} } },
    });
    const final = await stream.finalMessage();
    expect(final.text).toBe('');
    expect(final.returnControl?.calls).toEqual([
      {
        actionGroup: 'weather',
        function: 'forecast',
        parameters: { city: 'Paris', days: 2 },
        invocationType: 'RESULT',
      },
    ]);
    expect(callsTo(emu, 'InvokeAgent')).toHaveLength(1);
  });

  it('a throwing tool goes back as a REPROMPT result; maxSteps stops the loop', async () => {
    emu.agent(agent.id, WEATHER);
    const failing = {
      weather: {
        forecast: {
          execute: () => {
            throw new Error('weather service down');
          },
        },
      },
    };
    const final = await client()
      .agents.invoke(agent, 'Weather?', { tools: failing })
      .finalMessage();
    expect(final.text).toBe('The forecast says: Error: weather service down.');
    expect(
      dig(
        callsTo(emu, 'InvokeAgent')[1]?.input,
        'sessionState',
        'returnControlInvocationResults',
        0,
        'functionResult',
        'responseState',
      ),
    ).toBe('REPROMPT');
    emu.reset();
    emu.agent(agent.id, WEATHER);
    const stopped = await client()
      .agents.invoke(agent, 'Weather?', { tools: failing, maxSteps: 1 })
      .finalMessage();
    expect(stopped.returnControl?.calls).toHaveLength(1);
    expect(callsTo(emu, 'InvokeAgent')).toHaveLength(1);
  });

  it('runs an API-schema action group locally, keyed "METHOD /path", and answers with an apiResult', async () => {
    // The scripted agent only returns control for functions; an API schema is AWS's other shape.
    emu.handle('bedrock-agent-runtime', 'InvokeAgent', (input) => {
      const state = input.sessionState as
        | { returnControlInvocationResults?: Array<Record<string, unknown>> }
        | undefined;
      const results = state?.returnControlInvocationResults;
      const apiResult = results?.[0]?.apiResult as
        | { responseBody?: { 'application/json'?: { body?: string } } }
        | undefined;
      return {
        contentType: 'application/json',
        sessionId: String(input.sessionId),
        completion: (async function* () {
          if (!results) {
            yield {
              returnControl: {
                invocationId: 'inv-api-1',
                invocationInputs: [
                  {
                    apiInvocationInput: {
                      actionGroup: 'orders',
                      httpMethod: 'POST',
                      apiPath: '/orders/{orderId}/refund',
                      actionInvocationType: 'RESULT',
                      parameters: [{ name: 'orderId', type: 'integer', value: '42' }],
                      requestBody: {
                        content: {
                          'application/json': {
                            properties: [{ name: 'reason', type: 'string', value: 'late' }],
                          },
                        },
                      },
                    },
                  },
                ],
              },
            };
            return;
          }
          const body = apiResult?.responseBody?.['application/json']?.body ?? '';
          yield { chunk: { bytes: new TextEncoder().encode(`Refund: ${body}`) } };
        })(),
      };
    });
    const seen: unknown[] = [];
    const final = await client()
      .agents.invoke(agent, 'Refund order 42, it came late', {
        tools: {
          orders: {
            'POST /orders/{orderId}/refund': {
              execute: (params) => {
                seen.push(params);
                return { refunded: params.orderId };
              },
            },
          },
        },
      })
      .finalMessage();
    expect(seen).toEqual([{ orderId: 42, reason: 'late' }]);
    expect(final.text).toBe('Refund: {"refunded":42}');
    expect(final.steps).toBe(2);
    const calls = callsTo(emu, 'InvokeAgent');
    expect(calls).toHaveLength(2);
    expect(dig(calls[1]?.input, 'sessionState', 'invocationId')).toBe('inv-api-1');
    expect(dig(calls[1]?.input, 'sessionState', 'returnControlInvocationResults')).toEqual([
      {
        apiResult: {
          actionGroup: 'orders',
          apiPath: '/orders/{orderId}/refund',
          httpMethod: 'POST',
          httpStatusCode: 200,
          responseBody: { 'application/json': { body: '{"refunded":42}' } },
        },
      },
    ]);
  });

  it('without maxSteps, a turn makes at most 10 agent calls (the default) and ends at the pending return of control', async () => {
    // 12 rounds of return of control; the traces (not sent without trace: true) keep the calls
    // from travelling in one returnControl event.
    emu.agent(agent.id, {
      steps: [
        ...Array.from({ length: 12 }, (_, i) => [
          { call: { actionGroup: 'loop', function: 'next', parameters: { round: i + 1 } } },
          { trace: { orchestrationTrace: { rationale: { text: `round ${i + 1}` } } } },
        ]).flat(),
        { text: 'done' },
      ],
    });
    let runs = 0;
    const final = await client()
      .agents.invoke(agent, 'Loop', {
        tools: { loop: { next: { execute: () => `ran ${++runs}` } } },
      })
      .finalMessage();
    expect(callsTo(emu, 'InvokeAgent')).toHaveLength(10);
    expect(runs).toBe(9);
    expect(final.steps).toBe(10);
    expect(final.text).toBe('');
    expect(final.returnControl?.calls).toEqual([
      expect.objectContaining({ actionGroup: 'loop', function: 'next', parameters: { round: 10 } }),
    ]);
  });

  it.each(['USER_CONFIRMATION', 'USER_CONFIRMATION_AND_RESULT'])(
    'a call the agent asks the user to confirm first (%s) is never run here: the stream ends at the return of control',
    async (invocationType) => {
      emu.handle('bedrock-agent-runtime', 'InvokeAgent', (input) => ({
        contentType: 'application/json',
        sessionId: String(input.sessionId),
        completion: (async function* () {
          yield {
            returnControl: {
              invocationId: 'inv-confirm-1',
              invocationInputs: [
                {
                  functionInvocationInput: {
                    actionGroup: 'account',
                    function: 'close',
                    actionInvocationType: invocationType,
                    parameters: [{ name: 'accountId', type: 'string', value: 'acc-7' }],
                  },
                },
              ],
            },
          };
        })(),
      }));
      let ran = false;
      const stream = client().agents.invoke(agent, 'Close my account', {
        tools: {
          account: {
            close: {
              execute: () => {
                ran = true;
                return 'closed';
              },
            },
          },
        },
      });
      const events = await stream.collect();
      expect(events.map((e) => e.type)).toEqual(['return-control']);
      const final = await stream.finalMessage();
      expect(ran).toBe(false);
      expect(final.returnControl).toEqual({
        invocationId: 'inv-confirm-1',
        calls: [
          {
            actionGroup: 'account',
            function: 'close',
            parameters: { accountId: 'acc-7' },
            invocationType,
          },
        ],
      });
      expect(callsTo(emu, 'InvokeAgent')).toHaveLength(1);
    },
  );

  it('passes sessionState through and surfaces files the agent produced', async () => {
    emu.agent(agent.id, {
      steps: [
        { files: [{ name: 'chart.png', type: 'image/png', bytes: 'PNG-BYTES' }] },
        { text: 'Here is your chart.' },
      ],
    });
    const stream = client().agents.invoke(agent, 'Plot sales', {
      sessionId: 'sales-session',
      sessionState: { sessionAttributes: { region: 'EMEA' } },
    });
    const events = await stream.collect();
    expect(events.map((e) => e.type)).toEqual(['files', 'text-delta']);
    const final = await stream.finalMessage();
    expect(final.sessionId).toBe('sales-session');
    expect(final.files).toHaveLength(1);
    expect(final.files[0]?.name).toBe('chart.png');
    expect(Buffer.from(final.files[0]?.bytes ?? new Uint8Array()).toString()).toBe('PNG-BYTES');
    const sent = callsTo(emu, 'InvokeAgent')[0]?.input;
    expect(dig(sent, 'sessionState')).toEqual({ sessionAttributes: { region: 'EMEA' } });
    expect(dig(sent, 'sessionId')).toBe('sales-session');
  });

  it('streamFinalResponse streams the answer in pieces', async () => {
    emu.agent(agent.id, { steps: [{ text: 'one two three four' }] });
    const stream = client().agents.invoke(agent, 'count', { streamFinalResponse: true });
    const pieces: string[] = [];
    for await (const chunk of stream.textStream) pieces.push(chunk);
    expect(pieces).toEqual(['one ', 'two ', 'three ', 'four']);
    expect(await stream.text).toBe('one two three four');
    expect(dig(callsTo(emu, 'InvokeAgent')[0]?.input, 'streamingConfigurations')).toEqual({
      streamFinalResponse: true,
    });
  });

  it('a throttling exception mid-stream ends it with a StreamError from every reader', async () => {
    emu.agent(agent.id, { steps: [{ text: 'a b c d' }] });
    emu.fault({
      service: 'bedrock-agent-runtime',
      operation: 'InvokeAgent',
      kind: 'stream-error',
      code: 'ThrottlingException',
      afterEvents: 2,
    });
    const stream = client().agents.invoke(agent, 'x', { streamFinalResponse: true });
    const got: string[] = [];
    const err = await (async () => {
      for await (const e of stream) if (e.type === 'text-delta') got.push(e.text);
    })().catch((e: unknown) => e);
    expect(got).toEqual(['a ', 'b ']);
    expect(err).toBeInstanceOf(StreamError);
    expect(err).toMatchObject({
      code: 'ThrottlingException',
      retryable: true,
      operation: 'InvokeAgent',
    });
    await expect(stream.finalMessage()).rejects.toBe(err);
  });

  it('abort mid-stream rejects the reader and finalMessage with AbortError and cancels the request', async () => {
    emu.agent(agent.id, { steps: [{ text: 'first' }, { waitMs: 5_000 }, { text: 'never' }] });
    const stream = client().agents.invoke(agent, 'x');
    const err = await (async () => {
      for await (const e of stream) if (e.type === 'text-delta') stream.abort();
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AbortError);
    await expect(stream.finalMessage()).rejects.toBeInstanceOf(AbortError);
  });

  it('an idle stall beyond idleTimeoutMs is a StreamError(IdleTimeout)', async () => {
    emu.agent(agent.id, { steps: [{ text: 'first' }, { waitMs: 2_000 }, { text: 'late' }] });
    const stream = client().agents.invoke(agent, 'x', { idleTimeoutMs: 150 });
    await expect(stream.text).rejects.toMatchObject({ name: 'StreamError', code: 'IdleTimeout' });
  });

  it('refuses bad input before any request', async () => {
    const agents = client().agents;
    const cases: Array<[Promise<unknown>, RegExp]> = [
      [agents.invoke({ id: 'bad id!', aliasId: 'TSTALIASID' }, 'x').text, /agent must be/],
      [agents.invoke(agent, '   ').text, /empty/],
      [agents.invoke(agent, 'x', { sessionId: 'a' }).text, /sessionId/],
      [agents.invoke(agent, 'x', { memoryId: 'm' }).text, /memoryId/],
      [agents.invoke(agent, 'x', { maxSteps: 0 }).text, /maxSteps/],
      [
        agents.invokeInline({ model: 'amazon.nova-pro-v1:0', instruction: 'too short' }, 'x').text,
        /at least 40/,
      ],
    ];
    for (const [call, message] of cases) {
      const err = await call.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err, String(message)).toBeInstanceOf(ValidationError);
      expect((err as Error).message).toMatch(message);
    }
    expect(() => agents.invoke(agent, 'x', { idleTimeoutMs: -1 })).toThrow(ValidationError);
    expect(emu.calls).toHaveLength(0);
  });
});

describe('agents.invoke with a knowledge base', () => {
  it('streams citations with spans into the answer and typed lookup/observation traces', async () => {
    emu.knowledgeBase('KB12345678', [
      { id: 'returns', text: 'Returns are accepted within 30 days. Refunds take 5 business days.' },
      { id: 'shipping', text: 'Shipping is free above 50 euros.' },
    ]);
    emu.agent(agent.id, { steps: [{ knowledgeBase: 'KB12345678' }] });
    const stream = client().agents.invoke(agent, 'How long do refunds take?', { trace: true });
    const events = await stream.collect();
    expect(events.map((e) => e.type)).toEqual(['trace', 'trace', 'text-delta', 'citation']);
    const [lookup, observation] = events.flatMap((e) => (e.type === 'trace' ? [e.trace] : []));
    expect(lookup).toMatchObject({
      kind: 'invocation-input',
      invocationType: 'KNOWLEDGE_BASE',
      knowledgeBaseId: 'KB12345678',
    });
    expect(observation).toMatchObject({ kind: 'observation', type: 'KNOWLEDGE_BASE' });
    expect(observation?.kind === 'observation' && observation.references[0]?.text).toContain(
      'Refunds take 5 business days.',
    );
    const final = await stream.finalMessage();
    expect(final.citations).toHaveLength(1);
    const [c] = final.citations;
    expect(c && final.text.slice(c.start, c.end)).toBe('Refunds take 5 business days.');
    expect(c?.references[0]?.location).toEqual({
      kind: 's3',
      uri: 's3://emulated-kb-kb12345678/returns.txt',
    });
  });

  it('the whole turn is bounded by timeoutMs: TimeoutError from every reader', async () => {
    emu.agent(agent.id, { steps: [{ text: 'first ' }, { waitMs: 2_000 }, { text: 'late' }] });
    const stream = client().agents.invoke(agent, 'x', { timeoutMs: 200 });
    const seen: string[] = [];
    const err = await (async () => {
      for await (const e of stream) seen.push(e.type);
    })().catch((e: unknown) => e);
    expect(seen).toEqual(['text-delta']);
    expect(err).toBeInstanceOf(TimeoutError);
    await expect(stream.finalMessage()).rejects.toBe(err);
  });
});

describe('agents.invokeInline', () => {
  it('sends the action groups as return-of-control functions and runs their execute locally', async () => {
    emu.agent('orders', {
      steps: [
        { call: { actionGroup: 'orders', function: 'status', parameters: { orderId: '42' } } },
        {
          text: ({ results }: { results: Readonly<Record<string, string>> }) =>
            `Order: ${results.status}`,
        },
      ],
    });
    const stream = client().agents.invokeInline(
      {
        name: 'orders',
        model: 'amazon.nova-pro-v1:0',
        instruction: 'You answer questions about orders. Use the tools to look orders up.',
        actionGroups: [
          {
            name: 'orders',
            description: 'Order lookups',
            functions: {
              status: {
                description: 'Status of an order',
                parameters: { orderId: { type: 'string', required: true } },
                execute: ({ orderId }) => ({ orderId, status: 'shipped' }),
              },
            },
          },
        ],
      },
      'Where is order 42?',
    );
    expect(await stream.text).toBe('Order: {"orderId":"42","status":"shipped"}');
    const calls = callsTo(emu, 'InvokeInlineAgent');
    expect(calls).toHaveLength(2);
    expect(dig(calls[0]?.input, 'actionGroups', 0)).toEqual({
      actionGroupName: 'orders',
      description: 'Order lookups',
      actionGroupExecutor: { customControl: 'RETURN_CONTROL' },
      functionSchema: {
        functions: [
          {
            name: 'status',
            description: 'Status of an order',
            parameters: { orderId: { type: 'string', required: true } },
          },
        ],
      },
    });
    expect(
      dig(
        calls[1]?.input,
        'inlineSessionState',
        'returnControlInvocationResults',
        0,
        'functionResult',
        'function',
      ),
    ).toBe('status');
  });
});
