import type { PrintBatchSummary } from '../shared/use-cases/close-print-batches';

/**
 * Where the day's print batches are, for `npm start`'s summary: per sender the pieces and pages,
 * the PDF and the manifest, and how many pieces were left out (the report says which and why).
 */
export function describePrintBatches(summary: PrintBatchSummary, shown: (path: string) => string): string {
  if (summary.batches.length === 0) return `Print batches for ${summary.date}: no print piece goes out on that day.`;
  const width = Math.max(...summary.batches.map((batch) => batch.sender.length));
  const lines = [`Print batches for ${summary.date} (one PDF and manifest per sender, for the print house):`];
  for (const batch of summary.batches) {
    const counts = `${batch.sender.padEnd(width)}  ${String(batch.pieces).padStart(4)} pieces, ${String(batch.pages).padStart(4)} pages`;
    const leftOut = batch.leftOut.length > 0 ? `; ${batch.leftOut.length} left out, see ${shown(batch.report)}` : '';
    lines.push(batch.pdf && batch.manifest ? `  ${counts}  PDF ${shown(batch.pdf)}  manifest ${shown(batch.manifest)}${leftOut}` : `  ${counts}  nothing printable${leftOut}`);
  }
  if (summary.unreadable > 0) lines.push(`  ${summary.unreadable} staged print records could not be read and were left out (see the logs with --verbose).`);
  return lines.join('\n');
}
