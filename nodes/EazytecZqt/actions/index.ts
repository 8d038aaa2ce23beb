import * as dictionary from './dictionary';
import * as message from './message';

export { dictionary, message };

/** The node's resources by their `resource` value (see common/router.ts). */
export const resources = { dictionary, message };
