/**
 * Send and Wait for Response, the webhook half: every signed link lands here (n8n has already
 * refused a changed or forged one with 401). A GET only shows a page: the question with its
 * buttons, or the form. Only a POST from that page answers: the platform follow-up runs (status
 * bar, todo), the page says the answer was recorded, and what this returns becomes the node's
 * output, resuming the workflow. Nothing is read from process memory: what the answer needs
 * travels in the signed link and in the waiting execution (state.ts).
 */
import { SEND_AND_WAIT_OPERATION } from 'n8n-workflow';
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { isObject } from '../answers';
import { messageOf } from '../errors';
import type { Resource } from '../router';
import { openTransport } from '../transport';
import type { PlatformClient } from '../transport';
import { ItemFields } from '../validation';
import { isWaitingOperation } from './execute';
import type { Answer } from './execute';
import { readFormAnswer } from './form';
import { confirmPage, formPage, notePage, pickLanguage } from './pages';
import type { Lang, Note } from './pages';
import { readRequest } from './request';
import type { AnswerRequest } from './request';
import { readState } from './state';

/** The two webhooks n8n's send-and-wait nodes declare: the signed links land here, GET and POST. */
export const SEND_AND_WAIT_WEBHOOKS = (['GET', 'POST'] as const).map((httpMethod) => ({
	name: 'default' as const,
	httpMethod,
	responseMode: 'onReceived',
	responseData: '',
	path: '={{ $nodeId }}',
	restartWebhook: true,
	isFullPath: true,
}));

/** The tooltip n8n shows on a waiting node, as its own send-and-wait nodes word it. */
export const SEND_AND_WAIT_TOOLTIP =
	'={{ $parameter["operation"] === "sendAndWait" ? "Execution will continue after the user\'s response" : "" }}';

const NO_RESUME: IWebhookResponseData = { noWebhookResponse: true };

/** The node's parameters read the way ItemFields reads them (in a webhook they resolve against the waiting item). */
function parameters(ctx: IWebhookFunctions) {
	return {
		getNode: () => ctx.getNode(),
		getNodeParameter: (name: string, _itemIndex: number, fallback?: unknown) => ctx.getNodeParameter(name, fallback),
		getTimezone: () => ctx.getTimezone(),
	};
}

/** The fields of a POSTed form: multipart bodies arrive as { data, files }, url-encoded ones flat. */
function posted(body: unknown): IDataObject {
	if (isObject(body) && isObject(body.data)) return body.data;
	return isObject(body) ? body : {};
}

function sendPage(ctx: IWebhookFunctions, status: number, html: string): void {
	const res = ctx.getResponseObject();
	res.status(status);
	res.setHeader('Content-Type', 'text/html; charset=utf-8');
	res.setHeader('Cache-Control', 'no-store');
	// The address carries a signature: never pass it on as a referrer; keep the page out of indexes and frames.
	res.setHeader('Referrer-Policy', 'no-referrer');
	res.setHeader('X-Robots-Tag', 'noindex, nofollow');
	res.setHeader(
		'Content-Security-Policy',
		"default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
	);
	res.send(html);
}

/** The approval choices a link offers: its own answer, or (the page link) every answer allowed. */
function choices(request: AnswerRequest, approved: unknown): Array<{ label: string; approved: boolean }> {
	const approve = { label: request.approveLabel, approved: true };
	const decline = { label: request.declineLabel, approved: false };
	if (approved === 'true') return [approve];
	if (approved === 'false' && request.double) return [decline];
	return request.double ? [decline, approve] : [approve];
}

/** Reads the answer of a POST, or the page to show again when it cannot be taken. */
function readAnswer(request: AnswerRequest, query: IDataObject, body: IDataObject, lang: Lang): Answer | { status: number; html: string } {
	const respondedAt = new Date().toISOString();
	if (request.responseType === 'approval') {
		const given = query.approved ?? body.approved;
		if (given !== 'true' && !(given === 'false' && request.double)) {
			return { status: 400, html: confirmPage(lang, request, choices(request, undefined), true) };
		}
		const approved = given === 'true';
		return { approved, data: { approved, respondedAt } };
	}
	const read = readFormAnswer(request.fields, body);
	if (!read.ok) return { status: 400, html: formPage(lang, request, body, read) };
	const data = request.responseType === 'freeText' ? { text: read.values.text } : read.values;
	return { data: { ...data, respondedAt } };
}

/** What the "recorded" page repeats back: the button pressed (forms: nothing). */
function answerLabel(request: AnswerRequest, answer: Answer): string {
	if (answer.approved === undefined) return '';
	return answer.approved ? request.approveLabel : request.declineLabel;
}

export async function answerWebhook(
	ctx: IWebhookFunctions,
	resources: Record<string, Resource>,
	client: PlatformClient,
): Promise<IWebhookResponseData> {
	const req = ctx.getRequestObject();
	const lang = pickLanguage(req.headers['accept-language']);
	const note = (status: number, kind: Note, detail?: string) => {
		sendPage(ctx, status, notePage(lang, kind, detail));
		return NO_RESUME;
	};
	let request: AnswerRequest;
	try {
		request = readRequest(new ItemFields(parameters(ctx), 0));
	} catch (error) {
		return note(500, 'failed', messageOf(error));
	}
	const query = ctx.getQueryData() as IDataObject;
	// A link of an earlier wait of this node (the node ran again in the same execution).
	const state = readState(ctx);
	if (state && (state.node !== ctx.getNode().id || state.round !== String(query.r ?? ''))) return note(409, 'answered');
	// The wait limit has passed; n8n resumes the execution as a timeout at its next check.
	const deadline = Number(query.e);
	if (query.e !== undefined && Number.isFinite(deadline) && Date.now() > deadline) return note(410, 'expired');

	if (req.method !== 'POST') {
		sendPage(ctx, 200, request.responseType === 'approval' ? confirmPage(lang, request, choices(request, query.approved)) : formPage(lang, request));
		return NO_RESUME;
	}
	const answer = readAnswer(request, query, posted(ctx.getBodyData()), lang);
	if (!('data' in answer)) {
		sendPage(ctx, answer.status, answer.html);
		return NO_RESUME;
	}
	let followUp: IDataObject = {};
	const resource = String(ctx.getNodeParameter('resource', ''));
	const op = resources[resource]?.operations[SEND_AND_WAIT_OPERATION];
	if (op && isWaitingOperation(op) && op.afterAnswer && state) {
		try {
			followUp = await op.afterAnswer.call(ctx, await openTransport(ctx, client), state.ids, answer);
		} catch (error) {
			followUp = { followUpError: messageOf(error) };
		}
	}
	sendPage(ctx, 200, notePage(lang, 'recorded', answerLabel(request, answer)));
	return { noWebhookResponse: true, workflowData: [[{ json: { data: answer.data, ...followUp } }]] };
}
