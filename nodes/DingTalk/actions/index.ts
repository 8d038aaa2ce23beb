import * as groupRobot from './groupRobot';
import * as interopMessage from './interopMessage';
import * as robotConversation from './robotConversation';
import * as workNotification from './workNotification';

export { groupRobot, interopMessage, robotConversation, workNotification };

/** The node's resources by their `resource` value (see common/router.ts). */
export const resources = { groupRobot, interopMessage, robotConversation, workNotification };
