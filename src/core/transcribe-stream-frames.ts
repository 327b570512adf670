import { raceSignal, sleep } from './internal/abort';

/** How {@link frameAudio} cuts and paces the caller's audio. @internal */
export interface FramePlan {
  /** Bytes per frame. */
  frameBytes: number;
  /** Audio milliseconds per frame; 0 when unknown (compressed audio is not paced). */
  frameMs: number;
  /** 1 = real time; 2 = twice as fast; 0 = no pacing. */
  pace: number;
  /** Fails when the source yields nothing for this long (ms). */
  idleTimeoutMs: number;
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Called with every frame's size, for progress and for the idle check. */
  onFrame?: ((bytes: number) => void) | undefined;
  /**
   * Keep-alive (PCM only): when the source yields nothing for this long (ms), frames of silence
   * (zero samples) go out, one per `frameMs` of waiting, until the source yields again; the idle
   * timeout then never fires. Undefined: off.
   */
  keepAliveAfterMs?: number | undefined;
  /** Called with the bytes of every silence frame sent by the keep-alive. */
  onSilence?: ((bytes: number) => void) | undefined;
}

/** Marks a wait that the keep-alive timer won. */
const KEEP_ALIVE = Symbol('keep-alive');

/** `pending`, or {@link KEEP_ALIVE} when `ms` pass first. */
async function orKeepAlive<T>(
  pending: Promise<T>,
  ms: number,
  signal: AbortSignal,
): Promise<T | typeof KEEP_ALIVE> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const tick = new Promise<typeof KEEP_ALIVE>((resolve) => {
    timer = setTimeout(() => resolve(KEEP_ALIVE), ms);
  });
  try {
    return await raceSignal(Promise.race([pending, tick]), signal);
  } finally {
    clearTimeout(timer);
  }
}

/** Thrown by {@link frameAudio} when the source went silent. @internal */
export class AudioIdle extends Error {}

/** The source's next chunk, or an {@link AudioIdle} when none arrives in time. */
async function nextChunk(
  source: AsyncIterator<Uint8Array>,
  idleTimeoutMs: number,
  signal: AbortSignal,
): Promise<IteratorResult<Uint8Array>> {
  const idle = new AbortController();
  const timer = setTimeout(() => idle.abort(new AudioIdle()), idleTimeoutMs);
  try {
    return await raceSignal(source.next(), AbortSignal.any([signal, idle.signal]));
  } catch (err) {
    if (idle.signal.aborted && !signal.aborted) throw idle.signal.reason;
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Re-frames any chunking of the caller's audio into frames of `frameBytes` (the last one shorter),
 * released no faster than `pace` × real time: frame k waits until k × frameMs / pace after the
 * first frame, so a slow source (a microphone) is never delayed, a fast one (a file) is held back.
 * @internal
 */
export async function* frameAudio(
  audio: AsyncIterable<Uint8Array>,
  plan: FramePlan,
  signal: AbortSignal,
): AsyncGenerator<Uint8Array> {
  const source = audio[Symbol.asyncIterator]();
  const pending = new Uint8Array(plan.frameBytes);
  let filled = 0;
  let sent = 0;
  let started: number | undefined;
  const release = async (frame: Uint8Array): Promise<Uint8Array> => {
    if (plan.pace > 0 && plan.frameMs > 0) {
      started ??= performance.now();
      const due = started + (sent * plan.frameMs) / plan.pace;
      const wait = due - performance.now();
      if (wait > 0) await plan.sleep(wait, signal);
    }
    sent += 1;
    plan.onFrame?.(frame.byteLength);
    return frame;
  };
  const keepAlive = plan.keepAliveAfterMs !== undefined && plan.frameMs > 0;
  // With keep-alive, one read of the source stays pending while silence goes out.
  let reading: Promise<IteratorResult<Uint8Array>> | undefined;
  try {
    for (;;) {
      let next: IteratorResult<Uint8Array>;
      if (keepAlive) {
        reading ??= source.next();
        let waited = 0;
        let got: IteratorResult<Uint8Array> | typeof KEEP_ALIVE;
        for (;;) {
          got = await orKeepAlive(
            reading,
            waited === 0 ? (plan.keepAliveAfterMs as number) : plan.frameMs,
            signal,
          );
          if (got !== KEEP_ALIVE) break;
          // The source paused: what is buffered goes first, then one frame of silence per frame
          // of waiting, so the service hears a steady stream.
          if (filled > 0) {
            yield await release(pending.slice(0, filled));
            filled = 0;
          }
          waited += 1;
          const silence = new Uint8Array(plan.frameBytes);
          plan.onSilence?.(silence.byteLength);
          yield await release(silence);
        }
        reading = undefined;
        next = got;
      } else {
        next = await nextChunk(source, plan.idleTimeoutMs, signal);
      }
      const { done, value } = next;
      if (done) break;
      let at = 0;
      while (at < value.byteLength) {
        const take = Math.min(plan.frameBytes - filled, value.byteLength - at);
        pending.set(value.subarray(at, at + take), filled);
        filled += take;
        at += take;
        if (filled === plan.frameBytes) {
          yield await release(pending.slice());
          filled = 0;
        }
      }
    }
    if (filled > 0) yield await release(pending.slice(0, filled));
  } finally {
    // Not awaited: a silent source may be stuck inside next(), and return() would wait for it.
    Promise.resolve(source.return?.()).catch(() => {});
  }
}

/** Real sleeping, abortable. @internal */
export function realSleep(ms: number, signal: AbortSignal): Promise<void> {
  return sleep(ms, signal);
}
