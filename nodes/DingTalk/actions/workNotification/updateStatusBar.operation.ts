import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { Operation } from '../../../common/run';
import { answerData, ROUTES } from '../../transport';
import { noticeField } from '../../../common/properties';
import { agentIdField, optionsCollection, readTask, taskIdField } from '../shared';

export const description: INodeProperties[] = [
	noticeField('statusBarNotice', 'Works only for OA messages sent within the last 7 days'),
	agentIdField,
	{ ...taskIdField, description: 'The task_id the OA message send returned' },
	{
		displayName: 'Status Text',
		name: 'statusValue',
		type: 'string',
		default: '',
		required: true,
		placeholder: '已同意',
		description: 'The new status shown on the message',
	},
	optionsCollection([
		{
			displayName: 'Status Color',
			name: 'statusBg',
			type: 'string',
			default: '',
			placeholder: '0xFF78C06E',
			description: 'Background of the status: 0xFF followed by six hexadecimal digits',
		},
	]),
];

export interface Prepared {
	body: IDataObject;
}

export const updateStatusBar: Operation<Prepared> = {
	description,
	prepare(f) {
		const options = f.param<IDataObject>('options', {});
		const { agentId, taskId } = readTask(f);
		const body: IDataObject = {
			agent_id: agentId,
			task_id: taskId,
			status_value: f.text(f.param('statusValue'), 'Status Text', { required: true }),
		};
		const bg = f.text(options.statusBg, 'Status Color', {
			pattern: /^0x[0-9A-Fa-f]{8}$/,
			patternText: '0x followed by 8 hexadecimal digits (e.g. 0xFF78C06E)',
		});
		if (bg) body.status_bg = bg;
		return { body };
	},
	async execute(t, { body }, i) {
		const answer = await t.call(ROUTES.statusBarUpdate, body, i);
		return { ...body, updated: true, ...answerData(answer) };
	},
};
