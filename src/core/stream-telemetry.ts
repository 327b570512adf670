/**
 * The span of a stream (see docs/decisions/0007-telemetry-and-result-metadata.md): one per stream,
 * open from its first read until it settles. Apart from core/telemetry.ts so that only bundles with
 * streams carry it.
 *
 * @internal
 * @packageDocumentation
 */

import { AsyncLocalStorage } from 'node:async_hooks';
import {
  type CallTelemetry,
  type CallTrace,
  callsObserved,
  type Instruments,
  linkSignal,
  loadTrace,
  requestTrace,
  type StreamTelemetry,
  startCall,
  streamOf,
} from './telemetry';

type Site = { readonly service: string; readonly operation: string };

/** The stream whose source is running (its reads run inside it), for the requests it sends. */
let streams: AsyncLocalStorage<StreamTrace> | undefined;

/** Whether `@opentelemetry/api` is known to be absent (its import settled without it). */
function apiAbsent(): boolean {
  const ready = requestTrace(undefined, true);
  return ready !== undefined && ready.instruments === undefined;
}

/**
 * The trace of one stream, from its first read until it settles. A stream created with
 * `telemetry` (its client's setting known) opens its span at the first read; any other opens it at
 * its first request, if that request is traced (its client's setting decides). @internal
 */
export class StreamTrace {
  readonly #site: Site;
  readonly #telemetry: CallTelemetry;
  readonly #signal: AbortSignal;
  #trace: CallTrace | undefined;
  #ended = false;
  #events = 0;

  private constructor(site: Site, telemetry: CallTelemetry, signal: AbortSignal) {
    this.#site = site;
    this.#telemetry = telemetry;
    this.#signal = signal;
  }

  /**
   * The trace of a stream at its first read; `undefined` (nothing to do, ever) when telemetry is off
   * for its client or `@opentelemetry/api` is absent. A promise only while the API's import is
   * under way, for a stream that knows its client's setting.
   */
  static open(
    site: Site | undefined,
    telemetry: StreamTelemetry | undefined,
    signal: AbortSignal,
  ): StreamTrace | undefined | Promise<StreamTrace | undefined> {
    if (!site || telemetry?.enabled === false) return undefined;
    // Synchronous once the API's import settled (every stream but the first ones of a process).
    const ready = requestTrace(undefined, true);
    if (ready && !ready.instruments && !callsObserved()) return undefined;
    if (!telemetry) {
      if (ready && !ready.instruments) return undefined;
      // Its client's setting is unknown: it never waits for the import; its first traced request
      // opens the span.
      if (!ready) void loadTrace(true);
      return new StreamTrace(site, streamCall(site), signal);
    }
    const make = (inst: Instruments | undefined): StreamTrace | undefined => {
      // Without the API the call is still published on `aws-ai:call`, as every other call is.
      if (!inst && !callsObserved()) return undefined;
      const trace = new StreamTrace(site, telemetry, signal);
      trace.begin(inst);
      return trace;
    };
    return ready ? make(ready.instruments) : loadTrace(true).then((t) => make(t.instruments));
  }

  /** Runs one read of the source inside the stream, so its requests find the stream. */
  run<T>(read: () => Promise<T>): Promise<T> {
    // Nothing to nest when the span does not record (the API without an SDK): no store then, which
    // on Node 20 would turn on promise hooks for the whole process.
    if (this.#ended || apiAbsent() || this.#trace?.recording === false) return read();
    if (!streams) {
      streams = new AsyncLocalStorage();
      const store = streams;
      streamOf.current = () => store.getStore();
    }
    return streams.run(this, read);
  }

  /** The stream's call trace, its span opened now if not yet (none without instruments). */
  begin(inst: Instruments | undefined): CallTrace {
    if (!this.#trace) {
      this.#trace = startCall(inst, this.#site, this.#telemetry, true);
      linkSignal(this.#signal, this.#trace);
    }
    return this.#trace;
  }

  /** One event read: counted, and given to the tool loop (usage, finish reason). */
  event(value: unknown): void {
    if (!this.#trace) return;
    this.#events++;
    this.#trace.loop?.event(value);
  }

  /** Ends the span: the stream ended, stopped early (`stopped`), or failed (`error`). Once. */
  end(outcome: { error?: unknown; stopped?: boolean }): void {
    if (this.#ended) return;
    this.#ended = true;
    const { error, stopped } = outcome;
    this.#trace?.end({
      error,
      attributes: {
        'aws_ai.events': this.#events,
        'aws_ai.stream.outcome': error !== undefined ? 'error' : stopped ? 'stopped' : 'completed',
      },
    });
  }
}

/**
 * Public methods of the streams that do not pass `telemetry` to `AwsAIStream.from` yet, by their
 * operation: speech's and medical's (the transcription streams now pass it through core's
 * transcriptStream, so only `SynthesizeSpeech` is still looked up here). A stopgap: a module that
 * passes `telemetry` names its stream itself and needs no entry here; any other stream is named
 * `<service>.<operation>`.
 */
const STREAM_METHODS: Readonly<Record<string, string>> = {
  StartStreamTranscription: 'speech.transcribeStream',
  StartMedicalStreamTranscription: 'medical.transcribeStream',
  SynthesizeSpeech: 'speech.synthesizeStream',
};

function streamCall(site: Site): CallTelemetry {
  return { method: STREAM_METHODS[site.operation] ?? `${site.service}.${site.operation}` };
}
