import { ValidationError } from '../errors';
import type { VoiceParams } from './voice-types';

const SITE = {
  service: 'bedrock-runtime',
  operation: 'InvokeModelWithBidirectionalStream',
} as const;

/** What the caller queued for the model. @internal */
export type VoiceInput =
  | { kind: 'audio'; bytes: Uint8Array }
  | { kind: 'text'; text: string }
  | {
      kind: 'tool-result';
      id: string /** The result as the event's JSON text, checked. */;
      text: string;
    }
  | { kind: 'close' };

/** The caller's input, read by the connection(s) in order. @internal */
export class VoiceInputQueue {
  readonly #items: VoiceInput[] = [];
  #wake: (() => void) | undefined;
  closed = false;

  push(item: VoiceInput): void {
    if (this.closed) {
      throw new ValidationError('The voice session was closed: open a new one with voice()', {
        ...SITE,
      });
    }
    if (item.kind === 'close') this.closed = true;
    this.#items.push(item);
    this.#wake?.();
    this.#wake = undefined;
  }

  /** The next item, or undefined when `signal` fires first. */
  async take(signal: AbortSignal): Promise<VoiceInput | undefined> {
    while (this.#items.length === 0) {
      if (signal.aborted) return undefined;
      await new Promise<void>((resolve) => {
        const done = (): void => {
          signal.removeEventListener('abort', done);
          resolve();
        };
        this.#wake = done;
        signal.addEventListener('abort', done, { once: true });
      });
    }
    return this.#items.shift();
  }
}

/** Parameters checked and defaulted, ready to build protocol events from. @internal */
export interface VoicePlan {
  model: string;
  system: string | undefined;
  voice: string;
  inputRate: number;
  outputRate: number;
  tools: Array<{ name: string; description: string; schema: Record<string, unknown> }>;
  params: VoiceParams;
  renewAfterMs: number;
}
