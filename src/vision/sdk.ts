import type * as Package from '@aws-sdk/client-rekognition';

/** The classes of `@aws-sdk/client-rekognition` that the vision module uses. @internal */
export type RekognitionSdk = Pick<
  typeof Package,
  | 'CompareFacesCommand'
  | 'CreateCollectionCommand'
  | 'CreateFaceLivenessSessionCommand'
  | 'DeleteCollectionCommand'
  | 'DetectCustomLabelsCommand'
  | 'DetectFacesCommand'
  | 'DetectLabelsCommand'
  | 'DetectModerationLabelsCommand'
  | 'DetectProtectiveEquipmentCommand'
  | 'DetectTextCommand'
  | 'GetCelebrityRecognitionCommand'
  | 'GetContentModerationCommand'
  | 'GetFaceDetectionCommand'
  | 'GetFaceLivenessSessionResultsCommand'
  | 'GetLabelDetectionCommand'
  | 'GetPersonTrackingCommand'
  | 'GetSegmentDetectionCommand'
  | 'GetTextDetectionCommand'
  | 'IndexFacesCommand'
  | 'RecognizeCelebritiesCommand'
  | 'RekognitionClient'
  | 'SearchFacesByImageCommand'
  | 'SearchFacesCommand'
  | 'StartCelebrityRecognitionCommand'
  | 'StartContentModerationCommand'
  | 'StartFaceDetectionCommand'
  | 'StartLabelDetectionCommand'
  | 'StartPersonTrackingCommand'
  | 'StartSegmentDetectionCommand'
  | 'StartTextDetectionCommand'
>;

/**
 * Loads `@aws-sdk/client-rekognition` on the first call of the vision module. A dynamic import of
 * the package itself, never a static `export … from`: a bundler inlines `import()` of our own files
 * and hoists their static imports of an external package to the top of the bundle, but keeps a
 * dynamic import of an external package as it is, and runs a bundled one only when called (decision
 * 0701).
 * @internal
 */
export function loadRekognitionSdk(): Promise<RekognitionSdk> {
  return import('@aws-sdk/client-rekognition');
}
