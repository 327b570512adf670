import type { ModuleContext } from '../core/context';
import type { BinaryInput } from '../core/inputs';
import { buildExpense, type ExpenseModel } from './expense-model';
import { runOperation, type TextractOperation } from './run-operation';
import type { DocumentsExpenseParams } from './types';

/** @internal */
export async function analyzeExpense(
  ctx: ModuleContext,
  input: BinaryInput,
  params: DocumentsExpenseParams = {},
): Promise<ExpenseModel> {
  return runOperation(ctx, input, params, expenseOperation());
}

/** AnalyzeExpense / StartExpenseAnalysis. @internal */
export function expenseOperation(): TextractOperation<ExpenseModel> {
  return {
    syncOperation: 'AnalyzeExpense',
    sync: ({ client, sdk, signal }, sync) =>
      client.send(new sdk.AnalyzeExpenseCommand(sync), { abortSignal: signal }),
    startOperation: 'StartExpenseAnalysis',
    start: ({ client, sdk, signal }, start) =>
      client.send(new sdk.StartExpenseAnalysisCommand(start), { abortSignal: signal }),
    getOperation: 'GetExpenseAnalysis',
    get: ({ client, sdk, signal }, get) =>
      client.send(new sdk.GetExpenseAnalysisCommand(get), { abortSignal: signal }),
    build: buildExpense,
  };
}
