/** One size of the simulation bench in its own process; prints its row as a JSON line. */
import { lunarJavascriptCalendar } from '../shared/domain/calendar/lunar-javascript-calendar';
import { useLunarCalendar } from '../shared/domain/triggers/festival';
import { simulateOneSize, type SimulationBenchOptions } from './simulation';

// Festival dates over any period: from the lunar library, as `npm run simulate` does.
useLunarCalendar(lunarJavascriptCalendar);

const { customers, ...options } = JSON.parse(process.argv[2] ?? '{}') as SimulationBenchOptions & { customers: number };
console.log(JSON.stringify(await simulateOneSize(options, customers)));
