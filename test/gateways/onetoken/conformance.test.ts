// The ONETOKEN gateway against the shared conformance suite, on `vnt sim onetoken`.
import { runConformance } from '../../conformance/suite.js';
import { onetokenTarget } from './target.js';

runConformance(onetokenTarget(), 'ONETOKEN (huobip spot)');
