import type { OperationMap } from '../../common/node';
import { send as interopSend } from './interopMessage/send.operation';
import { getProgress } from './workNotification/getProgress.operation';
import { getResult } from './workNotification/getResult.operation';
import { recall } from './workNotification/recall.operation';
import { send as workSend } from './workNotification/send.operation';
import { sendFromTemplate } from './workNotification/sendFromTemplate.operation';
import { updateStatusBar } from './workNotification/updateStatusBar.operation';

export const operations: OperationMap = {
	interopMessage: { send: interopSend },
	workNotification: { send: workSend, sendFromTemplate, getProgress, getResult, recall, updateStatusBar },
};
