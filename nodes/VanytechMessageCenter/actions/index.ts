import type { OperationMap } from '../../common/node';
import { confirmTodo } from './message/confirmTodo.operation';
import { getProgress } from './message/getProgress.operation';
import { getReplies } from './message/getReplies.operation';
import { send } from './message/send.operation';
import { sendCard } from './message/sendCard.operation';
import { sendSms } from './message/sendSms.operation';
import { getMessageCount } from './user/getMessageCount.operation';
import { getMessages } from './user/getMessages.operation';
import { listAccounts } from './wechatTemplate/listAccounts.operation';
import { listTemplates } from './wechatTemplate/listTemplates.operation';
import { sendTemplate } from './wechatTemplate/send.operation';

export const operations: OperationMap = {
	message: { send, sendSms, sendCard, getProgress, getReplies, confirmTodo },
	wechatTemplate: { listAccounts, listTemplates, send: sendTemplate },
	user: { getMessageCount, getMessages },
};
