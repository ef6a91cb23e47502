// The TIGER gateway against the shared conformance suite, on the Tiger simulator (REST + TLS protobuf push).
import { runConformance } from '../../conformance/suite.js';
import { tigerTarget } from './target.js';

runConformance(tigerTarget(), 'TIGER');
