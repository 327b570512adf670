import { describe } from '../config';
import type { ModuleContext } from '../core/context';
import {
  checkFlag,
  checkResourceName,
  checkStreamAudio,
  checkStreamOptions,
  kindOf,
  type TranscriptStream,
  transcriptStream,
} from '../core/transcribe-stream-input';
import { ValidationError } from '../errors';
import {
  MEDICAL_STREAM_CONTENT_IDENTIFICATION,
  MEDICAL_STREAM_LANGUAGES,
  MEDICAL_STREAM_SAMPLE_RATE,
  MEDICAL_STREAM_SPECIALTIES,
} from './limits';
import type { MedicalStreamRequest, medicalStreamEvents } from './transcribe-stream-events';
import { type MedicalTranscript, medicalTranscriptOf } from './transcript';
import type { MedicalTranscribeStreamEvent, MedicalTranscribeStreamOptions } from './types';

/** What {@link Medical.transcribeStream} returns: the events, plus the transcript of the finals. */
export interface MedicalTranscribeStream
  extends TranscriptStream<MedicalTranscribeStreamEvent, MedicalTranscript> {}

function checkOptions(options: MedicalTranscribeStreamOptions): void {
  checkStreamOptions('medical.transcribeStream', options, MEDICAL_STREAM_SAMPLE_RATE);
  const { language, specialty, type, channels, speakers } = options;
  if (
    language !== undefined &&
    !(MEDICAL_STREAM_LANGUAGES as readonly unknown[]).includes(language)
  ) {
    throw new ValidationError(
      `Transcribe Medical supports US English (${MEDICAL_STREAM_LANGUAGES.join(', ')}) only; got language ${describe(language)}`,
      { code: 'UnsupportedLanguage' },
    );
  }
  if (
    specialty !== undefined &&
    !(MEDICAL_STREAM_SPECIALTIES as readonly unknown[]).includes(specialty)
  ) {
    throw new ValidationError(
      `specialty must be one of ${MEDICAL_STREAM_SPECIALTIES.join(', ')}; got ${describe(specialty)}`,
    );
  }
  if (type !== undefined && type !== 'conversation' && type !== 'dictation') {
    throw new ValidationError(`type must be 'conversation' or 'dictation'; got ${describe(type)}`);
  }
  if (channels !== undefined && channels !== 1 && channels !== 2) {
    throw new ValidationError(
      `channels must be 1 or 2 (Transcribe Medical identifies up to 2 channels); got ${kindOf(channels)}`,
    );
  }
  checkFlag('speakers', speakers);
  checkFlag('identifyPhi', options.identifyPhi);
  checkResourceName('vocabulary', options.vocabulary);
  if (type === 'dictation' && speakers) {
    throw new ValidationError(
      "A dictation has one speaker: leave speakers out, or use type 'conversation'",
    );
  }
}

function request(options: MedicalTranscribeStreamOptions): MedicalStreamRequest {
  return {
    LanguageCode: 'en-US',
    MediaSampleRateHertz: options.sampleRate,
    MediaEncoding: options.encoding,
    Specialty: options.specialty ?? 'PRIMARYCARE',
    Type: options.type === 'dictation' ? 'DICTATION' : 'CONVERSATION',
    ...(options.speakers ? { ShowSpeakerLabel: true } : {}),
    ...(options.channels === 2 ? { EnableChannelIdentification: true, NumberOfChannels: 2 } : {}),
    ...(options.vocabulary ? { VocabularyName: options.vocabulary } : {}),
    ...(options.identifyPhi
      ? { ContentIdentificationType: MEDICAL_STREAM_CONTENT_IDENTIFICATION }
      : {}),
  };
}

const STREAM_SITE = {
  service: 'transcribe-streaming',
  operation: 'StartMedicalStreamTranscription',
} as const;

/**
 * Checks the options at once (so bad input throws before a stream exists); the code that talks to
 * Transcribe Medical loads on the first read. @internal
 */
export function transcribeMedicalStream(
  ctx: ModuleContext,
  audio: AsyncIterable<Uint8Array>,
  options: MedicalTranscribeStreamOptions,
  load: () => Promise<{ medicalStreamEvents: typeof medicalStreamEvents }>,
): MedicalTranscribeStream {
  return transcriptStream(ctx, options, STREAM_SITE, () => {
    checkStreamAudio(audio);
    checkOptions(options);
    const input = request(options);
    return {
      method: 'medical.transcribeStream',
      language: 'en-US',
      transcript: medicalTranscriptOf,
      run: async function* (signal, finals) {
        const { medicalStreamEvents } = await load();
        yield* medicalStreamEvents(ctx, audio, options, input, finals, signal);
      },
    };
  });
}
