import type {
  VideoMetadata as AwsVideoMetadata,
  GetCelebrityRecognitionResponse,
  GetContentModerationResponse,
  GetFaceDetectionResponse,
  GetLabelDetectionResponse,
  GetPersonTrackingResponse,
  GetSegmentDetectionResponse,
  GetTextDetectionResponse,
  RekognitionClient,
  Video,
} from '@aws-sdk/client-rekognition';
import type { Attempt } from '../core/call';
import { toBox } from './geometry';
import type { ImageSize } from './image-header';
import { toCelebrity, toFace, toLabel, toModerationLabel, toTextDetection } from './mappers';
import type { RekognitionSdk } from './sdk';
import type {
  VideoCelebrity,
  VideoFace,
  VideoItems,
  VideoKind,
  VideoLabel,
  VideoModeration,
  VideoPerson,
  VideoSegment,
  VideoText,
  VisionVideoParams,
} from './types';

type Sdk = RekognitionSdk;
type Send = Attempt<Sdk, RekognitionClient>;

/** What every Start* request shares. @internal */
export interface StartBase {
  Video: Video;
  NotificationChannel?: { SNSTopicArn: string; RoleArn: string } | undefined;
  JobTag?: string | undefined;
  ClientRequestToken?: string | undefined;
}

/** The fields of a Get* page that the job loop reads. @internal */
export interface VideoPage {
  JobStatus?: string | undefined;
  StatusMessage?: string | undefined;
  NextToken?: string | undefined;
  VideoMetadata?: AwsVideoMetadata | AwsVideoMetadata[] | undefined;
}

/**
 * One kind of video analysis: its two operations and how to read its items. Methods (not function
 * properties) so specs of different page types fit in one table.
 * @internal
 */
export interface VideoSpec<T, G extends VideoPage = VideoPage> {
  readonly start: string;
  readonly get: string;
  startJob(
    a: Send,
    base: StartBase,
    params: VisionVideoParams,
  ): Promise<{ JobId?: string | undefined }>;
  getPage(a: Send, jobId: string, nextToken: string | undefined, maxResults: number): Promise<G>;
  items(page: G, frame: ImageSize | undefined): T[];
}

const opt = <K extends string, V>(key: K, value: V | undefined) =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;

function getInput(jobId: string, nextToken: string | undefined, maxResults: number) {
  return { JobId: jobId, MaxResults: maxResults, ...opt('NextToken', nextToken) };
}

const labels: VideoSpec<VideoLabel, GetLabelDetectionResponse> = {
  start: 'StartLabelDetection',
  get: 'GetLabelDetection',
  startJob: ({ client, sdk, signal }, base, p) =>
    client.send(
      new sdk.StartLabelDetectionCommand({ ...base, ...opt('MinConfidence', p.minConfidence) }),
      { abortSignal: signal },
    ),
  getPage: ({ client, sdk, signal }, jobId, token, max) =>
    client.send(
      new sdk.GetLabelDetectionCommand({ ...getInput(jobId, token, max), SortBy: 'TIMESTAMP' }),
      { abortSignal: signal },
    ),
  items: (page, frame) =>
    (page.Labels ?? []).map((l) => ({
      timestampMs: l.Timestamp ?? 0,
      label: toLabel(l.Label ?? {}, frame),
    })),
};

const faces: VideoSpec<VideoFace, GetFaceDetectionResponse> = {
  start: 'StartFaceDetection',
  get: 'GetFaceDetection',
  startJob: ({ client, sdk, signal }, base, p) =>
    client.send(
      new sdk.StartFaceDetectionCommand({ ...base, ...opt('FaceAttributes', p.faceAttributes) }),
      { abortSignal: signal },
    ),
  getPage: ({ client, sdk, signal }, jobId, token, max) =>
    client.send(new sdk.GetFaceDetectionCommand(getInput(jobId, token, max)), {
      abortSignal: signal,
    }),
  items: (page, frame) =>
    (page.Faces ?? []).map((f) => ({
      timestampMs: f.Timestamp ?? 0,
      face: toFace(f.Face ?? {}, frame),
    })),
};

const text: VideoSpec<VideoText, GetTextDetectionResponse> = {
  start: 'StartTextDetection',
  get: 'GetTextDetection',
  startJob: ({ client, sdk, signal }, base, p) =>
    client.send(
      new sdk.StartTextDetectionCommand({
        ...base,
        ...(p.minConfidence === undefined
          ? {}
          : { Filters: { WordFilter: { MinConfidence: p.minConfidence } } }),
      }),
      { abortSignal: signal },
    ),
  getPage: ({ client, sdk, signal }, jobId, token, max) =>
    client.send(new sdk.GetTextDetectionCommand(getInput(jobId, token, max)), {
      abortSignal: signal,
    }),
  items: (page, frame) =>
    (page.TextDetections ?? []).map((t) => ({
      timestampMs: t.Timestamp ?? 0,
      text: toTextDetection(t.TextDetection ?? {}, frame),
    })),
};

const moderation: VideoSpec<VideoModeration, GetContentModerationResponse> = {
  start: 'StartContentModeration',
  get: 'GetContentModeration',
  startJob: ({ client, sdk, signal }, base, p) =>
    client.send(
      new sdk.StartContentModerationCommand({ ...base, ...opt('MinConfidence', p.minConfidence) }),
      { abortSignal: signal },
    ),
  getPage: ({ client, sdk, signal }, jobId, token, max) =>
    client.send(
      new sdk.GetContentModerationCommand({ ...getInput(jobId, token, max), SortBy: 'TIMESTAMP' }),
      { abortSignal: signal },
    ),
  items: (page) =>
    (page.ModerationLabels ?? []).map((m) => ({
      timestampMs: m.Timestamp ?? 0,
      label: toModerationLabel(m.ModerationLabel ?? {}),
    })),
};

const celebrities: VideoSpec<VideoCelebrity, GetCelebrityRecognitionResponse> = {
  start: 'StartCelebrityRecognition',
  get: 'GetCelebrityRecognition',
  startJob: ({ client, sdk, signal }, base) =>
    client.send(new sdk.StartCelebrityRecognitionCommand(base), { abortSignal: signal }),
  getPage: ({ client, sdk, signal }, jobId, token, max) =>
    client.send(
      new sdk.GetCelebrityRecognitionCommand({
        ...getInput(jobId, token, max),
        SortBy: 'TIMESTAMP',
      }),
      { abortSignal: signal },
    ),
  items: (page, frame) =>
    (page.Celebrities ?? []).map((c) => {
      const detail = c.Celebrity ?? {};
      const celebrity = toCelebrity(
        {
          Id: detail.Id,
          Name: detail.Name,
          Urls: detail.Urls,
          MatchConfidence: detail.Confidence,
          KnownGender: detail.KnownGender,
          Face: { ...detail.Face, BoundingBox: detail.BoundingBox ?? detail.Face?.BoundingBox },
        },
        frame,
      );
      return { timestampMs: c.Timestamp ?? 0, celebrity };
    }),
};

const segments: VideoSpec<VideoSegment, GetSegmentDetectionResponse> = {
  start: 'StartSegmentDetection',
  get: 'GetSegmentDetection',
  startJob: ({ client, sdk, signal }, base, p) => {
    const min = p.minConfidence === undefined ? {} : { MinSegmentConfidence: p.minConfidence };
    return client.send(
      new sdk.StartSegmentDetectionCommand({
        ...base,
        SegmentTypes: p.segmentTypes ?? ['TECHNICAL_CUE', 'SHOT'],
        ...(p.minConfidence === undefined
          ? {}
          : { Filters: { TechnicalCueFilter: min, ShotFilter: min } }),
      }),
      { abortSignal: signal },
    );
  },
  getPage: ({ client, sdk, signal }, jobId, token, max) =>
    client.send(new sdk.GetSegmentDetectionCommand(getInput(jobId, token, max)), {
      abortSignal: signal,
    }),
  items: (page) =>
    (page.Segments ?? []).map((s) => ({
      timestampMs: s.StartTimestampMillis ?? 0,
      endTimestampMs: s.EndTimestampMillis ?? 0,
      durationMs: s.DurationMillis ?? 0,
      type: s.Type ?? '',
      detail: s.TechnicalCueSegment?.Type ?? String(s.ShotSegment?.Index ?? ''),
      confidence: s.TechnicalCueSegment?.Confidence ?? s.ShotSegment?.Confidence,
      startTimecode: s.StartTimecodeSMPTE,
      endTimecode: s.EndTimecodeSMPTE,
    })),
};

const persons: VideoSpec<VideoPerson, GetPersonTrackingResponse> = {
  start: 'StartPersonTracking',
  get: 'GetPersonTracking',
  startJob: ({ client, sdk, signal }, base) =>
    client.send(new sdk.StartPersonTrackingCommand(base), { abortSignal: signal }),
  getPage: ({ client, sdk, signal }, jobId, token, max) =>
    client.send(
      new sdk.GetPersonTrackingCommand({ ...getInput(jobId, token, max), SortBy: 'INDEX' }),
      { abortSignal: signal },
    ),
  items: (page, frame) =>
    (page.Persons ?? []).map((p) => ({
      timestampMs: p.Timestamp ?? 0,
      index: p.Person?.Index ?? 0,
      box: toBox(p.Person?.BoundingBox, frame),
      face: p.Person?.Face ? toFace(p.Person.Face, frame) : undefined,
    })),
};

/** @internal */
export const VIDEO_SPECS: { [K in VideoKind]: VideoSpec<VideoItems[K]> } = {
  labels,
  faces,
  text,
  moderation,
  celebrities,
  segments,
  persons,
};
