import type { AuditImage } from '@aws-sdk/client-rekognition';
import type { RequestOptions } from '../config';
import { callAws } from '../core/call';
import { requestOptionsOf } from '../core/call-scope';
import type { ModuleContext } from '../core/context';
import { ValidationError } from '../errors';
import { toBox } from './geometry';
import { LIVENESS_MAX_AUDIT_IMAGES, LIVENESS_MAX_KEY_PREFIX } from './limits';
import type {
  LivenessImage,
  LivenessResults,
  LivenessSession,
  LivenessSessionParams,
  LivenessStatus,
} from './liveness-types';
import { REKOGNITION } from './rekognition';

/** `LivenessSessionId`: a UUID (36 characters, lower-case hex). */
const SESSION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** `S3Bucket` (3–255 of letters, digits, `.`, `-`, `_`), `ClientRequestToken`, `KmsKeyId` patterns. */
const BUCKET = /^[0-9A-Za-z.\-_]{3,255}$/;
const TOKEN = /^[a-zA-Z0-9-_]{1,64}$/;
const KMS_KEY = /^[A-Za-z0-9][A-Za-z0-9:_/+=,@.-]{0,2047}$/;
const CHALLENGES = ['FaceMovementAndLightChallenge', 'FaceMovementChallenge'];

function outputConfig(output: unknown): { S3Bucket: string; S3KeyPrefix?: string } {
  const match = typeof output === 'string' ? /^s3:\/\/([^/]+)(?:\/(.*))?$/i.exec(output) : null;
  if (!match) {
    throw new ValidationError(
      "options.output must be an s3:// URI where Rekognition stores the images, e.g. 's3://my-bucket/liveness/'",
    );
  }
  const bucket = match[1] as string;
  const prefix = match[2] ?? '';
  if (!BUCKET.test(bucket)) {
    throw new ValidationError(`options.output names an invalid S3 bucket: ${bucket}`);
  }
  if (prefix.length > LIVENESS_MAX_KEY_PREFIX || /\s/.test(prefix)) {
    throw new ValidationError(
      `options.output's key prefix must be at most ${LIVENESS_MAX_KEY_PREFIX} characters without spaces`,
    );
  }
  return { S3Bucket: bucket, ...(prefix ? { S3KeyPrefix: prefix } : {}) };
}

/**
 * CreateFaceLivenessSession with its settings checked.
 * @internal
 */
export async function createLivenessSession(
  ctx: ModuleContext,
  options: LivenessSessionParams = {},
): Promise<LivenessSession> {
  if (typeof options !== 'object' || options === null) {
    throw new ValidationError('liveness.createSession options must be an object');
  }
  const { auditImages, output, kmsKeyId, challenges, clientRequestToken } = options;
  if (
    auditImages !== undefined &&
    !(Number.isInteger(auditImages) && auditImages >= 0 && auditImages <= LIVENESS_MAX_AUDIT_IMAGES)
  ) {
    throw new ValidationError(
      `options.auditImages must be a whole number from 0 to ${LIVENESS_MAX_AUDIT_IMAGES}`,
    );
  }
  if (kmsKeyId !== undefined && (typeof kmsKeyId !== 'string' || !KMS_KEY.test(kmsKeyId))) {
    throw new ValidationError('options.kmsKeyId must be a KMS key id or ARN');
  }
  if (
    clientRequestToken !== undefined &&
    (typeof clientRequestToken !== 'string' || !TOKEN.test(clientRequestToken))
  ) {
    throw new ValidationError(
      'options.clientRequestToken must be 1–64 letters, digits, hyphens or underscores',
    );
  }
  if (
    challenges !== undefined &&
    (!Array.isArray(challenges) ||
      challenges.length === 0 ||
      challenges.some((c) => !CHALLENGES.includes(c)))
  ) {
    throw new ValidationError(`options.challenges must list among ${CHALLENGES.join(', ')}`);
  }
  const settings = {
    ...(output !== undefined ? { OutputConfig: outputConfig(output) } : {}),
    ...(auditImages !== undefined ? { AuditImagesLimit: auditImages } : {}),
    ...(challenges ? { ChallengePreferences: challenges.map((Type) => ({ Type })) } : {}),
  };
  const out = await callAws(
    ctx,
    REKOGNITION,
    'CreateFaceLivenessSession',
    ({ client, sdk, signal }) =>
      client.send(
        new sdk.CreateFaceLivenessSessionCommand({
          ...(Object.keys(settings).length > 0 ? { Settings: settings } : {}),
          ...(kmsKeyId ? { KmsKeyId: kmsKeyId } : {}),
          ...(clientRequestToken ? { ClientRequestToken: clientRequestToken } : {}),
        }),
        { abortSignal: signal },
      ),
    requestOptionsOf(options),
  );
  return { sessionId: out.SessionId ?? '' };
}

function imageOf(image: AuditImage | undefined): LivenessImage | undefined {
  if (!image) return undefined;
  const s3 = image.S3Object;
  const box = toBox(image.BoundingBox, undefined);
  return {
    ...(image.Bytes ? { bytes: image.Bytes } : {}),
    ...(s3?.Bucket && s3.Name ? { s3: `s3://${s3.Bucket}/${s3.Name}` } : {}),
    ...(box ? { box } : {}),
  };
}

const STATUS: Readonly<Record<string, LivenessStatus>> = {
  CREATED: 'created',
  IN_PROGRESS: 'in-progress',
  SUCCEEDED: 'succeeded',
  FAILED: 'failed',
  EXPIRED: 'expired',
};

/**
 * GetFaceLivenessSessionResults, mapped.
 * @internal
 */
export async function livenessResults(
  ctx: ModuleContext,
  sessionId: string,
  options: RequestOptions = {},
): Promise<LivenessResults> {
  if (typeof sessionId !== 'string' || !SESSION_ID.test(sessionId)) {
    throw new ValidationError(
      'sessionId must be the id createSession returned (a 36-character lower-case UUID)',
    );
  }
  const out = await callAws(
    ctx,
    REKOGNITION,
    'GetFaceLivenessSessionResults',
    ({ client, sdk, signal }) =>
      client.send(new sdk.GetFaceLivenessSessionResultsCommand({ SessionId: sessionId }), {
        abortSignal: signal,
      }),
    requestOptionsOf(options),
  );
  const reference = imageOf(out.ReferenceImage);
  return {
    sessionId: out.SessionId ?? sessionId,
    status: STATUS[out.Status ?? ''] ?? 'created',
    ...(out.Confidence !== undefined ? { confidence: out.Confidence } : {}),
    ...(reference ? { referenceImage: reference } : {}),
    auditImages: (out.AuditImages ?? []).flatMap((i) => imageOf(i) ?? []),
    ...(out.Challenge?.Type
      ? { challenge: { type: out.Challenge.Type, version: out.Challenge.Version ?? '' } }
      : {}),
  };
}
