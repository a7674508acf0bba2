/**
 * The PDF renderer as a bundle of its own, beside the dispatch handler in its deployment package:
 * infra builds it from `entry`, dispatch imports it on the first print piece (`compose/dispatch.ts`).
 */
export const printRendererBundle = { file: 'print-renderer.mjs', entry: 'shared/adapters/print/pdf-print-renderer.ts' } as const;
