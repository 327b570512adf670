// The module's public API, except its per-operation functions: the root `aws-ai` re-exports
// this file's types, and the functions' names (`text`, `entities`, `transcribeStream`, …)
// collide across modules, so only the subpath exports them (decision 0701).
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
