import type { RequestOptions } from '../config';
import { callAws } from '../core/call';
import { requestOptionsOf, type ScopedOptions } from '../core/call-scope';
import type { ModuleContext } from '../core/context';
import { type BinaryInput, resolveBinary } from '../core/inputs';
import { type BuiltJob, createJob, type JobRef, type JobStatus, jobWaitOptions } from '../core/job';
import { parseJobOutput } from '../core/job-output';
import { checkRefKind, jobStatusOf, refContext, TRANSCRIBE_JOB_STATES } from '../core/job-ref';
import { readObject, withStaged } from '../core/staging';
import { startOnStaged } from '../core/transcribe-job-start';
import { ServiceError, ValidationError } from '../errors';
import { parseCallAnalytics } from './call-analytics-output';
import type {
  AnalyzeCallOptions,
  CallAnalysis,
  CallAnalyticsJob,
  CallAnalyticsJobOptions,
} from './call-analytics-types';
import { TRANSCRIBE_MAX_JOB_NAME } from './limits';
import { TRANSCRIBE } from './transcribe';

const SITE = { service: 'transcribe', operation: 'StartCallAnalyticsJob' } as const;
const JOB_NAME = /^[0-9a-zA-Z._-]+$/;
const ROLE_ARN =
  /^arn:(aws|aws-cn|aws-us-gov|aws-iso-{0,1}[a-z]{0,1}):iam::[0-9]{0,63}:role\/[A-Za-z0-9:_/+=,@.-]{0,1024}$/;

/** StartCallAnalyticsJob `OutputLocation` (transcribe.json, shape `Uri`): 1–2,000 characters. */
const MAX_OUTPUT_LOCATION = 2000;

function outputOf(output: unknown): string {
  if (typeof output !== 'string' || !/^s3:\/\/[^/]+(\/.*)?$/i.test(output)) {
    throw new ValidationError(
      "options.output must be the s3:// location Transcribe writes the analysis to, e.g. 's3://calls/analytics/'",
    );
  }
  if (output.length > MAX_OUTPUT_LOCATION) {
    throw new ValidationError(
      `options.output is ${output.length} characters; Transcribe's OutputLocation takes at most ${MAX_OUTPUT_LOCATION}`,
    );
  }
  return output;
}

/** `https://s3.<region>.amazonaws.com/<bucket>/<key>` or `s3://bucket/key` → the object. */
function locationOf(uri: string): { bucket: string; key: string } {
  const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri) ?? /^https?:\/\/[^/]+\/([^/]+)\/(.+)$/.exec(uri);
  if (!match) {
    throw new ServiceError(
      `Transcribe reported an output location that is not in S3: ${uri}`,
      SITE,
    );
  }
  return { bucket: match[1] as string, key: decodeURIComponent(match[2] as string) };
}

/** The kind of a Call Analytics job's ref. */
export const CALL_ANALYTICS_KIND = 'transcribe.call-analytics';

/**
 * Rebuilds a Call Analytics job from its ref (`{ kind: 'transcribe.call-analytics', id: name }`):
 * `status()` is one GetCallAnalyticsJob, `results()` yields the one {@link CallAnalysis} read from
 * the output Transcribe wrote. Transcribe has no stop operation, so no `cancel`.
 *
 * @throws ValidationError when the ref is not one, before any request
 * @internal
 */
export function callAnalyticsJob(
  base: ModuleContext,
  ref: JobRef,
  options: RequestOptions = {},
): BuiltJob<CallAnalysis> {
  checkRefKind(ref, CALL_ANALYTICS_KIND, 'Call Analytics');
  const name = ref.id;
  if (typeof name !== 'string' || name.length > TRANSCRIBE_MAX_JOB_NAME || !JOB_NAME.test(name)) {
    throw new ValidationError(
      `A Call Analytics job's id is its CallAnalyticsJobName (1–${TRANSCRIBE_MAX_JOB_NAME} letters, digits, . _ -); got ${JSON.stringify(name)}`,
    );
  }
  const ctx = refContext(base, ref);
  let outputUri: string | undefined;
  const describe = async (opts: RequestOptions): Promise<JobStatus> => {
    const out = await callAws(
      ctx,
      TRANSCRIBE,
      'GetCallAnalyticsJob',
      ({ client, sdk, signal }) =>
        client.send(new sdk.GetCallAnalyticsJobCommand({ CallAnalyticsJobName: name }), {
          abortSignal: signal,
        }),
      { ...options, ...opts },
    );
    const found = out.CallAnalyticsJob;
    const aws = found?.CallAnalyticsJobStatus ?? 'IN_PROGRESS';
    outputUri = found?.Transcript?.TranscriptFileUri ?? outputUri;
    return jobStatusOf(name, TRANSCRIBE_JOB_STATES, aws, found?.FailureReason);
  };
  return createJob<CallAnalysis>({
    ref,
    service: 'transcribe',
    operation: 'GetCallAnalyticsJob',
    describe,
    intervalMs: 2_000,
    maxIntervalMs: 30_000,
    read: async function* (_status, wait) {
      if (!outputUri) {
        throw new ServiceError(`Call Analytics job ${name} reported no output file`, SITE);
      }
      const bytes = await readObject(ctx, locationOf(outputUri), {
        ...options,
        ...(wait.signal ? { signal: wait.signal } : {}),
      });
      yield parseJobOutput(
        bytes,
        parseCallAnalytics,
        { service: 'transcribe', operation: 'GetCallAnalyticsJob' },
        `Call Analytics job ${name}'s output file`,
        'a Call Analytics output file',
      );
    },
  });
}

type Checked = ReturnType<typeof checkOptions>;

function checkOptions(options: CallAnalyticsJobOptions) {
  if (typeof options !== 'object' || options === null) {
    throw new ValidationError(
      "analyzeCall needs options with an output, e.g. { output: 's3://calls/out/' }",
    );
  }
  const output = outputOf(options.output);
  const { channels = { agent: 0, customer: 1 }, summarization, languages, roleArn } = options;
  if (
    typeof channels !== 'object' ||
    channels === null ||
    ![0, 1].includes(channels.agent) ||
    ![0, 1].includes(channels.customer) ||
    channels.agent === channels.customer
  ) {
    throw new ValidationError(
      'options.channels must put agent and customer on channels 0 and 1, one each',
    );
  }
  if (summarization !== undefined && typeof summarization !== 'boolean') {
    throw new ValidationError('options.summarization must be true or false');
  }
  if (
    languages !== undefined &&
    (!Array.isArray(languages) ||
      languages.length === 0 ||
      // LanguageOptions: Transcribe language codes (`en-US`); anything else fails the job start.
      languages.some((l) => typeof l !== 'string' || !/^[a-z]{2,3}-[A-Z]{2}$/.test(l)))
  ) {
    throw new ValidationError("options.languages must list language codes such as 'en-US'");
  }
  if (roleArn !== undefined && (typeof roleArn !== 'string' || !ROLE_ARN.test(roleArn))) {
    throw new ValidationError('options.roleArn must be an IAM role ARN');
  }
  const name = options.name ?? `aws-ai-call-${globalThis.crypto.randomUUID()}`;
  if (typeof name !== 'string' || name.length > TRANSCRIBE_MAX_JOB_NAME || !JOB_NAME.test(name)) {
    throw new ValidationError(
      `options.name must be 1–${TRANSCRIBE_MAX_JOB_NAME} letters, digits, '.', '_' or '-'`,
    );
  }
  return { output, channels, summarization, languages, roleArn, name };
}

async function startJob(
  ctx: ModuleContext,
  { output, channels, summarization, languages, roleArn, name }: Checked,
  uri: string,
  request: RequestOptions,
): Promise<void> {
  await callAws(
    ctx,
    TRANSCRIBE,
    'StartCallAnalyticsJob',
    ({ client, sdk, signal: s }) =>
      client.send(
        new sdk.StartCallAnalyticsJobCommand({
          CallAnalyticsJobName: name,
          Media: { MediaFileUri: uri },
          OutputLocation: output,
          ...(roleArn ? { DataAccessRoleArn: roleArn } : {}),
          ChannelDefinitions: [
            { ChannelId: channels.agent, ParticipantRole: 'AGENT' },
            { ChannelId: channels.customer, ParticipantRole: 'CUSTOMER' },
          ],
          ...(summarization || languages
            ? {
                Settings: {
                  ...(summarization ? { Summarization: { GenerateAbstractiveSummary: true } } : {}),
                  ...(languages ? { LanguageOptions: [...languages] as never } : {}),
                },
              }
            : {}),
        }),
        { abortSignal: s },
      ),
    request,
  );
}

/**
 * Starts a Call Analytics job and returns it as a {@link Job} (no waiting). Bytes are staged and
 * NOT deleted (`stagedUri`): Transcribe reads them while the job runs. Runs inside the call scope of
 * `speech.startCallAnalysis` (ADR 0006, amendment): the upload and the start request share its
 * deadline, signal and retry budget; the job returned is not bound to them.
 * @internal
 */
export async function startCallAnalysis(
  ctx: ModuleContext,
  audio: BinaryInput,
  options: ScopedOptions<CallAnalyticsJobOptions> | undefined,
): Promise<CallAnalyticsJob> {
  const checked = checkOptions(options as CallAnalyticsJobOptions);
  const media = await resolveBinary(audio, { label: 'audio' });
  const request = requestOptionsOf(options as CallAnalyticsJobOptions);
  const stagedUri = await startOnStaged(
    ctx,
    media.kind === 'bytes' ? media.bytes : media,
    { ...request, purpose: 'Transcribe StartCallAnalyticsJob', extension: media.format },
    (uri) => startJob(ctx, checked, uri, request),
  );
  // The job outlives the start: its requests take their own options, not the start's signal and
  // timeoutMs (as a job resumed from its ref). Never pass `request` here.
  const job = callAnalyticsJob(ctx, { kind: CALL_ANALYTICS_KIND, id: checked.name });
  return Object.assign(job, { name: checked.name, stagedUri });
}

/**
 * A Call Analytics job run to its end: the recording (s3:// or staged bytes, deleted afterwards)
 * through StartCallAnalyticsJob, polled with GetCallAnalyticsJob, its output read and parsed.
 * @internal
 */
export async function analyzeCall(
  ctx: ModuleContext,
  audio: BinaryInput,
  options: AnalyzeCallOptions,
): Promise<CallAnalysis> {
  const checked = checkOptions(options);
  // Checked before anything is uploaded; the call's own timeoutMs bounds the whole call.
  const wait = jobWaitOptions({ ...options, timeoutMs: options.poll?.timeoutMs });
  const media = await resolveBinary(audio, { label: 'audio' });
  const request = requestOptionsOf(options);
  return withStaged(
    ctx,
    media.kind === 'bytes' ? media.bytes : media,
    { ...request, purpose: 'Transcribe StartCallAnalyticsJob', extension: media.format },
    async (staged) => {
      await startJob(ctx, checked, staged.uri, request);
      const job = callAnalyticsJob(ctx, { kind: CALL_ANALYTICS_KIND, id: checked.name }, request);
      const [analysis] = await job.result({ ...wait, signal: request.signal });
      if (!analysis)
        throw new ServiceError(`Call Analytics job ${checked.name} read no output`, SITE);
      return analysis;
    },
  );
}
