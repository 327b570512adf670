import { EmulatorError } from '../emulator-error';
import type { Handler } from '../types';
import { audioFormatOf, emulatedStream, sessionIdOf } from './transcribe-streaming-utterances';
import { transcriptEvent } from './transcribe-transcript';

/** `Specialty` of StartMedicalStreamTranscription (transcribe-streaming model, enum `Specialty`). */
const SPECIALTIES = ['PRIMARYCARE', 'CARDIOLOGY', 'NEUROLOGY', 'ONCOLOGY', 'RADIOLOGY', 'UROLOGY'];

const bad = (message: string) => new EmulatorError('BadRequestException', message);

/** Refuses what Transcribe Medical refuses (the model's enums and its documented ranges). */
function checkMedicalInput(input: Record<string, unknown>): void {
  if (input.LanguageCode !== 'en-US') {
    throw bad('Amazon Transcribe Medical only supports US English (en-US).');
  }
  const rate = Number(input.MediaSampleRateHertz);
  if (!(rate >= 16_000 && rate <= 48_000)) {
    throw bad('Amazon Transcribe Medical supports sample rates from 16,000 Hz to 48,000 Hz.');
  }
  if (!SPECIALTIES.includes(String(input.Specialty))) {
    throw bad(`1 validation error detected: Value at 'specialty' failed to satisfy constraint`);
  }
  if (input.Type !== 'CONVERSATION' && input.Type !== 'DICTATION') {
    throw bad(`1 validation error detected: Value at 'type' failed to satisfy constraint`);
  }
  // MediaEncoding: the enum of the model.
  if (!['pcm', 'ogg-opus', 'flac'].includes(String(input.MediaEncoding))) {
    throw bad(`1 validation error detected: Value at 'mediaEncoding' failed to satisfy constraint`);
  }
  // VocabularyName: 1-200 of `^[0-9a-zA-Z._-]+$`.
  if (
    input.VocabularyName !== undefined &&
    !/^[0-9a-zA-Z._-]{1,200}$/.test(String(input.VocabularyName))
  ) {
    throw bad(
      `1 validation error detected: Value at 'vocabularyName' failed to satisfy constraint`,
    );
  }
  // SessionId: a 36-character UUID (`[a-fA-F0-9]{8}-…-[a-fA-F0-9]{12}`).
  if (
    input.SessionId !== undefined &&
    !/^[a-fA-F0-9]{8}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{12}$/.test(
      String(input.SessionId),
    )
  ) {
    throw bad(`1 validation error detected: Value at 'sessionId' failed to satisfy constraint`);
  }
  // NumberOfChannels: at least 2 (range), and "Up to two channels are supported" (its docs).
  if (input.NumberOfChannels !== undefined && Number(input.NumberOfChannels) !== 2) {
    throw bad('Amazon Transcribe Medical supports up to two channels.');
  }
  if (input.ContentIdentificationType !== undefined && input.ContentIdentificationType !== 'PHI') {
    throw bad(
      `1 validation error detected: Value at 'contentIdentificationType' failed to satisfy constraint`,
    );
  }
}

/**
 * StartMedicalStreamTranscription: the utterances of StartStreamTranscription in the medical result
 * shape. With `ShowSpeakerLabel` the utterances alternate between speakers `0` and `1`; with
 * `ContentIdentificationType: PHI` the last number of every final utterance is a PHI entity (the
 * emulated speech reads out identifiers).
 */
export const startMedicalStreamTranscription: Handler = (input, ctx) => {
  checkMedicalInput(input);
  const { sampleRate, channels } = audioFormatOf(input);
  const speakers = input.ShowSpeakerLabel === true;
  const phi = input.ContentIdentificationType === 'PHI';
  return {
    RequestId: ctx.requestId,
    SessionId: typeof input.SessionId === 'string' ? input.SessionId : sessionIdOf(ctx.requestId),
    TranscriptResultStream: emulatedStream(input.AudioStream, sampleRate, channels, (u) => {
      const event = transcriptEvent(u.index, u.from, u.to, sampleRate, u.partial, channels);
      const results = event.TranscriptEvent.Transcript.Results.map((result) => {
        const alternative = result.Alternatives[0];
        const items = (alternative?.Items ?? []).map(({ Stable: _, ...item }) => ({
          ...item,
          ...(speakers ? { Speaker: String((u.index - 1) % 2) } : {}),
        }));
        const last = items.at(-1);
        return {
          ...result,
          Alternatives: [
            {
              Transcript: alternative?.Transcript ?? '',
              Items: items,
              ...(phi && !u.partial && last
                ? {
                    Entities: [
                      {
                        Category: 'PHI',
                        Content: last.Content,
                        StartTime: last.StartTime,
                        EndTime: last.EndTime,
                        Confidence: 0.95,
                      },
                    ],
                  }
                : {}),
            },
          ],
        };
      });
      return { TranscriptEvent: { Transcript: { Results: results } } };
    }),
  };
};
