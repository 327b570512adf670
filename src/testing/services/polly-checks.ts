import { EmulatorError } from '../emulator-error';
import type { EmulatorInput } from '../types';
import { constraintViolation, missingMember } from './constraint';
import { VOICES } from './polly-voices';

/**
 * Sample rates by output format. SynthesizeSpeech's `SampleRate` docs (polly.json) list 8000 to
 * 48000 for mp3 and ogg_vorbis; StartSpeechSynthesisTask's list stops at 24000.
 */
const RATES: Readonly<Record<string, readonly string[]>> = {
  mp3: ['8000', '16000', '22050', '24000', '44100', '48000'],
  ogg_vorbis: ['8000', '16000', '22050', '24000', '44100', '48000'],
  pcm: ['8000', '16000'],
  ogg_opus: ['48000'],
  mulaw: ['8000'],
  alaw: ['8000'],
};
const TASK_RATES: Readonly<Record<string, readonly string[]>> = {
  ...RATES,
  mp3: ['8000', '16000', '22050', '24000'],
  ogg_vorbis: ['8000', '16000', '22050', '24000'],
};

/**
 * What Polly refuses in a SynthesizeSpeech or StartSpeechSynthesisTask request beyond the text's
 * length: the voice (enum `VoiceId`), a voice without the engine (the engine defaults to
 * `standard`: "If a chosen voice isn't supported by the standard engine, this will result in an
 * error"), a sample rate the format lacks, speech mark types on an audio format, and `ssml` marks
 * of plain text (each with its own error of the operation in polly.json).
 */
export function checkSynthesisRequest(input: EmulatorInput, task: boolean): void {
  const { VoiceId, OutputFormat, SampleRate, SpeechMarkTypes, TextType } = input;
  if (typeof VoiceId !== 'string') throw missingMember('voiceId');
  const voice = VOICES.find((v) => v.Id === VoiceId);
  if (!voice) {
    throw constraintViolation(
      'voiceId',
      VoiceId,
      `Member must satisfy enum value set: [${VOICES.map((v) => v.Id).join(', ')}]`,
    );
  }
  const engine = input.Engine ?? 'standard';
  if (!(voice.SupportedEngines as readonly unknown[]).includes(engine)) {
    throw new EmulatorError(
      'EngineNotSupportedException',
      `This voice does not support the selected engine: ${String(engine)}`,
    );
  }
  const format = typeof OutputFormat === 'string' ? OutputFormat : 'mp3';
  const marks = Array.isArray(SpeechMarkTypes) ? SpeechMarkTypes : [];
  if (format !== 'json' && marks.length > 0) {
    throw new EmulatorError(
      'MarksNotSupportedForFormatException',
      'Speech marks are only available for content in json format.',
    );
  }
  if (marks.includes('ssml') && TextType !== 'ssml') {
    throw new EmulatorError(
      'SsmlMarksNotSupportedForTextTypeException',
      'SSML speech marks are not supported for plain text-type input.',
    );
  }
  const rates = (task ? TASK_RATES : RATES)[format];
  if (SampleRate !== undefined && rates && !rates.includes(String(SampleRate))) {
    throw new EmulatorError(
      'InvalidSampleRateException',
      `The specified sample rate ${String(SampleRate)} is not valid for ${format}.`,
    );
  }
}
