import type { ConsentChannel } from '../domain/customer';
import type { JourneyCategory } from '../domain/journey/category';
import type { SendingPause } from '../domain/sending-pause';

/** The pause switches the dispatcher reads before each send. */
export interface SendingPauses {
  /** The switches on now (read briefly cached by the dispatcher: a pause takes effect within a minute). */
  activePauses(): Promise<SendingPause[]>;
  /** Turns the switch on; pausing again keeps the first reason and time. Returns whether it was off. */
  pause(entry: SendingPause): Promise<boolean>;
  /** Turns the switch off. Returns whether it was on. */
  resume(channel: ConsentChannel, category: JourneyCategory): Promise<boolean>;
}
