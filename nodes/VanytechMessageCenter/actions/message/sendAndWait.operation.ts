/**
 * Send and Wait for Response as a todo message (sendMsgType 4): the todo's link (waitLink, and
 * the PC link) is the response page, where the person approves, declines or fills in the form.
 * After the answer the todo is confirmed (checkMessageStatusApi, state 2 已办理), so it leaves the
 * person's todo list.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { rowsOrJsonFields } from '../../../common/fields';
import { messageOf } from '../../../common/errors';
import type { WaitingOperation } from '../../../common/sendAndWait/execute';
import { sendAndWaitProperties } from '../../../common/sendAndWait/properties';
import { ROUTES } from '../../transport';
import type { VanytechAnswer } from '../../transport';
import { convertBracketsOption, smsSafe } from '../shared';
import { CHANNELS, channelsField, readReceivers, RECEIVERS } from './send.operation';

export const description: INodeProperties[] = sendAndWaitProperties(
	[{ ...channelsField, description: 'Where to deliver the todo (sendChannel). Several channels may be chosen.' }, ...rowsOrJsonFields(RECEIVERS)],
	[convertBracketsOption],
);

export interface Prepared {
	body: IDataObject;
}

export const sendAndWait: WaitingOperation<Prepared> = {
	description,
	sends: true,
	prepare(f, { request, links }) {
		const options = f.param<IDataObject>('options', {}) ?? {};
		const channels = f.manyOf(f.param('channels'), 'Channels', CHANNELS);
		// The content carries the link too, for channels that show only the text (SMS, mail).
		let content = `${request.message}\n${links.respond}`;
		if (channels.includes('SMS')) content = smsSafe(f, content, 'Message', options.convertBrackets === true);
		const link = f.text(links.respond, 'Message (response link)', { maxLength: 1024 });
		const body: IDataObject = {
			msgtitle: f.text(request.subject, 'Subject', { maxLength: 100 }),
			msgType: '1',
			msgContent: content,
			sendStatus: '1',
			sendChannel: channels.join(','),
			sendMode: 'normal',
			receivers: JSON.stringify(readReceivers(f)),
			sendMsgType: '4',
			waitLink: link,
			pcUrl: link,
			isReply: '0',
		};
		return { body };
	},
	async send(t, { body }) {
		const answer = await t.call<VanytechAnswer>(ROUTES.send, body, 0);
		return { msgId: String(answer.resultData?.msgId ?? '') };
	},
	async afterAnswer(t, { msgId }) {
		if (!msgId) return {};
		try {
			await t.call(ROUTES.confirmTodo, { msgId, messageType: '1', state: '2' });
			return { todo: { msgId, confirmed: true } };
		} catch (error) {
			return { todo: { msgId, confirmed: false, error: messageOf(error) } };
		}
	},
};
