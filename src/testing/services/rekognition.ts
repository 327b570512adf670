import type { EmulatorInput, Handler } from '../types';
import { bodyLimit, MIB, type ServiceDefinition } from './definition';
import { collectionHandlers } from './rekognition-collections';
import { DETECT_HANDLERS } from './rekognition-detect';
import { S3_IMAGE_MAX_BYTES } from './rekognition-image';
import { livenessHandlers } from './rekognition-liveness';
import { PARAMETER_RULES, withParameterRules } from './rekognition-params';
import { VIDEO_OPERATIONS, videoHandlers } from './rekognition-video';
import type { S3Store } from './s3-store';

const IMAGE_MEMBERS = ['Image', 'SourceImage', 'TargetImage'] as const;

/**
 * An image given as `S3Object` that the emulator's S3 holds is read from there, so it is checked and
 * answered like the same bytes sent inline (with S3's 15 MB limit instead of 5 MiB).
 */
function withS3Images(handler: Handler, store: S3Store): Handler {
  return (input, ctx) => {
    let resolved: EmulatorInput = input;
    for (const member of IMAGE_MEMBERS) {
      const image = input[member] as
        | { S3Object?: { Bucket?: unknown; Name?: unknown } }
        | undefined;
      const where = image?.S3Object;
      if (typeof where?.Bucket !== 'string' || typeof where.Name !== 'string') continue;
      const object = store.get(where.Bucket, where.Name);
      if (object)
        resolved = { ...resolved, [member]: { Bytes: object.body, maxBytes: S3_IMAGE_MAX_BYTES } };
    }
    return handler(resolved, ctx);
  };
}

const IMAGE_ERRORS = [
  'InvalidParameterException',
  'ImageTooLargeException',
  'InvalidImageFormatException',
];

/** What each default handler may throw (see `ServiceDefinition.errors`). */
function rekognitionErrors(detect: readonly string[]): Record<string, readonly string[]> {
  const errors: Record<string, readonly string[]> = {
    CreateCollection: ['ResourceAlreadyExistsException'],
    DeleteCollection: ['ResourceNotFoundException'],
    IndexFaces: [...IMAGE_ERRORS, 'ResourceNotFoundException'],
    SearchFacesByImage: [...IMAGE_ERRORS, 'ResourceNotFoundException'],
    SearchFaces: ['InvalidParameterException', 'ResourceNotFoundException'],
    CreateFaceLivenessSession: ['InvalidParameterException'],
    GetFaceLivenessSessionResults: ['InvalidParameterException', 'SessionNotFoundException'],
  };
  for (const op of detect) errors[op] = IMAGE_ERRORS;
  // Members out of their model constraints: AWS's request validation (rekognition-params.ts).
  for (const op of Object.keys(PARAMETER_RULES)) {
    errors[op] = [...(errors[op] ?? []), 'ValidationException'];
  }
  for (const [start, get] of VIDEO_OPERATIONS) {
    errors[start] = [
      'InvalidParameterException',
      'LimitExceededException',
      'IdempotentParameterMismatchException',
    ];
    errors[get] = ['ResourceNotFoundException', 'InvalidPaginationTokenException'];
  }
  return errors;
}

/**
 * Amazon Rekognition: awsJson1_1. Images are checked as AWS checks them (JPEG/PNG, 5 MiB inline,
 * pixel limits) and answered with canned results derived from their bytes; collections, video
 * jobs and liveness sessions live in memory until `emu.reset()` (a job answers IN_PROGRESS once,
 * then SUCCEEDED in pages of 4 items). An
 * `S3Object` image that `store` holds is read and checked like inline bytes; one it does not hold is
 * taken as a 1280×720 image, so tests can pass `s3://` URIs without uploading anything.
 */
export function createRekognitionService(store?: S3Store): ServiceDefinition {
  const collections = collectionHandlers();
  const imageHandlers: Record<string, Handler> = { ...DETECT_HANDLERS, ...collections.handlers };
  const withImages = Object.fromEntries(
    Object.entries(imageHandlers).map(([name, h]) => [
      name,
      withParameterRules(name, store ? withS3Images(h, store) : h),
    ]),
  );
  const video = videoHandlers();
  const liveness = livenessHandlers(store);
  return {
    name: 'rekognition',
    protocol: 'aws-json',
    signingName: 'rekognition',
    targetPrefix: 'RekognitionService',
    routes: [],
    handlers: { ...withImages, ...video.handlers, ...liveness.handlers },
    reset: () => {
      collections.clear();
      video.clear();
      liveness.clear();
    },
    errors: rekognitionErrors(Object.keys(DETECT_HANDLERS)),
    // Image.Bytes is @length(max: 5,242,880), base64 in JSON; CompareFaces takes two images.
    maxRequestBody: bodyLimit(2 * Math.ceil((5 * MIB * 4) / 3) + MIB),
    throttle: { code: 'ThrottlingException', status: 400 },
    serverError: { code: 'InternalServerError', status: 500 },
    errorStatus: { ResourceNotFoundException: 400, AccessDeniedException: 400 },
    blobKeys: ['Bytes'],
  };
}
