/**
 * The queue between a bidirectional stream's input reader and its response generator, shared by
 * the emulator's streaming services (Lex StartConversation, Nova Sonic).
 *
 * @internal
 * @packageDocumentation
 */

/** A queue the input reader fills and the response generator drains (`null` ends it). @internal */
export class Outbox<T> {
  readonly #items: Array<T | Error | null> = [];
  #wake: (() => void) | undefined;
  push(item: T | Error | null): void {
    this.#items.push(item);
    this.#wake?.();
    this.#wake = undefined;
  }
  async next(): Promise<T | Error | null> {
    while (this.#items.length === 0) {
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
      });
    }
    return this.#items.shift() as T | Error | null;
  }
}
