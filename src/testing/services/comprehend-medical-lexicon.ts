/**
 * The emulator's small medical lexicon: a few medications, conditions, tests and body sites with
 * real codes (RxNorm ingredient RxCUIs, ICD-10-CM, SNOMED CT concept ids), and the patterns of
 * attributes and PHI. Deterministic and clearly canned: a test double, not a clinical model.
 */

/** One term the emulator recognises. */
export interface Term {
  readonly phrase: string;
  readonly category: 'MEDICATION' | 'MEDICAL_CONDITION' | 'TEST_TREATMENT_PROCEDURE' | 'ANATOMY';
  readonly type: string;
  /** SIGN / SYMPTOM / DIAGNOSIS for conditions. */
  readonly trait?: 'SIGN' | 'SYMPTOM' | 'DIAGNOSIS';
  readonly icd10cm?: ReadonlyArray<readonly [string, string]>;
  readonly rxnorm?: ReadonlyArray<readonly [string, string]>;
  readonly snomedct?: ReadonlyArray<readonly [string, string]>;
}

/** Longest phrases first, so `chest pain` wins over `chest` and `type 2 diabetes` over `diabetes`. */
export const TERMS: readonly Term[] = (
  [
    {
      phrase: 'aspirin',
      category: 'MEDICATION',
      type: 'GENERIC_NAME',
      rxnorm: [['1191', 'aspirin']],
    },
    {
      phrase: 'ibuprofen',
      category: 'MEDICATION',
      type: 'GENERIC_NAME',
      rxnorm: [['5640', 'ibuprofen']],
    },
    {
      phrase: 'metformin',
      category: 'MEDICATION',
      type: 'GENERIC_NAME',
      rxnorm: [['6809', 'metformin']],
    },
    {
      phrase: 'lisinopril',
      category: 'MEDICATION',
      type: 'GENERIC_NAME',
      rxnorm: [['29046', 'lisinopril']],
    },
    {
      phrase: 'acetaminophen',
      category: 'MEDICATION',
      type: 'GENERIC_NAME',
      rxnorm: [['161', 'acetaminophen']],
    },
    {
      phrase: 'atorvastatin',
      category: 'MEDICATION',
      type: 'GENERIC_NAME',
      rxnorm: [['83367', 'atorvastatin']],
    },
    {
      phrase: 'amoxicillin',
      category: 'MEDICATION',
      type: 'GENERIC_NAME',
      rxnorm: [['723', 'amoxicillin']],
    },
    {
      phrase: 'insulin',
      category: 'MEDICATION',
      type: 'GENERIC_NAME',
      rxnorm: [['5856', 'insulin']],
    },
    {
      phrase: 'Tylenol',
      category: 'MEDICATION',
      type: 'BRAND_NAME',
      rxnorm: [
        ['202433', 'Tylenol'],
        ['161', 'acetaminophen'],
      ],
    },
    {
      phrase: 'hypertension',
      category: 'MEDICAL_CONDITION',
      type: 'DX_NAME',
      trait: 'DIAGNOSIS',
      icd10cm: [['I10', 'Essential (primary) hypertension']],
      snomedct: [['38341003', 'Hypertensive disorder, systemic arterial (disorder)']],
    },
    {
      phrase: 'type 2 diabetes',
      category: 'MEDICAL_CONDITION',
      type: 'DX_NAME',
      trait: 'DIAGNOSIS',
      icd10cm: [['E11.9', 'Type 2 diabetes mellitus without complications']],
      snomedct: [['44054006', 'Diabetes mellitus type 2 (disorder)']],
    },
    {
      phrase: 'diabetes',
      category: 'MEDICAL_CONDITION',
      type: 'DX_NAME',
      trait: 'DIAGNOSIS',
      icd10cm: [
        ['E11.9', 'Type 2 diabetes mellitus without complications'],
        ['E10.9', 'Type 1 diabetes mellitus without complications'],
      ],
      snomedct: [['73211009', 'Diabetes mellitus (disorder)']],
    },
    {
      phrase: 'chest pain',
      category: 'MEDICAL_CONDITION',
      type: 'DX_NAME',
      trait: 'SYMPTOM',
      icd10cm: [['R07.9', 'Chest pain, unspecified']],
      snomedct: [['29857009', 'Chest pain (finding)']],
    },
    {
      phrase: 'shortness of breath',
      category: 'MEDICAL_CONDITION',
      type: 'DX_NAME',
      trait: 'SYMPTOM',
      icd10cm: [['R06.02', 'Shortness of breath']],
      snomedct: [['267036007', 'Dyspnea (finding)']],
    },
    {
      phrase: 'headache',
      category: 'MEDICAL_CONDITION',
      type: 'DX_NAME',
      trait: 'SYMPTOM',
      icd10cm: [['R51.9', 'Headache, unspecified']],
      snomedct: [['25064002', 'Headache (finding)']],
    },
    {
      phrase: 'pneumonia',
      category: 'MEDICAL_CONDITION',
      type: 'DX_NAME',
      trait: 'DIAGNOSIS',
      icd10cm: [['J18.9', 'Pneumonia, unspecified organism']],
      snomedct: [['233604007', 'Pneumonia (disorder)']],
    },
    {
      phrase: 'asthma',
      category: 'MEDICAL_CONDITION',
      type: 'DX_NAME',
      trait: 'DIAGNOSIS',
      icd10cm: [['J45.909', 'Unspecified asthma, uncomplicated']],
      snomedct: [['195967001', 'Asthma (disorder)']],
    },
    {
      phrase: 'fever',
      category: 'MEDICAL_CONDITION',
      type: 'DX_NAME',
      trait: 'SIGN',
      icd10cm: [['R50.9', 'Fever, unspecified']],
      snomedct: [['386661006', 'Fever (finding)']],
    },
    {
      phrase: 'cough',
      category: 'MEDICAL_CONDITION',
      type: 'DX_NAME',
      trait: 'SYMPTOM',
      icd10cm: [['R05.9', 'Cough, unspecified']],
      snomedct: [['49727002', 'Cough (finding)']],
    },
    {
      phrase: 'nausea',
      category: 'MEDICAL_CONDITION',
      type: 'DX_NAME',
      trait: 'SYMPTOM',
      icd10cm: [['R11.0', 'Nausea']],
      snomedct: [['422587007', 'Nausea (finding)']],
    },
    {
      phrase: 'chest x-ray',
      category: 'TEST_TREATMENT_PROCEDURE',
      type: 'TEST_NAME',
      snomedct: [['399208008', 'Plain chest X-ray (procedure)']],
    },
    {
      phrase: 'x-ray',
      category: 'TEST_TREATMENT_PROCEDURE',
      type: 'TEST_NAME',
      snomedct: [['363680008', 'Radiographic imaging procedure (procedure)']],
    },
    {
      phrase: 'MRI',
      category: 'TEST_TREATMENT_PROCEDURE',
      type: 'TEST_NAME',
      snomedct: [['113091000', 'Magnetic resonance imaging (procedure)']],
    },
    {
      phrase: 'blood pressure',
      category: 'TEST_TREATMENT_PROCEDURE',
      type: 'TEST_NAME',
      snomedct: [['75367002', 'Blood pressure (observable entity)']],
    },
    {
      phrase: 'appendectomy',
      category: 'TEST_TREATMENT_PROCEDURE',
      type: 'PROCEDURE_NAME',
      snomedct: [['80146002', 'Excision of appendix (procedure)']],
    },
    { phrase: 'chest', category: 'ANATOMY', type: 'SYSTEM_ORGAN_SITE' },
    { phrase: 'lungs', category: 'ANATOMY', type: 'SYSTEM_ORGAN_SITE' },
    { phrase: 'heart', category: 'ANATOMY', type: 'SYSTEM_ORGAN_SITE' },
  ] satisfies Term[]
).sort((a, b) => b.phrase.length - a.phrase.length);

/** Medication attributes: type (also the relationship type) and pattern. */
export const MEDICATION_ATTRIBUTES: ReadonlyArray<readonly [string, RegExp]> = [
  ['DOSAGE', /\b\d+(?:\.\d+)?\s?(?:mg|mcg|g|ml|mL|units)\b/g],
  ['FREQUENCY', /\b(?:twice daily|once daily|daily|every \d+ hours|at bedtime|as needed)\b/gi],
  ['ROUTE_OR_MODE', /\b(?:by mouth|orally|intravenously|topically)\b/gi],
];

/** PHI patterns; the first group, when there is one, is the span. */
export const PHI_PATTERNS: ReadonlyArray<readonly [string, RegExp]> = [
  ['NAME', /\b(?:Dr|Mr|Mrs|Ms)\.?\s+([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)/g],
  ['NAME', /\b[Pp]atient:\s+([A-Z][a-z]+\s+[A-Z][a-z]+)/g],
  ['AGE', /\b(\d{1,3})(?:\s+|-)(?:years?|yo)\b/g],
  ['DATE', /\b\d{1,2}\/\d{1,2}\/\d{2,4}\b/g],
  [
    'DATE',
    /\b(?:January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}(?:, \d{4})?/g,
  ],
  ['PHONE_OR_FAX', /(?:\(\d{3}\)\s?|\b\d{3}[-.])\d{3}[-.]\d{4}\b/g],
  ['EMAIL', /\b[\w.+-]+@[\w-]+\.[\w.]+\b/g],
  ['URL', /\bhttps?:\/\/[^\s]+[^\s.,;]/g],
  ['ID', /\b(?:MRN|SSN|ID)[:#]?\s*([A-Z0-9][A-Z0-9-]{3,})\b/g],
  ['ADDRESS', /\b\d+\s+[A-Z][a-z]+\s+(?:Street|Avenue|Road|Lane|Drive)\b/g],
  ['PROFESSION', /\b(?:nurse|physician|surgeon|pharmacist|teacher|engineer)\b/gi],
];

/** Words before a term (in its sentence) that negate it. */
export const NEGATION = /\b(?:no|denies|without|negative for|not)\b[^.;]*$/i;
/** Words before a term that make it history. */
export const PAST = /\bhistory of\b[^.;]*$/i;
/** Words in a term's sentence that make it about the family. */
export const FAMILY = /\b(?:mother|father|sister|brother|family history)\b/i;
