// The operation code behind `Documents`, loaded on first call so that importing the module stays
// cheaper. `parse` is synchronous and keeps its static import in `documents-module.ts`.
export { analysisOperation, analyzeDocument } from './analyze-document';
export { analyzeExpense, expenseOperation } from './analyze-expense';
export { analyzeId } from './analyze-id';
export { detectText, textOperation } from './detect-text';
export { textractJob, textractRef } from './job-resume';
export { LENDING_KIND, lending, lendingJob, startLending } from './lending';
export { startOperation } from './run-operation';
