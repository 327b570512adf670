import { toJsonSchema as valibotJsonSchema } from '@valibot/to-json-schema';
import { type } from 'arktype';
import { StructuredOutputError, ValidationError } from 'aws-ai/generative';
import { JSONSchema, Schema } from 'effect';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { z as z3 } from 'zod3';
import { callsTo, useEmulator } from '../helpers/emulator';

const { emu, client } = await useEmulator();
/** Claude 3 Haiku: no native structured output, so `auto` forces a tool. */
const toolModel = 'anthropic.claude-3-haiku-20240307-v1:0';
/** Claude Haiku 4.5: Converse `outputConfig.textFormat`. */
const nativeModel = 'us.anthropic.claude-haiku-4-5-20251001-v1:0';

/** A model that fills the forced `respond` tool with the given inputs, one per call. */
function toolAnswers(...inputs: unknown[]) {
  let call = 0;
  emu.handle('bedrock-runtime', 'Converse', () => {
    const input = inputs[Math.min(call, inputs.length - 1)];
    call += 1;
    return {
      output: {
        message: {
          role: 'assistant',
          content: [{ toolUse: { toolUseId: `t${call}`, name: 'respond', input } }],
        },
      },
      stopReason: 'tool_use',
      usage: { inputTokens: 10, outputTokens: 5, totalTokens: 15 },
      metrics: { latencyMs: 1 },
    };
  });
}

/** A model that answers in text, one answer per call. */
function textAnswers(...texts: string[]) {
  let call = 0;
  emu.handle('bedrock-runtime', 'Converse', () => {
    const text = texts[Math.min(call, texts.length - 1)];
    call += 1;
    return {
      output: { message: { role: 'assistant', content: [{ text }] } },
      stopReason: 'end_turn',
      usage: { inputTokens: 10, outputTokens: 5, totalTokens: 15 },
      metrics: { latencyMs: 1 },
    };
  });
}

/** The input schema of the first tool the first call to `operation` offered. */
function sentToolSchema(operation: string): unknown {
  const config = callsTo(emu, operation)[0]?.input.toolConfig as
    | { tools: Array<{ toolSpec: { inputSchema: { json: unknown } } }> }
    | undefined;
  return config?.tools[0]?.toolSpec.inputSchema.json;
}

async function failure(promise: Promise<unknown>): Promise<StructuredOutputError> {
  const err = await promise.catch((e: unknown) => e);
  expect(err).toBeInstanceOf(StructuredOutputError);
  return err as StructuredOutputError;
}

describe('JSON Schema validation (@cfworker/json-schema)', () => {
  const schema = {
    type: 'object',
    $defs: { Sku: { type: 'string', pattern: '^[A-Z]{3}-\\d+$' } },
    properties: {
      sku: { $ref: '#/$defs/Sku' },
      price: { type: 'number', exclusiveMinimum: 0 },
      tags: { type: 'array', items: { type: 'string' }, uniqueItems: true },
      grade: { type: 'string', maxLength: 1 },
      extra: { type: 'object', additionalProperties: { type: 'integer' } },
    },
    required: ['sku', 'price'],
    allOf: [{ required: ['grade'] }],
  } as const;

  it.each([
    ['pattern through $ref/$defs', { sku: 'abc', price: 1, grade: 'A' }, '/sku'],
    ['exclusiveMinimum', { sku: 'ABC-1', price: 0, grade: 'A' }, '/price'],
    ['allOf', { sku: 'ABC-1', price: 1 }, ''],
    ['uniqueItems', { sku: 'ABC-1', price: 1, grade: 'A', tags: ['a', 'a'] }, '/tags'],
    [
      'additionalProperties as a schema',
      { sku: 'ABC-1', price: 1, grade: 'A', extra: { n: 1.5 } },
      '/extra/n',
    ],
  ])('rejects an answer that breaks %s', async (_rule, answer, path) => {
    toolAnswers(answer);
    const err = await failure(
      client().generative.generateObject({ model: toolModel, schema, prompt: 'x', repair: false }),
    );
    expect(err.issues.map((i) => i.path)).toContain(path);
    expect(callsTo(emu, 'Converse')).toHaveLength(1);
  });

  it('counts characters, not UTF-16 units: one emoji passes maxLength 1', async () => {
    toolAnswers({ sku: 'ABC-1', price: 2.5, grade: '😀', tags: ['a', 'b'], extra: { n: 2 } });
    const { object } = await client().generative.generateObject({
      model: toolModel,
      schema,
      prompt: 'x',
    });
    expect(object).toMatchObject({ grade: '😀' });
  });

  it('never quotes the answer in issue messages or the error message', async () => {
    toolAnswers({ sku: 'SECRET-VALUE', price: -987654, grade: 'A' });
    const err = await failure(
      client().generative.generateObject({ model: toolModel, schema, prompt: 'x', repair: false }),
    );
    expect(err.message).not.toContain('SECRET');
    expect(err.message).not.toContain('987654');
    expect(JSON.stringify(err.issues)).not.toContain('987654');
    expect(err.text).toContain('987654'); // behind the accessor, for debugging
  });

  it('refuses a $ref that does not resolve before any call', async () => {
    const broken = { type: 'object', properties: { a: { $ref: '#/$defs/Nope' } } };
    const err = await client()
      .generative.generateObject({ model: toolModel, schema: broken, prompt: 'x' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as Error).message).toContain('#/$defs/Nope');
    expect(emu.calls).toHaveLength(0);
  });
});

describe('the { value } wrapper of schemas that are not objects', () => {
  it('repairs an answer without the wrapper, then fails with a typed error (never undefined)', async () => {
    toolAnswers({}, {});
    const err = await failure(
      client().generative.generateObject({
        model: toolModel,
        schema: { enum: ['red', 'green'] },
        prompt: 'A colour',
      }),
    );
    expect(err.issues[0]?.message).toContain('"value"');
    expect(callsTo(emu, 'Converse')).toHaveLength(2);
  });

  it('accepts the repaired { value } and sends the wrapper schema with additionalProperties false', async () => {
    toolAnswers({}, { value: 'green' });
    const result = await client().generative.generateObject({
      model: toolModel,
      schema: { enum: ['red', 'green'] },
      prompt: 'A colour',
    });
    expect(result).toMatchObject({ object: 'green', repaired: true, mode: 'tool' });
    expect(sentToolSchema('Converse')).toMatchObject({
      required: ['value'],
      additionalProperties: false,
      properties: { value: {} },
    });
  });

  it('rejects a wrapper with other properties beside value', async () => {
    toolAnswers({ value: 'red', note: 'x' });
    const err = await failure(
      client().generative.generateObject({
        model: toolModel,
        schema: z.enum(['red', 'green']),
        prompt: 'A colour',
        repair: false,
      }),
    );
    expect(err.issues[0]?.message).toContain('only the property "value"');
  });

  it('accepts an unwrapped answer that is valid as it stands (native text answer)', async () => {
    textAnswers('"green"');
    const { object, mode } = await client().generative.generateObject({
      model: nativeModel,
      schema: z.enum(['red', 'green']),
      prompt: 'A colour',
    });
    expect({ object, mode }).toEqual({ object: 'green', mode: 'native' });
  });
});

describe('any Standard Schema v1 validator', () => {
  const answer = { city: 'Paris', population: 2_100_000 };
  const bad = { city: 'Paris', population: -1 };

  async function roundTrip(schema: unknown) {
    toolAnswers(bad, answer);
    const result = await client().generative.generateObject({
      model: toolModel,
      schema: schema as never,
      prompt: 'Largest city of France?',
    });
    const calls = callsTo(emu, 'Converse');
    const sent = sentToolSchema('Converse');
    // The validator's own issue went back to the model in the repair round.
    const feedback = JSON.stringify(calls[1]?.input.messages);
    return { result, sent, feedback };
  }

  it('zod 4: JSON Schema from its Standard JSON Schema export, transforms applied', async () => {
    const City = z.object({
      city: z.string().transform((s) => s.toUpperCase()),
      population: z.number().int().positive(),
    });
    const { result, sent, feedback } = await roundTrip(City);
    expect(sent).toMatchObject({ type: 'object', required: ['city', 'population'] });
    expect(sent).not.toHaveProperty('$schema');
    expect(feedback).toContain('/population');
    expect(result.object).toEqual({ city: 'PARIS', population: 2_100_000 });
  });

  it('zod 3: refused alone with a hint, accepted with { schema, jsonSchema }', async () => {
    const City = z3.object({ city: z3.string(), population: z3.number().int().positive() });
    const err = await client()
      .generative.generateObject({ model: toolModel, schema: City, prompt: 'x' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as Error).message).toMatch(/zod 3.*jsonSchema/);
    expect(emu.calls).toHaveLength(0);
    const jsonSchema = {
      type: 'object',
      properties: {
        city: { type: 'string' },
        population: { type: 'integer', exclusiveMinimum: 0 },
      },
      required: ['city', 'population'],
    };
    const { result, sent, feedback } = await roundTrip({ schema: City, jsonSchema });
    expect(sent).toEqual(jsonSchema);
    expect(feedback).toContain('/population');
    expect(result.object).toEqual(answer);
  });

  it('valibot: with toJsonSchema from @valibot/to-json-schema', async () => {
    const City = v.object({
      city: v.string(),
      population: v.pipe(v.number(), v.integer(), v.minValue(1)),
    });
    const { result, sent, feedback } = await roundTrip({
      schema: City,
      jsonSchema: valibotJsonSchema(City),
    });
    expect(sent).toMatchObject({ type: 'object', required: ['city', 'population'] });
    expect(feedback).toContain('/population');
    expect(result.object).toEqual(answer);
  });

  it('arktype: JSON Schema from its own export', async () => {
    const City = type({ city: 'string', population: 'number.integer > 0' });
    const { result, sent, feedback } = await roundTrip(City);
    expect(sent).toMatchObject({ type: 'object', required: ['city', 'population'] });
    expect(feedback).toContain('population');
    expect(result.object).toEqual(answer);
  });

  it('effect Schema: standardSchemaV1 with JSONSchema.make alongside', async () => {
    const City = Schema.Struct({
      city: Schema.String,
      population: Schema.Number.pipe(Schema.int(), Schema.positive()),
    });
    const { result, sent, feedback } = await roundTrip({
      schema: Schema.standardSchemaV1(City),
      jsonSchema: JSONSchema.make(City),
    });
    expect(sent).toMatchObject({ type: 'object', required: ['city', 'population'] });
    expect(feedback).toContain('population');
    expect(result.object).toEqual(answer);
  });

  it('valibot alone is refused before any call, with the @valibot/to-json-schema hint', async () => {
    const err = await client()
      .generative.generateObject({ model: toolModel, schema: v.string(), prompt: 'x' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as Error).message).toContain('@valibot/to-json-schema');
  });
});

describe('modes', () => {
  const Person = z.object({ name: z.string(), age: z.number().int() });

  it('auto uses outputConfig.textFormat on a model that supports it and parses the text', async () => {
    const result = await client().generative.generateObject({
      model: nativeModel,
      schema: Person,
      prompt: 'John is 42',
    });
    expect(result).toMatchObject({ mode: 'native', object: { name: 'emulated', age: 1 } });
    const input = callsTo(emu, 'Converse')[0]?.input;
    expect(input?.toolConfig).toBeUndefined();
    const format = (
      input?.outputConfig as
        | {
            textFormat: {
              type: string;
              structure: { jsonSchema: { schema: string; name: string } };
            };
          }
        | undefined
    )?.textFormat ?? { type: '', structure: { jsonSchema: { schema: '{}', name: '' } } };
    expect(format.type).toBe('json_schema');
    expect(format.structure.jsonSchema.name).toBe('respond');
    expect(JSON.parse(format.structure.jsonSchema.schema)).toMatchObject({
      required: ['name', 'age'],
    });
  });

  it('auto forces a tool on a model without native structured output', async () => {
    const result = await client().generative.generateObject({
      model: 'amazon.nova-lite-v1:0',
      schema: Person,
      prompt: 'John is 42',
    });
    expect(result.mode).toBe('tool');
    expect(callsTo(emu, 'Converse')[0]?.input.outputConfig).toBeUndefined();
  });

  it('native on a model Bedrock refuses it for is the ValidationException, not a fallback', async () => {
    const err = await client()
      .generative.generateObject({
        model: 'amazon.nova-lite-v1:0',
        schema: Person,
        prompt: 'x',
        mode: 'native',
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).code).toBe('ValidationException');
    expect(callsTo(emu, 'Converse')).toHaveLength(1);
  });

  it('auto falls back to the forced tool when Bedrock refuses outputConfig', async () => {
    let call = 0;
    emu.handle('bedrock-runtime', 'Converse', (input) => {
      call += 1;
      if (input.outputConfig)
        throw emu.error(
          'ValidationException',
          'This model does not support outputConfig.textFormat',
        );
      return {
        output: {
          message: {
            role: 'assistant',
            content: [
              { toolUse: { toolUseId: 't', name: 'respond', input: { name: 'Ann', age: 3 } } },
            ],
          },
        },
        stopReason: 'tool_use',
        usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
      };
    });
    const result = await client().generative.generateObject({
      model: nativeModel,
      schema: Person,
      prompt: 'x',
    });
    expect(result).toMatchObject({ mode: 'tool', object: { name: 'Ann', age: 3 } });
    expect(call).toBe(2);
  });

  it('json mode puts the schema in the system prompt and reads fenced JSON', async () => {
    textAnswers('Here you go:\n```json\n{"name":"Ann","age":3}\n```');
    const result = await client().generative.generateObject({
      model: 'amazon.nova-lite-v1:0',
      schema: Person,
      prompt: 'x',
      system: 'Be terse.',
      mode: 'json',
    });
    expect(result).toMatchObject({ mode: 'json', object: { name: 'Ann', age: 3 } });
    const system = JSON.stringify(callsTo(emu, 'Converse')[0]?.input.system);
    expect(system).toContain('Be terse.');
    expect(system).toContain('JSON Schema');
  });

  it('json mode repairs a text answer that is not JSON', async () => {
    textAnswers('Ann is three', '{"name":"Ann","age":3}');
    const result = await client().generative.generateObject({
      model: 'amazon.nova-lite-v1:0',
      schema: Person,
      prompt: 'x',
      mode: 'json',
    });
    expect(result).toMatchObject({ repaired: true, object: { name: 'Ann', age: 3 } });
  });

  it('refuses a bad mode and tools beside a schema before any call', async () => {
    const gen = client().generative;
    await expect(
      gen.generateObject({ model: toolModel, schema: Person, prompt: 'x', mode: 'xml' as never }),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(
      gen.generateObject({ model: toolModel, schema: Person, prompt: 'x', tools: {} } as never),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(emu.calls).toHaveLength(0);
  });
});

describe('generative.streamObject', () => {
  const Recipe = z.object({ name: z.string(), steps: z.array(z.string()).min(2) });

  it('yields growing partial objects from tool-input deltas, then the validated object', async () => {
    const stream = client().generative.streamObject({
      model: toolModel,
      schema: Recipe,
      prompt: 'Pancakes',
    });
    const partials: unknown[] = [];
    for await (const partial of stream.partialObjectStream) partials.push(partial);
    expect(partials.length).toBeGreaterThan(2);
    expect(partials[0]).toEqual({});
    expect(partials.at(-1)).toEqual({ name: 'emulated', steps: ['emulated', 'emulated'] });
    expect(await stream.object).toEqual({ name: 'emulated', steps: ['emulated', 'emulated'] });
    expect((await stream.result()).mode).toBe('tool');
  });

  it('streams native JSON text on a model that supports it', async () => {
    const stream = client().generative.streamObject({
      model: nativeModel,
      schema: Recipe,
      prompt: 'x',
    });
    const partials: unknown[] = [];
    for await (const partial of stream.partialObjectStream) partials.push(partial);
    expect(partials.length).toBeGreaterThan(2);
    expect(await stream.object).toEqual({ name: 'emulated', steps: ['emulated', 'emulated'] });
    expect(callsTo(emu, 'ConverseStream')[0]?.input.outputConfig).toBeDefined();
  });

  it('array mode: elementStream yields each element once complete and valid', async () => {
    const City = z.object({ name: z.string(), rank: z.number() });
    emu.handle('bedrock-runtime', 'ConverseStream', () =>
      (async function* () {
        const json = JSON.stringify({
          elements: [
            { name: 'Paris', rank: 1 },
            { name: 'Lyon', rank: 2 },
            { name: 'Nice', rank: 3 },
          ],
        });
        yield { messageStart: { role: 'assistant' } };
        yield {
          contentBlockStart: {
            contentBlockIndex: 0,
            start: { toolUse: { toolUseId: 't', name: 'respond' } },
          },
        };
        for (let i = 0; i < json.length; i += 5) {
          yield {
            contentBlockDelta: {
              contentBlockIndex: 0,
              delta: { toolUse: { input: json.slice(i, i + 5) } },
            },
          };
        }
        yield { contentBlockStop: { contentBlockIndex: 0 } };
        yield { messageStop: { stopReason: 'tool_use' } };
        yield {
          metadata: {
            usage: { inputTokens: 3, outputTokens: 9, totalTokens: 12 },
            metrics: { latencyMs: 1 },
          },
        };
      })(),
    );
    const stream = client().generative.streamObject({
      model: toolModel,
      output: 'array',
      schema: City,
      prompt: 'x',
    });
    const seen: string[] = [];
    for await (const event of stream) {
      if (event.type === 'element') seen.push(`${event.index}:${event.element.name}`);
      if (event.type === 'partial') seen.push('p');
    }
    // Paris is delivered while the stream is still running (before Nice arrives).
    expect(seen.indexOf('0:Paris')).toBeLessThan(seen.lastIndexOf('p'));
    expect(seen.filter((s) => s !== 'p')).toEqual(['0:Paris', '1:Lyon', '2:Nice']);
    expect(await stream.object).toHaveLength(3);
    const sent = sentToolSchema('ConverseStream');
    expect(sent).toMatchObject({
      properties: { elements: { type: 'array' } },
      required: ['elements'],
    });
  });

  it('repairs an invalid streamed answer in a second round after a reset event', async () => {
    const answersJson = [
      JSON.stringify({ name: 'x', steps: ['one'] }),
      JSON.stringify({ name: 'x', steps: ['one', 'two'] }),
    ];
    let call = 0;
    emu.handle('bedrock-runtime', 'ConverseStream', () => {
      const json = answersJson[Math.min(call, 1)] as string;
      call += 1;
      return (async function* () {
        yield { messageStart: { role: 'assistant' } };
        yield {
          contentBlockStart: {
            contentBlockIndex: 0,
            start: { toolUse: { toolUseId: `t${call}`, name: 'respond' } },
          },
        };
        yield { contentBlockDelta: { contentBlockIndex: 0, delta: { toolUse: { input: json } } } };
        yield { contentBlockStop: { contentBlockIndex: 0 } };
        yield { messageStop: { stopReason: 'tool_use' } };
        yield { metadata: { usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 } } };
      })();
    });
    const stream = client().generative.streamObject({
      model: toolModel,
      schema: Recipe,
      prompt: 'x',
    });
    const types: string[] = [];
    for await (const event of stream) types.push(event.type);
    expect(types).toContain('reset');
    const result = await stream.result();
    expect(result).toMatchObject({ repaired: true, object: { steps: ['one', 'two'] } });
    expect(result.usage.totalTokens).toBe(4);
    const second = callsTo(emu, 'ConverseStream')[1]?.input.messages as Array<{
      content: unknown[];
    }>;
    expect(JSON.stringify(second.at(-1))).toContain('/steps');
  });

  it('rejects object with a StructuredOutputError when repair is off', async () => {
    emu.handle('bedrock-runtime', 'ConverseStream', () =>
      (async function* () {
        yield { messageStart: { role: 'assistant' } };
        yield { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'no JSON here' } } };
        yield { contentBlockStop: { contentBlockIndex: 0 } };
        yield { messageStop: { stopReason: 'end_turn' } };
        yield { metadata: { usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 } } };
      })(),
    );
    const stream = client().generative.streamObject({
      model: nativeModel,
      schema: Recipe,
      prompt: 'x',
      repair: false,
    });
    await expect(stream.object).rejects.toBeInstanceOf(StructuredOutputError);
  });
});
