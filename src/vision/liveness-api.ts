import type { RequestOptions } from '../config';
import { runCall } from '../core/call-scope';
import type { ModuleContext } from '../core/context';
import { loadOnce } from '../core/load-once';
import type { LivenessResults, LivenessSession, LivenessSessionParams } from './liveness-types';

/** The liveness operation code, loaded on first call. */
const impl = /* @__PURE__ */ loadOnce(() => import('./liveness'));

/**
 * Face Liveness, server side (`ai.vision.liveness`): create a session for the browser or mobile
 * FaceLivenessDetector (AWS Amplify UI), then read whether the person was live. The video stream
 * itself goes from the client to Rekognition, never through your server.
 *
 * @example
 * ```ts
 * // POST /liveness: the browser's FaceLivenessDetector takes this sessionId.
 * const { sessionId } = await ai.vision.liveness.createSession({ auditImages: 2 });
 * // GET /liveness/:id, after the detector's onAnalysisComplete:
 * const { status, confidence } = await ai.vision.liveness.results(sessionId);
 * const live = status === 'succeeded' && (confidence ?? 0) >= 90;
 * ```
 */
export class FaceLiveness {
  /** @internal */
  constructor(private readonly ctx: ModuleContext) {}

  /**
   * Creates a session (CreateFaceLivenessSession). It expires 3 minutes after creation if the client
   * does not complete the check.
   *
   * @param options - `auditImages` (0–4), `output` (`s3://bucket/prefix` for the reference and audit
   *   images; without it `results` returns them as bytes), `kmsKeyId`, `challenges`,
   *   `clientRequestToken`
   * @returns `{ sessionId }` for the client component
   * @throws ValidationError for settings outside Rekognition's model, before any call
   * @example
   * ```ts
   * const { sessionId } = await ai.vision.liveness.createSession({
   *   auditImages: 4, output: 's3://kyc-evidence/liveness/',
   * });
   * ```
   */
  async createSession(options?: LivenessSessionParams): Promise<LivenessSession> {
    return runCall(
      this.ctx,
      options,
      {
        service: 'rekognition',
        operation: 'CreateFaceLivenessSession',
        method: 'vision.liveness.createSession',
      },
      async (scoped) => (await impl()).createLivenessSession(this.ctx, scoped),
    );
  }

  /**
   * The outcome of a session (GetFaceLivenessSessionResults): `status`, `confidence` (0–100, once
   * `succeeded`), the reference image, the audit images and the challenge run.
   *
   * @throws ValidationError when `sessionId` is not a session id (a UUID), before any call
   * @throws NotFoundError with code `SessionNotFoundException` for an unknown session id
   * @example
   * ```ts
   * const { status, confidence, referenceImage } = await ai.vision.liveness.results(sessionId);
   * if (status === 'succeeded' && (confidence ?? 0) >= 90) {
   *   await ai.vision.compareFaces(referenceImage?.bytes ?? '', idPhoto);
   * }
   * ```
   */
  async results(sessionId: string, options?: RequestOptions): Promise<LivenessResults> {
    return runCall(
      this.ctx,
      options,
      {
        service: 'rekognition',
        operation: 'GetFaceLivenessSessionResults',
        method: 'vision.liveness.results',
      },
      async (scoped) => (await impl()).livenessResults(this.ctx, sessionId, scoped),
    );
  }
}
