import type { ModuleContext } from '../core/context';
import type { BinaryInput } from '../core/inputs';
import { buildDocumentFrom, type DocumentModel } from './document-model';
import { runOperation, type TextractOperation } from './run-operation';
import type { DocumentsTextParams } from './types';

/** @internal */
export async function detectText(
  ctx: ModuleContext,
  input: BinaryInput,
  params: DocumentsTextParams = {},
): Promise<DocumentModel> {
  return runOperation(ctx, input, params, textOperation());
}

/** DetectDocumentText / StartDocumentTextDetection. @internal */
export function textOperation(): TextractOperation<DocumentModel> {
  return {
    syncOperation: 'DetectDocumentText',
    sync: ({ client, sdk, signal }, sync) =>
      client.send(new sdk.DetectDocumentTextCommand(sync), { abortSignal: signal }),
    startOperation: 'StartDocumentTextDetection',
    start: ({ client, sdk, signal }, start) =>
      client.send(new sdk.StartDocumentTextDetectionCommand(start), { abortSignal: signal }),
    getOperation: 'GetDocumentTextDetection',
    get: ({ client, sdk, signal }, get) =>
      client.send(new sdk.GetDocumentTextDetectionCommand(get), { abortSignal: signal }),
    build: buildDocumentFrom,
  };
}
