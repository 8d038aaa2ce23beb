/**
 * Send and Wait for Response as a site letter (站内信) whose detail link (website) is the response
 * page, and, if chosen, an email with the answer buttons as links. The platform has no interface
 * to mark a message answered, so nothing happens on it after the answer.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { WaitingOperation } from '../../../common/sendAndWait/execute';
import { htmlMessage } from '../../../common/sendAndWait/links';
import { escapeHtml } from '../../../common/sendAndWait/pages';
import { sendAndWaitProperties } from '../../../common/sendAndWait/properties';
import { ROUTES, sendResult } from '../../transport';
import { checkChannelData, sendBody } from './shared.checks';
import { optionsField, receiverFields } from './shared.fields';

/** The send's options that make sense for a question: not Send At (a scheduled question would wait unseen). */
const extraOptions = (optionsField('channel').options as INodeProperties[]).filter((o) => o.name !== 'sendAt');

export const description: INodeProperties[] = sendAndWaitProperties(
	[
		{
			displayName:
				'Channel codes are configured on each deployment. The defaults (1002 site letter, 1003 email) are the document\'s examples: ask the platform\'s administrator for yours.',
			name: 'channelCodesNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Site Letter Channel Code',
			name: 'siteLetterChannel',
			type: 'string',
			default: '1002',
			required: true,
			description: 'The code of the site letter channel: the letter\'s detail link (website) is the response page',
		},
		{
			displayName: 'Also Send Email',
			name: 'alsoEmail',
			type: 'boolean',
			default: false,
			description: 'Whether to send the question by email too, with the answer buttons as links',
		},
		{
			displayName: 'Email Channel Code',
			name: 'emailChannel',
			type: 'string',
			default: '1003',
			displayOptions: { show: { alsoEmail: [true] } },
		},
		...receiverFields('channel'),
	],
	extraOptions,
);

export interface Prepared {
	body: IDataObject;
}

export const sendAndWait: WaitingOperation<Prepared> = {
	description,
	sends: true,
	prepare(f, { request, links, buttons }) {
		const siteLetter = f.text(f.param('siteLetterChannel'), 'Site Letter Channel Code', { required: true }).trim();
		const data: IDataObject = {
			[siteLetter]: {
				title: request.subject,
				content: escapeHtml(request.message).replace(/\n/g, '<br>'),
				website: links.respond,
			},
		};
		if (f.yesNo(f.param('alsoEmail', false), 'Also Send Email', false)) {
			const email = f.text(f.param('emailChannel'), 'Email Channel Code', { required: true }).trim();
			if (email === siteLetter) f.fail('Email Channel Code', `is the same as the Site Letter Channel Code (${email})`);
			data[email] = { title: request.subject, content: htmlMessage(request, buttons) };
		}
		const channelData = checkChannelData(f, data, 'Message');
		return { body: sendBody(f, 'channel', { channelData }, Object.keys(channelData)) };
	},
	async send(t, { body }) {
		const result = sendResult(await t.call(ROUTES.sendByChannel, body, 0));
		const ids: Record<string, string> = {};
		if (result.msgId !== undefined) ids.msgId = String(result.msgId);
		return ids;
	},
};
