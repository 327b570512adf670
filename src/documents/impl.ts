// The operation code behind `Documents`, loaded on first call so that importing the module stays
// cheaper. `parse` is synchronous and keeps its static import in `documents-module.ts`.
export { analyzeDocument } from './analyze-document';
export { analyzeExpense } from './analyze-expense';
export { analyzeId } from './analyze-id';
export { detectText } from './detect-text';
export { lending } from './lending';
