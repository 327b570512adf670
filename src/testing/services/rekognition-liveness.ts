import { EmulatorError } from '../emulator-error';
import type { Handler } from '../types';
import type { S3Store } from './s3-store';

/** A JPEG's first bytes and a little filler: enough for a client that only stores or forwards it. */
const FAKE_JPEG = new Uint8Array([
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0xff, 0xd9,
]);
const SESSION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface Session {
  id: string;
  settings: Record<string, unknown>;
}

/**
 * Face Liveness sessions held in memory: CreateFaceLivenessSession returns deterministic UUIDs (the
 * same one again for a repeated ClientRequestToken); the emulated end user completes the check
 * before the first GetFaceLivenessSessionResults, which answers SUCCEEDED with confidence 98.5, a
 * reference image and `AuditImagesLimit` audit images: bytes, or objects written into the
 * emulator's S3 under `OutputConfig`. `clear()` (`emu.reset()`) forgets every session and restarts
 * the ids.
 */
export function livenessHandlers(store?: S3Store): {
  handlers: Record<string, Handler>;
  clear: () => void;
} {
  const sessions = new Map<string, Session>();
  const byToken = new Map<string, string>();
  let next = 0;

  const image = (session: Session, name: string) => {
    const output = session.settings.OutputConfig as Record<string, unknown> | undefined;
    const BoundingBox = { Width: 0.42, Height: 0.56, Left: 0.29, Top: 0.18 };
    if (!output) return { Bytes: FAKE_JPEG, BoundingBox };
    const bucket = String(output.S3Bucket);
    const key = `${typeof output.S3KeyPrefix === 'string' ? output.S3KeyPrefix : ''}${session.id}/${name}`;
    store?.put(bucket, key, FAKE_JPEG, 'image/jpeg', {});
    return { S3Object: { Bucket: bucket, Name: key }, BoundingBox };
  };

  const handlers: Record<string, Handler> = {
    CreateFaceLivenessSession: (input) => {
      const token = typeof input.ClientRequestToken === 'string' ? input.ClientRequestToken : '';
      const known = token ? byToken.get(token) : undefined;
      if (known) return { SessionId: known };
      const settings = (input.Settings ?? {}) as Record<string, unknown>;
      const limit = settings.AuditImagesLimit;
      if (
        limit !== undefined &&
        !(Number.isInteger(limit) && (limit as number) >= 0 && (limit as number) <= 4)
      ) {
        throw new EmulatorError('InvalidParameterException', 'AuditImagesLimit must be 0 to 4');
      }
      const output = settings.OutputConfig as Record<string, unknown> | undefined;
      if (output && typeof output.S3Bucket !== 'string') {
        throw new EmulatorError('InvalidParameterException', 'OutputConfig.S3Bucket is required');
      }
      next++;
      const id = `${next.toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`;
      sessions.set(id, { id, settings });
      if (token) byToken.set(token, id);
      return { SessionId: id };
    },
    GetFaceLivenessSessionResults: (input) => {
      const id = input.SessionId;
      if (typeof id !== 'string' || !SESSION_ID.test(id)) {
        throw new EmulatorError('InvalidParameterException', 'SessionId is not a valid session id');
      }
      const session = sessions.get(id);
      if (!session) {
        throw new EmulatorError('SessionNotFoundException', `Session ${id} was not found`);
      }
      const audits = Number(session.settings.AuditImagesLimit ?? 0);
      return {
        SessionId: id,
        Status: 'SUCCEEDED',
        Confidence: 98.5,
        ReferenceImage: image(session, 'reference.jpg'),
        AuditImages: Array.from({ length: audits }, (_, i) => image(session, `audit_${i + 1}.jpg`)),
        Challenge: { Type: 'FaceMovementAndLightChallenge', Version: '1.0.0' },
      };
    },
  };
  const clear = (): void => {
    sessions.clear();
    byToken.clear();
    next = 0;
  };
  return { handlers, clear };
}
