import { compatibilitySuite } from './compat';

/** The compatibility suite on the n8n the tests run on: the pinned 2.x, or the one N8N_VERSION names. */
compatibilitySuite();
