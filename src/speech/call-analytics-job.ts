import { callAws } from '../core/call';
import { requestOptionsOf } from '../core/call-scope';
import type { ModuleContext } from '../core/context';
import { ServiceError, ValidationError } from '../core/errors';
import { type BinaryInput, resolveBinary } from '../core/inputs';
import { poll } from '../core/polling';
import { readObject, withStaged } from '../core/staging';
import { parseCallAnalytics } from './call-analytics-output';
import type { AnalyzeCallOptions, CallAnalysis } from './call-analytics-types';
import { TRANSCRIBE_MAX_JOB_NAME } from './limits';
import { TRANSCRIBE } from './transcribe';

const SITE = { service: 'transcribe', operation: 'StartCallAnalyticsJob' } as const;
const JOB_NAME = /^[0-9a-zA-Z._-]+$/;
const ROLE_ARN =
  /^arn:(aws|aws-cn|aws-us-gov|aws-iso-{0,1}[a-z]{0,1}):iam::[0-9]{0,63}:role\/[A-Za-z0-9:_/+=,@.-]{0,1024}$/;

function outputOf(output: unknown): string {
  if (typeof output !== 'string' || !/^s3:\/\/[^/]+(\/.*)?$/i.test(output)) {
    throw new ValidationError(
      "options.output must be the s3:// location Transcribe writes the analysis to, e.g. 's3://calls/analytics/'",
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

/**
 * A Call Analytics job: the recording (s3:// or staged bytes) through StartCallAnalyticsJob, polled
 * with GetCallAnalyticsJob, its output read from S3 and parsed.
 * @internal
 */
export async function analyzeCall(
  ctx: ModuleContext,
  audio: BinaryInput,
  options: AnalyzeCallOptions,
): Promise<CallAnalysis> {
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
      languages.some((l) => typeof l !== 'string'))
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
  const media = await resolveBinary(audio, { label: 'audio' });
  const request = requestOptionsOf(options);
  const { signal } = request;
  return withStaged(
    ctx,
    media.kind === 'bytes' ? media.bytes : media,
    { ...request, purpose: 'Transcribe StartCallAnalyticsJob', extension: media.format },
    async (staged) => {
      await callAws(
        ctx,
        TRANSCRIBE,
        'StartCallAnalyticsJob',
        ({ client, sdk, signal: s }) =>
          client.send(
            new sdk.StartCallAnalyticsJobCommand({
              CallAnalyticsJobName: name,
              Media: { MediaFileUri: staged.uri },
              OutputLocation: output,
              ...(roleArn ? { DataAccessRoleArn: roleArn } : {}),
              ChannelDefinitions: [
                { ChannelId: channels.agent, ParticipantRole: 'AGENT' },
                { ChannelId: channels.customer, ParticipantRole: 'CUSTOMER' },
              ],
              ...(summarization || languages
                ? {
                    Settings: {
                      ...(summarization
                        ? { Summarization: { GenerateAbstractiveSummary: true } }
                        : {}),
                      ...(languages ? { LanguageOptions: [...languages] as never } : {}),
                    },
                  }
                : {}),
            }),
            { abortSignal: s },
          ),
        request,
      );
      const job = await poll(
        async (s) => {
          const out = await callAws(
            ctx,
            TRANSCRIBE,
            'GetCallAnalyticsJob',
            ({ client, sdk, signal: inner }) =>
              client.send(new sdk.GetCallAnalyticsJobCommand({ CallAnalyticsJobName: name }), {
                abortSignal: inner,
              }),
            { ...request, signal: s },
          );
          const found = out.CallAnalyticsJob;
          const status = found?.CallAnalyticsJobStatus;
          if (status === 'FAILED') {
            throw new ServiceError(
              `Call Analytics job ${name} failed: ${found?.FailureReason ?? 'no reason given'}`,
              { ...SITE, code: 'JobFailed' },
            );
          }
          return status === 'COMPLETED' ? { done: true, value: found } : { done: false, status };
        },
        { intervalMs: 2_000, maxIntervalMs: 30_000, ...options.poll, signal },
      );
      const uri = job?.Transcript?.TranscriptFileUri;
      if (!uri) throw new ServiceError(`Call Analytics job ${name} reported no output file`, SITE);
      const bytes = await readObject(ctx, locationOf(uri), request);
      return parseCallAnalytics(bytes);
    },
  );
}
