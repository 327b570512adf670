import { EmulatorError } from '../emulator-error';
import { isRecord } from '../protocols/wire-json';
import type { EmulatorInput, Handler } from '../types';
import type { ServiceDefinition } from './definition';
import type { S3Store } from './s3-store';
import { jobDescription } from './transcribe-job-view';

/** GetMedicalTranscriptionJob answers IN_PROGRESS this many times before COMPLETED. */
const POLLS_IN_PROGRESS = 2;
const WORD_SECONDS = 0.4;

/** The emulated visit: clinician and patient in turn (a dictation is the clinician alone). */
const CONVERSATION = [
  'What brings you in today?',
  'I have had chest pain and a cough for two days.',
  'Are you taking any medication?',
  'Only aspirin, 81 mg daily.',
];
const DICTATION = [
  'Patient reports chest pain and cough for two days.',
  'Continue aspirin 81 mg daily.',
];

interface Job {
  readonly input: EmulatorInput;
  readonly created: Date;
  polls: number;
  uri?: string;
}

const time = (seconds: number) => (Math.round(seconds * 1000) / 1000).toFixed(3);

/**
 * A Transcribe Medical output file: `results.transcripts`, `items` with string times and
 * confidences, `speaker_labels.segments` (speaker matched to items by time) or `channel_labels`,
 * as AWS writes them for medical jobs.
 */
export function emulatedMedicalTranscriptFile(
  jobName: string,
  options: { dictation: boolean; speakers: boolean; channels: boolean },
) {
  const sentences = options.dictation ? DICTATION : CONVERSATION;
  const items: Record<string, unknown>[] = [];
  const segments: Record<string, unknown>[] = [];
  const channels = new Map<string, Record<string, unknown>[]>();
  let clock = 0.5;
  sentences.forEach((sentence, s) => {
    const label = options.dictation ? 0 : s % 2;
    const speaker = `spk_${label}`;
    const channel = `ch_${label}`;
    const start = clock;
    const own: Record<string, unknown>[] = [];
    for (const token of sentence.match(/[\w']+|[.,!?]/g) ?? []) {
      const punctuation = /^[.,!?]$/.test(token);
      const item = {
        ...(punctuation ? {} : { start_time: time(clock), end_time: time(clock + WORD_SECONDS) }),
        alternatives: [{ confidence: punctuation ? '0.0' : '0.9912', content: token }],
        type: punctuation ? 'punctuation' : 'pronunciation',
      };
      items.push(item);
      if (!punctuation) {
        own.push({ start_time: item.start_time, speaker_label: speaker, end_time: item.end_time });
        clock += WORD_SECONDS;
      }
      const list = channels.get(channel) ?? [];
      list.push(item);
      channels.set(channel, list);
    }
    segments.push({
      start_time: time(start),
      speaker_label: speaker,
      end_time: time(clock),
      items: own,
    });
    clock += 0.8;
  });
  return {
    jobName,
    accountId: '123456789012',
    results: {
      transcripts: [{ transcript: sentences.join(' ') }],
      ...(options.speakers
        ? {
            speaker_labels: {
              speakers: new Set(segments.map((x) => x.speaker_label)).size,
              segments,
            },
          }
        : {}),
      ...(options.channels
        ? {
            channel_labels: {
              channels: [...channels].map(([channel_label, list]) => ({
                channel_label,
                items: list,
              })),
              number_of_channels: channels.size,
            },
          }
        : {}),
      items,
    },
    status: 'COMPLETED',
  };
}

function view(name: string, job: Job, status: string) {
  const input = job.input;
  return {
    MedicalTranscriptionJobName: name,
    ...jobDescription(input, job.created, status),
    ...(status === 'COMPLETED' && job.uri
      ? { CompletionTime: job.created, Transcript: { TranscriptFileUri: job.uri } }
      : {}),
    Settings: input.Settings,
    Specialty: input.Specialty,
    Type: input.Type,
    ...(input.ContentIdentificationType
      ? { ContentIdentificationType: input.ContentIdentificationType }
      : {}),
  };
}

const bad = (message: string) => new EmulatorError('BadRequestException', message);

/** An integer within `[min, max]`, or absent. */
function inRange(value: unknown, min: number, max: number): boolean {
  return (
    value === undefined ||
    (Number.isInteger(value) && (value as number) >= min && (value as number) <= max)
  );
}

/**
 * The constraints `reference/aws-models/transcribe.json` puts on StartMedicalTranscriptionJob's
 * members (their shapes and documentation), which AWS answers with BadRequestException.
 */
function checkModelConstraints(input: EmulatorInput, settings: Record<string, unknown>): void {
  // MedicalMediaSampleRateHertz: 16,000-48,000.
  if (!inRange(input.MediaSampleRateHertz, 16_000, 48_000)) {
    throw bad('MediaSampleRateHertz must be from 16000 to 48000 for medical transcription jobs');
  }
  // OutputBucketName: max 64, `[a-z0-9][\.\-a-z0-9]{1,61}[a-z0-9]`, the bucket's name alone.
  if (
    typeof input.OutputBucketName !== 'string' ||
    !/^[a-z0-9][.\-a-z0-9]{1,61}[a-z0-9]$/.test(input.OutputBucketName)
  ) {
    throw bad('OutputBucketName must be the name of an S3 bucket (no s3:// prefix)');
  }
  // OutputKey: 1-1,024 of `[a-zA-Z0-9-_.!*'()/]`.
  if (
    input.OutputKey !== undefined &&
    (typeof input.OutputKey !== 'string' ||
      !/^[a-zA-Z0-9\-_.!*'()/]{1,1024}$/.test(input.OutputKey))
  ) {
    throw bad("OutputKey must be 1 to 1024 of a-z A-Z 0-9 - _ . ! * ' ( ) /");
  }
  // MedicalContentIdentificationType: PHI.
  if (input.ContentIdentificationType !== undefined && input.ContentIdentificationType !== 'PHI') {
    throw bad('ContentIdentificationType must be PHI');
  }
  // MaxSpeakers 2-30, MaxAlternatives 2-10, each given exactly with its Show* flag set (the
  // members' documentation: "you must also include", "you must set ... to true").
  if (!inRange(settings.MaxSpeakerLabels, 2, 30))
    throw bad('MaxSpeakerLabels must be from 2 to 30');
  if ((settings.ShowSpeakerLabels === true) !== (settings.MaxSpeakerLabels !== undefined)) {
    throw bad('ShowSpeakerLabels and MaxSpeakerLabels must be set together');
  }
  if (!inRange(settings.MaxAlternatives, 2, 10)) throw bad('MaxAlternatives must be from 2 to 10');
  if ((settings.ShowAlternatives === true) !== (settings.MaxAlternatives !== undefined)) {
    throw bad('ShowAlternatives and MaxAlternatives must be set together');
  }
  // VocabularyName: 1-200 of `^[0-9a-zA-Z._-]+`.
  if (
    settings.VocabularyName !== undefined &&
    (typeof settings.VocabularyName !== 'string' ||
      !/^[0-9a-zA-Z._-]{1,200}$/.test(settings.VocabularyName))
  ) {
    throw bad('VocabularyName must be 1 to 200 of 0-9 a-z A-Z . _ -');
  }
}

function handlers(store: S3Store | undefined): {
  handlers: Record<string, Handler>;
  clear: () => void;
} {
  const jobs = new Map<string, Job>();
  const all: Record<string, Handler> = {
    StartMedicalTranscriptionJob(input) {
      const name = String(input.MedicalTranscriptionJobName ?? '');
      if (!/^[0-9a-zA-Z._-]{1,200}$/.test(name)) throw bad('Invalid MedicalTranscriptionJobName');
      if (jobs.has(name))
        throw new EmulatorError('ConflictException', 'The requested job name already exists.');
      const media = isRecord(input.Media) ? input.Media.MediaFileUri : undefined;
      if (typeof media !== 'string' || !media.startsWith('s3://')) {
        throw bad('Media.MediaFileUri must be an s3:// URI');
      }
      // "US English (en-US) is the only valid value … Any other value … results in a BadRequestException."
      if (input.LanguageCode !== 'en-US')
        throw bad('en-US is the only valid LanguageCode for medical transcription jobs');
      if (input.Specialty !== 'PRIMARYCARE')
        throw bad('PRIMARYCARE is the only valid Specialty for batch jobs');
      if (input.Type !== 'CONVERSATION' && input.Type !== 'DICTATION')
        throw bad('Type must be CONVERSATION or DICTATION');
      if (typeof input.OutputBucketName !== 'string' || input.OutputBucketName === '') {
        throw bad('OutputBucketName is required for medical transcription jobs');
      }
      const settings = isRecord(input.Settings) ? input.Settings : {};
      if (settings.ShowSpeakerLabels === true && settings.ChannelIdentification === true) {
        throw bad('ShowSpeakerLabels and ChannelIdentification cannot both be set');
      }
      checkModelConstraints(input, settings);
      const job: Job = { input, created: new Date(Date.UTC(2024, 0, 1)), polls: 0 };
      jobs.set(name, job);
      return { MedicalTranscriptionJob: view(name, job, 'IN_PROGRESS') };
    },
    GetMedicalTranscriptionJob(input) {
      const name = String(input.MedicalTranscriptionJobName ?? '');
      const job = jobs.get(name);
      if (!job)
        throw new EmulatorError('NotFoundException', "The requested job couldn't be found.");
      job.polls += 1;
      if (job.polls <= POLLS_IN_PROGRESS)
        return { MedicalTranscriptionJob: view(name, job, 'IN_PROGRESS') };
      if (!job.uri) {
        const settings = isRecord(job.input.Settings) ? job.input.Settings : {};
        const file = emulatedMedicalTranscriptFile(name, {
          dictation: job.input.Type === 'DICTATION',
          speakers: settings.ShowSpeakerLabels === true,
          channels: settings.ChannelIdentification === true,
        });
        const bucket = String(job.input.OutputBucketName);
        const key =
          typeof job.input.OutputKey === 'string' ? job.input.OutputKey : `medical/${name}.json`;
        store?.put(
          bucket,
          key,
          new TextEncoder().encode(JSON.stringify(file)),
          'application/json',
          {},
        );
        job.uri = `https://s3.us-east-1.amazonaws.com/${bucket}/${key}`;
      }
      return { MedicalTranscriptionJob: view(name, job, 'COMPLETED') };
    },
  };
  return { handlers: all, clear: () => jobs.clear() };
}

/**
 * Adds Transcribe Medical batch jobs to the Transcribe service (same client, same target prefix):
 * jobs answer IN_PROGRESS twice, then COMPLETED with a medical-format transcript written to the
 * caller's output bucket in the emulator's S3. `emu.reset()` forgets them with Transcribe's own jobs.
 */
export function withMedicalTranscription(
  transcribe: ServiceDefinition,
  store: S3Store | undefined,
): ServiceDefinition {
  const medical = handlers(store);
  return {
    ...transcribe,
    handlers: { ...transcribe.handlers, ...medical.handlers },
    reset: () => {
      transcribe.reset?.();
      medical.clear();
    },
    errors: {
      ...transcribe.errors,
      StartMedicalTranscriptionJob: ['BadRequestException', 'ConflictException'],
      GetMedicalTranscriptionJob: ['NotFoundException'],
    },
  };
}
