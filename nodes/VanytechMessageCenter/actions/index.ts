import * as message from './message';
import * as user from './user';
import * as wechatTemplate from './wechatTemplate';

export { message, user, wechatTemplate };

/** The node's resources by their `resource` value (see common/router.ts). */
export const resources = { message, user, wechatTemplate };
