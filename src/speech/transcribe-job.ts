import type { StartTranscriptionJobCommandInput } from '@aws-sdk/client-transcribe';
import { describeInput } from '../config';
import { callAws } from '../core/call';
import { requestOptionsOf, type ScopedOptions } from '../core/call-scope';
import type { ModuleContext } from '../core/context';
import type { BinaryInput } from '../core/inputs';
import { deadlineSignal } from '../core/internal/abort';
import { type BuiltJob, jobWaitOptions, pollOptionsOf } from '../core/job';
import { poll } from '../core/polling';
import { attachStagedObjects, stagedObjectsOf, withStaged } from '../core/staging';
import {
  checkIntegerRange,
  checkJobPolling,
  jobLabelSettings,
  resolveJobMedia,
  uniqueJobName,
} from '../core/transcribe-job-options';
import { startNamedJob, startOnStaged } from '../core/transcribe-job-start';
import { ServiceError, TimeoutError, ValidationError } from '../errors';
import { TRANSCRIBE_ALTERNATIVES, TRANSCRIBE_SAMPLE_RATE, TRANSCRIBE_SPEAKERS } from './limits';
import { TRANSCRIBE } from './transcribe';
import {
  fetchJobOutput,
  fetchSubtitles,
  parseJobTranscript,
  subtitlesRequest,
  transcriptUri,
} from './transcribe-output';
import { transcriptionJob, transcriptionRef } from './transcribe-resume';
import { Transcript } from './transcript';
import type {
  TranscribeMediaFormat,
  TranscribeOptions,
  TranscriptionJob,
  TranscriptionJobOptions,
} from './types';

/** Transcribe reads files up to 2 GB. */
const MAX_MEDIA_BYTES = 2 * 1024 ** 3;

/** Transcribe's language codes: `en-US`, `zh-CN`, `en-AB` (model: LanguageCode, a closed list of this shape). */
const LANGUAGE = /^[a-z]{2,3}-[A-Z]{2}$/;
/** Vocabulary and vocabulary filter names (model: VocabularyName, 1–200 of `^[0-9a-zA-Z._-]+`). */
const RESOURCE_NAME = /^[0-9a-zA-Z._-]{1,200}$/;
const FILTER_METHODS = ['mask', 'remove', 'tag'];
/** StartTranscriptionJob `OutputKey` (transcribe.json): 1–1,024 of `[a-zA-Z0-9-_.!*'()/]`. */
const OUTPUT_KEY = /^[a-zA-Z0-9\-_.!*'()/]{1,1024}$/;

function optionalFlag(name: string, value: unknown): void {
  if (value !== undefined && typeof value !== 'boolean') {
    throw new ValidationError(`${name} must be true or false, got ${describeInput(value)}`);
  }
}

/** The options AWS's model constrains, checked before anything is uploaded or started. */
function checkNames(options: TranscribeOptions): void {
  const { language, identifyLanguage, vocabulary, vocabularyFilter } = options;
  if (language !== undefined && (typeof language !== 'string' || !LANGUAGE.test(language))) {
    throw new ValidationError(
      `language must be a Transcribe language code such as 'en-US' or 'es-ES', got ${describeInput(language)}`,
    );
  }
  if (identifyLanguage !== undefined && typeof identifyLanguage !== 'boolean') {
    // LanguageOptions: 2 to 5 language codes (the model's min and max).
    const list = identifyLanguage as unknown;
    if (
      !Array.isArray(list) ||
      list.length < 2 ||
      list.length > 5 ||
      !list.every((code) => typeof code === 'string' && LANGUAGE.test(code))
    ) {
      throw new ValidationError(
        "identifyLanguage must be true or 2 to 5 language codes such as ['en-US', 'es-US']",
      );
    }
  }
  if (
    vocabulary !== undefined &&
    (typeof vocabulary !== 'string' || !RESOURCE_NAME.test(vocabulary))
  ) {
    throw new ValidationError(
      'vocabulary must be a vocabulary name: 1 to 200 letters, digits, . _ or -',
    );
  }
  if (vocabularyFilter !== undefined) {
    const { name, method } = (vocabularyFilter ?? {}) as { name?: unknown; method?: unknown };
    if (typeof name !== 'string' || !RESOURCE_NAME.test(name)) {
      throw new ValidationError(
        'vocabularyFilter.name must be a filter name: 1 to 200 letters, digits, . _ or -',
      );
    }
    if (method !== undefined && !FILTER_METHODS.includes(method as string)) {
      throw new ValidationError(
        `vocabularyFilter.method must be one of ${FILTER_METHODS.join(', ')}, got ${describeInput(method)}`,
      );
    }
  }
  optionalFlag('redactPii', options.redactPii);
  optionalFlag('channels', options.channels);
  const subtitles = options.subtitles as unknown;
  if (
    subtitles !== undefined &&
    typeof subtitles !== 'boolean' &&
    (typeof subtitles !== 'object' || subtitles === null || Array.isArray(subtitles))
  ) {
    throw new ValidationError(
      `subtitles must be true or { formats?: ['srt' | 'vtt'], startIndex?: 0 | 1 }, got ${describeInput(subtitles)}`,
    );
  }
}

function checkOptions(options: TranscribeOptions): void {
  checkNames(options);
  checkIntegerRange('speakers', options.speakers, TRANSCRIBE_SPEAKERS);
  checkIntegerRange('alternatives', options.alternatives, TRANSCRIBE_ALTERNATIVES);
  checkIntegerRange('sampleRate', options.sampleRate, TRANSCRIBE_SAMPLE_RATE);
  if (options.language && options.identifyLanguage) {
    throw new ValidationError('Give either language or identifyLanguage, not both');
  }
  if (options.speakers !== undefined && options.channels) {
    throw new ValidationError('Transcribe labels speakers or channels in one job, not both');
  }
  checkJobPolling(options);
  jobWaitOptions(options);
}

function jobRequest(
  name: string,
  uri: string,
  format: TranscribeMediaFormat,
  output: { bucket: string; key: string } | undefined,
  subtitles: StartTranscriptionJobCommandInput['Subtitles'],
  options: TranscribeOptions,
): StartTranscriptionJobCommandInput {
  const { identifyLanguage, vocabularyFilter } = options;
  const settings: NonNullable<StartTranscriptionJobCommandInput['Settings']> = {
    ...jobLabelSettings(options),
    ...(vocabularyFilter
      ? {
          VocabularyFilterName: vocabularyFilter.name,
          VocabularyFilterMethod: vocabularyFilter.method ?? 'mask',
        }
      : {}),
  };
  type Language = StartTranscriptionJobCommandInput['LanguageCode'];
  return {
    TranscriptionJobName: name,
    Media: { MediaFileUri: uri },
    MediaFormat: format,
    ...(options.sampleRate ? { MediaSampleRateHertz: options.sampleRate } : {}),
    ...(identifyLanguage
      ? {
          IdentifyLanguage: true,
          ...(Array.isArray(identifyLanguage)
            ? { LanguageOptions: [...identifyLanguage] as NonNullable<Language>[] }
            : {}),
        }
      : { LanguageCode: (options.language ?? 'en-US') as Language }),
    ...(Object.keys(settings).length > 0 ? { Settings: settings } : {}),
    ...(options.redactPii
      ? { ContentRedaction: { RedactionType: 'PII', RedactionOutput: 'redacted' } }
      : {}),
    ...(output ? { OutputBucketName: output.bucket, OutputKey: output.key } : {}),
    ...(subtitles ? { Subtitles: subtitles } : {}),
  };
}

/** What both `transcribe` and `startTranscription` work out before anything is sent. */
async function plan(ctx: ModuleContext, input: BinaryInput, options: TranscribeOptions) {
  checkOptions(options);
  const subtitles = subtitlesRequest(options.subtitles);
  const { media, format } = await resolveJobMedia(input, options.format, MAX_MEDIA_BYTES);
  const name = uniqueJobName(options.jobNamePrefix ?? 'aws-ai');
  const staging = ctx.config.staging;
  // With staging configured the transcript goes to our bucket (read with S3 credentials); else
  // Transcribe keeps it and returns a pre-signed URL.
  const output = staging?.bucket
    ? { bucket: staging.bucket, key: `${staging.prefix ?? 'aws-ai/'}transcripts/${name}.json` }
    : undefined;
  if (output && !OUTPUT_KEY.test(output.key)) {
    // S3 takes any key, Transcribe's OutputKey does not: refused before the upload, not after it.
    throw new ValidationError(
      `staging.prefix cannot hold Transcribe's output: its OutputKey (the prefix + 'transcripts/<job>.json') must be at most 1,024 letters, digits and - _ . ! * ' ( ) /, and ${output.key.length > 1024 ? `would be ${output.key.length} characters` : 'the prefix has another character'}; use a prefix such as 'tmp/'`,
    );
  }
  return { subtitles, media, format, name, output };
}

type Plan = Awaited<ReturnType<typeof plan>>;

/** StartTranscriptionJob; a retry after a lost response finds the job the first attempt created. */
async function startJob(
  ctx: ModuleContext,
  { name, format, output, subtitles }: Plan,
  uri: string,
  options: TranscribeOptions,
  calls: {
    signal?: AbortSignal | undefined;
    retry?: TranscribeOptions['retry'];
    timeoutMs?: number | undefined;
  },
): Promise<void> {
  await startNamedJob(
    ctx,
    TRANSCRIBE,
    'StartTranscriptionJob',
    ({ client, sdk, signal }) =>
      client.send(
        new sdk.StartTranscriptionJobCommand(
          jobRequest(name, uri, format, output, subtitles, options),
        ),
        { abortSignal: signal },
      ),
    calls,
  );
}

/**
 * Starts a transcription job and returns it as a {@link Job} (no waiting): bytes are staged and
 * NOT deleted (`stagedUri`), since Transcribe reads them while the job runs. Runs inside the call
 * scope of `speech.startTranscription` (ADR 0006, amendment): the upload and the start request share
 * its deadline, signal and retry budget; the job returned is not bound to them.
 * @internal
 */
export async function startTranscription(
  ctx: ModuleContext,
  input: BinaryInput,
  options: ScopedOptions<TranscriptionJobOptions>,
): Promise<TranscriptionJob> {
  const planned = await plan(ctx, input, options);
  // The scope's signal, the time left and the retry budget, for every request of the start.
  const calls = requestOptionsOf(options);
  const stagedUri = await startOnStaged(
    ctx,
    planned.media.kind === 's3' ? planned.media : planned.media.bytes,
    { ...calls, purpose: 'Transcribe StartTranscriptionJob', extension: planned.format },
    (uri) => startJob(ctx, planned, uri, options, calls),
  );
  // The job outlives the start: its requests take their own options, not the start's signal and
  // timeoutMs (as a job resumed from its ref).
  const job: BuiltJob<Transcript> = transcriptionJob(ctx, transcriptionRef(planned.name));
  return Object.assign(job, { name: planned.name, stagedUri });
}

/** @internal */
export async function transcribe(
  ctx: ModuleContext,
  input: BinaryInput,
  options: TranscribeOptions = {},
): Promise<Transcript> {
  const planned = await plan(ctx, input, options);
  const { media, format, name, output, subtitles } = planned;
  const deadline = deadlineSignal(options.signal, options.timeoutMs);
  const calls = { signal: deadline.signal, retry: options.retry };
  const wait = jobWaitOptions({ ...options, timeoutMs: undefined, signal: deadline.signal });
  try {
    return await withStaged(
      ctx,
      media.kind === 's3' ? media : media.bytes,
      { ...options, ...calls, purpose: 'Transcribe StartTranscriptionJob', extension: format },
      async (staged) => {
        await startJob(ctx, planned, staged.uri, options, calls);
        const job = await poll(
          async (signal) => {
            const out = await callAws(
              ctx,
              TRANSCRIBE,
              'GetTranscriptionJob',
              ({ client, sdk, signal: attemptSignal }) =>
                client.send(new sdk.GetTranscriptionJobCommand({ TranscriptionJobName: name }), {
                  abortSignal: attemptSignal,
                }),
              { ...calls, signal },
            );
            const job = out.TranscriptionJob ?? {};
            const status = job.TranscriptionJobStatus;
            if (status === 'COMPLETED') return { done: true, value: job };
            if (status === 'FAILED') {
              throw new ServiceError(
                `Transcription job ${name} failed: ${job.FailureReason ?? 'no reason given'}`,
                {
                  service: 'transcribe',
                  operation: 'GetTranscriptionJob',
                  code: 'TranscriptionJobFailed',
                  retryable: false,
                },
              );
            }
            wait.onProgress?.({
              id: name,
              state: status === 'QUEUED' ? 'submitted' : 'in-progress',
              awsStatus: status,
            });
            return { done: false, status };
          },
          pollOptionsOf(wait, { intervalMs: 2000, maxIntervalMs: 10_000 }),
        );
        const [bytes, files] = await Promise.all([
          fetchJobOutput(ctx, transcriptUri(job), output, deadline.signal, options.retry),
          subtitles
            ? fetchSubtitles(ctx, job, subtitles, output, deadline.signal, options.retry)
            : undefined,
        ]);
        const transcript = parseJobTranscript(bytes, job.LanguageCode, {
          service: 'transcribe',
          operation: 'GetTranscriptionJob',
        });
        return files ? new Transcript({ ...transcript.toJSON(), subtitles: files }) : transcript;
      },
    );
  } catch (err) {
    if (deadline.timedOut() && !options.signal?.aborted) {
      const timeout = new TimeoutError(
        `Transcription job ${name} did not finish within ${options.timeoutMs} ms`,
        {
          service: 'transcribe',
          operation: 'GetTranscriptionJob',
          code: 'ETIMEDOUT',
          cause: err,
        },
      );
      attachStagedObjects(timeout, stagedObjectsOf(err));
      throw timeout;
    }
    throw err;
  } finally {
    deadline.cleanup();
  }
}
