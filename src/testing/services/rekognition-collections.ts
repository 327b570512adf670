import { EmulatorError } from '../emulator-error';
import type { Handler } from '../types';
import { faceCount, faceDetail } from './rekognition-detect';
import { readImage, unit } from './rekognition-image';

interface StoredFace {
  FaceId: string;
  ImageId: string;
  ExternalImageId?: string;
  BoundingBox: unknown;
  Confidence: unknown;
  /** The fingerprint of the image the face came from: the same photo matches at 99.5. */
  seed: number;
}

/** A UUID-shaped id derived from numbers, so ids are stable across runs. */
function uuid(a: number, b: number): string {
  const hex = (n: number) => (n >>> 0).toString(16).padStart(8, '0');
  const s = hex(a) + hex(b) + hex(a ^ 0x5bd1e995) + hex(b ^ 0x1b873593);
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20, 32)}`;
}

function similarity(a: StoredFace | number, b: StoredFace): number {
  const seed = typeof a === 'number' ? a : a.seed;
  if (seed === b.seed) return 99.5;
  return Math.round(unit(seed ^ b.seed, 7) * 7000) / 100;
}

const num = (value: unknown, fallback: number) => (typeof value === 'number' ? value : fallback);

/** Face collections held in memory by one emulator until `clear()` (`emu.reset()`). */
export function collectionHandlers(): { handlers: Record<string, Handler>; clear: () => void } {
  const collections = new Map<string, StoredFace[]>();
  let indexed = 0;

  const find = (id: unknown): StoredFace[] => {
    const faces = typeof id === 'string' ? collections.get(id) : undefined;
    if (!faces) {
      throw new EmulatorError(
        'ResourceNotFoundException',
        `The collection id: ${String(id)} does not exist`,
      );
    }
    return faces;
  };

  const matches = (
    faces: StoredFace[],
    probe: StoredFace | number,
    input: Record<string, unknown>,
  ) =>
    faces
      .filter((f) => f !== probe)
      .map((f) => ({ Similarity: similarity(probe, f), Face: publicFace(f) }))
      .filter((m) => m.Similarity >= num(input.FaceMatchThreshold, 80))
      .sort((a, b) => b.Similarity - a.Similarity)
      .slice(0, num(input.MaxFaces, 80));

  const handlers: Record<string, Handler> = {
    CreateCollection(input) {
      const id = String(input.CollectionId ?? '');
      if (collections.has(id)) {
        throw new EmulatorError(
          'ResourceAlreadyExistsException',
          `The collection id: ${id} already exists`,
        );
      }
      collections.set(id, []);
      return {
        StatusCode: 200,
        CollectionArn: `aws:rekognition:us-east-1:000000000000:collection/${id}`,
        FaceModelVersion: '7.0',
      };
    },
    DeleteCollection(input) {
      find(input.CollectionId);
      collections.delete(String(input.CollectionId));
      return { StatusCode: 200 };
    },
    IndexFaces(input) {
      const faces = find(input.CollectionId);
      const image = readImage(input.Image);
      const max = num(input.MaxFaces, 100);
      const all =
        Array.isArray(input.DetectionAttributes) && input.DetectionAttributes.includes('ALL');
      const imageId = uuid(image.seed, ++indexed);
      const FaceRecords: unknown[] = [];
      const UnindexedFaces: unknown[] = [];
      for (let i = 0; i < faceCount(image); i++) {
        const detail = faceDetail(image, i, all);
        if (i >= max) {
          UnindexedFaces.push({ Reasons: ['EXCEEDS_MAX_FACES'], FaceDetail: detail });
          continue;
        }
        const face: StoredFace = {
          FaceId: uuid(image.seed + i, indexed),
          ImageId: imageId,
          ...(typeof input.ExternalImageId === 'string'
            ? { ExternalImageId: input.ExternalImageId }
            : {}),
          BoundingBox: detail.BoundingBox,
          Confidence: detail.Confidence,
          seed: image.seed + i,
        };
        faces.push(face);
        FaceRecords.push({ Face: publicFace(face), FaceDetail: detail });
      }
      return { FaceRecords, UnindexedFaces, FaceModelVersion: '7.0' };
    },
    SearchFaces(input) {
      const faces = find(input.CollectionId);
      const probe = faces.find((f) => f.FaceId === input.FaceId);
      if (!probe) {
        throw new EmulatorError(
          'InvalidParameterException',
          `Face id ${String(input.FaceId)} is not in the collection`,
        );
      }
      return {
        SearchedFaceId: probe.FaceId,
        FaceMatches: matches(faces, probe, input),
        FaceModelVersion: '7.0',
      };
    },
    SearchFacesByImage(input) {
      const faces = find(input.CollectionId);
      const image = readImage(input.Image);
      const largest = faceDetail(image, 0, false);
      return {
        SearchedFaceBoundingBox: largest.BoundingBox,
        SearchedFaceConfidence: largest.Confidence,
        FaceMatches: matches(faces, image.seed, input),
        FaceModelVersion: '7.0',
      };
    },
  };
  const clear = (): void => {
    collections.clear();
    indexed = 0;
  };
  return { handlers, clear };
}

function publicFace(face: StoredFace) {
  const { seed: _seed, ...rest } = face;
  return rest;
}
