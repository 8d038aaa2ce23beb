import * as interopMessage from './interopMessage';
import * as workNotification from './workNotification';

export { interopMessage, workNotification };

/** The node's resources by their `resource` value (see common/router.ts). */
export const resources = { interopMessage, workNotification };
