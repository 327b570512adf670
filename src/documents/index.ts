export type { AwsAIConfig, RequestOptions } from '../config';
export type { BinaryInput } from '../core/inputs';
export type { JobNotificationChannel } from '../core/job-notification';
export type { PollInfo } from '../core/polling';
export { type ResponseMetadata, responseOf } from '../core/response';
export * from '../errors';
export { DocumentModel, type DocumentPage } from './document-model';
export { Documents } from './documents-module';
export type {
  ExpenseAmounts,
  ExpenseDocument,
  ExpenseField,
  ExpenseLineItem,
  ExpenseModel,
  ExpenseSummary,
} from './expense-model';
export { DocumentForms } from './forms';
// Tree-shakable per-operation functions beside the class, for small Lambda bundles (decision 0701).
export {
  type AnyDocumentsClient,
  analyze,
  createDocumentsClient,
  type DocumentsClient,
  expense,
  identity,
  text,
} from './functions';
export type {
  IdentityDocument,
  IdentityField,
  IdentityModel,
  IdentityValues,
} from './identity-model';
export type {
  LendingDocumentGroup,
  LendingField,
  LendingModel,
  LendingPage,
  LendingResponse,
  LendingSummary,
  LendingValue,
} from './lending-model';
export { parseAmount } from './money';
export { parseTextract, type TextractModel } from './parse';
export type {
  RawBlock,
  RawDetection,
  RawExpenseDocument,
  RawExpenseField,
  RawGeometry,
  RawIdentityDocument,
  RawRelationship,
  RawWarning,
  TextractResponse,
} from './raw';
export { DocumentTable, type TableExportOptions } from './table';
export type * from './types';
