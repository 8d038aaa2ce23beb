import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { choiceField } from '../../../common/properties';
import type { Operation } from '../../../common/run';
import { ROUTES } from '../../transport';
import type { VanytechAnswer } from '../../transport';
import { msgIdField, readMsgId } from '../shared';

export const description: INodeProperties[] = [
	msgIdField('The msgId of the todo message (from Send with category Todo, or WeChat Template Send)'),
	choiceField('Message Kind', 'messageType', [{ name: 'Message Center Todo', value: '1' }, { name: 'WeChat Template Todo', value: '2' }], '1'),
	choiceField('State', 'state', [
		{ name: 'Done', value: '2' },
		{ name: 'Pending', value: '1' },
	], '2', { description: 'The new state of the whole todo flow' }),
];

export const confirmTodo: Operation<{ body: IDataObject }> = {
	description,
	prepare(f) {
		return {
			body: {
				msgId: readMsgId(f),
				messageType: f.oneOf(f.param('messageType'), 'Message Kind', ['1', '2']),
				state: f.oneOf(f.param('state'), 'State', ['1', '2']),
			},
		};
	},
	async execute(t, { body }, i) {
		const answer = await t.call<VanytechAnswer<IDataObject | null>>(ROUTES.confirmTodo, body, i);
		return { msgId: body.msgId, state: body.state, confirmed: true, result: answer.resultData ?? null };
	},
};
