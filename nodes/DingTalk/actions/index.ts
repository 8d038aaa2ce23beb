import * as appRobot from './appRobot';
import * as groupRobot from './groupRobot';
import * as interopMessage from './interopMessage';
import * as robotConversation from './robotConversation';
import * as todo from './todo';
import * as workNotification from './workNotification';

export { appRobot, groupRobot, interopMessage, robotConversation, todo, workNotification };

/** The node's resources by their `resource` value (see common/router.ts). */
export const resources = { appRobot, groupRobot, interopMessage, robotConversation, todo, workNotification };
