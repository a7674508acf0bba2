import type { PrintDesign } from '../../../domain/journey/schema';
import { birthdayCandles } from './birthday-candles';
import type { PrintLayout } from './print-layout';
import { welcomeLetter } from './welcome-letter';

/** Every print design a template may name, by its name: a design missing here fails to compile. */
export const printLayouts: Record<PrintDesign, PrintLayout> = {
  'birthday-candles': birthdayCandles,
  'welcome-letter': welcomeLetter,
};
