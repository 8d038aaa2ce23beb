import * as message from './message';

export { message };

/** The node's resources by their `resource` value (see common/router.ts). */
export const resources = { message };
