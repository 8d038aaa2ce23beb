import type { INode } from 'n8n-workflow';
import { platformError } from '../../nodes/common/errors';
import { DINGTALK_CODES, dingTalkClient, judgeDingTalk, ROUTES } from '../../nodes/DingTalk/transport';
import { DINGTALK_ROUTES } from '../sim/dingtalk';
import { DINGTALK_APP_ROUTES } from '../sim/dingtalk-apps';

const node: INode = { id: 'n1', name: 'DingTalk', type: 'n8n-nodes-cn-messaging.dingTalk', typeVersion: 1, position: [0, 0], parameters: {} };
const answer = (body: unknown, statusCode = 200) => ({ statusCode, body, headers: {} });
const judge = (body: unknown, url: string = ROUTES.asyncsend.path) => judgeDingTalk(answer(body), url);

describe('DingTalk answers judged', () => {
	it('errcode 0 is success, whatever errmsg says', () => {
		expect(judge({ errcode: 0, task_id: 1, request_id: 'r' })).toEqual({ ok: true });
		expect(judge({ errcode: 0, errmsg: '' }, ROUTES.impaasSend.path)).toEqual({ ok: true });
	});

	it('token codes in all three styles renew the token (verdict token)', () => {
		for (const body of [
			{ errcode: 40014, errmsg: '不合法的access_token' },
			{ errcode: 42001, errmsg: 'access_token超时' },
			{ errcode: 40001, errmsg: '获取access_token时Secret错误，或者access_token无效' },
			{ errcode: 88, sub_code: '40014', sub_msg: '不合法的access_token', errmsg: 'ding talk error[subcode=40014,submsg=不合法的access_token]' },
			{ errcode: 88, sub_code: '42001', errmsg: 'ding talk error[subcode=42001]' },
		]) {
			expect(judge(body)).toMatchObject({ ok: false, kind: 'token' });
		}
	});

	it('busy is resent with backoff (retry), rate limits when the window has room (rate), others are not', () => {
		expect(judge({ errcode: -1, errmsg: 'x' })).toMatchObject({ kind: 'retry', code: '-1' });
		for (const code of [90002, 90018, 90019]) expect(judge({ errcode: code, errmsg: 'x' })).toMatchObject({ kind: 'rate', code: String(code) });
		for (const code of [90020, 40035, 400002, 885001, 45002, 500]) expect(judge({ errcode: code, errmsg: 'x' })).toMatchObject({ kind: 'error' });
		expect(dingTalkClient.retry).toEqual({ attempts: expect.any(Number), delayMs: expect.any(Number) });
		expect(dingTalkClient.retry!.attempts).toBeGreaterThanOrEqual(3);
	});

	it('88 / 60011 says which permission to grant, per API', () => {
		const body = { errcode: 88, sub_code: '60011', sub_msg: '没有调用该接口的权限', errmsg: 'ding talk error[subcode=60011,submsg=没有调用该接口的权限]' };
		const work = judge(body);
		expect(work).toMatchObject({ kind: 'error', code: '88, sub_code 60011', meaning: 'The application has no permission to call this API' });
		expect((work as { hint: string }).hint).toContain('qyapi_base');
		const interop = judge(body, ROUTES.impaasSend.path);
		expect((interop as { hint: string }).hint).toContain('IMPaaS');
		const error = platformError(node, { platform: 'DingTalk', table: DINGTALK_CODES, ...(work as object), code: (work as { code: string }).code });
		expect(error.message).toBe(
			'DingTalk error 88, sub_code 60011: The application has no permission to call this API (platform message: ding talk error[subcode=60011,submsg=没有调用该接口的权限])',
		);
		expect(error.description).toContain('Permission Management');
	});

	it('codes become English errors carrying DingTalk\'s own text', () => {
		const v = judge({ errcode: 885006, errmsg: '消息模板不可用', request_id: 'r' }) as { code: string; text: string };
		const error = platformError(node, { platform: 'DingTalk', code: v.code, text: v.text, table: DINGTALK_CODES });
		expect(error.message).toBe('DingTalk error 885006: The message template is not available (platform message: 消息模板不可用)');
		expect(error.description).toContain('approved');
		const unknown = platformError(node, { platform: 'DingTalk', code: 123456, text: '奇怪', table: DINGTALK_CODES });
		expect(unknown.message).toBe('DingTalk error 123456: The platform reported an error (platform message: 奇怪)');
	});

	it('answers that are not DingTalk\'s are errors pointing at the Base URL; an IP block is explained', () => {
		expect(judgeDingTalk(answer('<html>502</html>', 502), ROUTES.asyncsend.path)).toMatchObject({ kind: 'error', code: 'HTTP 502' });
		expect(judge({ status: 1111, wait: 5, source: 'x5', punish: 'deny' })).toMatchObject({ kind: 'error', code: 'IP blocked' });
	});

	it('ROUTES lists every endpoint with the method and path the simulator serves', () => {
		for (const [name, route] of Object.entries(ROUTES)) {
			const served: Record<string, string> = { ...DINGTALK_ROUTES, ...DINGTALK_APP_ROUTES };
			expect([name, `${route.method} ${route.path}`]).toEqual([name, served[name]]);
		}
	});
});
