// The reports in shared/ escape with the same function; it lives there, beside them.
export { escapeHtml } from '../shared/reports/escape-html';
