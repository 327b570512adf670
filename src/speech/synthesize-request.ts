import type { SynthesizeSpeechCommandInput } from '@aws-sdk/client-polly';
import { assertText } from '../core/text-input';
import { ValidationError } from '../errors';
import { POLLY_MAX_LEXICONS, POLLY_MAX_MARK_TYPES, POLLY_SAMPLE_RATES } from './limits';
import { plainPieces, type SpeechPiece, ssmlPieces } from './speech-pieces';
import type {
  SpeechAudioFormat,
  SpeechMarkType,
  SpeechSynthesizeOptions,
  SpeechVoiceOptions,
} from './types';

/** Voice used when neither a voice nor a language is given: speaks US English on every engine. */
export const DEFAULT_VOICE = 'Joanna';

const ENGINES: readonly unknown[] = ['standard', 'neural', 'long-form', 'generative'];
/** Polly's `LexiconName` (its service model): 1–20 letters and digits. */
const LEXICON_NAME = /^[0-9A-Za-z]{1,20}$/;

/** A value named by kind, never by content (it may be user data) and never with String(). */
function kindOf(value: unknown): string {
  if (typeof value === 'string') return `a ${value.length}-character string`;
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'number' ? String(value) : typeof value;
}
const MARK_TYPES = ['sentence', 'word', 'viseme', 'ssml'];

/** A checked synthesis: the pieces to send and the request fields they share. @internal */
export interface SpeechPlan {
  pieces: SpeechPiece[];
  ssml: boolean;
  base: Omit<
    SynthesizeSpeechCommandInput,
    'Text' | 'OutputFormat' | 'SampleRate' | 'SpeechMarkTypes'
  >;
}

/** Checks text and voice options and splits the text; no network. @internal */
export function planSpeech(text: unknown, options: SpeechVoiceOptions): SpeechPlan {
  assertText(text, 'text');
  const { engine, lexicons, language } = options;
  const voice = options.voice ?? DEFAULT_VOICE;
  if (typeof voice !== 'string' || voice.trim() === '') {
    throw new ValidationError('voice must be a Polly voice id such as Joanna; see speech.voices()');
  }
  if (language !== undefined && (typeof language !== 'string' || language.trim() === '')) {
    throw new ValidationError('language must be a Polly language code such as en-US or es-ES');
  }
  if (engine !== undefined && !ENGINES.includes(engine)) {
    throw new ValidationError(`engine must be one of ${ENGINES.join(', ')}; got ${kindOf(engine)}`);
  }
  if (lexicons !== undefined) {
    if (!Array.isArray(lexicons)) {
      throw new ValidationError(
        `lexicons must be an array of Polly lexicon names, got ${kindOf(lexicons)}`,
      );
    }
    if (lexicons.length > POLLY_MAX_LEXICONS) {
      throw new ValidationError(
        `Polly applies at most ${POLLY_MAX_LEXICONS} lexicons per request; got ${lexicons.length}`,
      );
    }
    for (let i = 0; i < lexicons.length; i++) {
      const name: unknown = lexicons[i];
      if (typeof name !== 'string' || !LEXICON_NAME.test(name)) {
        throw new ValidationError(
          `lexicons[${i}] must be a Polly lexicon name (1–20 letters and digits), got ${kindOf(name)}`,
        );
      }
    }
  }
  if (options.ssml !== undefined && typeof options.ssml !== 'boolean') {
    throw new ValidationError(`ssml must be true or false, got ${kindOf(options.ssml)}`);
  }
  const ssml = options.ssml ?? /^\s*<speak\b/.test(text);
  return {
    pieces: ssml ? ssmlPieces(text) : plainPieces(text),
    ssml,
    base: {
      VoiceId: voice as SynthesizeSpeechCommandInput['VoiceId'],
      TextType: ssml ? 'ssml' : 'text',
      ...(engine ? { Engine: engine } : {}),
      ...(lexicons?.length ? { LexiconNames: [...lexicons] } : {}),
      ...(language
        ? { LanguageCode: language as SynthesizeSpeechCommandInput['LanguageCode'] }
        : {}),
    },
  };
}

/**
 * Checks an output format and sample rate pair against Polly's table: SynthesizeSpeech's, or
 * StartSpeechSynthesisTask's (`POLLY_TASK_SAMPLE_RATES`) for a task. @internal
 */
export function checkFormat(
  format: SpeechAudioFormat,
  sampleRate: number | undefined,
  table: Readonly<Record<string, readonly number[]>> = POLLY_SAMPLE_RATES,
): void {
  const rates =
    typeof format === 'string' && Object.hasOwn(table, format) ? table[format] : undefined;
  if (!rates) {
    throw new ValidationError(
      `format must be one of ${Object.keys(table).join(', ')}; got ${kindOf(format)}`,
    );
  }
  if (sampleRate !== undefined && (typeof sampleRate !== 'number' || !rates.includes(sampleRate))) {
    if (typeof sampleRate !== 'number') {
      throw new ValidationError(`sampleRate must be a number of Hz, got ${kindOf(sampleRate)}`);
    }
    throw new ValidationError(
      `Polly does not produce ${format} at ${sampleRate} Hz; use one of ${rates.join(', ')}`,
    );
  }
}

/** Checks speech mark types for the engine and text type. @internal */
export function checkMarks(
  types: readonly SpeechMarkType[],
  options: SpeechVoiceOptions,
  ssml: boolean,
): void {
  if (!Array.isArray(types) || types.length === 0 || types.length > POLLY_MAX_MARK_TYPES) {
    throw new ValidationError(`speech mark types must list 1 to ${POLLY_MAX_MARK_TYPES} types`);
  }
  for (let i = 0; i < types.length; i++) {
    if (!MARK_TYPES.includes(types[i] as SpeechMarkType)) {
      throw new ValidationError(
        `speech mark type must be one of ${MARK_TYPES.join(', ')}; got ${kindOf(types[i])}`,
      );
    }
  }
  if (new Set(types).size !== types.length) {
    throw new ValidationError('speech mark types must not repeat a type');
  }
  if (options.engine === 'generative') {
    throw new ValidationError(
      'Polly has no speech marks for the generative engine: use neural, long-form or standard',
    );
  }
  if (types.includes('ssml') && !ssml) {
    throw new ValidationError("'ssml' speech marks need SSML input (<speak>…</speak>)");
  }
}

/** The plan with its voice set. @internal */
export function withVoice(plan: SpeechPlan, voice: string): SpeechPlan {
  return {
    ...plan,
    base: { ...plan.base, VoiceId: voice as SynthesizeSpeechCommandInput['VoiceId'] },
  };
}

/** The audio fields of a SynthesizeSpeech request. @internal */
export type PieceRequest = Pick<
  SynthesizeSpeechCommandInput,
  'OutputFormat' | 'SampleRate' | 'SpeechMarkTypes'
>;

/** The format fields of an audio request (not speech marks). @internal */
export function audioRequest(options: SpeechSynthesizeOptions): PieceRequest {
  return {
    OutputFormat: options.format ?? 'mp3',
    ...(options.sampleRate === undefined ? {} : { SampleRate: String(options.sampleRate) }),
  };
}
