import type { RequestOptions } from '../config';
import type { BoundingBox } from './types';

/** Options of `ai.vision.liveness.createSession`. */
export interface LivenessSessionParams extends RequestOptions {
  /** Audit images Rekognition keeps of the check, 0–4. @default 0 */
  auditImages?: number | undefined;
  /**
   * Where Rekognition writes the reference and audit images: `s3://bucket/` or
   * `s3://bucket/prefix`. Without it, `results` returns them as bytes.
   */
  output?: string | undefined;
  /** KMS key (id or ARN) that encrypts the images Rekognition stores. */
  kmsKeyId?: string | undefined;
  /** Challenges the client may run, in order of preference. @default Rekognition's choice */
  challenges?: ReadonlyArray<'FaceMovementAndLightChallenge' | 'FaceMovementChallenge'> | undefined;
  /** Idempotency token (1–64 of letters, digits, `-`, `_`): a retried create returns the same session. */
  clientRequestToken?: string | undefined;
}

/** A new Face Liveness session: hand `sessionId` to the browser or mobile FaceLivenessDetector. */
export interface LivenessSession {
  sessionId: string;
}

/** Lower-case state of a liveness session (`expired`: not completed within 3 minutes). */
export type LivenessStatus = 'created' | 'in-progress' | 'succeeded' | 'failed' | 'expired';

/** An image of the check: bytes, or where Rekognition stored it (with `output`). */
export interface LivenessImage {
  /** The JPEG bytes, when no `output` was configured. */
  bytes?: Uint8Array | undefined;
  /** `s3://bucket/key`, when `output` was configured. */
  s3?: string | undefined;
  /** The face in the image (ratios 0–1). */
  box?: BoundingBox | undefined;
}

/** What `ai.vision.liveness.results` returns. */
export interface LivenessResults {
  sessionId: string;
  status: LivenessStatus;
  /**
   * Confidence (0–100) that the person in front of the camera was live. Choose a threshold for your
   * use case (AWS's guidance: higher for higher-risk uses); undefined until the check succeeded.
   */
  confidence?: number | undefined;
  /** The frame that best shows the face: use it to compare against an ID or a collection. */
  referenceImage?: LivenessImage | undefined;
  auditImages: LivenessImage[];
  /** The challenge the client ran. */
  challenge?: { type: string; version: string } | undefined;
}
