import { toGeometry } from './block-index';
import { buildDocument, type DocumentModel } from './document-model';
import { AMOUNT_TYPES, parseAmount } from './money';
import type { RawDetection, RawExpenseDocument, RawExpenseField, TextractResponse } from './raw';
import type { DocumentGeometry, DocumentsRunInfo, DocumentWarning } from './types';

/** One field of an expense document: its normalized type, the printed label and the value. */
export interface ExpenseField {
  /** Textract's normalized type, e.g. `VENDOR_NAME`, `TOTAL`, `INVOICE_RECEIPT_ID`, `PRICE`; `OTHER` when unknown. */
  type: string;
  /** The label printed next to the value (`Invoice #`), when there is one. */
  label: string | undefined;
  value: string;
  /**
   * The value as a number, for amount types (`TOTAL`, `TAX`, `PRICE`, …) and fields with a currency:
   * `$1,234.56` → 1234.56, `1.234,56 €` → 1234.56, `(12.00)` → -12. `undefined` when the printed
   * value has no single number in it; `value` keeps the text as printed.
   */
  amount: number | undefined;
  /** Confidence (0–100) of the value. */
  confidence: number;
  typeConfidence: number | undefined;
  /** ISO 4217 currency code Textract read for an amount. */
  currency: string | undefined;
  /** Groups the field belongs to, e.g. `{ types: ['VENDOR'], id }` for a vendor address part. */
  groups: Array<{ types: string[]; id: string | undefined }>;
  pageNumber: number;
  valueGeometry: DocumentGeometry;
  labelGeometry: DocumentGeometry | undefined;
}

/** Summary amounts as numbers by camelCase type (`total`, `tax`, `amountDue`, …); see {@link ExpenseField.amount}. */
export interface ExpenseAmounts {
  subtotal?: number | undefined;
  tax?: number | undefined;
  total?: number | undefined;
  amountDue?: number | undefined;
  amountPaid?: number | undefined;
  discount?: number | undefined;
  gratuity?: number | undefined;
  priorBalance?: number | undefined;
  serviceCharge?: number | undefined;
  shippingHandlingCharge?: number | undefined;
  [type: string]: number | undefined;
}

/** Summary values by camelCase type (`vendorName`, `total`, `invoiceReceiptId`, …): the most confident value of each type. */
export interface ExpenseSummary {
  vendorName?: string | undefined;
  vendorAddress?: string | undefined;
  vendorPhone?: string | undefined;
  receiverName?: string | undefined;
  receiverAddress?: string | undefined;
  invoiceReceiptId?: string | undefined;
  invoiceReceiptDate?: string | undefined;
  dueDate?: string | undefined;
  poNumber?: string | undefined;
  paymentTerms?: string | undefined;
  subtotal?: string | undefined;
  tax?: string | undefined;
  total?: string | undefined;
  amountDue?: string | undefined;
  amountPaid?: string | undefined;
  discount?: string | undefined;
  [type: string]: string | undefined;
}

/** One line item: its fields, and the usual ones by name. */
export interface ExpenseLineItem {
  /** Index of the line-item group (table) it comes from. */
  groupIndex: number;
  fields: ExpenseField[];
  item: string | undefined;
  quantity: string | undefined;
  unitPrice: string | undefined;
  price: string | undefined;
  productCode: string | undefined;
  /** The whole row as Textract read it (`EXPENSE_ROW`). */
  row: string | undefined;
}

/** One invoice or receipt. */
export interface ExpenseDocument {
  index: number;
  /** Every summary field, in Textract's order. */
  fields: ExpenseField[];
  summary: ExpenseSummary;
  /** The summary's amounts as numbers (the same most confident fields as `summary`). */
  amounts: ExpenseAmounts;
  lineItems: ExpenseLineItem[];
  /** The document's text, lines and pages, when Textract returned its blocks. */
  document: DocumentModel | undefined;
}

/** What {@link Documents.expense} returns: every invoice/receipt found. */
export interface ExpenseModel {
  kind: 'expense';
  documents: ExpenseDocument[];
  pageCount: number;
  warnings: DocumentWarning[];
  modelVersion: string | undefined;
  run: DocumentsRunInfo | undefined;
}

/** `VENDOR_NAME` → `vendorName`. */
export function camelType(type: string): string {
  return type.toLowerCase().replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

function detectionGeometry(detection: RawDetection | undefined): DocumentGeometry | undefined {
  return detection?.Geometry ? toGeometry(detection.Geometry) : undefined;
}

function toField(field: RawExpenseField): ExpenseField {
  const type = field.Type?.Text ?? 'OTHER';
  const value = field.ValueDetection?.Text ?? '';
  return {
    type,
    label: field.LabelDetection?.Text,
    value,
    amount:
      AMOUNT_TYPES.has(type) || field.Currency?.Code !== undefined ? parseAmount(value) : undefined,
    confidence: field.ValueDetection?.Confidence ?? 0,
    typeConfidence: field.Type?.Confidence,
    currency: field.Currency?.Code,
    groups: (field.GroupProperties ?? []).map((g) => ({ types: g.Types ?? [], id: g.Id })),
    pageNumber: field.PageNumber ?? 1,
    valueGeometry: toGeometry(field.ValueDetection?.Geometry),
    labelGeometry: detectionGeometry(field.LabelDetection),
  };
}

function summarize(fields: ExpenseField[]): { summary: ExpenseSummary; amounts: ExpenseAmounts } {
  const best = new Map<string, ExpenseField>();
  for (const field of fields) {
    if (field.type === 'OTHER' || field.value === '') continue;
    const previous = best.get(field.type);
    if (!previous || field.confidence > previous.confidence) best.set(field.type, field);
  }
  const summary: ExpenseSummary = {};
  const amounts: ExpenseAmounts = {};
  for (const [type, field] of best) {
    summary[camelType(type)] = field.value;
    if (field.amount !== undefined) amounts[camelType(type)] = field.amount;
  }
  return { summary, amounts };
}

function lineItem(groupIndex: number, fields: ExpenseField[]): ExpenseLineItem {
  const value = (type: string) => fields.find((f) => f.type === type)?.value;
  return {
    groupIndex,
    fields,
    item: value('ITEM'),
    quantity: value('QUANTITY'),
    unitPrice: value('UNIT_PRICE'),
    price: value('PRICE'),
    productCode: value('PRODUCT_CODE'),
    row: value('EXPENSE_ROW'),
  };
}

function toExpenseDocument(raw: RawExpenseDocument, position: number): ExpenseDocument {
  const fields = (raw.SummaryFields ?? []).map(toField);
  const lineItems = (raw.LineItemGroups ?? []).flatMap((group, g) =>
    (group.LineItems ?? []).map((item) =>
      lineItem(group.LineItemGroupIndex ?? g + 1, (item.LineItemExpenseFields ?? []).map(toField)),
    ),
  );
  return {
    index: raw.ExpenseIndex ?? position + 1,
    fields,
    ...summarize(fields),
    lineItems,
    document: raw.Blocks?.length ? buildDocument([], raw.Blocks, undefined) : undefined,
  };
}

/** Builds the expense model from AnalyzeExpense, or from every GetExpenseAnalysis page in order. @internal */
export function buildExpense(
  responses: readonly TextractResponse[],
  run: DocumentsRunInfo | undefined,
): ExpenseModel {
  const raws = responses.flatMap((r) => r.ExpenseDocuments ?? []);
  const warnings = responses
    .flatMap((r) => r.Warnings ?? [])
    .map((w) => ({
      code: w.ErrorCode ?? 'UnknownError',
      pages: w.Pages ?? [],
    }));
  return {
    kind: 'expense',
    documents: raws.map(toExpenseDocument),
    pageCount: responses.reduce((max, r) => Math.max(max, r.DocumentMetadata?.Pages ?? 0), 0),
    warnings,
    modelVersion: responses[0]?.AnalyzeExpenseModelVersion,
    run,
  };
}
