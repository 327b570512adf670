/**
 * The audio of one Transcribe session while its start may still be refused. Over HTTP/2 the SDK
 * pulls the first AudioEvents into the request before the answer arrives, so a start refused with
 * throttling or a 5xx has already read some of the caller's audio, which can be read only once. The
 * frames read are kept until a start is accepted, and a retry sends them first: each attempt reads
 * through its own {@link ReplayAudio.reader}, the source is read by one pull at a time.
 * @internal
 */

/**
 * The most audio kept for a retry, in bytes. A refused start reads what fits in the request's
 * flow-control window and buffers: measured 212 KB against the emulator at `pace: 0`, two 100 ms
 * frames at real-time pace. Past it, a refused start can no longer be retried.
 * @internal
 */
export const STREAM_REPLAY_MAX_BYTES = 1024 * 1024;

/** One attempt's view of the session's audio: the frames kept, then the source. @internal */
export interface ReplayReader extends AsyncIterable<Uint8Array> {
  /** Ends this attempt's reading: its later reads end at once, the source is not touched. */
  close(): void;
}

/** The frames of one session, kept for a retry until {@link accept} (or {@link STREAM_REPLAY_MAX_BYTES}). @internal */
export class ReplayAudio {
  readonly #source: AsyncIterator<Uint8Array>;
  readonly #maxBytes: number;
  /** Frames read from the source and not yet dropped; the first is frame number `#base`. */
  readonly #frames: Uint8Array[] = [];
  #base = 0;
  #keptBytes = 0;
  /** Kept for a retry: until a start is accepted or the cap is passed. */
  #keeping = true;
  #lost = false;
  #ended = false;
  #failure: { error: unknown } | undefined;
  #pulling: Promise<void> | undefined;
  /** The cursor of the attempt reading now (attempts run one after the other). */
  #live: { at: number; closed: boolean } | undefined;

  constructor(source: AsyncIterator<Uint8Array>, maxBytes = STREAM_REPLAY_MAX_BYTES) {
    this.#source = source;
    this.#maxBytes = maxBytes;
  }

  /** Frames were dropped before a start was accepted: a new attempt cannot send them. */
  get lost(): boolean {
    return this.#lost;
  }

  /** A start was accepted: nothing more is kept, frames are dropped once sent. */
  accept(): void {
    this.#keeping = false;
    this.#trim();
  }

  /**
   * The audio of a new attempt, from the session's first frame. The previous attempt's reader is
   * closed. @throws when frames were already dropped ({@link lost}).
   */
  reader(): ReplayReader {
    if (this.#lost) throw new Error('ReplayAudio: frames of this session were dropped');
    if (this.#live) this.#live.closed = true;
    const cursor = { at: this.#base, closed: false };
    this.#live = cursor;
    const next = async (): Promise<IteratorResult<Uint8Array>> => {
      for (;;) {
        if (cursor.closed) return { done: true, value: undefined };
        const frame = this.#frames[cursor.at - this.#base];
        if (frame) {
          cursor.at += 1;
          this.#trim();
          return { done: false, value: frame };
        }
        if (this.#failure) throw this.#failure.error;
        if (this.#ended) return { done: true, value: undefined };
        this.#pulling ??= this.#pull();
        await this.#pulling;
      }
    };
    return {
      close: () => {
        cursor.closed = true;
      },
      [Symbol.asyncIterator]: () => ({
        next,
        // The SDK's return() ends this attempt only: the source stays open for a retry.
        return: async () => {
          cursor.closed = true;
          return { done: true, value: undefined };
        },
      }),
    };
  }

  /** Reads one frame from the source (never two reads at once), keeping it for the readers. */
  async #pull(): Promise<void> {
    try {
      const result = await this.#source.next();
      if (result.done) {
        this.#ended = true;
        return;
      }
      this.#frames.push(result.value);
      if (this.#keeping) {
        this.#keptBytes += result.value.byteLength;
        if (this.#keptBytes > this.#maxBytes) {
          // Bounded memory: past the cap the frames go out once, and a refusal cannot be retried.
          this.#keeping = false;
          this.#lost = true;
        }
      }
      this.#trim();
    } catch (error) {
      this.#failure = { error };
    } finally {
      this.#pulling = undefined;
    }
  }

  /** Once nothing is kept for a retry, drops the frames the live reader has passed. */
  #trim(): void {
    if (this.#keeping) return;
    const upTo =
      this.#live && !this.#live.closed ? this.#live.at : this.#base + this.#frames.length;
    while (this.#base < upTo && this.#frames.length > 0) {
      this.#frames.shift();
      this.#base += 1;
    }
  }
}
