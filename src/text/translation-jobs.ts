import type * as TranslatePackage from '@aws-sdk/client-translate';
import type { RequestOptions } from '../config';
import { callAws } from '../core/call';
import type { ModuleContext } from '../core/context';
import { type BuiltJob, createJob, type JobRef } from '../core/job';
import { ServiceError, ValidationError } from '../errors';
import { assertLocation, asTextJob, checkRef, jobContext, toStatus } from './job-common';
import { readTranslations } from './job-results';
import { TRANSLATE } from './translate-service';
import type {
  TextJobStatus,
  TextTranslationFile,
  TextTranslationJob,
  TextTranslationJobParams,
} from './types';

const MAX_TARGETS = 10;

/** `InputDataConfig.ContentType` values of `StartTextTranslationJob` (Translate's API reference). */
const TRANSLATION_CONTENT_TYPES: ReadonlySet<unknown> = new Set([
  'text/plain',
  'text/html',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/x-xliff+xml',
]);

/** Translate's terminology names (ResourceName): letters, digits, hyphens, single underscores. */
const TERMINOLOGY_NAME = /^([A-Za-z0-9-]_?)+$/;

/** The kind of a Translate batch job's ref. */
export const TRANSLATION_KIND = 'translate.text';

/**
 * Rebuilds a Translate batch job from its ref (`{ kind: 'translate.text', id, to?, contentType? }`):
 * `status()` is one DescribeTextTranslationJob, `results()` yields one {@link TextTranslationFile}
 * per input file and target language, `cancel()` is StopTextTranslationJob. A ref without `to`
 * (built from Translate's completion event, which names only the job id) takes the target
 * languages and content type from the job's description, which waiting reads anyway.
 *
 * @throws ValidationError when the ref is not one, before any request
 * @internal
 */
export function translationJob(
  base: ModuleContext,
  ref: JobRef,
  options: RequestOptions = {},
): BuiltJob<TextTranslationFile, TextJobStatus> {
  checkRef(ref, TRANSLATION_KIND);
  const to = ref.to;
  if (
    to !== undefined &&
    (!Array.isArray(to) ||
      to.length === 0 ||
      to.length > MAX_TARGETS ||
      !to.every((t) => typeof t === 'string'))
  ) {
    throw new ValidationError(
      `A ${TRANSLATION_KIND} job's ref.to must hold the target language codes (1 to ${MAX_TARGETS}), or be left out to read them from the job`,
    );
  }
  if (ref.contentType !== undefined && !TRANSLATION_CONTENT_TYPES.has(ref.contentType as string)) {
    throw new ValidationError(
      `ref.contentType must be one of ${[...TRANSLATION_CONTENT_TYPES].join(', ')}`,
    );
  }
  const ctx = jobContext(base, ref);
  const id = ref.id;
  // What the last description said, for a ref that does not name targets or content type.
  let described: TranslatePackage.TextTranslationJobProperties | undefined;
  return createJob<TextTranslationFile, TextJobStatus>({
    ref,
    service: 'translate',
    operation: 'DescribeTextTranslationJob',
    describe: async (opts) => {
      const out = await callAws(
        ctx,
        TRANSLATE,
        'DescribeTextTranslationJob',
        ({ client, sdk, signal }) =>
          client.send(new sdk.DescribeTextTranslationJobCommand({ JobId: id }), {
            abortSignal: signal,
          }),
        { ...options, ...opts },
      );
      described = out.TextTranslationJobProperties;
      return toStatus(id, described);
    },
    read: async function* (status, wait) {
      const targets = (to as string[] | undefined) ?? described?.TargetLanguageCodes ?? [];
      const contentType =
        (ref.contentType as string | undefined) ??
        described?.InputDataConfig?.ContentType ??
        'text/plain';
      if (targets.length === 0) {
        throw new ServiceError(
          `Translate job ${id}'s description names no target languages; pass them as ref.to`,
          {
            service: 'translate',
            operation: 'DescribeTextTranslationJob',
            code: 'MalformedResponse',
          },
        );
      }
      yield* await readTranslations(ctx, status, targets, contentType, {
        ...options,
        ...(wait.signal ? { signal: wait.signal } : {}),
      });
    },
    cancel: async (opts) => {
      await callAws(
        ctx,
        TRANSLATE,
        'StopTextTranslationJob',
        ({ client, sdk, signal }) => {
          const stop = sdk as unknown as Pick<
            typeof TranslatePackage,
            'StopTextTranslationJobCommand'
          >;
          return client.send(new stop.StopTextTranslationJobCommand({ JobId: id }), {
            abortSignal: signal,
          });
        },
        { ...options, ...opts },
      );
    },
  });
}

/**
 * Starts a Translate `StartTextTranslationJob` and returns a handle whose `wait()` polls
 * `DescribeTextTranslationJob`.
 * @internal
 */
export async function startTranslationJob(
  ctx: ModuleContext,
  params: TextTranslationJobParams,
  options: RequestOptions = {},
): Promise<TextTranslationJob> {
  assertLocation(params);
  const targets = typeof params.to === 'string' ? [params.to] : [...(params.to ?? [])];
  if (targets.length === 0 || targets.length > MAX_TARGETS) {
    throw new ValidationError(`params.to must name 1 to ${MAX_TARGETS} target languages`);
  }
  const code = /^[a-z]{2,3}(-[A-Za-z]{2,4})?$/;
  const from: unknown = params.from;
  if (from !== undefined && from !== 'auto' && (typeof from !== 'string' || !code.test(from))) {
    throw new ValidationError(
      `params.from must be 'auto' or a language code such as 'en' or 'zh-TW', got ${typeof from === 'string' ? `a ${from.length}-character string` : typeof from}`,
    );
  }
  for (const t of targets as unknown[]) {
    if (typeof t !== 'string' || !code.test(t)) {
      throw new ValidationError(
        `params.to must hold language codes such as 'fr' or 'zh-TW', got ${typeof t === 'string' ? `a ${t.length}-character string` : typeof t}`,
      );
    }
  }
  const { contentType: type, terminology } = params as {
    contentType?: unknown;
    terminology?: unknown;
  };
  if (type !== undefined && !TRANSLATION_CONTENT_TYPES.has(type)) {
    throw new ValidationError(
      `params.contentType must be one of ${[...TRANSLATION_CONTENT_TYPES].join(', ')}`,
    );
  }
  if (
    terminology !== undefined &&
    (typeof terminology !== 'string' ||
      terminology.length > 256 ||
      !TERMINOLOGY_NAME.test(terminology))
  ) {
    throw new ValidationError(
      'params.terminology must be the name of one custom terminology (letters, digits, hyphens and single underscores, at most 256)',
    );
  }
  const out = await callAws(
    ctx,
    TRANSLATE,
    'StartTextTranslationJob',
    ({ client, sdk, signal }) =>
      client.send(
        new sdk.StartTextTranslationJobCommand({
          InputDataConfig: { S3Uri: params.input, ContentType: params.contentType ?? 'text/plain' },
          OutputDataConfig: { S3Uri: params.output },
          DataAccessRoleArn: params.roleArn,
          SourceLanguageCode: params.from ?? 'auto',
          TargetLanguageCodes: targets,
          ...(params.name ? { JobName: params.name } : {}),
          ...(params.terminology ? { TerminologyNames: [params.terminology] } : {}),
        }),
        { abortSignal: signal },
      ),
    options,
  );
  const id = out.JobId;
  if (!id) {
    throw new ServiceError('translate StartTextTranslationJob returned no JobId', {
      service: 'translate',
      operation: 'StartTextTranslationJob',
    });
  }
  const ref: JobRef = {
    kind: TRANSLATION_KIND,
    id,
    to: targets,
    ...(params.contentType ? { contentType: params.contentType } : {}),
  };
  return asTextJob(translationJob(ctx, ref, options), 'DescribeTextTranslationJob');
}
