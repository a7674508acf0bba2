import { lunarJavascriptCalendar } from '../../shared/domain/calendar/lunar-javascript-calendar';
import { useLunarCalendar } from '../../shared/domain/triggers/festival';

// Tests plan festivals with the lunar library itself; functions use the table compiled with the
// journeys (shared/compose/evaluation.ts).
useLunarCalendar(lunarJavascriptCalendar);
