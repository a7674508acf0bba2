import type { CalendarJobEnv } from '../config/console-env';
import type { LoadedJourneyConfig } from '../config/compiled-journeys';
import { createDynamoConsoleActivity } from '../adapters/dynamodb/console-activity';
import { createDynamoCustomerListing } from '../adapters/dynamodb/customer-listing';
import { createDynamoDealerLookup } from '../adapters/dynamodb/dealer-lookup';
import { createDynamoBrandDirectory } from '../adapters/dynamodb/brand-directory';
import type { RunSimulation } from '../use-cases/console-calendar';
import type { CalendarJobDeps } from '../use-cases/console-calendar-job';
import { takeConsoleSnapshot } from '../use-cases/console-snapshot';
import { composeCalendarSnapshots } from './calendar-snapshots';
import { composeSimulation } from './simulation';
import { documentClient } from './common';

/** The simulation engine (in-memory adapters, virtual clock) run on the given customers. */
export const runSimulation =
  (config: Parameters<typeof composeSimulation>[0]): RunSimulation =>
  async ({ brands, dealers, records, handled }, period) => {
    const simulation = composeSimulation(config, { handled });
    await simulation.customers.store.saveBrands(brands);
    await simulation.customers.store.saveDealers(dealers);
    await simulation.customers.store.saveCustomers(records);
    await simulation.run(period);
    return [...simulation.sends()];
  };

/** Adapters of the calendar job: the table's customers and ledger (a Scan), the simulation, and the calendars' store. */
export function composeCalendarJob(env: CalendarJobEnv, config: LoadedJourneyConfig): CalendarJobDeps {
  const dynamo = documentClient();
  const sources = {
    activity: createDynamoConsoleActivity(dynamo, env.TABLE_NAME),
    listing: createDynamoCustomerListing(dynamo, env.TABLE_NAME),
    dealers: createDynamoDealerLookup(dynamo, env.TABLE_NAME),
  };
  return {
    read: (now) => takeConsoleSnapshot(sources, now),
    brands: createDynamoBrandDirectory(dynamo, env.TABLE_NAME),
    journeys: config.journeys,
    run: runSimulation(config),
    snapshots: composeCalendarSnapshots(env),
  };
}
