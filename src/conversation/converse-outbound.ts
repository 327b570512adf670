import type { StartConversationRequestEventStream } from '@aws-sdk/client-lex-runtime-v2';

/** What the caller can tell a running conversation (see `BotConversation`). @internal */
export interface ConverseControl {
  /** The request events not sent yet; ended by close() or when the conversation settles. */
  readonly outbound: Outbound;
}

/** The request events of a conversation, in order; nothing is queued once it has ended. @internal */
export class Outbound {
  readonly #items: StartConversationRequestEventStream[] = [];
  #wake: (() => void) | undefined;
  #ids = 0;
  ended = false;

  /** An event id for the next event (`CLIENT-N`, M-LEX `EventId`). */
  id(): string {
    this.#ids += 1;
    return `CLIENT-${this.#ids}`;
  }

  push(event: StartConversationRequestEventStream): void {
    if (this.ended) return;
    this.#items.push(event);
    this.#wake?.();
  }

  /** `PlaybackCompletionEvent`: the last spoken answer finished playing. */
  playbackComplete(): void {
    this.push({
      PlaybackCompletionEvent: { eventId: this.id(), clientTimestampMillis: Date.now() },
    });
  }

  /** Ends the request side after what is queued; `disconnect` adds a `DisconnectionEvent` first. */
  end(disconnect = false): void {
    if (this.ended) return;
    if (disconnect) {
      this.#items.push({
        DisconnectionEvent: { eventId: this.id(), clientTimestampMillis: Date.now() },
      });
    }
    this.ended = true;
    this.#wake?.();
  }

  /** Drops what is queued: the conversation settled, nothing more is sent. */
  discard(): void {
    this.#items.length = 0;
    this.ended = true;
    this.#wake?.();
  }

  /** The request body: queued events as they come, until the end or the signal. */
  async *body(signal: AbortSignal): AsyncGenerator<StartConversationRequestEventStream> {
    const stop = () => this.#wake?.();
    signal.addEventListener('abort', stop, { once: true });
    try {
      for (;;) {
        if (signal.aborted) return;
        const event = this.#items.shift();
        if (event) {
          yield event;
          continue;
        }
        if (this.ended) return;
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
