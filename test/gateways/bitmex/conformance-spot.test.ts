// The BITMEX gateway on the XBT_USDT spot pair: vnt volumes in XBT, BitMEX quantities in satoshis.
import { runConformance } from '../../conformance/suite.js';
import { bitmexTarget } from './target.js';

runConformance(bitmexTarget('XBT_USDT', 0.0002, 90000), 'BITMEX XBT_USDT spot');
