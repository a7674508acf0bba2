import { describe, expect, it, vi } from 'vitest';
import { loadedForSend, loadOnce } from '../../../shared/adapters/load-once';
import { TransientDeliveryError } from '../../../shared/domain/errors';

describe('loading what only some invocations need, once', () => {
  it('loads nothing until first asked, then shares the one result with every later call', async () => {
    const load = vi.fn(() => Promise.resolve({ client: 'made' }));
    const source = loadOnce(load);

    expect(load).not.toHaveBeenCalled();
    const [first, second] = await Promise.all([source(), source()]);
    const third = await source();

    expect(load).toHaveBeenCalledTimes(1);
    expect(second).toBe(first);
    expect(third).toBe(first);
  });

  it('forgets a failed load, so the next call loads again', async () => {
    const load = vi.fn().mockRejectedValueOnce(new Error('Cannot find module')).mockResolvedValue('loaded');
    const source = loadOnce(load);

    await expect(source()).rejects.toThrow('Cannot find module');
    expect(await source()).toBe('loaded');
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('turns a failed load before a send into a transient failure, which SQS retries', async () => {
    const cause = new Error('Cannot find module');

    const loading = loadedForSend('SES client', () => Promise.reject(cause));

    await expect(loading).rejects.toBeInstanceOf(TransientDeliveryError);
    await expect(loading).rejects.toMatchObject({ message: 'the SES client could not be loaded', cause });
  });
});
