/**
 * A voice session's text (system, a history message, sendText, a tool result) travels as one Nova
 * Sonic input event, and Bedrock takes at most 1,000,000 bytes per event (bedrock-runtime model,
 * shape `PartBody`): an event over it ends the whole session mid-stream. Text that cannot fit is a
 * ValidationError at the call, before anything is sent; a tool's own output that cannot fit is
 * that call's error result, and the session goes on.
 */
import { ValidationError } from 'aws-ai';
import type { VoiceEvent } from 'aws-ai/generative';
import { describe, expect, it } from 'vitest';
import { callsTo, useEmulator } from '../helpers/emulator';

const { emu, client } = await useEmulator();
const MODEL = 'amazon.nova-sonic-v1:0';
const BIG = 'a'.repeat(1_000_001);
// Fits as written, not once JSON-escaped: each quote becomes two bytes.
const QUOTES = '"'.repeat(600_000);

/** Reads a session to its first turn end, then closes it. */
async function firstTurn(session: AsyncIterable<VoiceEvent> & { close(): void }) {
  const events: VoiceEvent[] = [];
  for await (const event of session) {
    events.push(event);
    if (event.type === 'turn-end') session.close();
  }
  return events;
}

describe('generative.voice: one input event holds at most 1,000,000 bytes', () => {
  it.each([
    ['system', { system: BIG }, /system is 1000001 bytes as JSON/],
    ['system, once escaped', { system: QUOTES }, /system is 1200000 bytes as JSON/],
    ['a history message', { history: [{ role: 'user', text: BIG }] }, /history\[0\]\.text/],
  ] as const)(
    '%s over the limit: a ValidationError at voice(), no request',
    (_, params, message) => {
      expect(() => client().generative.voice({ model: MODEL, ...params })).toThrow(message);
      expect(callsTo(emu, 'InvokeModelWithBidirectionalStream')).toHaveLength(0);
    },
  );

  it('sendText over the limit: a ValidationError at the call; the session goes on', async () => {
    const session = client().generative.voice({ model: MODEL });
    expect(() => session.sendText(BIG)).toThrow(ValidationError);
    expect(() => session.sendText(BIG)).toThrow(/one Nova Sonic input event holds at most/);
    session.sendText('Hello');
    const events = await firstTurn(session);
    expect(events.some((e) => e.type === 'turn-end')).toBe(true);
    const sent = JSON.stringify(callsTo(emu, 'InvokeModelWithBidirectionalStream')[0]?.input);
    expect(sent.length).toBeLessThan(100_000);
  });

  it('sendToolResult of an output over the limit or not JSON: a ValidationError at the call', () => {
    const session = client().generative.voice({ model: MODEL });
    expect(() => session.sendToolResult('t1', { text: BIG })).toThrow(/sendToolResult\(\) output/);
    expect(() => session.sendToolResult('t1', { n: 1n })).toThrow(/not JSON \(TypeError\)/);
    session.close();
  });

  it("a tool whose output cannot fit: that call's error result, and the model answers", async () => {
    const session = client().generative.voice({
      model: MODEL,
      tools: { get_weather: { input: { type: 'object' }, execute: () => ({ report: BIG }) } },
    });
    session.sendText('What is the weather in Paris? Use get_weather.');
    const events = await firstTurn(session);
    const result = events.find((e) => e.type === 'tool-result');
    expect(result).toMatchObject({ isError: true, output: expect.stringMatching(/bytes as JSON/) });
    const types = events.map((e) => e.type);
    expect(types.indexOf('turn-end')).toBeGreaterThan(types.indexOf('tool-result'));
    expect(types.at(-1)).toBe('end');
  });
});
