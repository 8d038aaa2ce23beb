import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { combineLists } from '../../../common/combine';
import type { Operation } from '../../../common/run';
import { answerData, ROUTES } from '../../transport';
import { agentIdField, idNumber, optionsCollection } from '../shared';
import { actionCardFields } from './actionCard.fields';
import { MSG_TYPES, msgProblem } from './msg';
import { buildMsg } from './msg.build';
import { MESSAGE_INPUT, messageFields } from './msg.fields';
import { oaFields } from './oa.fields';
import { readReceivers, receiverFields } from './receivers';
import type { ReceiverLimits } from './receivers';

/** asyncsend_v2 parameter table: userid_list at most 100, dept_id_list at most 20, to_all_user. */
export const LIMITS: ReceiverLimits = { users: 100, depts: 20, everyone: true };

export const description: INodeProperties[] = [
	agentIdField,
	...receiverFields(LIMITS),
	...messageFields,
	...oaFields,
	...actionCardFields,
	optionsCollection(),
];

export interface Prepared {
	body: IDataObject;
}

/** An OA message with a status bar may go to at most 5 users and no department (see prepare). */
const hasStatusBar = ({ body }: Prepared) => ((body.msg as IDataObject).oa as IDataObject | undefined)?.status_bar !== undefined;

export const send: Operation<Prepared> = {
	description,
	sends: true,
	// Combine Items: the same message to up to 100 users and 20 departments a call.
	combine: combineLists<Prepared>(
		{ userid_list: { format: 'csv', max: LIMITS.users }, dept_id_list: { format: 'csv', max: LIMITS.depts } },
		{
			alone: ({ body }) => body.to_all_user === true,
			limits: (p) => (hasStatusBar(p) ? { userid_list: 5, dept_id_list: 0 } : undefined),
		},
	),
	prepare(f) {
		const agentId = idNumber(f, f.param('agentId'), 'Agent ID');
		const { receivers, users, depts } = readReceivers(f, LIMITS);
		const json = f.isJson(MESSAGE_INPUT);
		const label = json ? 'Message (JSON)' : 'Message';
		const msg = json
			? (f.json(f.param('msgJson'), 'Message (JSON)', 'object') as IDataObject)
			: buildMsg(f, f.oneOf(f.param('messageType'), 'Message Type', MSG_TYPES));
		const problem = msgProblem(msg);
		if (problem) f.fail(label, problem);
		const oa = msg.oa as IDataObject | undefined;
		if (msg.msgtype === 'oa' && oa?.status_bar !== undefined && (depts.length > 0 || receivers.to_all_user || users.length > 5)) {
			f.fail(
				json ? label : 'Status Bar Text',
				'an OA status bar is allowed only when sending to at most 5 users, without departments or everyone',
			);
		}
		return { body: { agent_id: agentId, ...receivers, msg } };
	},
	async execute(t, { body }, i) {
		const answer = await t.call(ROUTES.asyncsend, body, i);
		return { agent_id: body.agent_id, ...answerData(answer) };
	},
};
