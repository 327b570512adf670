import { BatchError, BatchItemError, ThrottlingError, ValidationError } from 'aws-ai';
import { describe, expect, it } from 'vitest';
import { callsTo, useEmulator } from '../helpers/emulator';

const { emu, client } = await useEmulator();

/** Astral characters (emoji, CJK extension B) before and between the entities. */
const NOTE =
  '😀 Patient 𠀀 takes 40 mg lisinopril daily by mouth for hypertension. Denies chest pain 🎉. ';

describe('medical.entities', () => {
  it('returns entities, traits and attributes with offsets into the JS string', async () => {
    const { entities, unmapped, modelVersion } = await client().medical.entities(NOTE);
    expect(entities.map((e) => [e.category, e.type, e.text])).toEqual([
      ['MEDICATION', 'GENERIC_NAME', 'lisinopril'],
      ['MEDICAL_CONDITION', 'DX_NAME', 'hypertension'],
      ['MEDICAL_CONDITION', 'DX_NAME', 'chest pain'],
    ]);
    for (const e of entities) {
      expect(NOTE.slice(e.start, e.end)).toBe(e.text);
      for (const a of e.attributes) expect(NOTE.slice(a.start, a.end)).toBe(a.text);
    }
    const drug = entities[0];
    expect(drug?.attributes.map((a) => [a.type, a.text, a.relationshipType])).toEqual([
      ['DOSAGE', '40 mg', 'DOSAGE'],
      ['FREQUENCY', 'daily', 'FREQUENCY'],
      ['ROUTE_OR_MODE', 'by mouth', 'ROUTE_OR_MODE'],
    ]);
    expect(drug?.attributes[0]?.relationshipScore).toBeGreaterThan(0);
    expect(entities[1]?.traits.map((t) => t.name)).toEqual(['DIAGNOSIS']);
    expect(entities[2]?.traits.map((t) => t.name)).toEqual(['SYMPTOM', 'NEGATION']);
    expect(unmapped).toEqual([]);
    expect(modelVersion).toBe('2.4.0-emulated');
    // Comprehend Medical counted code points: the wire offsets differ from the JS ones.
    expect(callsTo(emu, 'DetectEntitiesV2')).toHaveLength(1);
  });

  it('keeps attributes no entity owns as unmapped', async () => {
    const text = 'Take 20 mg twice daily.';
    const { entities, unmapped } = await client().medical.entities(text);
    expect(entities).toEqual([]);
    expect(unmapped.map((u) => [u.category, u.attribute.type, u.attribute.text])).toEqual([
      ['MEDICATION', 'DOSAGE', '20 mg'],
      ['MEDICATION', 'FREQUENCY', 'twice daily'],
    ]);
    for (const u of unmapped)
      expect(text.slice(u.attribute.start, u.attribute.end)).toBe(u.attribute.text);
  });

  it('splits a 70,000-byte note under 20,000 bytes per call at sentence ends, offsets re-based, ids unique', async () => {
    const text = NOTE.repeat(Math.ceil(70_000 / Buffer.byteLength(NOTE)));
    const { entities } = await client().medical.entities(text);
    const calls = callsTo(emu, 'DetectEntitiesV2');
    expect(calls.length).toBe(4);
    const sent = calls.map((c) => c.input.Text as string);
    for (const piece of sent) {
      expect(Buffer.byteLength(piece)).toBeLessThanOrEqual(20_000);
      // Each piece ends at a sentence end (after the note's closing space).
      expect(piece.endsWith('🎉. ')).toBe(true);
    }
    expect([...sent].sort().join('').length).toBe(text.length);
    const repeats = text.split(NOTE).length - 1;
    expect(entities).toHaveLength(repeats * 3);
    for (const e of entities) expect(text.slice(e.start, e.end)).toBe(e.text);
    expect(entities.every((e, i) => i === 0 || (entities[i - 1]?.start ?? 0) < e.start)).toBe(true);
    const ids = entities.flatMap((e) => [e.id, ...e.attributes.map((a) => a.id)]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('answers an array in input order, one call per text', async () => {
    const results = await client().medical.entities([
      'Started metformin.',
      'No fever.',
      'Nothing here.',
    ]);
    expect(results.map((r) => r.entities.map((e) => e.text))).toEqual([
      ['metformin'],
      ['fever'],
      [],
    ]);
    expect(results[1]?.entities[0]?.traits.map((t) => t.name)).toContain('NEGATION');
    expect(callsTo(emu, 'DetectEntitiesV2')).toHaveLength(3);
  });

  it('refuses non-English text and languages before any call, naming English', async () => {
    const ai = client();
    await expect(ai.medical.entities('Пациент жалуется на боль в груди.')).rejects.toThrow(
      /English \(en\) only.*Cyrillic/,
    );
    await expect(
      ai.medical.entities(
        'El paciente tiene dolor de pecho y no toma la medicación para la fiebre.',
      ),
    ).rejects.toThrow(/English \(en\) only.*Spanish/);
    await expect(
      ai.medical.entities('Patient has fever.', { language: 'es' as 'en' }),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(ai.medical.entities('   ')).rejects.toBeInstanceOf(ValidationError);
    await expect(ai.medical.entities(['ok fever', '患者は胸痛を訴えています。'])).rejects.toThrow(
      /texts\[1\]/,
    );
    expect(emu.calls).toHaveLength(0);
  });

  // Clinical abbreviations written in capitals (LA left atrium, LE lower extremity, vitamin E,
  // O2) are also Italian, French, Spanish and Portuguese function words in lower case: counted as
  // such, a terse English note with no English function word was refused as Italian, and nothing
  // (not even language: 'en') let it through.
  it('takes a terse English note whose capitalised abbreviations spell foreign function words', async () => {
    const ai = client();
    const notes = [
      'BP 140/90. LA mildly dilated. LE edema bilat. Vit E 400 IU per day. O2 sat 96% RA.',
      'LA enlarged; LE edema. Vit E, vit D per day. O2 via NC. DO NOT RESUSCITATE.',
    ];
    const one = await ai.medical.entities(notes[0] as string);
    expect(one.entities).toBeInstanceOf(Array);
    const both = await ai.medical.entities(notes, { language: 'en' });
    expect(both).toHaveLength(2);
    expect(callsTo(emu, 'DetectEntitiesV2')).toHaveLength(3);
    // The same words in lower case, with the language's own, are still a foreign text.
    await expect(
      ai.medical.entities('il paziente e la sua famiglia per la visita con le analisi'),
    ).rejects.toMatchObject({ code: 'UnsupportedLanguage' });
    // A note written all in capitals is judged on all its words.
    await expect(
      ai.medical.entities('EL PACIENTE PRESENTA DOLOR EN EL PECHO Y NO TOMA LA MEDICACIÓN.'),
    ).rejects.toMatchObject({ code: 'UnsupportedLanguage' });
    expect(callsTo(emu, 'DetectEntitiesV2')).toHaveLength(3);
  });

  it('retries throttling with one budget per piece and reports failures per text', async () => {
    emu.fault({ service: 'comprehendmedical', kind: 'throttle', times: 2 });
    const { entities } = await client().medical.entities('Patient has asthma.');
    expect(entities.map((e) => e.text)).toEqual(['asthma']);
    expect(callsTo(emu, 'DetectEntitiesV2')).toHaveLength(3);

    emu.reset();
    emu.fault({ service: 'comprehendmedical', kind: 'throttle' });
    const ai = client({ retry: { retries: 2, minDelayMs: 1, maxDelayMs: 2 } });
    await expect(ai.medical.entities('Patient has asthma.')).rejects.toBeInstanceOf(
      ThrottlingError,
    );
    // 1 attempt + 2 retries, shared by the call layer and the item rounds.
    expect(callsTo(emu, 'DetectEntitiesV2')).toHaveLength(3);

    emu.reset();
    emu.handle('comprehendmedical', 'DetectEntitiesV2', (input) => {
      if (String(input.Text).includes('boom')) throw emu.error('InvalidRequestException', 'bad');
      return { Entities: [], ModelVersion: '1' };
    });
    const mixed = await client().medical.entities(['fine text', 'boom text'], {
      throwOnItemError: false,
    });
    expect(mixed[0]).toMatchObject({ entities: [] });
    expect(mixed[1]).toBeInstanceOf(BatchItemError);
    expect((mixed[1] as BatchItemError).index).toBe(1);
    await expect(client().medical.entities(['fine text', 'boom text'])).rejects.toBeInstanceOf(
      BatchError,
    );
  });
});

describe('medical: requests in flight', () => {
  // docs/medical.md, "Long text": each piece is one request, at most `concurrency.comprehendmedical`
  // (default 8) at once, InferSNOMEDCT at most 2 whatever the setting.
  async function peakOf(
    operation: string,
    run: () => Promise<unknown>,
  ): Promise<{ peak: number; calls: number }> {
    let inFlight = 0;
    let peak = 0;
    emu.handle('comprehendmedical', operation, async () => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 30));
      inFlight--;
      return { Entities: [], ModelVersion: '1' };
    });
    await run();
    return { peak, calls: callsTo(emu, operation).length };
  }
  const texts = Array.from({ length: 20 }, (_, i) => `Patient ${i} takes aspirin daily.`);

  it.each([
    ['the default', 8, undefined],
    ['concurrency: { comprehendmedical: 3 }', 3, { comprehendmedical: 3 }],
    ['concurrency: 5', 5, 5],
  ] as const)(
    'entities of 20 texts with %s: at most %i in flight, and that many used',
    async (_, limit, concurrency) => {
      const ai = client(concurrency === undefined ? {} : { concurrency });
      const out = await peakOf('DetectEntitiesV2', () => ai.medical.entities(texts));
      expect(out).toEqual({ peak: limit, calls: 20 });
    },
  );

  it('snomedct: at most 2 in flight even when the client allows more, fewer when it allows fewer', async () => {
    const many = await peakOf('InferSNOMEDCT', () =>
      client({ concurrency: { comprehendmedical: 16 } }).medical.snomedct(texts),
    );
    expect(many).toEqual({ peak: 2, calls: 20 });
    emu.reset();
    const one = await peakOf('InferSNOMEDCT', () =>
      client({ concurrency: { comprehendmedical: 1 } }).medical.snomedct(texts.slice(0, 4)),
    );
    expect(one).toEqual({ peak: 1, calls: 4 });
  });
});

describe('medical.phi and redactPhi', () => {
  const text =
    'Mr. John Smith, 54 years old, seen 03/14/2024 by a nurse. Call 555-010-1234 or jsmith@example.com. MRN: A12345 😀';

  it('finds PHI with offsets and filters by type', async () => {
    const { entities } = await client().medical.phi(text);
    expect(entities.map((e) => [e.type, e.text])).toEqual([
      ['NAME', 'John Smith'],
      ['AGE', '54'],
      ['DATE', '03/14/2024'],
      ['PROFESSION', 'nurse'],
      ['PHONE_OR_FAX', '555-010-1234'],
      ['EMAIL', 'jsmith@example.com'],
      ['ID', 'A12345'],
    ]);
    for (const e of entities) {
      expect(e.category).toBe('PROTECTED_HEALTH_INFORMATION');
      expect(text.slice(e.start, e.end)).toBe(e.text);
    }
    const names = await client().medical.phi(text, { types: ['NAME', 'DATE'] });
    expect(names.entities.map((e) => e.type)).toEqual(['NAME', 'DATE']);
    await expect(client().medical.phi(text, { types: [] })).rejects.toBeInstanceOf(ValidationError);
  });

  it('redacts with [TYPE] or a mask', async () => {
    const { text: redacted, entities } = await client().medical.redactPhi(text);
    expect(redacted).toBe(
      'Mr. [NAME], [AGE] years old, seen [DATE] by a [PROFESSION]. Call [PHONE_OR_FAX] or [EMAIL]. MRN: [ID] 😀',
    );
    expect(entities).toHaveLength(7);
    const masked = await client().medical.redactPhi(['Seen 01/02/2024.'], { mask: '***' });
    expect(masked[0]?.text).toBe('Seen ***.');
    await expect(
      client().medical.redactPhi(text, { mask: 3 as unknown as string }),
    ).rejects.toBeInstanceOf(ValidationError);
  });
});

describe('medical ontology linking', () => {
  // Each Infer* operation's traits are an enum of its own in reference/aws-models/
  // comprehendmedical.json (ICD10CMTraitName, RxNormTraitName, SNOMEDCTTraitName), for the
  // entities' and the attributes' traits alike (ICD10CMAttribute.Traits is an ICD10CMTraitList).
  it.each([
    [
      'icd10cm',
      [
        'NEGATION',
        'DIAGNOSIS',
        'SIGN',
        'SYMPTOM',
        'PERTAINS_TO_FAMILY',
        'HYPOTHETICAL',
        'LOW_CONFIDENCE',
      ],
    ],
    ['rxnorm', ['NEGATION', 'PAST_HISTORY']],
    [
      'snomedct',
      [
        'NEGATION',
        'DIAGNOSIS',
        'SIGN',
        'SYMPTOM',
        'PERTAINS_TO_FAMILY',
        'HYPOTHETICAL',
        'LOW_CONFIDENCE',
        'PAST_HISTORY',
        'FUTURE',
      ],
    ],
  ] as const)('the emulated %s answers only the traits its model names', async (method, names) => {
    const note =
      'History of pneumonia in the lungs. History of aspirin 81 mg daily. Not on metformin. Mother had hypertension. Denies chest pain in the chest.';
    const { entities } = await client().medical[method](note);
    const traits = entities
      .flatMap((e) => [e, ...e.attributes])
      .flatMap((x) => x.traits.map((t) => t.name));
    expect(traits.length).toBeGreaterThan(0);
    expect(traits.filter((t) => !(names as readonly string[]).includes(t))).toEqual([]);
  });

  it('icd10cm links conditions to ICD-10-CM codes, best first', async () => {
    const text = '😀 History of type 2 diabetes and hypertension; no fever.';
    const { entities } = await client().medical.icd10cm(text);
    expect(entities.map((e) => [e.text, e.concepts[0]?.code])).toEqual([
      ['type 2 diabetes', 'E11.9'],
      ['hypertension', 'I10'],
      ['fever', 'R50.9'],
    ]);
    for (const e of entities) expect(text.slice(e.start, e.end)).toBe(e.text);
    expect(entities[2]?.traits.map((t) => t.name)).toContain('NEGATION');
    const diabetes = await client().medical.icd10cm('Diabetes.');
    const scores = diabetes.entities[0]?.concepts.map((c) => c.score) ?? [];
    expect(diabetes.entities[0]?.concepts.map((c) => c.code)).toEqual(['E11.9', 'E10.9']);
    expect(scores[0]).toBeGreaterThan(scores[1] ?? 1);
  });

  it('rxnorm links medications with their attributes', async () => {
    const { entities } = await client().medical.rxnorm('Started metformin 500 mg twice daily.');
    expect(entities).toHaveLength(1);
    expect(entities[0]).toMatchObject({
      text: 'metformin',
      category: 'MEDICATION',
      type: 'GENERIC_NAME',
    });
    expect(entities[0]?.concepts[0]).toMatchObject({ code: '6809', description: 'metformin' });
    expect(entities[0]?.attributes.map((a) => a.type)).toEqual(['DOSAGE', 'FREQUENCY']);
  });

  it('snomedct gives SNOMED CT concepts and details; 5,000-byte pieces, at most 2 in flight', async () => {
    const { entities, snomedct, characters } = await client().medical.snomedct(
      'Chest x-ray showed pneumonia.',
    );
    expect(entities.map((e) => [e.text, e.concepts[0]?.code])).toEqual([
      ['Chest x-ray', '399208008'],
      ['pneumonia', '233604007'],
    ]);
    expect(snomedct).toEqual({ edition: 'US', language: 'en', versionDate: '20240301' });
    expect(characters).toBe(29);

    emu.reset();
    let inFlight = 0;
    let peak = 0;
    emu.handle('comprehendmedical', 'InferSNOMEDCT', async () => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 20));
      inFlight--;
      return { Entities: [], ModelVersion: '1' };
    });
    const long = 'Chest x-ray showed pneumonia. '.repeat(700);
    await client().medical.snomedct(long);
    const calls = callsTo(emu, 'InferSNOMEDCT');
    expect(calls.length).toBeGreaterThanOrEqual(5);
    for (const c of calls)
      expect(Buffer.byteLength(c.input.Text as string)).toBeLessThanOrEqual(5_000);
    expect(peak).toBeLessThanOrEqual(2);
  });
});
