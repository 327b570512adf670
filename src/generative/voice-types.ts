import type { RetryOptions } from '../config';
import type { GenerativeToolSet } from './types';

/** One earlier turn given to a voice session as text (the only history Nova Sonic takes). */
export interface VoiceHistoryMessage {
  role: 'user' | 'assistant';
  text: string;
}

/** Parameters of {@link Generative.voice}. */
export interface VoiceParams {
  /** A Nova Sonic model id, e.g. `amazon.nova-sonic-v1:0` or `amazon.nova-2-sonic-v1:0`. */
  model: string;
  /** The system prompt. */
  system?: string | undefined;
  /** Output voice id, e.g. `matthew`, `tiffany`, `amy`. @default 'matthew' */
  voice?: string | undefined;
  /** Tools the model may call; those with `execute` run locally and their result goes back. */
  tools?: GenerativeToolSet | undefined;
  /**
   * Sample rates of the 16-bit mono PCM going in (the microphone) and coming out (the speaker):
   * 8000, 16000 or 24000 Hz.
   * @default { inputRate: 16000, outputRate: 24000 }
   */
  audio?: { inputRate?: number | undefined; outputRate?: number | undefined } | undefined;
  /** Earlier turns, sent after the system prompt and before any audio. */
  history?: readonly VoiceHistoryMessage[] | undefined;
  /** Inference settings sent in `sessionStart`. */
  maxTokens?: number | undefined;
  temperature?: number | undefined;
  topP?: number | undefined;
}

/** Options of {@link Generative.voice}. */
export interface VoiceOptions {
  /** Ends the session (both directions) with an `AbortError`. */
  signal?: AbortSignal | undefined;
  /** Deadline of the whole session; it ends with a `TimeoutError`. @default the client's `timeoutMs` */
  timeoutMs?: number | undefined;
  /**
   * The longest wait for the next output event; past it the session ends with a `StreamError`
   * (code `IdleTimeout`). @default no idle timeout (a listening model may be quiet for long)
   */
  idleTimeoutMs?: number | undefined;
  /**
   * Age of a connection after which the session opens a new one at the next turn boundary and
   * carries the text history into it. Bedrock ends a connection at 8 minutes.
   * @default 450_000 (7.5 minutes)
   */
  renewAfterMs?: number | undefined;
  /** Retries of a connection refused before it started. @default the client's */
  retry?: RetryOptions | undefined;
}

/** Token counts of a voice session, summed over its connections. */
export interface VoiceUsage {
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  inputSpeechTokens: number;
  inputTextTokens: number;
  outputSpeechTokens: number;
  outputTextTokens: number;
}

/** What a voice session yields. */
export type VoiceEvent =
  | {
      /** What the user said (speech recognition) or what the assistant says. */
      type: 'transcript';
      role: 'user' | 'assistant';
      text: string;
      /** `speculative`: what the assistant plans to say; `final`: what was actually said. */
      stage: 'speculative' | 'final';
    }
  | {
      /** Assistant speech: 16-bit mono PCM at `sampleRate`. */
      type: 'audio';
      audio: Uint8Array;
      sampleRate: number;
    }
  | { type: 'tool-call'; id: string; name: string; input: unknown }
  | { type: 'tool-result'; id: string; name: string; output: unknown; isError: boolean }
  | {
      /** The user spoke over the assistant: drop the audio not yet played. */
      type: 'interrupted';
    }
  | {
      /** The assistant finished its turn. */
      type: 'turn-end';
    }
  | { type: 'usage'; usage: VoiceUsage }
  | {
      /** The session ended after `close()`; `connections` counts the renewals plus one. */
      type: 'end';
      usage: VoiceUsage;
      connections: number;
    };
