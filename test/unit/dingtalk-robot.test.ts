import CryptoJS from 'crypto-js';
import type { ICredentialDataDecryptedObject, IDataObject, IExecuteFunctions, IHttpRequestOptions, INode } from 'n8n-workflow';
import { DingTalkGroupRobotApi } from '../../credentials/DingTalkGroupRobotApi.credentials';
import { platformError } from '../../nodes/common/errors';
import { ItemFields } from '../../nodes/common/validation';
import { resources } from '../../nodes/DingTalk/actions';
import { robotMessageProblem, withMentionsInText, mentions } from '../../nodes/DingTalk/actions/robotMessage';
import { messageText, triggerItem } from '../../nodes/DingTalk/DingTalkTrigger.node';
import type { Operation } from '../../nodes/common/run';
import {
	callbackProblem,
	groupRobotCredentialProblem,
	groupRobotClient,
	judgeRobot,
	judgeSession,
	ROBOT_CODES,
	robotAccessToken,
	robotPace,
	robotSign,
	SESSION_CODES,
	sessionClient,
} from '../../nodes/DingTalk/transport/robot';

const node: INode = { id: 'n1', name: 'DingTalk', type: 'n8n-nodes-cn-messaging.dingTalk', typeVersion: 1, position: [0, 0], parameters: {} };
const SECRET = 'SEC1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3';
const TOKEN = 'b4c7e2f19a0d4c6e8f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7a8';

/** An independent implementation of DingTalk's robot signature (crypto-js). */
const expectedSign = (secret: string, ts: string) => CryptoJS.enc.Base64.stringify(CryptoJS.HmacSHA256(`${ts}\n${secret}`, secret));

function context(params: IDataObject, credentials: IDataObject = {}) {
	const get = (name: string, fallback?: unknown) => {
		let v: unknown = params;
		for (const part of name.split('.')) v = v && typeof v === 'object' ? (v as IDataObject)[part] : undefined;
		return v === undefined ? fallback : v;
	};
	return {
		getNode: () => node,
		getTimezone: () => 'Asia/Shanghai',
		getNodeParameter: (name: string, _i: number, fallback?: unknown) => get(name, fallback),
		getCredentials: async () => credentials,
	};
}

async function prepare(resource: 'groupRobot' | 'robotConversation', params: IDataObject, credentials: IDataObject) {
	const ctx = context(params, credentials);
	const op = Object.values(resources[resource].operations)[0] as Operation;
	return (await op.prepare.call(ctx as unknown as IExecuteFunctions, new ItemFields(ctx, 0))) as IDataObject;
}

const ROBOT_CRED = { webhookToken: `https://oapi.dingtalk.com/robot/send?access_token=${TOKEN}`, secret: SECRET, baseUrl: 'https://oapi.dingtalk.com' };
const send = (params: IDataObject, cred: IDataObject = ROBOT_CRED) => prepare('groupRobot', { robotMessageInput: 'fields', ...params }, cred);

describe('DingTalk robot signing', () => {
	it('signs as DingTalk documents: Base64(HmacSHA256(secret, timestamp + "\\n" + secret))', () => {
		for (const ts of ['1577262236757', String(Date.now())]) expect(robotSign(SECRET, ts)).toBe(expectedSign(SECRET, ts));
	});

	it('the credential adds access_token, a fresh ms timestamp and the raw sign, which n8n encodes exactly once', async () => {
		const cred = new DingTalkGroupRobotApi();
		const auth = cred.authenticate as (c: ICredentialDataDecryptedObject, o: IHttpRequestOptions) => Promise<IHttpRequestOptions>;
		const before = Date.now();
		const out = await auth(ROBOT_CRED as ICredentialDataDecryptedObject, { url: '/robot/send', method: 'POST', qs: {} });
		const qs = out.qs as IDataObject;
		expect(out.baseURL).toBe('https://oapi.dingtalk.com');
		expect(qs.access_token).toBe(TOKEN);
		expect(Number(qs.timestamp)).toBeGreaterThanOrEqual(before);
		expect(qs.sign).toBe(expectedSign(SECRET, String(qs.timestamp)));
		// Raw Base64, not encoded yet: n8n encodes the query once (the workflow tests prove it against the simulator).
		expect(qs.sign).toMatch(/^[A-Za-z0-9+/]{43}=$/);
		const unsigned = await auth({ ...ROBOT_CRED, webhookToken: TOKEN, secret: '', baseUrl: 'http://127.0.0.1:9/' } as ICredentialDataDecryptedObject, { url: '/robot/send' });
		expect(unsigned.qs).toEqual({ access_token: TOKEN });
		expect(unsigned.baseURL).toBe('http://127.0.0.1:9');
	});

	it('takes the token from the whole webhook address or alone, and says what is wrong otherwise', () => {
		expect(robotAccessToken(ROBOT_CRED.webhookToken)).toBe(TOKEN);
		expect(robotAccessToken(` ${TOKEN} `)).toBe(TOKEN);
		expect(robotAccessToken('https://oapi.dingtalk.com/robot/send')).toBeUndefined();
		expect(groupRobotCredentialProblem({ ...ROBOT_CRED })).toBeUndefined();
		expect(groupRobotCredentialProblem({ ...ROBOT_CRED, webhookToken: 'https://oapi.dingtalk.com/robot/send?x=1' })).toContain('no access_token');
		expect(groupRobotCredentialProblem({ ...ROBOT_CRED, webhookToken: 'a token' })).toContain('only letters');
		expect(groupRobotCredentialProblem({ ...ROBOT_CRED, webhookToken: '' })).toContain('no Webhook URL');
		expect(groupRobotCredentialProblem({ ...ROBOT_CRED, secret: 'abc' })).toContain('starting with "SEC"');
		expect(groupRobotCredentialProblem({ ...ROBOT_CRED, baseUrl: 'oapi.dingtalk.com' })).toContain('Base URL');
	});

	it('verifies a robot callback: unsigned 401, stale (either way), malformed or wrongly signed 403', () => {
		const now = Date.now();
		const ts = String(now - 1000);
		expect(callbackProblem(ts, expectedSign('app-secret', ts), 'app-secret', now)).toBeUndefined();
		expect(callbackProblem(undefined, undefined, 'app-secret', now)).toMatchObject({ status: 401 });
		expect(callbackProblem(ts, '', 'app-secret', now)).toMatchObject({ status: 401 });
		const old = String(now - 3600_001);
		expect(callbackProblem(old, expectedSign('app-secret', old), 'app-secret', now)).toMatchObject({ status: 403, reason: expect.stringContaining('one hour') });
		const future = String(now + 3600_001);
		expect(callbackProblem(future, expectedSign('app-secret', future), 'app-secret', now)).toMatchObject({ status: 403 });
		expect(callbackProblem(ts, expectedSign('other', ts), 'app-secret', now)).toMatchObject({ status: 403, reason: expect.stringContaining('AppSecret') });
		expect(callbackProblem('yesterday', 'x', 'app-secret', now)).toMatchObject({ status: 403 });
	});
});

describe('DingTalk robot messages', () => {
	it('accepts every documented webhook message type', () => {
		const good: IDataObject[] = [
			{ msgtype: 'text', text: { content: '我就是我, @180xxxxxx 是不一样的烟火' }, at: { atMobiles: ['180xxxxxx'], atUserIds: ['user123'], isAtAll: false } },
			{ msgtype: 'link', link: { text: 'x', title: '时代的火车向前开', picUrl: 'https://img/p.png', messageUrl: 'https://open.dingtalk.com/document/' } },
			{ msgtype: 'markdown', markdown: { title: '杭州天气', text: '#### 杭州天气 @150XXXXXXXX' }, at: { atMobiles: ['150XXXXXXXX'] } },
			{ msgtype: 'actionCard', actionCard: { title: 't', text: 'm', singleTitle: '阅读全文', btnOrientation: '0', singleURL: 'https://www.dingtalk.com/' } },
			{ msgtype: 'actionCard', actionCard: { title: 't', text: 'm', btnOrientation: '1', hideAvatar: '1', btns: [{ title: '内容不错', actionURL: 'https://a' }] } },
			{ msgtype: 'feedCard', feedCard: { links: [{ title: 't', messageURL: 'https://a', picURL: 'https://p' }] } },
		];
		for (const msg of good) expect([msg.msgtype, robotMessageProblem(msg)]).toEqual([msg.msgtype, undefined]);
	});

	it('refuses what DingTalk would refuse or ignore, explaining the casing trap', () => {
		expect(robotMessageProblem({ msgtype: 'image', image: {} })).toContain('a robot sends text, markdown, link, actionCard, feedCard');
		expect(robotMessageProblem({ msgtype: 'link', link: { title: 't', text: 'x', messageURL: 'u' } })).toContain('is spelled "messageUrl" in a link message');
		expect(robotMessageProblem({ msgtype: 'feedCard', feedCard: { links: [{ title: 't', messageUrl: 'u', picURL: 'p' }] } })).toContain('"messageURL"');
		expect(robotMessageProblem({ msgtype: 'link', link: { title: 't', text: 'x', messageUrl: 'u' }, at: { atUserIds: ['a'] } })).toContain('only in text and markdown');
		expect(robotMessageProblem({ msgtype: 'actionCard', actionCard: { title: 't', text: 'm', singleTitle: 's', singleURL: 'u', btns: [] } })).toContain('choose one');
		expect(robotMessageProblem({ msgtype: 'actionCard', actionCard: { title: 't', text: 'm', btnOrientation: '2', singleTitle: 's', singleURL: 'u' } })).toContain('"0" or "1"');
		expect(robotMessageProblem({ msgtype: 'text', text: { content: 'x' }, at: { atUserIds: Array.from({ length: 51 }, (_, k) => `u${k}`) } })).toContain('at most 50');
		expect(robotMessageProblem({ msgtype: 'text', text: { content: 'x' }, markdown: {} })).toContain('one message type at a time');
		expect(robotMessageProblem({ msgtype: 'feedCard', feedCard: { links: [{ title: 't', messageURL: 'u' }] } })).toContain('picURL');
	});

	it('writes the missing @mentions into text and Markdown, once, without mistaking user1 for user12', () => {
		const msg = { msgtype: 'text', text: { content: 'Disk full @user12 ' }, at: { atUserIds: ['user12', 'user1'], atMobiles: ['13800000000'] } };
		expect((withMentionsInText(msg).text as IDataObject).content).toBe('Disk full @user12 @13800000000 @user1');
		expect(withMentionsInText(withMentionsInText(msg))).toEqual(withMentionsInText(msg));
		const md = withMentionsInText({ msgtype: 'markdown', markdown: { title: 't', text: '# Alert' }, at: { atUserIds: ['manager4220'] } });
		expect((md.markdown as IDataObject).text).toBe('# Alert\n\n@manager4220');
		expect(mentions('hi @a.b!', 'a.b')).toBe(true);
		expect(mentions('hi @axb', 'a.b')).toBe(false);
	});

	it('Send builds each type from fields, mentions in the text, a msgUuid per item, and checks the size', async () => {
		const text = await send({ robotMessageType: 'text', robotContent: '告警', robotAtUserIds: 'user123, user123', robotAtMobiles: '13800000000', robotAtAll: false });
		expect(text.body).toMatchObject({ msgtype: 'text', text: { content: '告警 @13800000000 @user123' }, at: { atMobiles: ['13800000000'], atUserIds: ['user123'], isAtAll: false } });
		expect((text.body as IDataObject).msgUuid).toMatch(/^[0-9a-f-]{36}$/);
		const uuid = await send({ robotMessageType: 'text', robotContent: 'x', options: { msgUuid: 'alert-7' } });
		expect((uuid.body as IDataObject).msgUuid).toBe('alert-7');
		const card = await send({ robotMessageType: 'actionCard', robotTitle: 'T', robotText: 'M', robotCardStyle: 'buttons', robotBtnOrientation: '1', robotHideAvatar: true, robotButtons: { button: [{ title: 'Yes', actionUrl: 'https://y' }] } });
		expect(card.body).toMatchObject({ msgtype: 'actionCard', actionCard: { title: 'T', text: 'M', btns: [{ title: 'Yes', actionURL: 'https://y' }], btnOrientation: '1', hideAvatar: '1' } });
		const feed = await send({ robotMessageType: 'feedCard', robotLinks: { link: [{ title: 'A', messageUrl: 'https://a', picUrl: 'https://p' }] } });
		expect(feed.body).toMatchObject({ feedCard: { links: [{ title: 'A', messageURL: 'https://a', picURL: 'https://p' }] } });
		const link = await send({ robotMessageType: 'link', robotTitle: 'T', robotText: 'X', robotMessageUrl: 'https://a' });
		expect(link.body).toMatchObject({ msgtype: 'link', link: { title: 'T', text: 'X', messageUrl: 'https://a' } });
		await expect(send({ robotMessageType: 'text', robotContent: '长'.repeat(6700) })).rejects.toThrow(/field "Message": is 201\d\d bytes long as JSON; DingTalk takes at most 20000/);
		await expect(send({ robotMessageType: 'text', robotContent: 'x'.repeat(100), options: { sizeLimit: 50 } })).rejects.toThrow('at most 50 bytes');
		await expect(send({ robotMessageInput: 'json', robotMessageJson: '{"msgtype":"link","link":{"title":"t","text":"x","messageURL":"u"}}' })).rejects.toThrow('field "Message (JSON)"');
		await expect(send({ robotMessageType: 'feedCard', robotLinks: {} })).rejects.toThrow('field "Links": needs at least one link');
		await expect(send({ robotMessageType: 'text', robotContent: 'x' }, { ...ROBOT_CRED, webhookToken: 'https://oapi.dingtalk.com/robot/send' })).rejects.toThrow('no access_token');
	});

	it('Reply refuses an expired session webhook and one not on DingTalk or the Base URL, before sending', async () => {
		const app = { baseUrl: 'http://127.0.0.1:18105', appKey: 'k', appSecret: 's' };
		const reply = (params: IDataObject) =>
			prepare('robotConversation', { robotMessageInput: 'fields', robotMessageType: 'text', robotContent: 'ok', ...params }, app);
		const hook = 'https://oapi.dingtalk.com/robot/sendBySession?session=abc';
		expect(await reply({ sessionWebhook: hook, sessionWebhookExpiredTime: Date.now() + 60_000 })).toMatchObject({ url: hook, body: { msgtype: 'text' } });
		expect((await reply({ sessionWebhook: 'http://127.0.0.1:18105/robot/sendBySession?session=1', sessionWebhookExpiredTime: '' })).url).toContain('127.0.0.1');
		await expect(reply({ sessionWebhook: hook, sessionWebhookExpiredTime: String(Date.now() - 120_000) })).rejects.toThrow(/field "Session Webhook Expires At": the session webhook expired at .* \(2 minutes ago\); nothing was sent/);
		await expect(reply({ sessionWebhook: 'https://evil.example/robot/sendBySession?session=1' })).rejects.toThrow('is on https://evil.example, not on DingTalk');
		await expect(reply({ sessionWebhook: '' })).rejects.toThrow('field "Session Webhook": is required');
	});
});

describe('DingTalk robot answers and pace', () => {
	const answer = (body: unknown) => ({ statusCode: 200, body, headers: {} });

	it('judges 0 (or "0") as accepted, -1 as resendable, everything else as an error with an English meaning', () => {
		expect(judgeRobot(answer({ errcode: 0, errmsg: 'ok' }))).toEqual({ ok: true });
		expect(judgeRobot(answer({ errcode: '0', errmsg: 'ok' }))).toEqual({ ok: true });
		expect(judgeRobot(answer({ errcode: -1, errmsg: '系统繁忙' }))).toMatchObject({ kind: 'retry' });
		expect(judgeRobot(answer({ errcode: 410100, errmsg: '发送速度太快而限流' }))).toMatchObject({ kind: 'error', code: '410100' });
		expect(judgeRobot(answer('<html>'))).toMatchObject({ kind: 'error', code: 'HTTP 200' });
		const e = platformError(node, { platform: 'DingTalk group robot', code: 410100, text: '发送速度太快而限流', table: ROBOT_CODES });
		expect(e.message).toBe('DingTalk group robot error 410100: Sending too fast: DingTalk throttles this robot (more than 20 messages a minute throttles it for 10 minutes) (platform message: 发送速度太快而限流)');
		expect(e.description).toContain('Nothing was resent');
		expect(SESSION_CODES['300001'].meaning).toContain('session webhook has expired');
		expect(judgeSession(answer({ errcode: -1, errmsg: '系统繁忙' }))).toMatchObject({ kind: 'error', code: '-1', hint: expect.stringContaining('not resent') });
		expect(judgeSession(answer({ errcode: 0, errmsg: 'ok' }))).toEqual({ ok: true });
		expect(sessionClient.retry).toBeUndefined();
		expect(sessionClient.credentialType).toBe('dingTalkApi');
		expect(groupRobotClient.credentialType).toBe('dingTalkGroupRobotApi');
	});

	it('explains a 310000 by its text, old English or current Chinese', () => {
		const hint = (errmsg: string) => (judgeRobot(answer({ errcode: 310000, errmsg })) as { hint?: string }).hint ?? '';
		expect(hint('keywords not in content')).toContain('custom keywords');
		expect(hint('description:关键词不匹配;solution:…')).toContain('custom keywords');
		expect(hint('sign not match')).toContain('Signing Secret');
		expect(hint('description:机器人发送签名不匹配;')).toContain('Signing Secret');
		expect(hint('invalid timestamp')).toContain('clock');
		expect(hint('ip 1.2.3.4 not in whitelist')).toContain('IP whitelist');
		expect(hint('something new')).toBe('');
		expect(ROBOT_CODES['310000'].hint).toMatch(/Custom Keywords.*Signing.*IP whitelist/);
	});

	it('paces Messages per Minute over the window plus a safety margin, one at a time', () => {
		const pace = (options: IDataObject) => robotPace(context({ options }) as unknown as IExecuteFunctions);
		expect(pace({})).toEqual({ concurrency: 1, ratePerSecond: 20 / 63 });
		expect(pace({ messagesPerMinute: 10, rateWindowSeconds: 4 })).toEqual({ concurrency: 1, ratePerSecond: 10 / 4.5 });
		expect(pace({ messagesPerMinute: 0, rateWindowSeconds: -1 })).toEqual({ concurrency: 1, ratePerSecond: 20 / 63 });
	});
});

describe('DingTalk Trigger items', () => {
	it('emits DingTalk\'s fields with the trimmed text and the mentioned user IDs', () => {
		const body = { msgtype: 'text', text: { content: ' 查询 订单 ' }, atUsers: [{ dingtalkId: 'bot', staffId: '' }, { dingtalkId: 'x', staffId: 'user123' }], sessionWebhook: 'w' };
		expect(triggerItem(body)).toEqual({ messageText: '查询 订单', atUserIds: ['user123'], ...body });
		expect(messageText({ msgtype: 'richText', content: { richText: [{ text: '你好' }, { downloadCode: 'd', type: 'picture' }, { text: '!' }] } })).toBe('你好!');
		expect(messageText({ msgtype: 'audio', content: { recognition: ' 钉钉 ' } })).toBe('钉钉');
		expect(messageText({ msgtype: 'picture', content: { downloadCode: 'd' } })).toBe('');
	});
});
