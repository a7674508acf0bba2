/** A rectangle in PDF points, origin top-left (pdfkit's coordinate system). */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Millimetres to PDF points: print geometry is specified in millimetres, pdfkit draws in points. */
export const MM = 72 / 25.4;

/** A page size in points. */
export interface PageSize {
  width: number;
  height: number;
}

/** Text colours shared by every design: ink for what the customer reads, muted for the return address. */
export const INK = '#3b3030';
export const MUTED = '#8a7f7f';
