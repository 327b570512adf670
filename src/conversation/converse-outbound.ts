import type { StartConversationRequestEventStream } from '@aws-sdk/client-lex-runtime-v2';

/** What the caller can tell a running conversation (see `BotConversation`). @internal */
export interface ConverseControl {
  /** The request events not sent yet; ended by close() or when the conversation settles. */
  readonly outbound: Outbound;
}

/** The request events of a conversation, in order; nothing is queued once it has ended. @internal */
export class Outbound {
  readonly #items: StartConversationRequestEventStream[] = [];
  readonly #waiters = new Set<() => void>();
  /** Events sent while the request may still be refused and retried (see {@link body}). */
  #sentBeforeStart: StartConversationRequestEventStream[] | undefined = [];
  #ids = 0;
  ended = false;

  #notify(): void {
    for (const wake of this.#waiters) wake();
    this.#waiters.clear();
  }

  /** Lex accepted the request: what was sent is never sent again. */
  started(): void {
    this.#sentBeforeStart = undefined;
  }

  /** An event id for the next event (`CLIENT-N`, M-LEX `EventId`). */
  id(): string {
    this.#ids += 1;
    return `CLIENT-${this.#ids}`;
  }

  push(event: StartConversationRequestEventStream): void {
    if (this.ended) return;
    this.#items.push(event);
    this.#notify();
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
    this.#notify();
  }

  /** Drops what is queued: the conversation settled, nothing more is sent. */
  discard(): void {
    this.#items.length = 0;
    this.ended = true;
    this.#notify();
  }

  /**
   * The request body of one attempt: the events an earlier attempt sent before Lex refused it (a
   * refused start processed nothing, so they are sent again), then queued events as they come,
   * until the end or the signal.
   */
  async *body(signal: AbortSignal): AsyncGenerator<StartConversationRequestEventStream> {
    const stop = () => this.#notify();
    signal.addEventListener('abort', stop, { once: true });
    try {
      for (const event of [...(this.#sentBeforeStart ?? [])]) {
        if (signal.aborted) return;
        yield event;
      }
      for (;;) {
        if (signal.aborted) return;
        const event = this.#items.shift();
        if (event) {
          this.#sentBeforeStart?.push(event);
          yield event;
          continue;
        }
        if (this.ended) return;
        await new Promise<void>((resolve) => {
          this.#waiters.add(resolve);
        });
      }
    } finally {
      signal.removeEventListener('abort', stop);
    }
  }
}
