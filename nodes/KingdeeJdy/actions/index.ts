import type { OperationMap } from '../../common/node';
import { send } from './message/send.operation';

export const operations: OperationMap = {
	message: { send },
};
