export * from './api';
// Tree-shakable per-operation functions beside the class, for small Lambda bundles (decision 0701).
export {
  type AnyMedicalClient,
  createMedicalClient,
  entities,
  icd10cm,
  type MedicalClient,
  phi,
  redactPhi,
  resumeJob,
  rxnorm,
  snomedct,
  startTranscription,
  transcribe,
  transcribeStream,
} from './functions';
