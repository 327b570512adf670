import type { EmulatorInput } from '../types';

/**
 * What a standard and a medical Transcribe job description share: status, language, media and
 * times (the emulated job was created, and started, at `created`).
 */
export function jobDescription(input: EmulatorInput, created: Date, status: string) {
  return {
    TranscriptionJobStatus: status,
    LanguageCode: input.LanguageCode,
    MediaFormat: input.MediaFormat,
    Media: input.Media,
    CreationTime: created,
    StartTime: created,
  };
}
