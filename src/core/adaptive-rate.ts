/**
 * Client-side adaptive rate limiting per service and operation: learns the account's quota from
 * throttled answers instead of finding it again and again by hitting it. See
 * docs/decisions/0009-adaptive-rate.md.
 *
 * - Unlimited until the first throttle (no cost for calls that are never throttled), and until a
 *   throttle comes with some traffic behind it: fewer than {@link MIN_EVIDENCE} requests in the
 *   window are left to the retry backoff.
 * - On a throttle: the rate drops to what AWS actually accepted over the last second (the quota as
 *   observed), less a margin. One cut per round trip: throttles of requests sent before the last cut
 *   say nothing new and are ignored (the SDK's adaptive mode cuts on each and falls to 0.5 req/s).
 * - On each accepted request: the rate grows by a small fraction, probing for a raised quota; after
 *   {@link IDLE_RESET_MS} without a throttle it is unlimited again.
 *
 * @internal
 * @packageDocumentation
 */

import { sleep } from './internal/abort';

/** Fraction of the observed accepted rate kept after a throttle. */
const CUT = 0.92;
/** Growth of the rate per accepted request, as a fraction of one request/s: ~2 % per second. */
const GROWTH = 0.02;
/** Window over which accepted requests are counted. */
const WINDOW_MS = 2_000;
/** Never slower than this (requests per second). */
const MIN_RATE = 0.5;
/** Requests sent within the window below which a throttle is not taken as a quota. */
const MIN_EVIDENCE = 8;
/** A quiet spell this long without a throttle forgets the learned rate. */
const IDLE_RESET_MS = 60_000;

/** One operation's learned send rate. @internal */
export class AdaptiveRate {
  /** Requests per second; Infinity until throttled. */
  #rate = Number.POSITIVE_INFINITY;
  /** When the next request may be sent (performance.now() ms). */
  #nextAt = 0;
  /** Send time of the request that caused the last cut. */
  #cutAt = Number.NEGATIVE_INFINITY;
  #lastThrottle = Number.NEGATIVE_INFINITY;
  /** Completion times of accepted requests in the last {@link WINDOW_MS}. */
  readonly #accepted: number[] = [];
  /** Send times of requests in the last {@link WINDOW_MS}. */
  readonly #sent: number[] = [];

  /** The current rate in requests per second (Infinity when not limited). */
  get rate(): number {
    return this.#rate;
  }

  /**
   * Waits for this request's turn under the learned rate and returns its send time, to pass back
   * to {@link AdaptiveRate.onThrottle}.
   *
   * @throws the signal's error (see core/internal/abort) when it fires while waiting
   */
  async acquire(signal?: AbortSignal): Promise<number> {
    let now = performance.now();
    if (this.#rate !== Number.POSITIVE_INFINITY && now - this.#lastThrottle > IDLE_RESET_MS) {
      this.#rate = Number.POSITIVE_INFINITY;
    }
    this.#sent.push(now);
    trim(this.#sent, now);
    if (this.#rate === Number.POSITIVE_INFINITY) return now;
    const slot = Math.max(now, this.#nextAt);
    this.#nextAt = slot + 1000 / this.#rate;
    if (slot > now) {
      await sleep(slot - now, signal);
      now = performance.now();
    }
    return now;
  }

  /** An accepted answer: counted towards the observed rate, and the rate grows a little. */
  onAccepted(): void {
    const now = performance.now();
    this.#accepted.push(now);
    trim(this.#accepted, now);
    if (this.#rate !== Number.POSITIVE_INFINITY) this.#rate += GROWTH;
  }

  /** A throttled answer to the request sent at `sentAt` (from {@link AdaptiveRate.acquire}). */
  onThrottle(sentAt: number): void {
    const now = performance.now();
    this.#lastThrottle = now;
    // Sent before the last cut: it reports the old rate, already corrected.
    if (sentAt <= this.#cutAt) return;
    trim(this.#accepted, now);
    trim(this.#sent, now);
    // A few requests in the window say nothing of a quota: a throttle then is a blip the retry
    // backoff rides out. Cutting on it would pace a lone caller at ~2 requests/s for a minute.
    if (this.#sent.length < MIN_EVIDENCE) return;
    const accepted = perSecond(this.#accepted, now);
    if (accepted === 0 && this.#rate !== Number.POSITIVE_INFINITY) {
      // Nothing accepted lately: no evidence of the quota, only of trouble. The retry backoff
      // handles that; cutting again and again would starve the call (the SDK falls to 0.5 req/s).
      return;
    }
    // Throttled from the start: half of what was sent is a first guess.
    const observed = accepted > 0 ? accepted : perSecond(this.#sent, now) / 2;
    const base = Math.min(this.#rate, observed);
    this.#rate = Math.max(MIN_RATE, base * CUT);
    this.#cutAt = now;
    // Let what is already scheduled drain at the new pace.
    this.#nextAt = Math.max(this.#nextAt, now + 1000 / this.#rate);
  }
}

/** Shortest span a rate is measured over: a burst of a few answers is not a rate. */
const MIN_SPAN_MS = 250;

/**
 * Events per second over the span they cover (at most the window): right after a start the window
 * is not full yet, and dividing by the whole window would take a burst of 5 for a rate of 2.5/s.
 */
function perSecond(times: readonly number[], now: number): number {
  if (times.length === 0) return 0;
  const span = Math.max(MIN_SPAN_MS, now - (times[0] as number));
  return (times.length * 1000) / span;
}

/** Drops the times older than the window. */
function trim(times: number[], now: number): void {
  let drop = 0;
  while (drop < times.length && (times[drop] as number) < now - WINDOW_MS) drop++;
  if (drop > 0) times.splice(0, drop);
}
