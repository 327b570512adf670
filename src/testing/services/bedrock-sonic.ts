import { EmulatorError } from '../emulator-error';
import { Outbox } from '../outbox';
import { isRecord } from '../protocols/wire-json';
import type { EmulatorInput, Handler } from '../types';
import type { ServiceDefinition } from './definition';
import { synthesizeAudio } from './polly-audio';

/**
 * A scripted Amazon Nova Sonic on Bedrock's InvokeModelWithBidirectionalStream: it checks the order
 * of the protocol's input events, treats 480 ms of silence after speech (or the end of a text or
 * audio content) as the end of a user turn, echoes a transcript, asks for a declared tool when the
 * user names it (or, for speech, for the first tool), speaks back PCM audio made like Polly's, stops
 * speaking when the user talks over it (barge-in), and ends a connection that outlives its limit
 * (8 minutes on AWS; `sonicConnectionLimitMs` shortens it for tests) at the limit, also while the
 * client sends nothing. An input chunk over the model's 1,000,000 bytes is a ValidationException.
 */

/**
 * AWS's limit on one InvokeModelWithBidirectionalStream connection ("The response is returned in a
 * stream that remains open for 8 minutes", the operation's documentation in the bedrock-runtime model).
 */
export const SONIC_CONNECTION_LIMIT_MS = 8 * 60_000;
/** One input event's `chunk.bytes`: at most 1,000,000 bytes (M-BEDROCK-RUNTIME `PartBody`: max 1000000). */
const PART_BODY_MAX_BYTES = 1_000_000;
/** Silence after speech that ends a user turn. */
const END_OF_TURN_SILENCE_MS = 480;
/** A 16-bit sample quieter than this counts as silence. */
const SILENCE_LEVEL = 64;
/** Audio output events per answer, and the pause between them (time for a barge-in). */
const AUDIO_PIECES = 8;
const AUDIO_PIECE_DELAY_MS = 15;

type Json = Record<string, unknown>;

interface OpenContent {
  type: string;
  role: string;
  text: string;
  /** Live user text (cross-modal input) rather than history. */
  interactive: boolean;
  toolUseId?: string;
}

interface Tool {
  name: string;
  schema: Json;
}

function fail(message: string): never {
  throw new EmulatorError('ValidationException', message);
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Fills a tool input from its JSON Schema: strings get the user's words, numbers 1. */
function toolInput(schema: Json, words: string): Json {
  const input: Json = {};
  const props = isRecord(schema.properties) ? schema.properties : {};
  const required = Array.isArray(schema.required) ? schema.required : Object.keys(props);
  for (const name of required) {
    const prop = isRecord(props[name]) ? (props[name] as Json) : {};
    const type = prop.type;
    if (Array.isArray(prop.enum) && prop.enum.length > 0) input[name] = prop.enum[0];
    else if (type === 'number' || type === 'integer') input[name] = 1;
    else if (type === 'boolean') input[name] = true;
    else input[name] = words;
  }
  return input;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function sonicHandler(limitMs: () => number): Handler {
  return (input: EmulatorInput, ctx) => {
    const body = input.body;
    if (!isRecord(body) && typeof body !== 'object') fail('the request has no event stream');
    const received: Json[] = [];
    // Kept on the recorded call so tests can read the protocol events the client sent.
    input.received = received;
    const out = new Outbox<Json>();
    const sessionId = `sonic-${ctx.requestId}`;
    const completionId = `completion-${ctx.requestId.slice(0, 8)}`;
    const opened = Date.now();
    const limit = limitMs();
    let promptName = '';
    let voiceId = 'matthew';
    let outputRate = 24_000;
    let inputRate = 16_000;
    let tools: Tool[] = [];
    let phase: 'new' | 'session' | 'prompt' | 'prompt-ended' | 'ended' = 'new';
    let contentSeq = 0;
    let speaking: { interrupted: boolean } | undefined;
    let pendingTool: { id: string; name: string; words: string } | undefined;
    let turns = 0;
    let usedOutput = 0;
    const open = new Map<string, OpenContent>();
    // Audio of the user turn in progress.
    let speechBytes = 0;
    let silentBytes = 0;
    const ids = { next: () => `content-${++contentSeq}` };
    const base = () => ({ sessionId, promptName, completionId });

    const emit = (name: string, value: Json) => out.push({ [name]: { ...base(), ...value } });
    const textBlock = (role: string, stage: string, text: string, stopReason = 'END_TURN') => {
      const contentId = ids.next();
      emit('contentStart', {
        contentId,
        type: 'TEXT',
        role,
        additionalModelFields: JSON.stringify({ generationStage: stage }),
        textOutputConfiguration: { mediaType: 'text/plain' },
      });
      emit('textOutput', { contentId, role, content: text });
      emit('contentEnd', { contentId, type: 'TEXT', stopReason });
    };
    const usage = (inputTokens: number, outputTokens: number) => {
      usedOutput += outputTokens;
      out.push({
        usageEvent: {
          ...base(),
          details: {
            delta: {
              input: { speechTokens: inputTokens, textTokens: 0 },
              output: { speechTokens: outputTokens, textTokens: 0 },
            },
          },
          totalInputTokens: turns * 10,
          totalOutputTokens: usedOutput,
          totalTokens: turns * 10 + usedOutput,
        },
      });
    };

    /** Speaks `text` in pieces, stopping when the user barges in. */
    const answer = async (text: string) => {
      textBlock('ASSISTANT', 'SPECULATIVE', text, 'PARTIAL_TURN');
      const audio = synthesizeAudio(text, 'pcm', outputRate);
      const contentId = ids.next();
      emit('contentStart', {
        contentId,
        type: 'AUDIO',
        role: 'ASSISTANT',
        audioOutputConfiguration: {
          mediaType: 'audio/lpcm',
          sampleRateHertz: outputRate,
          sampleSizeBits: 16,
          channelCount: 1,
          encoding: 'base64',
          voiceId,
        },
      });
      const state = { interrupted: false };
      speaking = state;
      const piece = Math.ceil(audio.byteLength / AUDIO_PIECES / 2) * 2;
      for (let at = 0; at < audio.byteLength && !state.interrupted; at += piece) {
        emit('audioOutput', {
          contentId,
          content: Buffer.from(audio.subarray(at, at + piece)).toString('base64'),
        });
        await sleep(AUDIO_PIECE_DELAY_MS);
      }
      speaking = undefined;
      emit('contentEnd', {
        contentId,
        type: 'AUDIO',
        stopReason: state.interrupted ? 'INTERRUPTED' : 'END_TURN',
      });
      if (state.interrupted) {
        textBlock('ASSISTANT', 'FINAL', '{ "interrupted" : true }', 'INTERRUPTED');
      } else {
        textBlock('ASSISTANT', 'FINAL', text);
      }
      usage(10, Math.ceil(text.length / 4));
    };

    let answering: Promise<void> = Promise.resolve();
    const userTurn = (words: string, spoken: boolean) => {
      turns += 1;
      textBlock('USER', 'FINAL', words);
      const lower = words.toLowerCase();
      const tool =
        tools.find((t) => lower.includes(t.name.toLowerCase().replace(/[_-]/g, ' '))) ??
        tools.find((t) => lower.includes(t.name.toLowerCase())) ??
        (spoken ? tools[0] : undefined);
      if (tool) {
        const toolUseId = `tooluse-${ctx.requestId.slice(0, 8)}-${turns}`;
        const contentId = ids.next();
        emit('contentStart', {
          contentId,
          type: 'TOOL',
          role: 'TOOL',
          toolUseOutputConfiguration: { mediaType: 'application/json' },
        });
        emit('toolUse', {
          contentId,
          toolUseId,
          toolName: tool.name,
          content: JSON.stringify(toolInput(tool.schema, words)),
        });
        emit('contentEnd', { contentId, type: 'TOOL', stopReason: 'TOOL_USE' });
        pendingTool = { id: toolUseId, name: tool.name, words };
        return;
      }
      const reply = `You said: ${words}`;
      answering = answering.then(() => answer(reply));
    };

    const onAudio = (bytes: Buffer) => {
      let loud = false;
      for (let i = 0; i + 1 < bytes.byteLength; i += 2) {
        if (Math.abs(bytes.readInt16LE(i)) >= SILENCE_LEVEL) {
          loud = true;
          break;
        }
      }
      if (loud) {
        if (speaking && !speaking.interrupted) speaking.interrupted = true;
        speechBytes += bytes.byteLength;
        silentBytes = 0;
      } else if (speechBytes > 0) {
        silentBytes += bytes.byteLength;
        if (silentBytes >= ((inputRate * 2) / 1000) * END_OF_TURN_SILENCE_MS) endSpeech();
      }
    };
    const endSpeech = () => {
      if (speechBytes === 0) return;
      const seconds = speechBytes / (inputRate * 2);
      speechBytes = 0;
      silentBytes = 0;
      userTurn(`emulated transcript of ${seconds.toFixed(1)} s of speech`, true);
    };

    const handle = (event: Json) => {
      const [name, value] = Object.entries(event)[0] ?? [];
      const v: Json = isRecord(value) ? value : {};
      if (phase === 'ended') fail(`${name} after sessionEnd`);
      if (name === 'sessionStart') {
        if (phase !== 'new') fail('sessionStart must be the first event, and sent once');
        phase = 'session';
        return;
      }
      if (phase === 'new') fail(`${name} before sessionStart`);
      if (name === 'sessionEnd') {
        if (phase !== 'prompt-ended') fail('sessionEnd before promptEnd');
        if (open.size > 0) fail('sessionEnd with content still open');
        phase = 'ended';
        return;
      }
      if (name === 'promptStart') {
        if (phase !== 'session') fail('promptStart must follow sessionStart, once');
        promptName = str(v.promptName) || fail('promptStart needs a promptName');
        const audioOut = isRecord(v.audioOutputConfiguration) ? v.audioOutputConfiguration : {};
        voiceId = str(audioOut.voiceId) || voiceId;
        outputRate = Number(audioOut.sampleRateHertz ?? outputRate) || outputRate;
        const config = isRecord(v.toolConfiguration) ? v.toolConfiguration : {};
        tools = (Array.isArray(config.tools) ? config.tools : []).map((t) => {
          const spec = isRecord(t) && isRecord(t.toolSpec) ? t.toolSpec : {};
          const schemaText = isRecord(spec.inputSchema) ? str(spec.inputSchema.json) : '';
          let schema: Json = {};
          try {
            schema = schemaText ? (JSON.parse(schemaText) as Json) : {};
          } catch {
            fail(`tool ${str(spec.name)}: inputSchema.json is not JSON`);
          }
          return { name: str(spec.name), schema };
        });
        phase = 'prompt';
        return;
      }
      if (phase !== 'prompt') fail(`${name} outside a prompt`);
      if (str(v.promptName) !== promptName) fail(`${name} names an unknown promptName`);
      const contentName = str(v.contentName);
      if (name === 'promptEnd') {
        if (open.size > 0) fail('promptEnd with content still open: send contentEnd first');
        phase = 'prompt-ended';
        return;
      }
      if (name === 'contentStart') {
        if (!contentName) fail('contentStart needs a contentName');
        if (open.has(contentName)) fail(`content ${contentName} is already open`);
        const type = str(v.type);
        const role = str(v.role);
        if (!['TEXT', 'AUDIO', 'TOOL'].includes(type)) fail(`unknown content type ${type}`);
        if (type === 'AUDIO') {
          if (role !== 'USER') fail('audio input must have the USER role');
          const config = isRecord(v.audioInputConfiguration) ? v.audioInputConfiguration : {};
          inputRate = Number(config.sampleRateHertz ?? inputRate) || inputRate;
        }
        let toolUseId: string | undefined;
        if (type === 'TOOL') {
          const config = isRecord(v.toolResultInputConfiguration)
            ? v.toolResultInputConfiguration
            : {};
          toolUseId = str(config.toolUseId);
          if (!pendingTool || pendingTool.id !== toolUseId) {
            fail(`tool result for ${toolUseId || 'no toolUseId'}, which the model did not ask for`);
          }
        }
        open.set(contentName, {
          type,
          role,
          text: '',
          interactive: v.interactive === true,
          ...(toolUseId ? { toolUseId } : {}),
        });
        return;
      }
      const content = open.get(contentName);
      if (!content) fail(`${name} for content ${contentName || '(none)'}, which is not open`);
      if (name === 'textInput') {
        if (content.type !== 'TEXT') fail('textInput in a content that is not TEXT');
        content.text += str(v.content);
        return;
      }
      if (name === 'toolResult') {
        if (content.type !== 'TOOL') fail('toolResult in a content that is not TOOL');
        content.text += str(v.content);
        return;
      }
      if (name === 'audioInput') {
        if (content.type !== 'AUDIO') fail('audioInput in a content that is not AUDIO');
        onAudio(Buffer.from(str(v.content), 'base64'));
        return;
      }
      if (name === 'contentEnd') {
        open.delete(contentName);
        if (content.type === 'AUDIO') endSpeech();
        if (content.type === 'TEXT' && content.role === 'USER' && content.interactive) {
          userTurn(content.text, false);
        }
        if (content.type === 'TOOL' && pendingTool) {
          const { name: tool } = pendingTool;
          pendingTool = undefined;
          answering = answering.then(() => answer(`${tool} says ${content.text}`));
        }
        return;
      }
      fail(`unknown input event ${name}`);
    };

    const overLimit = () =>
      new EmulatorError(
        'ValidationException',
        `The connection reached the maximum duration of ${Math.round(limit / 1000)} s: open a new one`,
      );
    // AWS ends the connection at its limit whether or not the client is sending.
    const limitTimer = setTimeout(() => out.push(overLimit()), limit);
    limitTimer.unref?.();

    async function readInput() {
      try {
        for await (const chunk of body as AsyncIterable<unknown>) {
          if (Date.now() - opened > limit) throw overLimit();
          const bytes = isRecord(chunk) && isRecord(chunk.chunk) ? chunk.chunk.bytes : undefined;
          if (typeof bytes !== 'string' && !(bytes instanceof Uint8Array)) continue;
          const raw = typeof bytes === 'string' ? Buffer.from(bytes, 'base64') : Buffer.from(bytes);
          if (raw.byteLength > PART_BODY_MAX_BYTES) {
            fail(
              `1 validation error detected: Value at 'body.chunk.bytes' failed to satisfy constraint: Member must have length less than or equal to ${PART_BODY_MAX_BYTES}`,
            );
          }
          let event: unknown;
          try {
            event = JSON.parse(raw.toString('utf8'));
          } catch {
            fail('an input chunk is not JSON');
          }
          const inner = isRecord(event) && isRecord(event.event) ? event.event : undefined;
          if (!inner) fail('an input chunk must be { "event": { ... } }');
          received.push(inner);
          handle(inner);
          if (phase === 'ended') break;
        }
        if (phase !== 'ended') fail('the input stream ended before sessionEnd');
        await answering;
        out.push({ completionEnd: { ...base(), stopReason: 'END_TURN' } });
        out.push(null);
      } catch (err) {
        out.push(err instanceof Error ? err : new Error(String(err)));
      }
    }

    async function* events() {
      void readInput();
      let started = false;
      try {
        for (;;) {
          const item = await out.next();
          if (item === null) return;
          if (item instanceof Error) throw item;
          if (!started && !('completionStart' in item)) {
            started = true;
            yield {
              chunk: { bytes: Buffer.from(JSON.stringify({ event: { completionStart: base() } })) },
            };
          }
          started = true;
          yield { chunk: { bytes: Buffer.from(JSON.stringify({ event: item })) } };
        }
      } finally {
        clearTimeout(limitTimer);
      }
    }
    return { body: events() };
  };
}

/**
 * Adds InvokeModelWithBidirectionalStream (Nova Sonic) to the Bedrock Runtime service.
 * `connectionLimitMs` reads the limit when a connection opens, so an emulator option can change it.
 */
export function withNovaSonic(
  bedrock: ServiceDefinition,
  connectionLimitMs: () => number = () => SONIC_CONNECTION_LIMIT_MS,
): ServiceDefinition {
  return {
    ...bedrock,
    routes: [
      ...bedrock.routes,
      {
        operation: 'InvokeModelWithBidirectionalStream',
        method: 'POST',
        path: '/model/{modelId}/invoke-with-bidirectional-stream',
        // `chunk.bytes` is a JSON member (base64) both ways, not the raw event payload.
        request: { body: { kind: 'event-stream', member: 'body' } },
        response: { body: { kind: 'event-stream', member: 'body' } },
      },
    ],
    handlers: {
      ...bedrock.handlers,
      InvokeModelWithBidirectionalStream: sonicHandler(connectionLimitMs),
    },
    errors: { ...bedrock.errors, InvokeModelWithBidirectionalStream: ['ValidationException'] },
  };
}
