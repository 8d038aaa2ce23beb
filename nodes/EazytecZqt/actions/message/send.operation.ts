import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { combineLists } from '../../../common/combine';
import type { Operation } from '../../../common/run';
import type { ItemFields } from '../../../common/validation';
import { ROUTES } from '../../transport';
import { LEVELS_ACCEPTED, RECEIVERS, description } from './send.fields';
import { appIdOf, categoryOf, userType } from './shared';

export interface Prepared {
	body: IDataObject;
}

/** Receivers from the rows (User ID, …) or from JSON (the document's userid, usertype, orgid, deptid). */
function receiversOf(f: ItemFields): IDataObject[] {
	return f.rowsOrJson(RECEIVERS).map(({ row: r, label }) => ({
		userid: f.text(r.userid ?? r.userId, `${label} User ID`, { required: true }),
		usertype: userType(f, r.usertype ?? r.userType, `${label} User Type`),
		orgid: f.text(r.orgid ?? r.orgId, `${label} Org ID`, { required: true }),
		deptid: f.text(r.deptid ?? r.deptId, `${label} Department ID`),
	}));
}

/** What a send-and-wait puts in place of the Title, Body and the links of the options. */
export interface Content {
	title: string;
	body: string;
	/** Both the PC and the app link. */
	link: string;
}

/** The request body of a send, from the node's fields (or, for a send-and-wait, with `content`). */
export async function buildSend(ctx: IExecuteFunctions, f: ItemFields, content?: Content): Promise<IDataObject> {
	const options = f.param<IDataObject>('options', {});
	const params: IDataObject = {
		sender: f.text(f.param('senderName'), 'Sender Name', { required: true }),
		msgcategory: await categoryOf(ctx, f),
		msglevel: f.oneOf(f.param('level'), 'Level', LEVELS_ACCEPTED),
	};
	const recipientRow = (options.recipient as IDataObject | undefined)?.values as IDataObject | undefined;
	if (recipientRow) {
		const recipient: IDataObject = {};
		const orgId = f.text(recipientRow.orgId, 'Recipient Description: Government Org ID');
		if (orgId) recipient.orgId = orgId;
		for (const [key, label] of [
			['esNameList', 'Label esNames'],
			['companyIdList', 'Company IDs'],
			['linkmenTypeList', 'Contact Types'],
		]) {
			const list = f.list(recipientRow[key], `Recipient Description: ${label}`);
			if (list.length) recipient[key] = list;
		}
		if (Object.keys(recipient).length) params.recipient = JSON.stringify(recipient);
	}
	const attachments = f.rows(options.attachments, 'attachment').map((a, n) => ({
		name: f.text(a.name, `Attachments row ${n + 1} Name`, { required: true }),
		path: f.text(a.path, `Attachments row ${n + 1} Path`, { required: true }),
	}));
	if (attachments.length) {
		params.hasatt = '1';
		params.attfiles = JSON.stringify(attachments);
	}
	// "0-否,1-是": only yes or no, so that an expression giving "false" never turns into 1.
	if (options.needReply !== undefined) params.needreply = f.yesNo(options.needReply, 'Needs Reply') ? '1' : '0';
	if (options.needSms !== undefined) params.needsms = f.yesNo(options.needSms, 'SMS Reminder') ? '1' : '0';
	const redirectPc = content?.link ?? f.text(options.redirectPc, 'PC Link');
	if (redirectPc) params.redirect_pc = redirectPc;
	const redirectApp = content?.link ?? f.text(options.redirectApp, 'App Link');
	if (redirectApp) params.redirect_app = redirectApp;

	const msgtype = f.integer(options.msgType ?? 0, 'Message Type', { min: 0 });
	if (msgtype !== 0 && !f.yesNo(options.allowOtherMsgTypes ?? false, 'Allow Other Message Types')) {
		f.fail(
			'Message Type',
			`${msgtype} is not documented for a send (only 0, 政企消息)`,
			'Turn on "Allow Other Message Types" if Eazytec told you to send another type.',
		);
	}
	const sendData: IDataObject = {
		appid: await appIdOf(ctx, f, f.param('appId', ''), true),
		appname: f.text(f.param('appName'), 'App Name', { required: true }),
		title: content?.title ?? f.text(f.param('title'), 'Title', { required: true }),
		body: content?.body ?? f.text(f.param('body'), 'Body (HTML)', { required: true }),
		msgtype,
	};
	if (options.extMap !== undefined && !(typeof options.extMap === 'string' && options.extMap.trim() === '')) {
		const ext = f.json(options.extMap, 'Extension Fields (JSON)', 'object') as IDataObject;
		if (Object.keys(ext).length) sendData.extMap = ext;
	}
	if (options.needPush !== undefined) sendData.needpush = f.yesNo(options.needPush, 'Push to Mobile') ? 1 : 0;
	sendData.params = params;

	const from: IDataObject = {
		userid: f.text(f.param('fromUserId'), 'Sender User ID', { required: true }),
		usertype: userType(f, f.param('fromUserType'), 'Sender User Type'),
		orgid: f.text(f.param('fromOrgId'), 'Sender Org ID', { required: true }),
	};
	const deptId = f.text(options.fromDeptId, 'Sender Department ID');
	if (deptId) from.deptid = deptId;

	return { sendData, from, to: receiversOf(f) };
}

export const send: Operation<Prepared> = {
	description,
	sends: true,
	// Combine Items: one call to many receivers in `to` (the document sets no maximum).
	combine: combineLists<Prepared>({ to: {} }, { perCallDefault: 100 }),
	async prepare(f) {
		return { body: await buildSend(this, f) };
	},
	async execute(t, { body }, i) {
		const answer = await t.call(ROUTES.send, body, i);
		return { outboxId: answer.data as string, status: answer.status as number, msg: answer.msg as string };
	},
};
