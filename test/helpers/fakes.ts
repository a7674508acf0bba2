/**
 * Test conveniences over the in-memory adapters (`shared/adapters/memory/`), for unit tests of
 * the use cases. Integration tests use the real local servers instead.
 */
import type { CustomerContext } from '../../shared/domain/customer';
import { customerFacts } from '../../shared/domain/customer-facts';
import type { IsoDate } from '../../shared/domain/dates';
import type { Journey } from '../../shared/domain/journey/schema';
import { createMemoryDueIndex } from '../../shared/adapters/memory/due-index';
import { createMemoryCustomerBase } from '../../shared/adapters/memory/customers';
import { createMemorySuppressionList } from '../../shared/adapters/memory/suppression-list';
import { createRecordingChannels, type RecordingChannels } from '../../shared/adapters/memory/channels';
import { createMemoryTaskStore } from '../../shared/adapters/memory/task-store';
import { fileDueDates } from '../../shared/use-cases/file-due-dates';
import type { CustomerDirectory } from '../../shared/ports/customers';
import type { TaskStore } from '../../shared/ports/tasks';

/** The memory customer directory holding these customers, their dealers and their suppression entries. */
export function fakeDirectory(contexts: CustomerContext[]): CustomerDirectory {
  const suppressions = createMemorySuppressionList();
  for (const entry of contexts.flatMap((context) => context.suppressions ?? [])) void suppressions.suppress(entry);
  return createMemoryCustomerBase({ dealers: contexts.map((context) => context.dealer), customers: contexts }, { suppressions }).directory;
}

/**
 * The in-memory due index with these customers filed, as an import does, under their next due
 * date with `journeys` from the local date `from` on (the earliest date a test evaluates).
 */
export async function filedDueIndex(contexts: CustomerContext[], journeys: readonly Journey[], from: IsoDate): Promise<ReturnType<typeof createMemoryDueIndex>> {
  const dueIndex = createMemoryDueIndex();
  await fileDueDates(contexts.map(({ dealer, ...record }) => customerFacts(record, dealer.address.country)), journeys, from, dueIndex);
  return dueIndex;
}

/** The recording channels with a memory task store: the dispatch's sinks in one spread. */
export function recordingChannels(): Omit<RecordingChannels, 'counts'> & { tasks: TaskStore } {
  const { counts: _counts, ...channels } = createRecordingChannels();
  return { ...channels, tasks: createMemoryTaskStore() };
}
