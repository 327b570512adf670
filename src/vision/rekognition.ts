import type { RekognitionClient } from '@aws-sdk/client-rekognition';
import type { ServiceDef } from '../core/client-cache';

import { loadRekognitionSdk, type RekognitionSdk } from './sdk';

/** How the vision module loads and makes its Rekognition client (on first use). @internal */
export const REKOGNITION: ServiceDef<RekognitionSdk, RekognitionClient> = {
  service: 'rekognition',
  load: loadRekognitionSdk,
  create: (sdk, config) => new sdk.RekognitionClient(config),
};
