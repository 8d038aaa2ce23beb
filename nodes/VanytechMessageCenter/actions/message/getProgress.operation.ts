import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { Operation } from '../../../common/run';
import { ROUTES } from '../../transport';
import type { VanytechAnswer } from '../../transport';
import { msgIdField, readMsgId } from '../shared';

const STATES: Record<string, string> = { '0': 'Not Sent', '1': 'Finished', '2': 'Sending' };

export const description: INodeProperties[] = [
	msgIdField('The msgId returned by Send or Send SMS'),
];

export const getProgress: Operation<{ msgId: string }> = {
	description,
	prepare(f) {
		return { msgId: readMsgId(f) };
	},
	async execute(t, { msgId }, i) {
		const answer = await t.call<VanytechAnswer<IDataObject>>(ROUTES.getProgress, { msgId }, i);
		const data = answer.resultData ?? {};
		return { msgId, ...data, stateName: STATES[String(data.state)] ?? 'Unknown' };
	},
};
