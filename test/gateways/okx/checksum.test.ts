// The books channel's checksum and sequence rules, on OKX's documented examples (docs-v5, Order book
// channel: "Checksum" and "Sequence ID").
import zlib from 'node:zlib';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { OkxBook } from '../../../gateways/okx/book.js';
import { bookChecksum, checksumString, crc32Signed } from '../../../gateways/okx/checksum.js';
import type { BookData, BookLevel } from '../../../gateways/okx/types.js';
import { CHECKSUM_EXAMPLES, SEQUENCE_EXAMPLE, WS_BOOKS_SNAPSHOT } from '../../fixtures/okx-messages.js';

const pairs = (levels: readonly (readonly string[])[]) => levels.map((l) => [l[0]!, l[1]!] as const);
const signed = (s: string) => zlib.crc32(s) | 0;

test('documented: the check strings of both documented books', () => {
  for (const ex of CHECKSUM_EXAMPLES) {
    assert.is(checksumString(pairs(ex.bids), pairs(ex.asks)), ex.checkString);
  }
});

test('documented: CRC32 as a signed 32-bit integer, as zlib computes it', () => {
  // The values OKX printed beside the same two books in its v3 documentation.
  assert.is(crc32Signed(CHECKSUM_EXAMPLES[0].checkString), -1881014294);
  assert.is(crc32Signed(CHECKSUM_EXAMPLES[1].checkString), 831078360);
  for (const s of ['', 'a', '8476.98:415', '\u00ff\u4e2d:1', 'x'.repeat(1000)])
    assert.is(crc32Signed(s), signed(s));
});

test('only the first 25 levels of each side count', () => {
  const bids = Array.from({ length: 30 }, (_, i) => [String(100 - i), '1'] as const);
  const asks = Array.from({ length: 30 }, (_, i) => [String(101 + i), '2'] as const);
  const s = checksumString(bids, asks);
  assert.is(s.split(':').length, 100);
  assert.is(bookChecksum(bids, asks), signed(s));
});

function data(
  action: 'snapshot' | 'update',
  prevSeqId: number,
  seqId: number,
  extra: Partial<BookData> = {},
): BookData {
  return { asks: [], bids: [], ts: '1', prevSeqId, seqId, checksum: 0, ...extra, ...(action ? {} : {}) };
}

test('documented: the example sequence (no-update and reset messages included) keeps the book in sync', () => {
  const book = new OkxBook();
  for (const m of SEQUENCE_EXAMPLE) {
    assert.is(
      book.apply(m.action, data(m.action, m.prevSeqId, m.seqId)),
      undefined,
      `${m.prevSeqId}->${m.seqId}`,
    );
  }
  assert.is(book.state, 'synced');
  assert.is(book.seqId, 5);
});

test('a gap breaks the book until the next snapshot; updates in between are ignored', () => {
  const book = new OkxBook();
  book.apply('snapshot', data('snapshot', -1, 10, { bids: [['1', '1', '0', '1']] }));
  assert.match(book.apply('update', data('update', 11, 12)) ?? '', /after 10/);
  assert.is(book.state, 'syncing');
  assert.is(book.apply('update', data('update', 12, 13)), undefined);
  assert.is(book.state, 'syncing');
  book.apply('snapshot', data('snapshot', -1, 20));
  assert.is(book.state, 'synced');
});

test('the checksum is verified against the strings as sent; 0 means none was sent', () => {
  const bids: BookLevel[] = [['100.10', '0.500', '0', '1']];
  const asks: BookLevel[] = [['100.20', '0.00001', '0', '1']];
  const good = signed('100.10:0.500:100.20:0.00001');
  assert.is(
    new OkxBook().apply('snapshot', data('snapshot', -1, 1, { bids, asks, checksum: good })),
    undefined,
  );
  // Rebuilt from numbers the strings would be 100.1:0.5 — a different sum, which OKX would not have sent.
  assert.not.equal(good, signed('100.1:0.5:100.2:0.00001'));
  const book = new OkxBook();
  assert.match(
    book.apply('snapshot', data('snapshot', -1, 1, { bids, asks, checksum: good + 1 })) ?? '',
    /checksum/,
  );
  assert.is(book.faults, 1);
  assert.is(new OkxBook().apply('snapshot', data('snapshot', -1, 1, { bids, asks, checksum: 0 })), undefined);
});

test('levels: size 0 deletes, a changed size replaces, new prices are sorted in', () => {
  const book = new OkxBook();
  const d = WS_BOOKS_SNAPSHOT.data[0]!;
  book.apply('snapshot', { ...d, checksum: 0 } as BookData);
  assert.is(book.bids.prices[0], 8476.97);
  assert.is(book.asks.prices[0], 8476.98);
  book.apply(
    'update',
    data('update', 123456, 123457, {
      bids: [
        ['8476.97', '0', '0', '0'],
        ['8476.5', '3', '0', '1'],
      ],
      asks: [['8477', '9', '0', '2']],
    }),
  );
  assert.equal(book.bids.prices.slice(0, 2), [8476.5, 8475.55]);
  assert.is(book.asks.sizes[1], 9);
  assert.is(book.asks.szText[1], '9');
});

test('documented example snapshot: its printed checksum is not the CRC32 of its levels (an illustration)', () => {
  // Recorded so a reader is not misled: the page's -855196043 does not belong to the levels it shows.
  const d = WS_BOOKS_SNAPSHOT.data[0]!;
  const book = new OkxBook();
  book.apply('snapshot', { ...d, checksum: 0 } as BookData);
  assert.is.not(book.checksum(), d.checksum);
  assert.is(book.checksum(), bookChecksum(pairs(d.bids), pairs(d.asks)));
});

test.run();
