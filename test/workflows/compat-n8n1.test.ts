import { compatibilitySuite } from './compat';

/** The compatibility suite on the newest n8n 1.x (scripts/install-n8n.sh, N8N_VERSION=1). */
compatibilitySuite('1');
