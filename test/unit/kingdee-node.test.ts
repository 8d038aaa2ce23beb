/**
 * Kingdee JDY node: the error mapping (judge + English errors), input validation of Send, and the
 * Transport with the real credential against the simulator (a small in-process stand-in for n8n's
 * httpRequestWithAuthentication that runs preAuthentication when the token is empty, as n8n does):
 * renewal on 4010/4011, no resend on 4008, readable 519 answers, no secret in any error.
 */
import axios from 'axios';
import type { IDataObject, IExecuteFunctions, IHttpRequestHelper, IHttpRequestOptions, INode } from 'n8n-workflow';
import { KingdeeJdyApi } from '../../credentials/KingdeeJdyApi.credentials';
import { platformError } from '../../nodes/common/errors';
import { Transport } from '../../nodes/common/transport';
import { ItemFields } from '../../nodes/common/validation';
import { send } from '../../nodes/KingdeeJdy/actions/message/send.operation';
import { judgeKingdee, KINGDEE_CODES, kingdeeClient } from '../../nodes/KingdeeJdy/transport';
import { AUTH_KEY_ERROR, KINGDEE_DEMO, KINGDEE_ROUTES, createKingdeeSim } from '../sim/kingdee';

const node: INode = {
	id: 'n1',
	name: 'Kingdee JDY',
	type: 'n8n-nodes-cn-messaging.kingdeeJdy',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
	credentials: { kingdeeJdyApi: { id: 'c1', name: 'Kingdee' } },
};

describe('judgeKingdee', () => {
	const r = (statusCode: number, body: unknown) => judgeKingdee({ statusCode, body, headers: {} });

	it('accepts errcode 0 with data.success true (even with the placeholder message 失败原因)', () => {
		expect(r(200, { errcode: 0, description: 'success', data: { data: '执行成功', message: '失败原因', success: true } })).toEqual({ ok: true });
	});
	it('errcode 0 with data.success false is an error carrying the platform message', () => {
		expect(r(200, { errcode: 0, data: { success: false, message: '接收人不存在：444' } })).toMatchObject({
			ok: false,
			kind: 'error',
			code: 'success=false',
			text: '接收人不存在：444',
		});
	});
	it.each([
		[519, 4010, 'token'],
		[519, 4011, 'token'],
		[519, 4009, 'token'],
		[200, 4011, 'token'],
		[200, 1030002006, 'token'],
		[429, 5007, 'retry'],
		[519, 5006, 'retry'],
		[519, 4008, 'error'],
		[519, 4006, 'error'],
		[519, 5004, 'error'],
		[200, 2000002000, 'error'],
	])('HTTP %i errcode %i -> %s', (status, errcode, kind) => {
		expect(r(status, { errcode, description: 'd', descriptionCn: '中文' })).toMatchObject({ ok: false, kind, code: String(errcode), text: 'd / 中文' });
	});
	it('a non-JSON answer names the HTTP status and the Base URL', () => {
		expect(r(502, '<html>Bad gateway</html>')).toMatchObject({ ok: false, kind: 'error', code: 'HTTP 502', hint: expect.stringContaining('Base URL') });
	});
	it('every gateway code of the SDK and 4006-4008 say what to check', () => {
		for (const c of ['4001', '4002', '4003', '4004', '4005', '4006', '4007', '4008', '4009', '4010', '4011', '4012', '5000', '5001', '5002', '5003', '5004', '5005', '5006', '5007', '1030002006', '2000002000']) {
			expect(KINGDEE_CODES[c]?.meaning).toBeTruthy();
		}
		// Only codes from the document, the official SDK or the token flow: nothing the simulator made up.
		expect(Object.keys(KINGDEE_CODES).filter((c) => /^\d+$/.test(c)).sort()).toEqual(
			['4001', '4002', '4003', '4004', '4005', '4006', '4007', '4008', '4009', '4010', '4011', '4012', '5000', '5001', '5002', '5003', '5004', '5005', '5006', '5007', '1030002006', '2000002000'].sort(),
		);
		expect(KINGDEE_CODES['4006'].hint).toMatch(/clock/);
		expect(KINGDEE_CODES['4008'].hint).toMatch(/Client Secret/);
		expect(KINGDEE_CODES['4007'].hint).toBeTruthy();
		const e = platformError(node, { platform: 'Kingdee JDY', code: 4008, text: 'X-Api-Signature is invalid', table: KINGDEE_CODES, httpCode: 519 });
		expect(e.message).toBe('Kingdee JDY error 4008: The request signature was refused (platform message: X-Api-Signature is invalid)');
		expect(e.description).toContain('Client Secret');
	});
});

// ------------------------------------------------------------------ prepare (nothing is sent)

function fields(params: IDataObject, itemIndex = 0): ItemFields {
	return new ItemFields(
		{
			getNode: () => node,
			getNodeParameter: (name: string, _i: number, fallback?: unknown) => (name in params ? params[name] : fallback),
			getTimezone: () => 'Asia/Shanghai',
		},
		itemIndex,
	);
}
const prepare = async (params: IDataObject, i = 0) =>
	send.prepare.call({} as IExecuteFunctions, fields({ channels: ['XXZX'], receivers: '333', title: 'T', content: 'C', options: {}, ...params }, i));

describe('Send: prepare', () => {
	it('builds the documented body; receivers from text or an expression array, as strings, deduplicated', async () => {
		expect(await prepare({ channels: ['XXZX', 'APP'], receivers: '333, 334\n333' })).toEqual({
			body: { channel: ['XXZX', 'APP'], content: 'C', receivers: ['333', '334'], title: 'T' },
			raw: false,
		});
		expect((await prepare({ receivers: [333, '444'], options: { rawResponse: 'true' } })) as unknown as IDataObject).toMatchObject({
			body: { receivers: ['333', '444'] },
			raw: true,
		});
	});
	it.each([
		[{ channels: [] }, 'Item 2, field "Channels": needs at least 1 value'],
		[{ channels: ['XXZX', 'SMS'] }, /Item 2, field "Channels": "?SMS"? is not one of the allowed values: XXZX, APP, QYWX, DD/],
		[{ receivers: ' , ' }, 'Item 2, field "Receivers": needs at least one Kingdee user ID'],
		[{ title: '  ' }, 'Item 2, field "Title": is required but empty'],
		[{ content: '' }, 'Item 2, field "Content": is required but empty'],
		[{ options: { rawResponse: 'sometimes' } }, 'Item 2, field "Include Raw Response": "sometimes" is not yes or no'],
	] as Array<[IDataObject, string | RegExp]>)('rejects %j', async (params, message) => {
		await expect(prepare(params, 1)).rejects.toThrow(message);
	});
});

// ------------------------------------------------------------------ Transport + credential + simulator

const sim = createKingdeeSim();
let base: string;
const cred = new KingdeeJdyApi();

beforeAll(async () => {
	base = await sim.start();
});
afterAll(async () => {
	await sim.stop();
});

async function httpRequest(o: IHttpRequestOptions): Promise<unknown> {
	const r = await axios.request({
		method: o.method,
		url: o.url,
		params: o.qs,
		headers: o.headers as Record<string, string>,
		data: o.body && typeof o.body === 'object' && Object.keys(o.body).length === 0 ? undefined : o.body,
		validateStatus: () => true,
	});
	if (!o.ignoreHttpStatusErrors && r.status >= 400) throw new Error(`HTTP ${r.status}`);
	return o.returnFullResponse ? { statusCode: r.status, body: r.data, headers: r.headers } : r.data;
}

/** A stand-in for n8n: stored credential, preAuthentication when the token is empty, authenticate, send. */
function fakeContext(stored: IDataObject) {
	const helpers = {
		httpRequestWithAuthentication: async (_type: string, request: IHttpRequestOptions, extra?: { credentialsDecrypted?: { data: IDataObject } }) => {
			const data = { ...(extra?.credentialsDecrypted?.data ?? stored) };
			if (!data.appToken) {
				const out = (await cred.preAuthentication!.call({ helpers: { httpRequest } } as unknown as IHttpRequestHelper, data as never)) as IDataObject;
				Object.assign(stored, out);
				Object.assign(data, out);
			}
			const signed = await (cred.authenticate as (c: IDataObject, o: IHttpRequestOptions) => Promise<IHttpRequestOptions>)(data, { ...request });
			return await httpRequest(signed);
		},
	};
	return {
		getNode: () => node,
		getCredentials: async () => ({ ...stored }),
		helpers,
	} as unknown as IExecuteFunctions;
}

function storedCredential(over: IDataObject = {}): IDataObject {
	return {
		baseUrl: base,
		clientId: KINGDEE_DEMO.clientId,
		clientSecret: KINGDEE_DEMO.clientSecret,
		authorization: 'instance',
		outerInstanceId: KINGDEE_DEMO.outerInstanceId,
		uid: '',
		appToken: '',
		renewAfter: 0,
		...over,
	};
}

const body = { channel: ['XXZX'], content: 'C', receivers: ['333'], title: 'T' };
const sendOnce = async (t: Transport) => await send.execute.call({} as IExecuteFunctions, t, { body, raw: false }, 0);

describe('Send through the Transport', () => {
	beforeEach(() => {
		sim.clear();
		sim.faults = [];
	});

	it('sends, and answers success and the platform message', async () => {
		const t = new Transport(fakeContext(storedCredential()), kingdeeClient);
		expect(await sendOnce(t)).toEqual({ success: true, message: '执行成功', channels: ['XXZX'], receivers: ['333'], title: 'T' });
		expect(sim.recordsOf(KINGDEE_ROUTES.send)).toHaveLength(1);
	});

	it('4011 (token expired): renews once (re-authorizing) and resends once', async () => {
		const stored = storedCredential();
		const t = new Transport(fakeContext(stored), kingdeeClient);
		await sendOnce(t);
		const oldToken = stored.appToken;
		sim.tokens.revokeAll();
		sim.rotateAppSecret();
		await sendOnce(t);
		expect(stored.appToken).not.toBe(oldToken);
		expect(sim.recordsOf(KINGDEE_ROUTES.send)).toHaveLength(2);
		expect(sim.callsTo(KINGDEE_ROUTES.send)).toHaveLength(3);
		expect(sim.callsTo(KINGDEE_ROUTES.authorize)).toHaveLength(2);
		expect(sim.callsTo(KINGDEE_ROUTES.token)).toHaveLength(2);
	});

	it('1030002006 from the service goes through the same renewal (authorize + exchange) and one resend', async () => {
		const stored = storedCredential();
		const t = new Transport(fakeContext(stored), kingdeeClient);
		await sendOnce(t);
		sim.fail({ count: 1, route: KINGDEE_ROUTES.send, status: 200, body: { ...AUTH_KEY_ERROR } });
		await sendOnce(t);
		expect(sim.recordsOf(KINGDEE_ROUTES.send)).toHaveLength(2);
		expect(sim.callsTo(KINGDEE_ROUTES.authorize)).toHaveLength(2);
	});

	it('a token refused again after renewals is an error, after exactly two resends', async () => {
		const t = new Transport(fakeContext(storedCredential()), kingdeeClient);
		sim.fail({ count: 5, route: KINGDEE_ROUTES.send, status: 519, body: { errcode: 4010, description: 'access token is invalid' } });
		await expect(sendOnce(t)).rejects.toThrow('Kingdee JDY error 4010: The app-token is not valid (platform message: access token is invalid)');
		expect(sim.callsTo(KINGDEE_ROUTES.send)).toHaveLength(3);
	});

	it('4008 on the send (HTTP 519) is reported with the platform text and never resent', async () => {
		const t = new Transport(fakeContext(storedCredential()), kingdeeClient);
		sim.fail({ count: 1, route: KINGDEE_ROUTES.send, status: 519, body: { errcode: 4008, description: 'X-Api-Signature is invalid', descriptionCn: '签名无效' } });
		const error = await sendOnce(t).catch((e: Error & { description?: string }) => e);
		expect((error as Error).message).toBe('Kingdee JDY error 4008: The request signature was refused (platform message: X-Api-Signature is invalid / 签名无效)');
		expect((error as { description?: string }).description).toContain('Client Secret');
		expect(sim.callsTo(KINGDEE_ROUTES.send)).toHaveLength(1);
	});

	it('2000002000 and data.success false are errors with the platform text, not resent', async () => {
		const t = new Transport(fakeContext(storedCredential()), kingdeeClient);
		sim.fail({ count: 1, route: KINGDEE_ROUTES.send, status: 200, body: { errcode: 2000002000, description: '系统错误,请到开发者社区提单反馈' } });
		await expect(sendOnce(t)).rejects.toThrow('Kingdee JDY error 2000002000: Kingdee system error (platform message: 系统错误,请到开发者社区提单反馈)');
		sim.settings.knownReceivers = ['1'];
		try {
			await expect(sendOnce(t)).rejects.toThrow('The message service did not accept the message (platform message: 接收人不存在：333)');
		} finally {
			sim.settings.knownReceivers = null;
		}
		expect(sim.callsTo(KINGDEE_ROUTES.send)).toHaveLength(2);
	});

	it('5007 overload (HTTP 429) is resent after a pause, with a fresh nonce, and delivered once', async () => {
		const t = new Transport(fakeContext(storedCredential()), kingdeeClient);
		sim.fail({ count: 1, route: KINGDEE_ROUTES.send, status: 429, body: { errcode: 5007, description: 'request overload' } });
		await sendOnce(t);
		expect(sim.recordsOf(KINGDEE_ROUTES.send)).toHaveLength(1);
		expect(sim.callsTo(KINGDEE_ROUTES.send)).toHaveLength(2);
	});

	it('a wrong Client Secret stops at the authorization, sends nothing, and the error has no secret', async () => {
		const wrong = '0123456789abcdef0123456789abcdef';
		const t = new Transport(fakeContext(storedCredential({ clientSecret: wrong })), kingdeeClient);
		const error = await sendOnce(t).catch((e: Error) => e);
		const text = `${(error as Error).message} ${JSON.stringify(error)}`;
		expect((error as Error).message).toContain('error 4008');
		expect((error as Error).message).toContain('Client Secret');
		expect(text).not.toContain(wrong);
		expect(sim.callsTo(KINGDEE_ROUTES.send)).toHaveLength(0);
	});
});
