import { StreamError, ValidationError } from 'aws-ai/agents';
import { describe, expect, it } from 'vitest';
import { callsTo, useEmulator } from '../helpers/emulator';
import { dig } from '../knowledge/dig';

const { emu, client } = await useEmulator();
const flow = { id: 'FLOW123456', aliasId: 'ALIAS12345' };
const agent = { id: 'AGENT12345', aliasId: 'ALIAS12345' };

describe('agents.flow', () => {
  it('streams output and completion events; finalMessage has the outputs and text', async () => {
    emu.flow(flow.id, {
      steps: [
        { output: (input: unknown) => `Summary of: ${String(input)}`, nodeName: 'Summary' },
        { output: { words: 3 }, nodeName: 'Stats' },
      ],
    });
    const stream = client().agents.flow(flow, 'a b c');
    const events = await stream.collect();
    expect(events).toEqual([
      {
        type: 'output',
        nodeName: 'Summary',
        nodeType: 'FlowOutputNode',
        content: 'Summary of: a b c',
      },
      { type: 'output', nodeName: 'Stats', nodeType: 'FlowOutputNode', content: { words: 3 } },
      { type: 'completion', reason: 'SUCCESS' },
    ]);
    const result = await stream.finalMessage();
    expect(result.text).toBe('Summary of: a b c\n{"words":3}');
    expect(result.completionReason).toBe('SUCCESS');
    expect(callsTo(emu, 'InvokeFlow')[0]?.input.inputs).toEqual([
      { nodeName: 'FlowInputNode', nodeOutputName: 'document', content: { document: 'a b c' } },
    ]);
  });

  it('surfaces a multi-turn input request and continues the execution with the answer', async () => {
    emu.flow(flow.id, {
      steps: [
        { askInput: { nodeName: 'Agent', content: 'Which city?' } },
        { output: (answer: unknown) => `Booked for ${String(answer)}` },
      ],
    });
    const first = client().agents.flow(flow, 'book a trip');
    const events = await first.collect();
    expect(events.map((e) => e.type)).toEqual(['input-required', 'completion']);
    const asked = await first.finalMessage();
    expect(asked).toMatchObject({
      completionReason: 'INPUT_REQUIRED',
      inputRequest: { nodeName: 'Agent', content: 'Which city?' },
    });
    expect(asked.executionId).toMatch(/^exec-/);
    const second = await client()
      .agents.flow(flow, 'Lisbon', {
        executionId: asked.executionId,
        nodeName: 'Agent',
        nodeInputName: 'agentInputText',
      })
      .finalMessage();
    expect(second.text).toBe('Booked for Lisbon');
    expect(second.completionReason).toBe('SUCCESS');
    expect(dig(callsTo(emu, 'InvokeFlow')[1]?.input, 'executionId')).toBe(asked.executionId);
    expect(dig(callsTo(emu, 'InvokeFlow')[1]?.input, 'inputs', 0)).toEqual({
      nodeName: 'Agent',
      nodeInputName: 'agentInputText',
      content: { document: 'Lisbon' },
    });
  });

  it('a stream cut before its completion event is a StreamError, not a short result', async () => {
    emu.flow(flow.id, { steps: [{ output: 'one' }, { output: 'two' }] });
    emu.fault({
      service: 'bedrock-agent-runtime',
      operation: 'InvokeFlow',
      kind: 'reset',
      afterEvents: 1,
    });
    const err = await client()
      .agents.flow(flow, 'x')
      .finalMessage()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StreamError);
  });

  it('a stream that ends cleanly without its completion event is a StreamError (StreamTruncated) from every reader', async () => {
    // The connection closes normally after one output: only the missing completion event tells.
    emu.handle('bedrock-agent-runtime', 'InvokeFlow', () => ({
      executionId: 'exec-1',
      responseStream: (async function* () {
        yield {
          flowOutputEvent: {
            nodeName: 'FlowOutputNode',
            nodeType: 'FlowOutputNode',
            content: { document: 'one' },
          },
        };
      })(),
    }));
    const stream = client().agents.flow(flow, 'x');
    const seen: string[] = [];
    const read = await (async () => {
      for await (const e of stream) seen.push(e.type);
    })().catch((e: unknown) => e);
    expect(seen).toEqual(['output']);
    expect(read).toBeInstanceOf(StreamError);
    expect(read).toMatchObject({ code: 'StreamTruncated', operation: 'InvokeFlow' });
    await expect(stream.finalMessage()).rejects.toBe(read);
    await expect(client().agents.flow(flow, 'x').text).rejects.toMatchObject({
      code: 'StreamTruncated',
    });
  });

  it('refuses bad flow ids and node names before any request', async () => {
    await expect(client().agents.flow({ id: 'x', aliasId: 'y' }, 'in').text).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(client().agents.flow(flow, 'in', { nodeName: '1bad' }).text).rejects.toThrow(
      /nodeName/,
    );
    expect(emu.calls).toHaveLength(0);
  });
});

describe('agents memory and sessions', () => {
  it('getMemory reads every page of session summaries; deleteMemory clears them', async () => {
    emu.agent(agent.id, { steps: [{ text: 'ok' }] });
    for (const sessionId of ['s-1', 's-2', 's-3']) {
      await client()
        .agents.invoke(agent, `hello from ${sessionId}`, {
          sessionId,
          memoryId: 'user-42',
          endSession: true,
        })
        .finalMessage();
    }
    const sessions = await client().agents.getMemory(agent, 'user-42', { pageSize: 2 });
    expect(sessions.map((s) => s.sessionId)).toEqual(['s-1', 's-2', 's-3']);
    expect(sessions[0]?.sessionStartTime).toBeInstanceOf(Date);
    expect(sessions[0]?.summaryText).toContain('hello from s-1');
    expect(callsTo(emu, 'GetAgentMemory')).toHaveLength(2);
    await client().agents.deleteMemory(agent, { memoryId: 'user-42' });
    expect(await client().agents.getMemory(agent, 'user-42')).toEqual([]);
  });

  it('endSession ends a session by id', async () => {
    const id = '3f0a9c2e-1b6d-4f3a-9d3e-2c1b0a9f8e7d';
    await expect(client().agents.endSession(id)).resolves.toEqual({
      sessionId: id,
      sessionArn: `arn:aws:bedrock:us-east-1:000000000000:session/${id}`,
      status: 'ENDED',
    });
    await expect(client().agents.endSession('not-a-uuid')).rejects.toBeInstanceOf(ValidationError);
  });
});
