/**
 * Send and Wait for Response as a government-enterprise message whose PC link and app link
 * (redirect_pc, redirect_app) are the response page; the body shows the question and the answer
 * buttons as links. The platform has no interface to mark a message answered.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { WaitingOperation } from '../../../common/sendAndWait/execute';
import { htmlMessage } from '../../../common/sendAndWait/links';
import { sendAndWaitProperties } from '../../../common/sendAndWait/properties';
import { ROUTES } from '../../transport';
import { description as sendFields } from './send.fields';
import { buildSend } from './send.operation';

/** The send's fields but Title, Body and Options (Subject, Message and the links take their place). */
const REPLACED = ['title', 'body', 'options'];
/** The send's options that still apply. */
const KEPT_OPTIONS = ['needPush', 'needSms', 'fromDeptId'];

const sendOptions = (sendFields.find((p) => p.name === 'options')?.options ?? []) as INodeProperties[];

export const description: INodeProperties[] = sendAndWaitProperties(
	sendFields.filter((p) => !REPLACED.includes(p.name)),
	sendOptions.filter((o) => KEPT_OPTIONS.includes(o.name)),
);

export interface Prepared {
	body: IDataObject;
}

export const sendAndWait: WaitingOperation<Prepared> = {
	description,
	sends: true,
	async prepare(f, { request, links, buttons }) {
		return { body: await buildSend(this, f, { title: request.subject, body: htmlMessage(request, buttons), link: links.respond }) };
	},
	async send(t, { body }) {
		const answer = await t.call(ROUTES.send, body, 0);
		return { outboxId: String(answer.data ?? '') };
	},
};
