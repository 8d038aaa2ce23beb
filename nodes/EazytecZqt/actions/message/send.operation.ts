import type { IDataObject } from 'n8n-workflow';
import type { Operation } from '../../../common/run';
import type { ItemFields } from '../../../common/validation';
import { ROUTES } from '../../transport';
import { CATEGORIES_ACCEPTED, LEVELS_ACCEPTED, RECEIVERS, description } from './send.fields';

export interface Prepared {
	body: IDataObject;
}

const flag = (v: unknown) => (v ? '1' : '0');

function userType(f: ItemFields, value: unknown, label: string): number {
	const named: Record<string, number> = { government: 1, enterprise: 2 };
	const v = typeof value === 'string' && named[value.trim().toLowerCase()] ? named[value.trim().toLowerCase()] : value;
	if (v === undefined || v === null || v === '') f.fail(label, 'is required but empty (1 = government, 2 = enterprise)');
	const n = f.integer(v, label);
	if (n !== 1 && n !== 2) f.fail(label, `${n} is not 1 (government) or 2 (enterprise)`);
	return n;
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
export function buildSend(f: ItemFields, content?: Content): IDataObject {
	const options = f.param<IDataObject>('options', {});
	const params: IDataObject = {
		sender: f.text(f.param('senderName'), 'Sender Name', { required: true }),
		msgcategory: f.oneOf(f.param('category'), 'Category', CATEGORIES_ACCEPTED),
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
	if (options.needReply !== undefined) params.needreply = flag(options.needReply);
	if (options.needSms !== undefined) params.needsms = flag(options.needSms);
	const redirectPc = content?.link ?? f.text(options.redirectPc, 'PC Link');
	if (redirectPc) params.redirect_pc = redirectPc;
	const redirectApp = content?.link ?? f.text(options.redirectApp, 'App Link');
	if (redirectApp) params.redirect_app = redirectApp;

	const sendData: IDataObject = {
		appid: f.text(f.param('appId'), 'App ID', { required: true }),
		appname: f.text(f.param('appName'), 'App Name', { required: true }),
		title: content?.title ?? f.text(f.param('title'), 'Title', { required: true }),
		body: content?.body ?? f.text(f.param('body'), 'Body (HTML)', { required: true }),
		msgtype: f.integer(options.msgType ?? 0, 'Message Type', { min: 0 }),
	};
	if (options.extMap !== undefined && !(typeof options.extMap === 'string' && options.extMap.trim() === '')) {
		const ext = f.json(options.extMap, 'Extension Fields (JSON)', 'object') as IDataObject;
		if (Object.keys(ext).length) sendData.extMap = ext;
	}
	if (options.needPush !== undefined) sendData.needpush = options.needPush ? 1 : 0;
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
	prepare(f) {
		return { body: buildSend(f) };
	},
	async execute(t, { body }, i) {
		const answer = await t.call(ROUTES.send, body, i);
		return { outboxId: answer.data as string, status: answer.status as number, msg: answer.msg as string };
	},
};
