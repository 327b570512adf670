/**
 * The raw Textract JSON the parser reads: structural types that both the SDK's output objects and
 * `JSON.parse` of a saved response (boto3, the CLI, the console) satisfy. Older responses use the
 * separate `KEY`/`VALUE` block types, so block and relationship types are plain strings.
 */

/** Where a block is on its page, as ratios of the page size. */
export interface RawGeometry {
  BoundingBox?: { Width?: number; Height?: number; Left?: number; Top?: number } | undefined;
  Polygon?: Array<{ X?: number; Y?: number }> | undefined;
}

/** Ids of the blocks a block points to (`CHILD`, `VALUE`, `ANSWER`, …). */
export interface RawRelationship {
  Type?: string | undefined;
  Ids?: string[] | undefined;
}

/** One Textract block (page, line, word, key/value, table cell, …). */
export interface RawBlock {
  BlockType?: string | undefined;
  Id?: string | undefined;
  Text?: string | undefined;
  TextType?: string | undefined;
  Confidence?: number | undefined;
  RowIndex?: number | undefined;
  ColumnIndex?: number | undefined;
  RowSpan?: number | undefined;
  ColumnSpan?: number | undefined;
  EntityTypes?: string[] | undefined;
  SelectionStatus?: string | undefined;
  Page?: number | undefined;
  Geometry?: RawGeometry | undefined;
  Relationships?: RawRelationship[] | undefined;
  Query?: { Text?: string | undefined; Alias?: string | undefined; Pages?: string[] | undefined };
}

/** A Textract warning: an error code and the pages it concerns. */
export interface RawWarning {
  ErrorCode?: string | undefined;
  Pages?: number[] | undefined;
}

/** A piece of detected text with its confidence and geometry. */
export interface RawDetection {
  Text?: string | undefined;
  Confidence?: number | undefined;
  Geometry?: RawGeometry | undefined;
  NormalizedValue?: { Value?: string | undefined; ValueType?: string | undefined } | undefined;
}

/** One field of an expense document (summary field or line-item field). */
export interface RawExpenseField {
  Type?: { Text?: string | undefined; Confidence?: number | undefined } | undefined;
  LabelDetection?: RawDetection | undefined;
  ValueDetection?: RawDetection | undefined;
  PageNumber?: number | undefined;
  Currency?: { Code?: string | undefined; Confidence?: number | undefined } | undefined;
  GroupProperties?: Array<{ Types?: string[] | undefined; Id?: string | undefined }> | undefined;
}

/** One invoice or receipt of an AnalyzeExpense response. */
export interface RawExpenseDocument {
  ExpenseIndex?: number | undefined;
  SummaryFields?: RawExpenseField[] | undefined;
  LineItemGroups?:
    | Array<{
        LineItemGroupIndex?: number | undefined;
        LineItems?: Array<{ LineItemExpenseFields?: RawExpenseField[] | undefined }> | undefined;
      }>
    | undefined;
  Blocks?: RawBlock[] | undefined;
}

/** One identity document of an AnalyzeID response. */
export interface RawIdentityDocument {
  DocumentIndex?: number | undefined;
  IdentityDocumentFields?:
    | Array<{
        Type?: { Text?: string | undefined; Confidence?: number | undefined } | undefined;
        ValueDetection?: RawDetection | undefined;
      }>
    | undefined;
  Blocks?: RawBlock[] | undefined;
}

/**
 * Any Textract response the parser reads: DetectDocumentText, AnalyzeDocument, AnalyzeExpense,
 * AnalyzeID, or one page of GetDocumentTextDetection / GetDocumentAnalysis / GetExpenseAnalysis.
 */
export interface TextractResponse {
  Blocks?: RawBlock[] | undefined;
  DocumentMetadata?: { Pages?: number | undefined } | undefined;
  JobStatus?: string | undefined;
  StatusMessage?: string | undefined;
  NextToken?: string | undefined;
  Warnings?: RawWarning[] | undefined;
  ExpenseDocuments?: RawExpenseDocument[] | undefined;
  IdentityDocuments?: RawIdentityDocument[] | undefined;
  DetectDocumentTextModelVersion?: string | undefined;
  AnalyzeDocumentModelVersion?: string | undefined;
  AnalyzeExpenseModelVersion?: string | undefined;
  AnalyzeIDModelVersion?: string | undefined;
}
