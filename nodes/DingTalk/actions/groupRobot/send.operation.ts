import { randomUUID } from 'node:crypto';
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { optionsCollection } from '../../../common/options';
import type { Operation } from '../../../common/run';
import { ROUTES } from '../../transport';
import { GROUP_ROBOT_CREDENTIAL, ROBOT_PER_MINUTE, ROBOT_WINDOW_SECONDS, robotTokenProblem } from '../../transport/robot';
import { buildRobotMessage } from '../robotMessage.build';
import { robotMessageFields, sizeLimitOption } from '../robotMessage.fields';

const options: INodeProperties = optionsCollection([
	{
		displayName: 'Message UUID',
		name: 'msgUuid',
		type: 'string',
		default: '',
		placeholder: '={{ $json.alertId }}',
		description:
			'DingTalk\'s idempotency key (msgUuid): a message with a msgUuid DingTalk has already seen is not posted again. Empty: a new one for each item, so that a resend after "busy" is posted once. Set it (e.g. to an alert ID) so that running the workflow again does not post the same alert twice.',
	},
	{
		displayName: 'Messages per Minute',
		name: 'messagesPerMinute',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 1000 },
		default: ROBOT_PER_MINUTE,
		description:
			'Most messages this node posts per minute (per Rate Window). DingTalk allows a robot 20 a minute and throttles it for 10 minutes above that (error 410100). Messages are spaced evenly with a small safety margin, so 20 take about 63 seconds. The pace holds within one execution; executions running at the same time each keep their own.',
	},
	{
		displayName: 'Rate Window (Seconds)',
		name: 'rateWindowSeconds',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: ROBOT_WINDOW_SECONDS,
		description: 'The window DingTalk counts a robot\'s messages in: 60 seconds. Change it only for a test server or a proxy with another limit.',
	},
	sizeLimitOption,
]);

export const description: INodeProperties[] = [...robotMessageFields, options];

export interface Prepared {
	body: IDataObject;
}

export const send: Operation<Prepared> = {
	description,
	sends: true,
	async prepare(f) {
		const credentials = await this.getCredentials(GROUP_ROBOT_CREDENTIAL, f.itemIndex);
		const problem = robotTokenProblem(credentials.webhookToken);
		if (problem) throw new NodeOperationError(this.getNode(), problem, { itemIndex: f.itemIndex, description: 'Fix the DingTalk Group Robot API credential.' });
		const msg = buildRobotMessage(f);
		const given = f.text(f.param('options.msgUuid', ''), 'Message UUID').trim();
		if (typeof msg.msgUuid !== 'string' || msg.msgUuid === '') msg.msgUuid = given || randomUUID();
		return { body: msg };
	},
	async execute(t, { body }, i) {
		await t.call(ROUTES.robotSend, body, i);
		return { sent: true, msgtype: body.msgtype, msgUuid: body.msgUuid };
	},
};
