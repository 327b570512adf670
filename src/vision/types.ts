import type { RequestOptions } from '../config';
import type { BinaryInput } from '../core/inputs';
import type { JobStatus } from '../core/job';
import type { JobNotificationChannel } from '../core/job-notification';
import type { PollInfo } from '../core/polling';
import type { ImageSize } from './image-header';

export type { ImageSize } from './image-header';

/**
 * An image: bytes (Uint8Array/Buffer), an ArrayBuffer, a Blob, a local file path or `s3://bucket/key`.
 * JPEG or PNG only. Bytes over 5 MiB are uploaded through `config.staging`.
 */
export type VisionImage = BinaryInput;

/** A box in pixels of the image it was found in. */
export interface PixelBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * A box as ratios (0–1) of the image width and height, as Rekognition gives it; `pixels` is the
 * same box in pixels when the image size is known (bytes input, or a video's frame size).
 */
export interface BoundingBox {
  left: number;
  top: number;
  width: number;
  height: number;
  pixels?: PixelBox | undefined;
}

/** A point as ratios (0–1) of the image width and height. */
export interface Point {
  x: number;
  y: number;
}

/** A yes/no attribute with the confidence (0–100) of the answer. */
export interface Flag {
  value: boolean;
  confidence: number;
}

/** A face: where it is and, when asked for, its attributes. Confidences are 0–100. */
export interface Face {
  box?: BoundingBox | undefined;
  confidence?: number | undefined;
  ageRange?: { low: number; high: number } | undefined;
  smile?: Flag | undefined;
  eyeglasses?: Flag | undefined;
  sunglasses?: Flag | undefined;
  beard?: Flag | undefined;
  mustache?: Flag | undefined;
  eyesOpen?: Flag | undefined;
  mouthOpen?: Flag | undefined;
  faceOccluded?: Flag | undefined;
  /** `Male` or `Female`: the apparent gender, not an identity. */
  gender?: { value: string; confidence: number } | undefined;
  /** Emotion types (`HAPPY`, `CALM`, …) as AWS names them, highest confidence first. */
  emotions?: Array<{ type: string; confidence: number }> | undefined;
  landmarks?: Array<{ type: string } & Point> | undefined;
  pose?: { roll: number; yaw: number; pitch: number } | undefined;
  quality?: { brightness: number; sharpness: number } | undefined;
  eyeDirection?: { yaw: number; pitch: number; confidence: number } | undefined;
}

/** What every image result carries besides its own fields. */
export interface VisionImageResult {
  /** The image size read from its header; `undefined` for an `s3://` input. */
  imageSize: ImageSize | undefined;
}

/** Options of `labels`. */
export interface VisionLabelsParams extends RequestOptions {
  /** Labels below this confidence (0–100) are left out. @default 55 (AWS) */
  minConfidence?: number | undefined;
  /** Most labels returned, 1–1000. @default 1000 (AWS) */
  maxLabels?: number | undefined;
  /** Only these labels (≤100, each ≤50 characters of letters, digits, spaces and `' ( ) . - _`). */
  includeLabels?: string[] | undefined;
  /** Never these labels (≤100). */
  excludeLabels?: string[] | undefined;
  /** Only labels of these categories (≤100), e.g. `Animals and Pets`. */
  includeCategories?: string[] | undefined;
  /** Never labels of these categories (≤100). */
  excludeCategories?: string[] | undefined;
  /** Also return image quality and dominant colors (IMAGE_PROPERTIES, billed separately). */
  imageProperties?: boolean | undefined;
}

/** One detected label. */
export interface Label {
  name: string;
  confidence: number;
  /** Boxes of the label's instances (objects such as `Car`; scenes have none). */
  instances: Array<{ box: BoundingBox | undefined; confidence: number }>;
  parents: string[];
  aliases: string[];
  categories: string[];
}

/** One dominant color. */
export interface DominantColor {
  hex: string;
  red: number;
  green: number;
  blue: number;
  simplifiedColor: string | undefined;
  cssColor: string | undefined;
  pixelPercent: number;
}

/** Result of `labels`. */
export interface VisionLabelsResult extends VisionImageResult {
  labels: Label[];
  labelModelVersion: string | undefined;
  imageProperties?:
    | {
        quality: { brightness: number; sharpness: number; contrast: number } | undefined;
        dominantColors: DominantColor[];
      }
    | undefined;
}

/** Face attributes to return: `default` (box, pose, quality, landmarks), `all`, or a list of AWS names. */
export type FaceAttributes = 'default' | 'all' | string[];

/** Options of `faces`. */
export interface VisionFacesParams extends RequestOptions {
  /** @default 'default' */
  attributes?: FaceAttributes | undefined;
}

/** Result of `faces`: the 100 largest faces. */
export interface VisionFacesResult extends VisionImageResult {
  faces: Face[];
}

/** Options of `text`. */
export interface VisionTextParams extends RequestOptions {
  /** Words below this confidence (0–100) are left out. @default 80 (AWS) */
  minConfidence?: number | undefined;
  /** Words shorter than this ratio of the image height (0–1) are left out. */
  minBoxHeight?: number | undefined;
  /** Words narrower than this ratio of the image width (0–1) are left out. */
  minBoxWidth?: number | undefined;
  /** Only text inside these boxes (ratios, ≤10). */
  regions?: Array<{ left: number; top: number; width: number; height: number }> | undefined;
}

/** One detected line or word. */
export interface TextDetection {
  id: number;
  /** The line a word belongs to. */
  parentId: number | undefined;
  type: 'line' | 'word';
  text: string;
  confidence: number;
  box: BoundingBox | undefined;
  polygon: Point[];
}

/** Result of `text`: up to 100 words and the lines they form. */
export interface VisionTextResult extends VisionImageResult {
  lines: TextDetection[];
  words: TextDetection[];
  /** The lines joined by newlines, in the order Rekognition returned them. */
  text: string;
}

/** Options of `moderation`. */
export interface VisionModerationParams extends RequestOptions {
  /** Labels below this confidence (0–100) are left out. @default 50 (AWS) */
  minConfidence?: number | undefined;
  /** ARN of a custom moderation adapter. */
  projectVersionArn?: string | undefined;
}

/** One moderation label of the AWS taxonomy. */
export interface ModerationLabel {
  name: string;
  /** The top-level category, `''` for a top-level label. */
  parentName: string;
  confidence: number;
  /** 1 (top level) to 3. */
  taxonomyLevel: number | undefined;
}

/** Result of `moderation`. */
export interface VisionModerationResult extends VisionImageResult {
  labels: ModerationLabel[];
  moderationModelVersion: string | undefined;
  /** e.g. `Animated`, `Illustrated`. */
  contentTypes: Array<{ name: string; confidence: number }>;
}

/** Options of `compareFaces`. */
export interface VisionCompareFacesParams extends RequestOptions {
  /** Matches below this similarity (0–100) are reported as unmatched. @default 80 (AWS) */
  similarityThreshold?: number | undefined;
  /** @default 'NONE' (AWS) */
  qualityFilter?: QualityFilter | undefined;
}

/** Which low-quality faces Rekognition skips. */
export type QualityFilter = 'NONE' | 'AUTO' | 'LOW' | 'MEDIUM' | 'HIGH';

/** Result of `compareFaces`. */
export interface VisionCompareFacesResult {
  /** The largest face of the source image, the one compared. */
  sourceFace: Face | undefined;
  /** Target faces at or above the threshold, most similar first. */
  matches: Array<{ similarity: number; face: Face }>;
  unmatched: Face[];
  sourceImageSize: ImageSize | undefined;
  targetImageSize: ImageSize | undefined;
}

/** One recognized celebrity. */
export interface Celebrity {
  id: string;
  name: string;
  urls: string[];
  matchConfidence: number;
  knownGender: string | undefined;
  face: Face;
}

/** Result of `celebrities`: the 64 largest faces, recognized or not. */
export interface VisionCelebritiesResult extends VisionImageResult {
  celebrities: Celebrity[];
  unrecognized: Face[];
}

/** Protective equipment types, as AWS names them. */
export type EquipmentType = 'FACE_COVER' | 'HAND_COVER' | 'HEAD_COVER';

/** Options of `ppe`. */
export interface VisionPpeParams extends RequestOptions {
  /** Ask for a summary of persons wearing these types. */
  requiredEquipment?: EquipmentType[] | undefined;
  /** Summary confidence threshold, 50–100. @default 50 (AWS) */
  minConfidence?: number | undefined;
}

/** One person and the equipment found on each body part. */
export interface PpePerson {
  id: number;
  box: BoundingBox | undefined;
  confidence: number;
  bodyParts: Array<{
    /** `FACE`, `HEAD`, `LEFT_HAND`, `RIGHT_HAND`. */
    name: string;
    confidence: number;
    equipment: Array<{
      type: string;
      confidence: number;
      box: BoundingBox | undefined;
      coversBodyPart: Flag | undefined;
    }>;
  }>;
}

/** Result of `ppe` (up to 15 persons). */
export interface VisionPpeResult extends VisionImageResult {
  persons: PpePerson[];
  /** Person ids by outcome, when `requiredEquipment` was given. */
  summary:
    | {
        withRequiredEquipment: number[];
        withoutRequiredEquipment: number[];
        indeterminate: number[];
      }
    | undefined;
}

/** Options of `customLabels`. */
export interface VisionCustomLabelsParams extends RequestOptions {
  /** Labels below this confidence (0–100) are left out. */
  minConfidence?: number | undefined;
  /** Most labels returned. */
  maxResults?: number | undefined;
}

/** One label of a Custom Labels model. */
export interface CustomLabel {
  name: string;
  confidence: number;
  /** Object detection models give a box; classification models do not. */
  box: BoundingBox | undefined;
}

/** Result of `customLabels`. */
export interface VisionCustomLabelsResult extends VisionImageResult {
  labels: CustomLabel[];
}

/** Options of `collections.create`. */
export interface VisionCollectionCreateParams extends RequestOptions {
  tags?: Record<string, string> | undefined;
}

/** Result of `collections.create`. */
export interface VisionCollectionCreateResult {
  collectionId: string;
  arn: string | undefined;
  faceModelVersion: string | undefined;
}

/** Options of `collections.index`. */
export interface VisionCollectionIndexParams extends RequestOptions {
  /** Your id for the image (e.g. a user id), returned with every match: `[a-zA-Z0-9_.\-:]`, ≤255. */
  externalImageId?: string | undefined;
  /** Index at most this many faces, largest first. @default all (up to 100) */
  maxFaces?: number | undefined;
  /** @default 'AUTO' (AWS) */
  qualityFilter?: QualityFilter | undefined;
  /** @default 'default' */
  attributes?: FaceAttributes | undefined;
}

/** A face stored in a collection. */
export interface StoredFace {
  faceId: string;
  imageId: string | undefined;
  externalImageId: string | undefined;
  box: BoundingBox | undefined;
  confidence: number | undefined;
}

/** Result of `collections.index`. */
export interface VisionCollectionIndexResult extends VisionImageResult {
  faces: Array<StoredFace & { details: Face }>;
  /** Faces found but not indexed, with why (`LOW_SHARPNESS`, `EXCEEDS_MAX_FACES`, …). */
  unindexed: Array<{ reasons: string[]; face: Face }>;
  faceModelVersion: string | undefined;
}

/** Options of `collections.search` and `collections.searchByImage`. */
export interface VisionCollectionSearchParams extends RequestOptions {
  /** Most matches returned. @default 80 (AWS) */
  maxFaces?: number | undefined;
  /** Smallest similarity (0–100) of a match. @default 80 (AWS) */
  threshold?: number | undefined;
}

/** One face of the collection that matched, most similar first. */
export interface FaceMatch {
  similarity: number;
  face: StoredFace;
}

/** Result of `collections.search`. */
export interface VisionCollectionSearchResult {
  matches: FaceMatch[];
  faceModelVersion: string | undefined;
}

/** Result of `collections.searchByImage`: the image's largest face against the collection. */
export interface VisionCollectionSearchByImageResult
  extends VisionCollectionSearchResult,
    VisionImageResult {
  searchedFace: { box: BoundingBox | undefined; confidence: number | undefined };
}

/** A video: an `s3://` URI (≤10 GB, ≤6 h, H.264 MP4/MOV), or bytes uploaded through `config.staging`. */
export type VisionVideo = BinaryInput;

/** The kinds of video analysis. */
export type VideoKind =
  | 'labels'
  | 'faces'
  | 'text'
  | 'moderation'
  | 'celebrities'
  | 'segments'
  | 'persons';

/** Options of every `video.*` call. */
export interface VisionVideoParams extends RequestOptions {
  /** SNS topic told when the job ends (Rekognition needs a role that may publish to it). */
  notificationChannel?: JobNotificationChannel | undefined;
  /** Tag put on the job and in the SNS message. */
  jobTag?: string | undefined;
  /**
   * Idempotency token: starting the same request twice with it returns the same job. Bytes are staged
   * under a new key each call, so with bytes a repeated token is `IdempotentParameterMismatchException`;
   * pass an `s3://` URI for repeatable starts.
   */
  clientRequestToken?: string | undefined;
  /** Confidence threshold (0–100) of labels, moderation, text words or segments. */
  minConfidence?: number | undefined;
  /**
   * First wait between two `Get*` checks of the job (and between tries for a free job slot); later
   * waits grow 1.5× up to `maxPollIntervalMs`. @default 5000
   */
  pollIntervalMs?: number | undefined;
  /** Longest wait between two checks. @default 30000 */
  maxPollIntervalMs?: number | undefined;
  /** Called after each check that found the job still running (`awsStatus`: `IN_PROGRESS`). */
  onProgress?: ((status: JobStatus) => void) | undefined;
  /**
   * @deprecated Put `pollIntervalMs`, `maxPollIntervalMs`, `onProgress` at the top level (a
   * top-level name wins over its `polling` one); `polling.timeoutMs` still bounds the waiting
   * alone (the top-level `timeoutMs` bounds the whole call).
   */
  polling?: VideoPollingOptions | undefined;
  /** `segments` only: which segments. @default ['TECHNICAL_CUE', 'SHOT'] */
  segmentTypes?: Array<'TECHNICAL_CUE' | 'SHOT'> | undefined;
  /** `faces` only: `DEFAULT` or `ALL` attributes. @default 'DEFAULT' */
  faceAttributes?: 'DEFAULT' | 'ALL' | undefined;
}

/**
 * How `video.*` waited for a job before the shared wait options.
 * @deprecated Use the top-level `pollIntervalMs`, `maxPollIntervalMs`, `onProgress` of
 * {@link VisionVideoParams}.
 */
export interface VideoPollingOptions {
  /** @deprecated Use the top-level `pollIntervalMs`. @default 5000 */
  intervalMs?: number | undefined;
  /** @deprecated Use the top-level `maxPollIntervalMs`. @default 30000 */
  maxIntervalMs?: number | undefined;
  /** Give up waiting after this long (the top-level `timeoutMs` bounds the whole call). @default no limit */
  timeoutMs?: number | undefined;
  /** @deprecated Use the top-level `onProgress`. Called after each check that found the job still running. */
  onPoll?: ((info: PollInfo) => void) | undefined;
}

/** A started video job. */
export interface VideoJob {
  kind: VideoKind;
  jobId: string;
}

/** The video as Rekognition read it. */
export interface VideoMetadata {
  durationMs: number | undefined;
  frameRate: number | undefined;
  format: string | undefined;
  codec: string | undefined;
  frameWidth: number | undefined;
  frameHeight: number | undefined;
}

/** Result of a video job: every page merged, items in time order. */
export interface VideoResult<T> {
  jobId: string;
  video: VideoMetadata | undefined;
  items: T[];
  /** How many Get* pages were read. */
  pages: number;
}

/** A label at one moment of a video. */
export interface VideoLabel {
  timestampMs: number;
  label: Label;
}

/** A face at one moment of a video. */
export interface VideoFace {
  timestampMs: number;
  face: Face;
}

/** A line or word at one moment of a video. */
export interface VideoText {
  timestampMs: number;
  text: TextDetection;
}

/** A moderation label at one moment of a video. */
export interface VideoModeration {
  timestampMs: number;
  label: ModerationLabel;
}

/** A celebrity at one moment of a video. */
export interface VideoCelebrity {
  timestampMs: number;
  celebrity: Omit<Celebrity, 'urls'> & { urls: string[] };
}

/** A shot or technical cue. */
export interface VideoSegment {
  timestampMs: number;
  endTimestampMs: number;
  durationMs: number;
  type: string;
  /** `SHOT` index, or the technical cue type (`BlackFrames`, `ColorBars`, …). */
  detail: string;
  confidence: number | undefined;
  startTimecode: string | undefined;
  endTimecode: string | undefined;
}

/** A person (tracked by index) at one moment of a video. */
export interface VideoPerson {
  timestampMs: number;
  index: number;
  box: BoundingBox | undefined;
  face: Face | undefined;
}

/** The item type of each video kind. */
export interface VideoItems {
  labels: VideoLabel;
  faces: VideoFace;
  text: VideoText;
  moderation: VideoModeration;
  celebrities: VideoCelebrity;
  segments: VideoSegment;
  persons: VideoPerson;
}
