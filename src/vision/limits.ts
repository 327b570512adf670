/** Rekognition limits, from `reference/aws-limits.md` §6. */

/** Largest image sent inline as `Bytes` (5 MiB); larger images go through S3 staging. */
export const REKOGNITION_MAX_IMAGE_BYTES = 5_242_880;
/** Largest image Rekognition reads from S3 (15 MB). */
export const REKOGNITION_MAX_S3_IMAGE_BYTES = 15 * 1024 * 1024;
/** Smallest image side, in pixels. */
export const REKOGNITION_MIN_IMAGE_PX = 80;
/** Largest image side, in pixels. */
export const REKOGNITION_MAX_IMAGE_PX = 10_000;
/**
 * DetectCustomLabels: largest inline image (4 MB), below the 5 MiB of the other image operations.
 * Source: Rekognition's service model (botocore `rekognition/2016-06-27/service-2.json`), the
 * `Image.Bytes` documentation: "the maximum image size you can pass to DetectCustomLabels is 4MB".
 */
export const REKOGNITION_CUSTOM_LABELS_MAX_IMAGE_BYTES = 4 * 1024 * 1024;
/** DetectProtectiveEquipment: largest inline image (4 MB). */
export const REKOGNITION_PPE_MAX_IMAGE_BYTES = 4 * 1024 * 1024;
/** DetectProtectiveEquipment: smallest image side, in pixels. */
export const REKOGNITION_PPE_MIN_IMAGE_PX = 64;
/** DetectProtectiveEquipment: largest image side, in pixels. */
export const REKOGNITION_PPE_MAX_IMAGE_PX = 4096;
/** DetectLabels: largest `maxLabels`. */
export const REKOGNITION_MAX_LABELS = 1000;
/** DetectLabels: most inclusion or exclusion filters of each kind. */
export const REKOGNITION_MAX_LABEL_FILTERS = 100;
/** DetectLabels: characters of one label or category filter (`GeneralLabelsFilterValue`, rekognition.json). */
export const REKOGNITION_MAX_LABEL_FILTER_CHARS = 50;
/** DetectText: most regions of interest. */
export const REKOGNITION_MAX_TEXT_REGIONS = 10;
/** Get* video results: largest page (and the one aws-ai asks for). */
export const REKOGNITION_MAX_VIDEO_PAGE = 1000;
/** Collection ids (1–255 of `[a-zA-Z0-9_.\-]`) and external image ids (1–255 of `[a-zA-Z0-9_.\-:]`), rekognition.json. */
export const REKOGNITION_MAX_ID_LENGTH = 255;

/** CreateFaceLivenessSession: `AuditImagesLimit` 0–4 (rekognition.json). */
export const LIVENESS_MAX_AUDIT_IMAGES = 4;
/** CreateFaceLivenessSession: `LivenessS3KeyPrefix` at most 950 characters (rekognition.json). */
export const LIVENESS_MAX_KEY_PREFIX = 950;
