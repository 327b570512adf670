import type {
  $Command,
  ComprehendClientResolvedConfig,
  ServiceInputTypes,
  ServiceOutputTypes,
} from '@aws-sdk/client-comprehend';
import { type CallOptions, callAws } from '../core/call';
import type { ModuleContext } from '../core/context';
import { errorFromCode } from '../core/error-mapping';
import type { Piece } from '../core/text-pieces';
import { type AnalysisSpec, batchOutcomes } from './analyze';
import { COMPREHEND } from './comprehend';
import type { ComprehendSdk } from './sdk';

/** A Comprehend command class taking `I` and answering `O`. */
type CommandClass<I extends ServiceInputTypes, O extends ServiceOutputTypes> = new (
  input: I,
) => $Command<I, O, ComprehendClientResolvedConfig, ServiceInputTypes, ServiceOutputTypes>;

/** What a `BatchDetect<X>` answer holds, per sent piece (matched by `Index`). */
type BatchItem<O> = O extends { ResultList?: Array<infer R> | undefined } ? R : never;

/** One Comprehend operation: `map` turns its answer (`A`) for one piece into the piece's value. */
export interface ComprehendCall<I extends ServiceInputTypes, O extends ServiceOutputTypes, A, P> {
  operation: string;
  /** Picks the command from the SDK loaded on first use (never imported statically). */
  command: (sdk: ComprehendSdk) => CommandClass<I, O>;
  map: (piece: Piece, answer: A) => P;
}

/** What differs between the Comprehend analyses; the call shape around it is the same. */
export interface ComprehendAnalysis<
  P,
  OneIn extends ServiceInputTypes,
  OneOut extends ServiceOutputTypes,
  ManyIn extends ServiceInputTypes,
  ManyOut extends ServiceOutputTypes,
> {
  /** Name in messages, e.g. `sentiment`. */
  what: string;
  languages: readonly string[];
  /** Bytes per document of the single-document API. */
  maxBytes: number;
  /** `Detect<X>`: one piece, mapped from the whole answer. */
  one: ComprehendCall<OneIn, OneOut, OneOut, P>;
  /**
   * `BatchDetect<X>` (up to 25 pieces), each mapped from its `ResultList` item; absent where
   * Comprehend has no batch API for the analysis (PII).
   */
  many?: ComprehendCall<ManyIn, ManyOut, BatchItem<ManyOut>, P> | undefined;
  /**
   * The `Detect<X>` request of one piece. @default `{ Text, LanguageCode }` (custom endpoints send
   * `{ Text, EndpointArn }` instead)
   */
  input?: ((piece: Piece, language: string) => OneIn) | undefined;
}

/** Sends one command through the call layer (limits, retries, error mapping, abort). */
function send<I extends ServiceInputTypes, O extends ServiceOutputTypes>(
  ctx: ModuleContext,
  call: Pick<ComprehendCall<I, O, unknown, unknown>, 'operation' | 'command'>,
  input: I,
  options: CallOptions,
): Promise<O> {
  return callAws(
    ctx,
    COMPREHEND,
    call.operation,
    ({ client, sdk, signal }) => {
      const Command = call.command(sdk);
      return client.send(new Command(input), { abortSignal: signal });
    },
    options,
  );
}

/**
 * The `AnalysisSpec` of a Comprehend `Detect<X>` / `BatchDetect<X>` pair: sends each piece (or
 * batch of pieces) with its language through the call layer and maps the answers.
 * @internal
 */
export function comprehendSpec<
  P,
  OneIn extends ServiceInputTypes,
  OneOut extends ServiceOutputTypes,
  ManyIn extends ServiceInputTypes = never,
  ManyOut extends ServiceOutputTypes = never,
>(
  ctx: ModuleContext,
  analysis: ComprehendAnalysis<P, OneIn, OneOut, ManyIn, ManyOut>,
): AnalysisSpec<P> {
  const { what, languages, maxBytes, one, many, input: inputOf } = analysis;
  return {
    what,
    languages,
    maxBytes,
    one: async (piece, language, options) => {
      const input =
        inputOf?.(piece, language) ?? ({ Text: piece.text, LanguageCode: language } as OneIn);
      return one.map(piece, await send(ctx, one, input, options));
    },
    many:
      many &&
      (async (pieces, language, options) => {
        const site = { service: 'comprehend', operation: many.operation } as const;
        const input = { TextList: pieces.map((p) => p.text), LanguageCode: language } as ManyIn;
        const out = await send(ctx, many, input, options);
        return batchOutcomes(
          pieces.length,
          site,
          out as { ResultList?: Array<BatchItem<ManyOut> & { Index?: number | undefined }> },
          (item, i) => many.map(pieces[i] as Piece, item),
          (code, message) => errorFromCode(site, code, message),
        );
      }),
  };
}
