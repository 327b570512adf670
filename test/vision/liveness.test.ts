import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { NotFoundError, ValidationError } from 'aws-ai';
import { describe, expect, it } from 'vitest';
import { callsTo, useEmulator } from '../helpers/emulator';

const { emu, client } = await useEmulator();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('vision.liveness', () => {
  it('creates a session and reads its results with the images as bytes', async () => {
    const ai = client();
    const { sessionId } = await ai.vision.liveness.createSession({ auditImages: 2 });
    expect(sessionId).toMatch(UUID);
    expect(callsTo(emu, 'CreateFaceLivenessSession')[0]?.input).toEqual({
      Settings: { AuditImagesLimit: 2 },
    });
    const results = await ai.vision.liveness.results(sessionId);
    expect(results).toMatchObject({
      sessionId,
      status: 'succeeded',
      confidence: 98.5,
      challenge: { type: 'FaceMovementAndLightChallenge', version: '1.0.0' },
    });
    expect(results.referenceImage?.bytes?.subarray(0, 2)).toEqual(new Uint8Array([0xff, 0xd8]));
    expect(results.referenceImage?.box).toEqual({
      left: 0.29,
      top: 0.18,
      width: 0.42,
      height: 0.56,
    });
    expect(results.auditImages).toHaveLength(2);
  });

  it('stores the images in S3 with output, and passes the other settings', async () => {
    const ai = client();
    const { sessionId } = await ai.vision.liveness.createSession({
      auditImages: 1,
      output: 's3://kyc-evidence/liveness/',
      kmsKeyId: 'alias/kyc',
      challenges: ['FaceMovementChallenge'],
      clientRequestToken: 'signup-42',
    });
    expect(callsTo(emu, 'CreateFaceLivenessSession')[0]?.input).toEqual({
      Settings: {
        OutputConfig: { S3Bucket: 'kyc-evidence', S3KeyPrefix: 'liveness/' },
        AuditImagesLimit: 1,
        ChallengePreferences: [{ Type: 'FaceMovementChallenge' }],
      },
      KmsKeyId: 'alias/kyc',
      ClientRequestToken: 'signup-42',
    });
    // The same token gives the same session.
    const again = await ai.vision.liveness.createSession({ clientRequestToken: 'signup-42' });
    expect(again.sessionId).toBe(sessionId);
    const { referenceImage, auditImages } = await ai.vision.liveness.results(sessionId);
    expect(referenceImage?.s3).toBe(`s3://kyc-evidence/liveness/${sessionId}/reference.jpg`);
    expect(referenceImage?.bytes).toBeUndefined();
    expect(auditImages.map((i) => i.s3)).toEqual([
      `s3://kyc-evidence/liveness/${sessionId}/audit_1.jpg`,
    ]);
    const s3 = new S3Client({ ...emu.config, forcePathStyle: true });
    const stored = await s3.send(
      new GetObjectCommand({ Bucket: 'kyc-evidence', Key: `liveness/${sessionId}/reference.jpg` }),
    );
    expect((await stored.Body?.transformToByteArray())?.[0]).toBe(0xff);
  });

  it('maps every status and an unknown session', async () => {
    emu.handle('rekognition', 'GetFaceLivenessSessionResults', (input) => ({
      SessionId: input.SessionId,
      Status: 'EXPIRED',
    }));
    const id = '0000000a-0000-4000-8000-000000000000';
    expect(await client().vision.liveness.results(id)).toEqual({
      sessionId: id,
      status: 'expired',
      auditImages: [],
    });
    emu.reset();
    const err = await client()
      .vision.liveness.results(id)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err).toMatchObject({
      code: 'SessionNotFoundException',
      operation: 'GetFaceLivenessSessionResults',
    });
  });

  it('refuses bad settings and ids before any call', async () => {
    const liveness = client().vision.liveness;
    const bad: Array<() => Promise<unknown>> = [
      () => liveness.createSession({ auditImages: 5 }),
      () => liveness.createSession({ auditImages: 1.5 }),
      () => liveness.createSession({ output: 'kyc-evidence/liveness' }),
      () => liveness.createSession({ output: 's3://a/' }),
      () => liveness.createSession({ output: `s3://kyc-evidence/${'p'.repeat(951)}` }),
      () => liveness.createSession({ clientRequestToken: 'has space' }),
      () => liveness.createSession({ challenges: ['Smile' as 'FaceMovementChallenge'] }),
      () => liveness.results('not-a-session'),
      () => liveness.results('0000000A-0000-4000-8000-000000000000'),
    ];
    for (const call of bad) {
      const err = await call().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ValidationError);
    }
    expect(emu.calls).toHaveLength(0);
  });
});
