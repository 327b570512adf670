import { EmulatorError } from '../emulator-error';
import { isRecord } from '../protocols/wire-json';
import type { EmulatorInput, Handler } from '../types';
import { faceDetail } from './rekognition-detect';
import { box, confidence, hashBytes } from './rekognition-image';
import { idempotencyTokens } from './textract-tokens';

/** Items every emulated job finds, and how many a page holds: 10 items → pages of 4, 4, 2. */
const ITEMS_PER_JOB = 10;
const PAGE_SIZE = 4;
/** Rekognition runs at most 20 video jobs at once per account (aws-limits.md §6). */
const MAX_RUNNING_JOBS = 20;
const VIDEO_METADATA = {
  Codec: 'h264',
  DurationMillis: 10_000,
  Format: 'QuickTime / MOV',
  FrameRate: 30,
  FrameHeight: 720,
  FrameWidth: 1280,
  ColorRange: 'LIMITED',
};

type Kind = 'labels' | 'faces' | 'text' | 'moderation' | 'celebrities' | 'segments' | 'persons';

interface Job {
  kind: Kind;
  seed: number;
  /** Get* calls seen: the first answers IN_PROGRESS, the later ones SUCCEEDED. */
  checks: number;
}

const OPERATIONS: ReadonlyArray<[Kind, string, string, string]> = [
  ['labels', 'StartLabelDetection', 'GetLabelDetection', 'Labels'],
  ['faces', 'StartFaceDetection', 'GetFaceDetection', 'Faces'],
  ['text', 'StartTextDetection', 'GetTextDetection', 'TextDetections'],
  ['moderation', 'StartContentModeration', 'GetContentModeration', 'ModerationLabels'],
  ['celebrities', 'StartCelebrityRecognition', 'GetCelebrityRecognition', 'Celebrities'],
  ['segments', 'StartSegmentDetection', 'GetSegmentDetection', 'Segments'],
  ['persons', 'StartPersonTracking', 'GetPersonTracking', 'Persons'],
];

/** The video operations, as [Start*, Get*] pairs. */
export const VIDEO_OPERATIONS: ReadonlyArray<readonly [string, string]> = OPERATIONS.map(
  ([, start, get]) => [start, get] as const,
);

const LABEL_NAMES = ['Person', 'Car', 'Dog', 'Tree', 'Building'];

/** Item `i` of a job, at `i` seconds. */
function item(kind: Kind, seed: number, i: number): Record<string, unknown> {
  const Timestamp = i * 1000;
  switch (kind) {
    case 'labels':
      return {
        Timestamp,
        Label: {
          Name: LABEL_NAMES[i % LABEL_NAMES.length],
          Confidence: confidence(seed, i),
          Instances: [{ BoundingBox: box(seed, i), Confidence: confidence(seed, i + 50) }],
          Parents: [],
        },
      };
    case 'faces':
      return {
        Timestamp,
        Face: faceDetail({ seed: seed + i, width: 1280, height: 720 }, 0, false),
      };
    case 'text':
      return {
        Timestamp,
        TextDetection: {
          DetectedText: `FRAME ${i}`,
          Type: 'LINE',
          Id: i,
          Confidence: confidence(seed, i),
          Geometry: { BoundingBox: box(seed, i), Polygon: [] },
        },
      };
    case 'moderation':
      return {
        Timestamp,
        ModerationLabel: {
          Name: 'Violence',
          ParentName: '',
          Confidence: confidence(seed, i, 50),
          TaxonomyLevel: 1,
        },
      };
    case 'celebrities':
      return {
        Timestamp,
        Celebrity: {
          Name: 'Emulated Celebrity',
          Id: `emu${(seed % 100000).toString(36)}`,
          Confidence: confidence(seed, i, 90),
          Urls: ['www.example.com/emulated-celebrity'],
          BoundingBox: box(seed, i),
        },
      };
    case 'segments':
      return {
        Type: 'SHOT',
        StartTimestampMillis: Timestamp,
        EndTimestampMillis: Timestamp + 1000,
        DurationMillis: 1000,
        StartTimecodeSMPTE: `00:00:${String(i).padStart(2, '0')}:00`,
        EndTimecodeSMPTE: `00:00:${String(i + 1).padStart(2, '0')}:00`,
        ShotSegment: { Index: i, Confidence: confidence(seed, i, 90) },
      };
    case 'persons':
      return { Timestamp, Person: { Index: i % 2, BoundingBox: box(seed, i) } };
  }
}

function videoName(input: EmulatorInput): string {
  const video = isRecord(input.Video) ? input.Video : undefined;
  const s3 = isRecord(video?.S3Object) ? video.S3Object : undefined;
  if (typeof s3?.Bucket !== 'string' || typeof s3.Name !== 'string') {
    throw new EmulatorError(
      'InvalidParameterException',
      'Video.S3Object with Bucket and Name is required',
    );
  }
  return `s3://${s3.Bucket}/${s3.Name}`;
}

/**
 * Video jobs held in memory until `clear()` (`emu.reset()`): a job nobody read twice counts against
 * the 20 running jobs, so a reset must forget them or later tests find the account full. A reset
 * also restarts the ids, as in a fresh emulator.
 */
export function videoHandlers(): { handlers: Record<string, Handler>; clear: () => void } {
  const jobs = new Map<string, Job>();
  // Per Start* operation; another request under a used token is IdempotentParameterMismatchException.
  const tokens = idempotencyTokens();
  let started = 0;
  const handlers: Record<string, Handler> = {};

  for (const [kind, start, get, member] of OPERATIONS) {
    handlers[start] = (input) => {
      const name = videoName(input);
      const existing = tokens.find(start, input);
      if (existing) return { JobId: existing };
      const running = [...jobs.values()].filter((j) => j.checks < 2).length;
      if (running >= MAX_RUNNING_JOBS) {
        throw new EmulatorError(
          'LimitExceededException',
          'The number of concurrent jobs exceeds the limit',
        );
      }
      const seed = hashBytes(new TextEncoder().encode(name));
      const JobId = `${seed.toString(16).padStart(8, '0')}${(++started).toString(16).padStart(8, '0')}`;
      jobs.set(JobId, { kind, seed, checks: 0 });
      tokens.remember(start, input, JobId);
      return { JobId };
    };
    handlers[get] = (input) => {
      const job = typeof input.JobId === 'string' ? jobs.get(input.JobId) : undefined;
      if (!job || job.kind !== kind) {
        throw new EmulatorError(
          'ResourceNotFoundException',
          `Job ${String(input.JobId)} not found`,
        );
      }
      job.checks += 1;
      if (job.checks === 1) return { JobStatus: 'IN_PROGRESS' };
      const offset =
        typeof input.NextToken === 'string' ? Number(input.NextToken.split(':')[1]) : 0;
      if (!Number.isInteger(offset) || offset < 0 || offset >= ITEMS_PER_JOB) {
        throw new EmulatorError('InvalidPaginationTokenException', 'Invalid NextToken');
      }
      const size = Math.min(
        PAGE_SIZE,
        typeof input.MaxResults === 'number' ? input.MaxResults : 1000,
      );
      const end = Math.min(ITEMS_PER_JOB, offset + size);
      const items = Array.from({ length: end - offset }, (_, k) =>
        item(kind, job.seed, offset + k),
      );
      return {
        JobStatus: 'SUCCEEDED',
        VideoMetadata: kind === 'segments' ? [VIDEO_METADATA] : VIDEO_METADATA,
        [member]: items,
        ...(end < ITEMS_PER_JOB ? { NextToken: `${input.JobId}:${end}` } : {}),
      };
    };
  }
  const clear = (): void => {
    jobs.clear();
    tokens.clear();
    started = 0;
  };
  return { handlers, clear };
}
