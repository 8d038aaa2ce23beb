/**
 * Send and Wait for Response as a work notification: an action card whose buttons are the signed
 * approve/decline links (or one "Respond" button to the form), or an OA message that opens the
 * response page and whose status bar shows the answer once it is given.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { messageOf } from '../../../common/errors';
import type { WaitingOperation } from '../../../common/sendAndWait/execute';
import { sendAndWaitProperties } from '../../../common/sendAndWait/properties';
import { answerData, ROUTES } from '../../transport';
import { agentIdField, idNumber } from '../shared';
import { msgProblem } from './msg';
import { readReceivers, receiverFields } from './receivers';
import { LIMITS } from './send.operation';

const STATUS_DEFAULTS = { statusPending: '待处理', statusApproved: '已同意', statusDeclined: '已拒绝', statusAnswered: '已回复' };


export const description: INodeProperties[] = sendAndWaitProperties(
	[
		agentIdField,
		...receiverFields(LIMITS),
		{
			displayName: 'Message Style',
			name: 'messageStyle',
			type: 'options',
			options: [
				{ name: 'Action Card', value: 'actionCard', description: 'A card with the answer buttons' },
				{
					name: 'OA Message',
					value: 'oa',
					description: 'Opens the response page; its status bar shows the answer afterwards (at most 5 users, no departments)',
				},
			],
			default: 'actionCard',
		},
	],
	[
		{
			displayName: 'Status Bar Text While Waiting',
			name: 'statusPending',
			type: 'string',
			default: '待处理',
			description: 'OA message only: the status bar text until someone answers',
		},
		{
			displayName: 'Status Bar Text When Approved',
			name: 'statusApproved',
			type: 'string',
			default: '已同意',
			description: 'OA message only: the status bar text after an approval',
		},
		{
			displayName: 'Status Bar Text When Declined',
			name: 'statusDeclined',
			type: 'string',
			default: '已拒绝',
			description: 'OA message only: the status bar text after a decline',
		},
		{
			displayName: 'Status Bar Text When Answered',
			name: 'statusAnswered',
			type: 'string',
			default: '已回复',
			description: 'OA message only: the status bar text after a form was sent',
		},
	],
);

export interface Prepared {
	body: IDataObject;
	oa: boolean;
}

export const sendAndWait: WaitingOperation<Prepared> = {
	description,
	sends: true,
	prepare(f, { request, links, buttons }) {
		const agentId = idNumber(f, f.param('agentId'), 'Agent ID');
		const { receivers, users, depts } = readReceivers(f, LIMITS);
		const oa = f.oneOf(f.param('messageStyle', 'actionCard'), 'Message Style', ['actionCard', 'oa']) === 'oa';
		const options = f.param<IDataObject>('options', {}) ?? {};
		let msg: IDataObject;
		if (oa) {
			if (depts.length > 0 || receivers.to_all_user || users.length > 5) {
				f.fail('Message Style', 'an OA message (with its status bar) can go to at most 5 users, without departments or everyone', 'Choose Action Card to ask more people.');
			}
			msg = {
				msgtype: 'oa',
				oa: {
					message_url: links.respond,
					pc_message_url: links.respond,
					head: { bgcolor: 'FFBBBBBB', text: request.subject },
					body: { title: request.subject, content: request.message },
					status_bar: { status_value: f.text(options.statusPending ?? STATUS_DEFAULTS.statusPending, 'Status Bar Text While Waiting', { required: true }) },
				},
			};
		} else {
			const card: IDataObject = { title: request.subject, markdown: `### ${request.subject}\n\n${request.message.replace(/\n/g, '  \n')}` };
			if (buttons.length === 1) {
				card.single_title = buttons[0].label;
				card.single_url = buttons[0].url;
			} else {
				card.btn_orientation = '1';
				card.btn_json_list = buttons.map((b) => ({ title: b.label, action_url: b.url }));
			}
			msg = { msgtype: 'action_card', action_card: card };
		}
		const problem = msgProblem(msg);
		if (problem) f.fail('Message', `the work notification built from Subject and Message ${problem}`);
		return { body: { agent_id: agentId, ...receivers, msg }, oa };
	},
	async send(t, { body, oa }) {
		const answer = await t.call(ROUTES.asyncsend, body, 0);
		const ids: Record<string, string> = { agentId: String(body.agent_id), taskId: String(answerData(answer).task_id) };
		if (oa) ids.oa = '1';
		return ids;
	},
	async afterAnswer(t, ids, answer) {
		if (ids.oa !== '1') return {};
		const options = (this.getNodeParameter('options', {}) ?? {}) as IDataObject;
		const key = answer.approved === true ? 'statusApproved' : answer.approved === false ? 'statusDeclined' : 'statusAnswered';
		const statusValue = String(options[key] || STATUS_DEFAULTS[key]);
		try {
			await t.call(ROUTES.statusBarUpdate, { agent_id: Number(ids.agentId), task_id: Number(ids.taskId), status_value: statusValue });
			return { statusBar: { updated: true, statusValue, taskId: ids.taskId } };
		} catch (error) {
			return { statusBar: { updated: false, statusValue, taskId: ids.taskId, error: messageOf(error) } };
		}
	},
};
