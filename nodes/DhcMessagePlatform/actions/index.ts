import type { OperationMap } from '../../common/node';
import { sendByChannel } from './message/sendByChannel.operation';
import { sendFromTemplate } from './message/sendFromTemplate.operation';

export const operations: OperationMap = {
	message: { sendByChannel, sendFromTemplate },
};
