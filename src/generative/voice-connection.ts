import type {
  BedrockRuntimeClient,
  InvokeModelWithBidirectionalStreamInput,
  InvokeModelWithBidirectionalStreamOutput,
} from '@aws-sdk/client-bedrock-runtime';
import { callAws } from '../core/call';
import type { ServiceDef } from '../core/client-cache';
import type { ModuleContext } from '../core/context';
import type { ErrorSite } from '../core/error-mapping';
import { AwsAIError, StreamError } from '../errors';
import { midStreamError } from './converse-events';
import { validateValue } from './schema';
import type { GenerativeTool } from './types';
import { toolResultText } from './voice-event-text';
import type { VoiceInput, VoiceInputQueue, VoicePlan } from './voice-input';
import type { VoiceEvent, VoiceHistoryMessage, VoiceOptions, VoiceUsage } from './voice-types';

type Sdk = Pick<
  typeof import('@aws-sdk/client-bedrock-runtime'),
  'BedrockRuntimeClient' | 'InvokeModelWithBidirectionalStreamCommand'
>;

/** The bedrock-runtime client with the bidirectional command (same cached client as the module's). */
const BEDROCK_VOICE: ServiceDef<Sdk, BedrockRuntimeClient> = {
  service: 'bedrock-runtime',
  load: () => import('@aws-sdk/client-bedrock-runtime'),
  create: (sdk, config) => new sdk.BedrockRuntimeClient(config),
};

const SITE: ErrorSite = {
  service: 'bedrock-runtime',
  operation: 'InvokeModelWithBidirectionalStream',
};

/** Nova Sonic's audio frames are about 32 ms each. */
const FRAME_MS = 32;
/** What Nova Sonic sends as the text of an interrupted turn. */
const INTERRUPTED = /^\s*\{\s*"interrupted"\s*:\s*true\s*\}\s*$/;

type Json = Record<string, unknown>;

/** A queue with an end, for the events going out on one connection. */
class Outbound {
  readonly #items: Json[] = [];
  #wake: (() => void) | undefined;
  ended = false;
  push(event: Json): void {
    if (this.ended) return;
    this.#items.push(event);
    this.#wake?.();
  }
  end(): void {
    this.ended = true;
    this.#wake?.();
  }
  async *body(signal: AbortSignal): AsyncGenerator<InvokeModelWithBidirectionalStreamInput> {
    const encoder = new TextEncoder();
    const stop = () => this.#wake?.();
    signal.addEventListener('abort', stop, { once: true });
    try {
      for (;;) {
        const event = this.#items.shift();
        if (event) {
          yield { chunk: { bytes: encoder.encode(JSON.stringify({ event })) } };
          continue;
        }
        if (this.ended || signal.aborted) return;
        await new Promise<void>((resolve) => {
          this.#wake = resolve;
        });
        this.#wake = undefined;
      }
    } finally {
      signal.removeEventListener('abort', stop);
    }
  }
}

/** The events of the session and how it ends, from every connection and tool. */
class Channel {
  readonly #items: Array<{ event: VoiceEvent } | { error: unknown } | { done: true }> = [];
  #wake: (() => void) | undefined;
  push(item: { event: VoiceEvent } | { error: unknown } | { done: true }): void {
    this.#items.push(item);
    this.#wake?.();
    this.#wake = undefined;
  }
  async next(): Promise<{ event: VoiceEvent } | { error: unknown } | { done: true }> {
    while (this.#items.length === 0) {
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
      });
    }
    return this.#items.shift() as { event: VoiceEvent } | { error: unknown } | { done: true };
  }
}

function emptyUsage(): VoiceUsage {
  return {
    inputTokens: 0,
    outputTokens: 0,
    totalTokens: 0,
    inputSpeechTokens: 0,
    inputTextTokens: 0,
    outputSpeechTokens: 0,
    outputTextTokens: 0,
  };
}

function num(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

function rec(value: unknown): Json {
  return typeof value === 'object' && value !== null ? (value as Json) : {};
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function stageOf(additional: unknown): 'speculative' | 'final' {
  try {
    const fields = typeof additional === 'string' ? JSON.parse(additional) : additional;
    return rec(fields).generationStage === 'SPECULATIVE' ? 'speculative' : 'final';
  } catch {
    return 'final';
  }
}

/** Session-wide state shared by its connections. */
interface SessionState {
  ctx: ModuleContext;
  plan: VoicePlan;
  input: VoiceInputQueue;
  options: VoiceOptions;
  signal: AbortSignal;
  channel: Channel;
  history: VoiceHistoryMessage[];
  usage: VoiceUsage;
  ids: { next(prefix: string): string };
}

/** One InvokeModelWithBidirectionalStream connection of a session. */
class Connection {
  readonly promptName: string;
  readonly out = new Outbound();
  /** Stops this connection's input pump (renewal). */
  readonly #stopPump = new AbortController();
  readonly #s: SessionState;
  #audioContent: string | undefined;
  #contents = new Map<string, { type: string; role: string; stage: 'speculative' | 'final' }>();
  #assistantBusy = false;
  #tools = new Set<Promise<void>>();
  #renewDue = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** Resolves 'renew' when the session should move to a new connection, 'closed' after close(). */
  readonly handoff: Promise<'renew' | 'closed'>;
  #handoff!: (why: 'renew' | 'closed') => void;
  /** Settles when the output of this connection ended. */
  done: Promise<void> = Promise.resolve();

  constructor(state: SessionState) {
    this.#s = state;
    this.promptName = state.ids.next('prompt');
    this.handoff = new Promise((resolve) => {
      this.#handoff = resolve;
    });
  }

  #event(name: string, value: Json): void {
    this.out.push({ [name]: value });
  }

  #textContent(role: 'SYSTEM' | 'USER' | 'ASSISTANT', text: string, interactive: boolean): void {
    const contentName = this.#s.ids.next('content');
    const { promptName } = this;
    this.#event('contentStart', {
      promptName,
      contentName,
      type: 'TEXT',
      interactive,
      role,
      textInputConfiguration: { mediaType: 'text/plain' },
    });
    this.#event('textInput', { promptName, contentName, content: text });
    this.#event('contentEnd', { promptName, contentName });
  }

  /** sessionStart, promptStart, the system prompt and the text history, in the protocol's order. */
  prelude(history: readonly VoiceHistoryMessage[]): void {
    const { plan } = this.#s;
    const { params } = plan;
    this.#event('sessionStart', {
      inferenceConfiguration: {
        maxTokens: params.maxTokens ?? 1024,
        topP: params.topP ?? 0.9,
        temperature: params.temperature ?? 0.7,
      },
    });
    this.#event('promptStart', {
      promptName: this.promptName,
      textOutputConfiguration: { mediaType: 'text/plain' },
      audioOutputConfiguration: {
        mediaType: 'audio/lpcm',
        sampleRateHertz: plan.outputRate,
        sampleSizeBits: 16,
        channelCount: 1,
        voiceId: plan.voice,
        encoding: 'base64',
        audioType: 'SPEECH',
      },
      ...(plan.tools.length > 0
        ? {
            toolUseOutputConfiguration: { mediaType: 'application/json' },
            toolConfiguration: {
              tools: plan.tools.map((t) => ({
                toolSpec: {
                  name: t.name,
                  description: t.description,
                  inputSchema: { json: JSON.stringify(t.schema) },
                },
              })),
            },
          }
        : {}),
    });
    if (plan.system) this.#textContent('SYSTEM', plan.system, false);
    for (const m of history) {
      this.#textContent(m.role === 'user' ? 'USER' : 'ASSISTANT', m.text, false);
    }
  }

  #sendAudio(bytes: Uint8Array): void {
    const { promptName } = this;
    const { inputRate } = this.#s.plan;
    if (!this.#audioContent) {
      this.#audioContent = this.#s.ids.next('audio');
      this.#event('contentStart', {
        promptName,
        contentName: this.#audioContent,
        type: 'AUDIO',
        interactive: true,
        role: 'USER',
        audioInputConfiguration: {
          mediaType: 'audio/lpcm',
          sampleRateHertz: inputRate,
          sampleSizeBits: 16,
          channelCount: 1,
          audioType: 'SPEECH',
          encoding: 'base64',
        },
      });
    }
    const frame = Math.round((inputRate * FRAME_MS) / 1000) * 2;
    for (let at = 0; at < bytes.byteLength; at += frame) {
      this.#event('audioInput', {
        promptName,
        contentName: this.#audioContent,
        content: Buffer.from(bytes.subarray(at, at + frame)).toString('base64'),
      });
    }
  }

  #sendToolResult(id: string, text: string): void {
    const { promptName } = this;
    const contentName = this.#s.ids.next('tool');
    this.#event('contentStart', {
      promptName,
      contentName,
      interactive: false,
      type: 'TOOL',
      role: 'TOOL',
      toolResultInputConfiguration: {
        toolUseId: id,
        type: 'TEXT',
        textInputConfiguration: { mediaType: 'text/plain' },
      },
    });
    this.#event('toolResult', { promptName, contentName, content: text });
    this.#event('contentEnd', { promptName, contentName });
  }

  /** contentEnd of the open audio, promptEnd, sessionEnd; then the input stream ends. */
  async #closeInput(): Promise<void> {
    // A tool result may not follow sessionEnd: wait for the tools still running.
    while (this.#tools.size > 0) await Promise.all([...this.#tools]);
    const { promptName } = this;
    if (this.#audioContent) {
      this.#event('contentEnd', { promptName, contentName: this.#audioContent });
      this.#audioContent = undefined;
    }
    this.#event('promptEnd', { promptName });
    this.#event('sessionEnd', {});
    this.out.end();
  }

  /** Moves the caller's input onto this connection until close() or a renewal. */
  async pump(): Promise<void> {
    const { input, signal } = this.#s;
    const stop = AbortSignal.any([signal, this.#stopPump.signal]);
    for (;;) {
      const item: VoiceInput | undefined = await input.take(stop);
      if (!item) {
        if (this.#stopPump.signal.aborted && !signal.aborted) await this.#closeInput();
        return;
      }
      if (item.kind === 'audio') this.#sendAudio(item.bytes);
      else if (item.kind === 'text') this.#textContent('USER', item.text, true);
      else if (item.kind === 'tool-result') this.#sendToolResult(item.id, item.text);
      else {
        await this.#closeInput();
        this.#handoff('closed');
        return;
      }
    }
  }

  /** Called when the connection is old enough: renew now if no turn is under way, else at its end. */
  armRenewal(afterMs: number): void {
    this.#timer = setTimeout(() => {
      this.#renewDue = true;
      this.#maybeRenew();
    }, afterMs);
    this.#timer.unref?.();
  }

  #maybeRenew(): void {
    if (!this.#renewDue || this.#assistantBusy || this.#tools.size > 0) return;
    if (this.#s.input.closed) return;
    this.#renewDue = false;
    this.#stopPump.abort();
    this.#handoff('renew');
  }

  stopTimer(): void {
    clearTimeout(this.#timer);
  }

  #remember(role: 'user' | 'assistant', text: string): void {
    const { history } = this.#s;
    const last = history[history.length - 1];
    if (last?.role === role) last.text = `${last.text} ${text}`;
    else history.push({ role, text });
  }

  #runTool(id: string, name: string, input: unknown): void {
    const { plan, channel, signal } = this.#s;
    const tool = plan.params.tools?.[name] as GenerativeTool<unknown> | undefined;
    if (typeof tool?.execute !== 'function') return;
    const running = (async () => {
      let output: unknown;
      let isError = false;
      const checked = await validateValue(tool.input, input);
      if (!checked.ok) {
        isError = true;
        output = `Invalid input: ${checked.issues.map((i) => `${i.path || '/'}: ${i.message}`).join('; ')}`;
      } else {
        try {
          output = await tool.execute?.(checked.value, { toolCallId: id, step: 1, signal });
          if (output === undefined) output = 'done';
        } catch (err) {
          if (signal.aborted) return;
          isError = true;
          output = `Error: ${(err instanceof Error ? err.message : String(err)).slice(0, 1000)}`;
        }
      }
      if (signal.aborted) return;
      let text: string;
      try {
        text = toolResultText(output, isError, `tool ${name} output`);
      } catch (err) {
        // An output one event cannot carry (too large, not JSON) fails this call only: the model
        // is told, as for a tool that throws, and the session goes on.
        isError = true;
        output = `Error: ${(err as Error).message}`;
        text = toolResultText(output, true, `tool ${name} output`);
      }
      this.#sendToolResult(id, text);
      channel.push({ event: { type: 'tool-result', id, name, output, isError } });
    })();
    this.#tools.add(running);
    void running.finally(() => {
      this.#tools.delete(running);
      this.#maybeRenew();
    });
  }

  #usage(value: Json): void {
    const { usage, channel } = this.#s;
    const delta = rec(rec(value.details).delta);
    const input = rec(delta.input);
    const output = rec(delta.output);
    usage.inputSpeechTokens += num(input.speechTokens);
    usage.inputTextTokens += num(input.textTokens);
    usage.outputSpeechTokens += num(output.speechTokens);
    usage.outputTextTokens += num(output.textTokens);
    usage.inputTokens = usage.inputSpeechTokens + usage.inputTextTokens;
    usage.outputTokens = usage.outputSpeechTokens + usage.outputTextTokens;
    usage.totalTokens = usage.inputTokens + usage.outputTokens;
    channel.push({ event: { type: 'usage', usage: { ...usage } } });
  }

  /** One output event of the model, as typed events on the channel. */
  handle(name: string, value: Json): void {
    const { channel, plan } = this.#s;
    const emit = (event: VoiceEvent) => channel.push({ event });
    const contentId = str(value.contentId);
    if (name === 'contentStart') {
      const role = str(value.role);
      this.#contents.set(contentId, {
        type: str(value.type),
        role,
        stage: stageOf(value.additionalModelFields),
      });
      if (role === 'ASSISTANT') this.#assistantBusy = true;
      return;
    }
    const content = this.#contents.get(contentId);
    if (name === 'textOutput') {
      const text = str(value.content);
      if (INTERRUPTED.test(text)) return; // reported once, by the audio's contentEnd
      const role = (str(value.role) || content?.role) === 'USER' ? 'user' : 'assistant';
      const stage = content?.stage ?? 'final';
      emit({ type: 'transcript', role, text, stage });
      if (stage === 'final') this.#remember(role, text);
      return;
    }
    if (name === 'audioOutput') {
      const audio = new Uint8Array(Buffer.from(str(value.content), 'base64'));
      emit({ type: 'audio', audio, sampleRate: plan.outputRate });
      return;
    }
    if (name === 'toolUse') {
      const id = str(value.toolUseId);
      const toolName = str(value.toolName);
      let input: unknown = {};
      try {
        input = value.content ? JSON.parse(str(value.content)) : {};
      } catch {
        input = str(value.content);
      }
      emit({ type: 'tool-call', id, name: toolName, input });
      this.#runTool(id, toolName, input);
      return;
    }
    if (name === 'contentEnd') {
      this.#contents.delete(contentId);
      const stop = str(value.stopReason);
      if (stop === 'INTERRUPTED' && str(value.type) === 'AUDIO') emit({ type: 'interrupted' });
      if (
        content?.role === 'ASSISTANT' &&
        content.type === 'TEXT' &&
        content.stage === 'final' &&
        (stop === 'END_TURN' || stop === 'INTERRUPTED')
      ) {
        this.#assistantBusy = false;
        if (stop === 'END_TURN') emit({ type: 'turn-end' });
        this.#maybeRenew();
      }
      return;
    }
    if (name === 'usageEvent') this.#usage(value);
  }

  /** Opens the connection and reads its output until Bedrock ends it. */
  async read(): Promise<void> {
    const { ctx, plan, options, signal } = this.#s;
    const response = await callAws(
      ctx,
      BEDROCK_VOICE,
      SITE.operation,
      ({ client, sdk, signal: attempt }) =>
        client.send(
          new sdk.InvokeModelWithBidirectionalStreamCommand({
            modelId: plan.model,
            body: this.out.body(attempt),
          }),
          { abortSignal: attempt },
        ),
      // The whole session's deadline is the stream's (voice-session.ts), not one connection's.
      { signal, retry: options.retry, timeoutMs: 2_147_483_647 },
    );
    if (!response.body) throw new StreamError('Bedrock answered without a stream', SITE);
    const decoder = new TextDecoder();
    for await (const part of response.body as AsyncIterable<InvokeModelWithBidirectionalStreamOutput>) {
      if (!part.chunk?.bytes) {
        const [code, error] = Object.entries(part).find(([, v]) => v !== undefined) ?? [];
        if (code) {
          const name = code.charAt(0).toUpperCase() + code.slice(1);
          throw Object.assign(new Error(str(rec(error).message) || name), { name });
        }
        continue;
      }
      const event = rec(rec(JSON.parse(decoder.decode(part.chunk.bytes))).event);
      const [name, value] = Object.entries(event)[0] ?? [];
      if (name) this.handle(name, rec(value));
    }
  }
}

/**
 * Runs a voice session: opens a connection, moves the caller's input onto it, turns its output into
 * events, and before Bedrock's connection limit opens the next one with the text history so far.
 * @internal
 */
export async function* voiceEvents(
  ctx: ModuleContext,
  plan: VoicePlan,
  input: VoiceInputQueue,
  options: VoiceOptions,
  signal: AbortSignal,
): AsyncGenerator<VoiceEvent> {
  let seq = 0;
  const state: SessionState = {
    ctx,
    plan,
    input,
    options,
    signal,
    channel: new Channel(),
    history: (plan.params.history ?? []).map((m) => ({ role: m.role, text: m.text })),
    usage: emptyUsage(),
    ids: { next: (prefix) => `${prefix}-${crypto.randomUUID()}-${++seq}` },
  };
  const { channel } = state;
  let connections = 0;
  // A refused start is already typed (ValidationError, AccessDeniedError, …); an exception event or a
  // dropped connection mid-stream becomes a StreamError with Bedrock's code.
  const fail = (err: unknown) =>
    channel.push({
      error: signal.aborted || AwsAIError.isInstance(err) ? err : midStreamError(err, SITE),
    });

  const drive = async () => {
    const reading: Array<Promise<void>> = [];
    for (;;) {
      const conn = new Connection(state);
      connections += 1;
      conn.prelude(state.history.map((m) => ({ ...m })));
      conn.done = conn.read().catch((err) => {
        conn.stopTimer();
        fail(err);
      });
      reading.push(conn.done);
      void conn.pump().catch(fail);
      conn.armRenewal(plan.renewAfterMs);
      const why = await Promise.race([conn.handoff, conn.done.then(() => 'ended' as const)]);
      conn.stopTimer();
      if (why === 'renew') continue;
      await Promise.all(reading);
      if (why === 'ended' && !input.closed && !signal.aborted) {
        fail(
          new StreamError('Bedrock ended the voice connection before the session was closed', {
            ...SITE,
            code: 'StreamTruncated',
            retryable: true,
          }),
        );
        return;
      }
      channel.push({
        event: { type: 'end', usage: { ...state.usage }, connections },
      });
      channel.push({ done: true });
      return;
    }
  };
  void drive().catch(fail);

  for (;;) {
    const item = await channel.next();
    if ('done' in item) return;
    if ('error' in item) throw item.error;
    yield item.event;
  }
}
