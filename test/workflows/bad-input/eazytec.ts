import type { Corpus } from './corpus';
import { MARK, V } from './corpus';

const FROM = { userid: '1154fcc5-58fb-4eb5-ab0e-5ffb95cfc20a', orgid: 'd2eeee46-440c-4102-a71b-2770cd865198' };
const TO = { userid: '2fb5c7c3-6841-4b15-9c4d-b2e807b792e5', orgid: 'ad0f56d2-4c5a-4b02-9127-6db8cc099820' };
const toJson = JSON.stringify([{ userid: TO.userid, usertype: 2, orgid: TO.orgid, deptid: '' }]);

/**
 * Eazytec ZQT message send (document 002): sendData (appid, appname, title, body, msgtype,
 * needpush, extMap, params: sender, msgcategory, msglevel, attachments, recipient), from (userid,
 * usertype 1 or 2, orgid) and to (a list of the same). An empty App ID is not bad input: the node
 * then sends the credential's Client ID (the document's appid is "申请的clientID"). A category not
 * in the document's list is looked up in the platform's category dictionary (a read before any
 * send), so the category's cases are in eazytec.test.ts, not here where nothing may reach the
 * simulator.
 */
export const eazytecCorpus: Corpus = {
	platform: 'eazytec',
	node: 'eazytecZqt',
	bases: {
		send: {
			resource: 'message',
			operation: 'send',
			appId: 'zqtong_gov_app_client',
			appName: '政企消息',
			title: MARK,
			body: "={{ \"<div class='show_content'>\" + $json.mark + '</div>' }}",
			senderName: '宜兴人民政府',
			category: '会议通知',
			level: '重要',
			fromUserId: FROM.userid,
			fromUserType: 1,
			fromOrgId: FROM.orgid,
			receiversInput: 'fields',
			receivers: { receiver: [{ userId: TO.userid, userType: 2, orgId: TO.orgid, deptId: '' }] },
			options: {},
		},
	},
	cases: [
		{ why: 'appid is text', base: 'send', field: 'App ID', set: { appId: V }, good: 'zqtong_gov_app_client', bad: ['zqtong'] },
		{ why: 'appname is required', base: 'send', field: 'App Name', set: { appName: V }, good: '政企消息', bad: ' ' },
		{ why: 'title is required', base: 'send', field: 'Title', set: { title: V }, good: 'Notice', bad: '' },
		{ why: 'title is text', base: 'send', field: 'Title', set: { title: V }, good: 'Notice', bad: { zh: '通知' } },
		{ why: 'body is required', base: 'send', field: 'Body (HTML)', set: { body: V }, good: (m: string) => `<p>${m}</p>`, bad: '' },
		{ why: 'body is required (null)', base: 'send', field: 'Body (HTML)', set: { body: V }, good: (m: string) => `<p>${m}</p>`, bad: null },
		{ why: 'params.sender is required', base: 'send', field: 'Sender Name', set: { senderName: V }, good: '宜兴人民政府', bad: '' },
		{ why: 'needreply is 0 or 1', base: 'send', field: 'Needs Reply', set: { options: { needReply: V } }, good: '0', bad: '2' },
		{ why: 'needsms is 0 or 1', base: 'send', field: 'SMS Reminder', set: { options: { needSms: V } }, good: '1', bad: 'often' },
		{ why: 'msglevel takes the listed levels', base: 'send', field: 'Level', set: { level: V }, good: '重要', bad: '低' },
		{ why: 'msglevel in Chinese, as listed', base: 'send', field: 'Level', set: { level: V }, good: '紧急', bad: 'Urgent' },
		{ why: 'from.userid is required', base: 'send', field: 'Sender User ID', set: { fromUserId: V }, good: FROM.userid, bad: '' },
		{ why: 'from.usertype is 1 or 2', base: 'send', field: 'Sender User Type', set: { fromUserType: V }, good: 1, bad: 3 },
		{ why: 'from.usertype is a number', base: 'send', field: 'Sender User Type', set: { fromUserType: V }, good: 1, bad: 'citizen' },
		{ why: 'from.usertype is required', base: 'send', field: 'Sender User Type', set: { fromUserType: V }, good: 1, bad: '' },
		{ why: 'from.orgid is required', base: 'send', field: 'Sender Org ID', set: { fromOrgId: V }, good: FROM.orgid, bad: '' },
		{ why: 'to: a receiver needs userid', base: 'send', field: 'Receivers row 1 User ID', set: { receivers: { receiver: [{ userId: V, userType: 2, orgId: TO.orgid }] } }, good: TO.userid, bad: '' },
		{ why: 'to: a receiver needs orgid', base: 'send', field: 'Receivers row 1 Org ID', set: { receivers: { receiver: [{ userId: TO.userid, userType: 2, orgId: V }] } }, good: TO.orgid, bad: '' },
		{ why: 'to: usertype is 1 or 2', base: 'send', field: 'Receivers row 1 User Type', set: { receivers: { receiver: [{ userId: TO.userid, userType: V, orgId: TO.orgid }] } }, good: 2, bad: 0 },
		{ why: 'to is a JSON array', base: 'send', field: 'Receivers (JSON)', set: { receiversInput: 'json', receiversJson: V }, good: toJson, bad: '[{"userid":' },
		{ why: 'to is a list, not one object', base: 'send', field: 'Receivers (JSON)', set: { receiversInput: 'json', receiversJson: V }, good: toJson, bad: JSON.stringify({ userid: TO.userid, usertype: 2, orgid: TO.orgid }) },
		{ why: 'to is required', base: 'send', field: 'Receivers', set: { receiversInput: 'json', receiversJson: V }, good: toJson, bad: '[]' },
		{ why: 'to: usertype is required', base: 'send', field: 'Receivers (JSON) entry 1 User Type', set: { receiversInput: 'json', receiversJson: V }, good: toJson, bad: JSON.stringify([{ userid: TO.userid, orgid: TO.orgid }]) },
		{ why: 'to: usertype 2.5', base: 'send', field: 'Receivers (JSON) entry 1 User Type', set: { receiversInput: 'json', receiversJson: V }, good: toJson, bad: JSON.stringify([{ userid: TO.userid, usertype: 2.5, orgid: TO.orgid }]) },
		{ why: 'extMap is a JSON object', base: 'send', field: 'Extension Fields (JSON)', set: { options: { extMap: V } }, good: '{"source":"n8n"}', bad: '{"source":' },
		{ why: 'extMap is an object, not a list', base: 'send', field: 'Extension Fields (JSON)', set: { options: { extMap: V } }, good: '{"source":"n8n"}', bad: '[1]' },
		{ why: 'msgtype is a whole number', base: 'send', field: 'Message Type', set: { options: { msgType: V } }, good: 0, bad: 'news' },
		{ why: 'msgtype is not negative', base: 'send', field: 'Message Type', set: { options: { msgType: V } }, good: 0, bad: -1 },
		{ why: 'msgtype is whole', base: 'send', field: 'Message Type', set: { options: { msgType: V } }, good: 0, bad: 1.5 },
		{ why: 'msgtype of a send is 0 (政企消息), the only documented class', base: 'send', field: 'Message Type', set: { options: { msgType: V } }, good: 0, bad: 1 },
		{ why: 'needpush is 0 or 1', base: 'send', field: 'Push to Mobile', set: { options: { needPush: V } }, good: 1, bad: 2 },
		{ why: 'needpush is 0 (no) or 1 (yes), not other words', base: 'send', field: 'Push to Mobile', set: { options: { needPush: V } }, good: 0, bad: 'sometimes' },
		{ why: 'an attachment needs its name', base: 'send', field: 'Attachments row 1 Name', set: { options: { attachments: { attachment: [{ name: V, path: 'www.path.com/a.pdf' }] } } }, good: '附件1', bad: '' },
		{ why: 'an attachment needs its path', base: 'send', field: 'Attachments row 1 Path', set: { options: { attachments: { attachment: [{ name: '附件1', path: V }] } } }, good: 'www.path.com/a.pdf', bad: '' },
		{ why: 'recipient esNameList holds names', base: 'send', field: 'Recipient Description: Label esNames', set: { options: { recipient: { values: { esNameList: V } } } }, good: 'c-1,c-2', bad: [{ name: 'c-1' }] },
		{ why: 'recipient companyIdList holds ids', base: 'send', field: 'Recipient Description: Company IDs', set: { options: { recipient: { values: { companyIdList: V } } } }, good: 't-1', bad: { id: 't-1' } },
	],
};
