import { request } from 'node:http';
import { EmulatorError } from '../emulator-error';
import { isRecord } from '../protocols/wire-json';
import type { EmulatorInput, Handler, HandlerContext } from '../types';
import { bodyLimit, MIB, type ServiceDefinition } from './definition';
import type { S3Store } from './s3-store';
import { callAnalyticsHandlers } from './transcribe-call-analytics';
import { emulatedTranscriptFile } from './transcribe-job-output';
import { jobDescription } from './transcribe-job-view';
import { emulatedSubtitles } from './transcribe-subtitles';
import { transcribeViolation as violation } from './transcribe-violation';

/** GetTranscriptionJob answers IN_PROGRESS this many times before COMPLETED. */
const POLLS_IN_PROGRESS = 2;

/** Where service-managed transcripts go (Transcribe's own bucket in AWS). */
const MANAGED_BUCKET = 'aws-transcribe-emulated';

interface Job {
  readonly input: EmulatorInput;
  readonly created: Date;
  polls: number;
  output?: { uri: string; subtitles: { formats: string[]; startIndex: number; uris: string[] } };
}

function settings(input: EmulatorInput): Record<string, unknown> {
  return isRecord(input.Settings) ? input.Settings : {};
}

/**
 * Writes the transcript into the emulator's S3: straight into the store when the emulator shares
 * it, else with an (unsigned) PUT to the emulator's own endpoint, which S3 answers.
 */
function putObject(
  store: S3Store | undefined,
  host: string,
  bucket: string,
  key: string,
  body: Uint8Array,
  contentType: string,
): Promise<void> {
  if (store) {
    store.put(bucket, key, body, contentType, {});
    return Promise.resolve();
  }
  return new Promise((resolve, reject) => {
    const req = request(
      `http://${host}/${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`,
      { method: 'PUT', headers: { 'content-type': contentType } },
      (res) => {
        res.resume();
        res.on('end', () =>
          (res.statusCode ?? 500) < 300 ? resolve() : reject(new Error(`PUT ${res.statusCode}`)),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Formats and first cue number of the request's `Subtitles` (Transcribe's default index is 0). */
function subtitleRequest(input: EmulatorInput): { formats: ('srt' | 'vtt')[]; startIndex: number } {
  const subtitles = isRecord(input.Subtitles) ? input.Subtitles : {};
  const formats = Array.isArray(subtitles.Formats) ? subtitles.Formats : [];
  for (const format of formats) {
    if (format !== 'srt' && format !== 'vtt') {
      throw new EmulatorError('BadRequestException', `Unknown subtitle format ${String(format)}`);
    }
  }
  const startIndex = subtitles.OutputStartIndex ?? 0;
  if (startIndex !== 0 && startIndex !== 1) {
    throw new EmulatorError('BadRequestException', 'OutputStartIndex must be 0 or 1');
  }
  return { formats: [...new Set(formats as ('srt' | 'vtt')[])], startIndex };
}

/**
 * The StartTranscriptionJob constraints of transcribe.json beyond the name and media: the output
 * location's patterns, the sample rate's range, the media format's enum, and the Settings pairs its
 * docs require (ShowSpeakerLabels with MaxSpeakerLabels 2–30, ShowAlternatives with MaxAlternatives
 * 2–10, a vocabulary filter with its method).
 */
function checkJobRequest(input: EmulatorInput): void {
  // OutputBucketName: `[a-z0-9][\.\-a-z0-9]{1,61}[a-z0-9]`; OutputKey: 1–1,024 of `[a-zA-Z0-9-_.!*'()/]`.
  if (
    input.OutputBucketName !== undefined &&
    !/^[a-z0-9][.\-a-z0-9]{1,61}[a-z0-9]$/.test(String(input.OutputBucketName))
  ) {
    throw violation('outputBucketName');
  }
  if (
    input.OutputKey !== undefined &&
    !/^[a-zA-Z0-9\-_.!*'()/]{1,1024}$/.test(String(input.OutputKey))
  ) {
    throw violation('outputKey');
  }
  if (input.MediaSampleRateHertz !== undefined) {
    const rate = Number(input.MediaSampleRateHertz);
    if (!(Number.isInteger(rate) && rate >= 8000 && rate <= 48_000)) {
      throw violation('mediaSampleRateHertz');
    }
  }
  const formats = ['mp3', 'mp4', 'wav', 'flac', 'ogg', 'amr', 'webm', 'm4a'];
  if (input.MediaFormat !== undefined && !formats.includes(String(input.MediaFormat))) {
    throw violation('mediaFormat');
  }
  const s = settings(input);
  const inRange = (value: unknown, min: number, max: number) =>
    Number.isInteger(value) && (value as number) >= min && (value as number) <= max;
  if (s.MaxSpeakerLabels !== undefined && !inRange(s.MaxSpeakerLabels, 2, 30)) {
    throw violation('settings.maxSpeakerLabels');
  }
  if ((s.ShowSpeakerLabels === true) !== (s.MaxSpeakerLabels !== undefined)) {
    throw new EmulatorError(
      'BadRequestException',
      'ShowSpeakerLabels and MaxSpeakerLabels must be set together.',
    );
  }
  if (s.MaxAlternatives !== undefined && !inRange(s.MaxAlternatives, 2, 10)) {
    throw violation('settings.maxAlternatives');
  }
  if ((s.ShowAlternatives === true) !== (s.MaxAlternatives !== undefined)) {
    throw new EmulatorError(
      'BadRequestException',
      'ShowAlternatives and MaxAlternatives must be set together.',
    );
  }
  if (s.VocabularyFilterName !== undefined && s.VocabularyFilterMethod === undefined) {
    throw new EmulatorError(
      'BadRequestException',
      'VocabularyFilterName needs VocabularyFilterMethod.',
    );
  }
}

function jobView(name: string, job: Job, status: string) {
  const input = job.input;
  return {
    TranscriptionJobName: name,
    ...jobDescription(input, job.created, status),
    ...(status === 'COMPLETED' && job.output
      ? {
          CompletionTime: job.created,
          Transcript: {
            TranscriptFileUri: job.output.uri,
            ...(isRecord(input.ContentRedaction)
              ? { RedactedTranscriptFileUri: job.output.uri }
              : {}),
          },
          ...(job.output.subtitles.formats.length > 0
            ? {
                Subtitles: {
                  Formats: job.output.subtitles.formats,
                  OutputStartIndex: job.output.subtitles.startIndex,
                  SubtitleFileUris: job.output.subtitles.uris,
                },
              }
            : {}),
        }
      : {}),
    Settings: input.Settings,
  };
}

function handlers(store: S3Store | undefined): {
  handlers: Record<string, Handler>;
  clear: () => void;
} {
  const jobs = new Map<string, Job>();
  const all: Record<string, Handler> = {
    StartTranscriptionJob(input) {
      const name = String(input.TranscriptionJobName ?? '');
      if (!/^[0-9a-zA-Z._-]{1,200}$/.test(name)) {
        throw new EmulatorError('BadRequestException', 'Invalid TranscriptionJobName');
      }
      if (jobs.has(name)) {
        throw new EmulatorError('ConflictException', 'The requested job name already exists.');
      }
      const media = isRecord(input.Media) ? input.Media.MediaFileUri : undefined;
      if (typeof media !== 'string' || !media.startsWith('s3://')) {
        throw new EmulatorError('BadRequestException', 'Media.MediaFileUri must be an s3:// URI');
      }
      if (!input.LanguageCode && !input.IdentifyLanguage && !input.IdentifyMultipleLanguages) {
        throw new EmulatorError('BadRequestException', 'Specify LanguageCode or IdentifyLanguage');
      }
      checkJobRequest(input);
      subtitleRequest(input);
      const job: Job = { input, created: new Date(Date.UTC(2024, 0, 1)), polls: 0 };
      jobs.set(name, job);
      return { TranscriptionJob: jobView(name, job, 'IN_PROGRESS') };
    },
    async GetTranscriptionJob(input, ctx: HandlerContext) {
      const name = String(input.TranscriptionJobName ?? '');
      const job = jobs.get(name);
      if (!job) {
        throw new EmulatorError('NotFoundException', "The requested job couldn't be found.");
      }
      job.polls += 1;
      if (job.polls <= POLLS_IN_PROGRESS) {
        return { TranscriptionJob: jobView(name, job, 'IN_PROGRESS') };
      }
      if (!job.output) {
        const s = settings(job.input);
        const file = emulatedTranscriptFile(name, '123456789012', {
          languageCode: String(job.input.LanguageCode ?? 'en-US'),
          speakers: s.ShowSpeakerLabels === true,
          channels: s.ChannelIdentification === true,
        });
        const bucket =
          typeof job.input.OutputBucketName === 'string' ? job.input.OutputBucketName : undefined;
        const key = bucket
          ? typeof job.input.OutputKey === 'string'
            ? job.input.OutputKey
            : `${name}.json`
          : `${name}/asrOutput.json`;
        const host = ctx.headers.host ?? '';
        const uriOf = (objectKey: string) =>
          bucket
            ? `https://s3.us-east-1.amazonaws.com/${bucket}/${objectKey}`
            : `http://${host}/${MANAGED_BUCKET}/${objectKey}`;
        const write = (objectKey: string, text: string, contentType: string) =>
          putObject(
            store,
            host,
            bucket ?? MANAGED_BUCKET,
            objectKey,
            new TextEncoder().encode(text),
            contentType,
          );
        await write(key, JSON.stringify(file), 'application/json');
        // Subtitle files sit next to the transcript, with the same name and their own extension.
        const requested = subtitleRequest(job.input);
        const uris: string[] = [];
        for (const format of requested.formats) {
          const subtitleKey = `${key.replace(/\.json$/, '')}.${format}`;
          const text = emulatedSubtitles(file.results.audio_segments, format, requested.startIndex);
          await write(subtitleKey, text, format === 'vtt' ? 'text/vtt' : 'application/x-subrip');
          uris.push(uriOf(subtitleKey));
        }
        job.output = { uri: uriOf(key), subtitles: { ...requested, uris } };
      }
      return { TranscriptionJob: jobView(name, job, 'COMPLETED') };
    },
  };
  return { handlers: all, clear: () => jobs.clear() };
}

/**
 * Amazon Transcribe (batch jobs): awsJson1_1. Jobs answer IN_PROGRESS twice, then COMPLETED with a
 * current-format transcript written to the output bucket (or to a service-managed bucket served by
 * the emulator's S3 over plain HTTP, like AWS's pre-signed URL). `emu.reset()` forgets every job:
 * a Get* then answers NotFoundException and the name can be used again.
 */
export function createTranscribeService(store?: S3Store): ServiceDefinition {
  const transcription = handlers(store);
  const callAnalytics = callAnalyticsHandlers(store);
  return {
    name: 'transcribe',
    protocol: 'aws-json',
    signingName: 'transcribe',
    targetPrefix: 'Transcribe',
    routes: [],
    handlers: { ...transcription.handlers, ...callAnalytics.handlers },
    reset: () => {
      transcription.clear();
      callAnalytics.clear();
    },
    errors: {
      StartTranscriptionJob: ['BadRequestException', 'ConflictException'],
      GetTranscriptionJob: ['NotFoundException'],
      StartCallAnalyticsJob: ['BadRequestException', 'ConflictException'],
      GetCallAnalyticsJob: ['NotFoundException'],
    },
    // Requests are small JSON structures (S3 URIs, settings).
    maxRequestBody: bodyLimit(MIB),
    // Transcribe's model has no ThrottlingException: it throttles with LimitExceededException.
    throttle: { code: 'LimitExceededException', status: 400 },
    serverError: { code: 'InternalFailureException', status: 500 },
    errorStatus: { ConflictException: 409, NotFoundException: 404, BadRequestException: 400 },
  };
}
