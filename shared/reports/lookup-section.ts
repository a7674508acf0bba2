import { gzipSync } from 'node:zlib';
import type { EncodedCustomerRows } from './customer-rows';
import { escapeHtml } from './escape-html';
import type { LookupSpec } from './page/page-data';

export interface LookupSection {
  /** Prefix of the section's element ids. */
  id: string;
  heading: string;
  intro: string;
  noun: string;
  cellColumns: string[];
}

/**
 * A customer lookup: a labelled field, the place its answer shows, and every customer's rows,
 * encoded (`customer-rows.ts`) and gzipped in base64, which the page unpacks on the first lookup.
 * Base64 holds no `<`, so the rows cannot end their element early.
 */
export function lookupSectionHtml(section: LookupSection, encoded: EncodedCustomerRows, extraHtml = ''): { html: string; spec: LookupSpec } {
  const spec: LookupSpec = {
    formId: `${section.id}-form`,
    inputId: `${section.id}-id`,
    outputId: `${section.id}-result`,
    rowsElementId: `${section.id}-rows`,
    cellColumns: section.cellColumns,
    noun: section.noun,
  };
  const rows = gzipSync(JSON.stringify(encoded)).toString('base64');
  const html = `<section aria-labelledby="${spec.formId}-heading">
<h2 id="${spec.formId}-heading">${escapeHtml(section.heading)}</h2>
<p>${escapeHtml(section.intro)}</p>
${extraHtml}
<form id="${spec.formId}" role="search"><label for="${spec.inputId}">Customer id</label> <input id="${spec.inputId}" name="customer" type="search" autocomplete="off" spellcheck="false"> <button type="submit">Show</button></form>
<div id="${spec.outputId}" aria-live="polite"></div>
<script type="text/plain" id="${spec.rowsElementId}">${rows}</script>
</section>`;
  return { html, spec };
}

/** Groups rows by customer without copying them. */
export function rowsByCustomer<Row extends { customerId: string }>(rows: Iterable<Row>): Map<string, Row[]> {
  const grouped = new Map<string, Row[]>();
  for (const row of rows) {
    const group = grouped.get(row.customerId);
    if (group) group.push(row);
    else grouped.set(row.customerId, [row]);
  }
  return grouped;
}
