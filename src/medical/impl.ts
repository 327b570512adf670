// The operation code behind `Medical`, loaded on first call so that importing the module stays cheap.
export { settleItems as settle } from '../core/item-results';
export { entities, icd10cm, phi, redactPhi, rxnorm, snomedct } from './operations';
export { startMedicalTranscription, transcribeMedical } from './transcribe-job';
export { medicalStreamEvents } from './transcribe-stream-events';
