import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { saveScreenshot } from '../helpers/console';
import { decodePng, sameScreenshot, type PngPixels } from '../helpers/png-pixels';

/** A PNG of the pixels, every row unfiltered: another encoding of the same image than Chromium's. */
function encodePng({ width, height, channels, data }: PngPixels): Buffer {
  const chunk = (type: string, body: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(body.length);
    return Buffer.concat([length, Buffer.from(type, 'latin1'), body, Buffer.alloc(4)]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, channels === 4 ? 6 : 2, 0, 0, 0], 8);
  const stride = width * channels;
  const rows = Buffer.concat(Array.from({ length: height }, (_, y) => Buffer.concat([Buffer.from([0]), Buffer.from(data.subarray(y * stride, (y + 1) * stride))])));
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

const pageShowing = (png: Buffer) => ({ screenshot: async () => png }) as unknown as Page;

describe("the browser tests' screenshots", () => {
  it('leaves a screenshot file untouched when the page draws the same pixels, so a second run leaves the tree clean', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'shots-')), 'health.png');
    await writeFile(path, Buffer.from('same pixels'));
    const before = (await stat(path)).mtimeMs;

    const written = await saveScreenshot(pageShowing(Buffer.from('same pixels')), path);

    expect(written).toBe(false);
    expect((await stat(path)).mtimeMs).toBe(before);
  });

  it('writes it when the page changed, or when there is none yet', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'shots-'));
    await writeFile(join(folder, 'health.png'), Buffer.from('old pixels'));

    expect(await saveScreenshot(pageShowing(Buffer.from('new pixels')), join(folder, 'health.png'))).toBe(true);
    expect(await saveScreenshot(pageShowing(Buffer.from('first pixels')), join(folder, 'journeys.png'))).toBe(true);

    expect(await readFile(join(folder, 'health.png'), 'utf8')).toBe('new pixels');
    expect(await readFile(join(folder, 'journeys.png'), 'utf8')).toBe('first pixels');
  });

  it("reads Chromium's filtered rows back to the pixels, and tells anti-aliasing noise from a change", async () => {
    const chromiums = await readFile('docs/screenshots/journeys.png');
    const pixels = decodePng(chromiums)!;
    expect(pixels).toMatchObject({ width: 1280, channels: expect.any(Number) });
    expect(decodePng(encodePng(pixels))!.data).toEqual(pixels.data);

    const nudged = { ...pixels, data: Uint8Array.from(pixels.data) };
    nudged.data[1000] = (nudged.data[1000]! + 1) % 256;
    const changed = { ...pixels, data: Uint8Array.from(pixels.data) };
    changed.data[1000] = (changed.data[1000]! + 128) % 256;

    expect(sameScreenshot(chromiums, encodePng(pixels))).toBe(true);
    expect(sameScreenshot(chromiums, encodePng(nudged))).toBe(true);
    expect(sameScreenshot(chromiums, encodePng(changed))).toBe(false);
    expect(sameScreenshot(chromiums, encodePng({ ...pixels, height: pixels.height - 1, data: pixels.data.subarray(0, pixels.data.length - pixels.width * pixels.channels) }))).toBe(false);
  });
});
