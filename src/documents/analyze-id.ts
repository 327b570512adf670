import type { RequestOptions } from '../config';
import { callAws } from '../core/call';
import type { ModuleContext } from '../core/context';
import type { BinaryInput } from '../core/inputs';
import { ValidationError } from '../errors';
import { planDocument, type SyncDocument } from './document-input';
import { buildIdentity, type IdentityModel } from './identity-model';
import { TEXTRACT_ID_MAX_PAGES } from './limits';
import type { TextractResponse } from './raw';
import { TEXTRACT } from './textract';

/** @internal */
export async function analyzeId(
  ctx: ModuleContext,
  input: BinaryInput | readonly BinaryInput[],
  options: RequestOptions = {},
): Promise<IdentityModel> {
  const sides: readonly BinaryInput[] = Array.isArray(input) ? input : [input as BinaryInput];
  if (sides.length === 0 || sides.length > TEXTRACT_ID_MAX_PAGES) {
    throw new ValidationError(
      `identity takes one image or [front, back] (1–${TEXTRACT_ID_MAX_PAGES} pages); got ${sides.length}`,
    );
  }
  const DocumentPages: SyncDocument[] = [];
  for (const [i, side] of sides.entries()) {
    const label = sides.length === 1 ? 'identity document' : `identity document [${i}]`;
    const plan = await planDocument(ctx, side, options, { label, syncOnly: true });
    if (plan.mode === 'sync') DocumentPages.push(plan.document);
  }
  const out = await callAws(
    ctx,
    TEXTRACT,
    'AnalyzeID',
    ({ client, sdk, signal }) =>
      client.send(new sdk.AnalyzeIDCommand({ DocumentPages }), { abortSignal: signal }),
    options,
  );
  return buildIdentity([out as TextractResponse], { mode: 'sync', jobId: undefined });
}
