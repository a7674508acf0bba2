/** Dates as day numbers since 1970-01-01: kept beside the other date arithmetic in `dates.ts`. */
export { dateOfEpochDay, epochDay } from '../dates';
