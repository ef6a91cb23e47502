// CONTRACT_DATA's tradingHours/liquidHours as the info panel shows them. Inputs are IB's documented forms
// (contract details page: "20090507:0700-1830,1830-2330;20090508:CLOSED" before TWS 970, the closing date
// on both ends from 970, "20180323:0400-20180323:2000;20180326:0400-20180326:2000"), re-typed.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tradingHoursText } from '../../../gateways/ib/hours.js';

test('the form before TWS 970: sessions of a day apart by commas, a closed day', () => {
  assert.is(
    tradingHoursText('20090507:0700-1830,1830-2330;20090508:CLOSED', '', 'EST'),
    'Thu 05-07 07:00-18:30,18:30-23:30; Fri 05-08 closed (EST)',
  );
});

test('the 970+ form, with the liquid hours where they differ and the venue time zone', () => {
  assert.is(
    tradingHoursText(
      '20180323:0400-20180323:2000;20180326:0400-20180326:2000',
      '20180323:0930-20180323:1600;20180326:0930-20180326:1600',
      'US/Eastern',
    ),
    'Fri 03-23 04:00-20:00; Mon 03-26 04:00-20:00 (US/Eastern) — liquid Fri 03-23 09:30-16:00; Mon 03-26 09:30-16:00',
  );
  // Liquid hours equal to the trading hours say nothing new.
  const same = '20180323:0930-20180323:1600';
  assert.is(tradingHoursText(same, same, 'US/Eastern'), 'Fri 03-23 09:30-16:00 (US/Eastern)');
});

test('a session that ends the next day says which day; a month is cut to three days', () => {
  assert.is(
    tradingHoursText('20180325:1700-20180326:1600;20180326:1700-20180327:1600', '', 'US/Central'),
    'Sun 03-25 17:00-16:00 (Mon 03-26); Mon 03-26 17:00-16:00 (Tue 03-27) (US/Central)',
  );
  const month = Array.from({ length: 20 }, (_, k) => `201803${String(k + 1).padStart(2, '0')}:CLOSED`);
  assert.is(
    tradingHoursText(month.join(';'), '', ''),
    'Thu 03-01 closed; Fri 03-02 closed; Sat 03-03 closed; …',
  );
});

test('nothing sent or a form not documented: no hours rather than wrong ones', () => {
  assert.is(tradingHoursText('', '', 'US/Eastern'), undefined);
  assert.is(tradingHoursText('Mon-Fri 09:30-16:00', '', 'US/Eastern'), undefined);
  assert.is(tradingHoursText('20180323:0400-2000x', '', ''), undefined);
  // Unreadable liquid hours leave the trading hours shown alone.
  assert.is(tradingHoursText('20180323:0400-20180323:2000', 'junk', ''), 'Fri 03-23 04:00-20:00');
});

test.run();
