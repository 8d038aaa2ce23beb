/**
 * Send and Wait for Response, the shared part: what is read and refused before sending, the form,
 * the wait limit, the pages, and the webhook's decisions (show a page, answer, refuse) with a
 * stand-in for n8n's webhook context. The real n8n proves the whole in test/workflows/hitl.test.ts.
 */
import { WAIT_INDEFINITELY } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INode, IWebhookFunctions } from 'n8n-workflow';
import type { Resource } from '../../nodes/common/router';
import { executeSendAndWait } from '../../nodes/common/sendAndWait/execute';
import type { Answer, WaitingOperation } from '../../nodes/common/sendAndWait/execute';
import { readFormAnswer, readFormFields } from '../../nodes/common/sendAndWait/form';
import { htmlMessage, messageButtons } from '../../nodes/common/sendAndWait/links';
import { confirmPage, notePage, pickLanguage } from '../../nodes/common/sendAndWait/pages';
import { readRequest } from '../../nodes/common/sendAndWait/request';
import { STATE_KEY } from '../../nodes/common/sendAndWait/state';
import { readWaitLimit } from '../../nodes/common/sendAndWait/wait';
import { answerWebhook } from '../../nodes/common/sendAndWait/webhook';
import type { PlatformClient } from '../../nodes/common/transport';
import { ItemFields } from '../../nodes/common/validation';

const NODE: INode = { id: 'node-7', name: 'Ask', type: 'n8n-nodes-cn-messaging.dingTalk', typeVersion: 1, position: [0, 0], parameters: {} };

function lookup(params: IDataObject, name: string, fallback?: unknown): unknown {
	let v: unknown = params;
	for (const part of name.split('.')) v = v && typeof v === 'object' ? (v as IDataObject)[part] : undefined;
	return v === undefined ? fallback : v;
}

function fields(params: IDataObject): ItemFields {
	return new ItemFields({ getNode: () => NODE, getTimezone: () => 'Asia/Shanghai', getNodeParameter: (n, _i, fb) => lookup(params, n, fb) }, 0);
}

const base: IDataObject = { subject: ' Leave ', message: 'Approve 3 days?\\nThanks', responseType: 'approval' };
const links = { approve: 'https://n8n.example/w/1/n?approved=true', decline: 'https://n8n.example/w/1/n?approved=false', respond: 'https://n8n.example/w/1/n' };

describe('what a send-and-wait asks (read before anything is sent)', () => {
	it('reads n8n\'s parameters with n8n\'s defaults; "\\n" typed as text is a line break', () => {
		const r = readRequest(fields(base));
		expect(r).toMatchObject({ subject: 'Leave', message: 'Approve 3 days?\nThanks', responseType: 'approval', double: false, approveLabel: 'Approve', declineLabel: 'Decline' });
		const d = readRequest(fields({ ...base, approvalOptions: { values: { approvalType: 'double', approveLabel: '同意', disapproveLabel: '拒绝' } } }));
		expect(messageButtons(d, links)).toEqual([
			{ label: '拒绝', url: links.decline, approved: false },
			{ label: '同意', url: links.approve, approved: true },
		]);
		expect(messageButtons(r, links)).toEqual([{ label: 'Approve', url: links.approve, approved: true }]);
		const t = readRequest(fields({ ...base, responseType: 'freeText', options: { messageButtonLabel: 'Reply', responseFormTitle: 'Your view' } }));
		expect(messageButtons(t, links)).toEqual([{ label: 'Reply', url: links.respond }]);
		expect(t).toMatchObject({ formTitle: 'Your view', formDescription: 'Approve 3 days?\nThanks', formButtonLabel: 'Submit' });
		expect(t.fields).toEqual([expect.objectContaining({ id: 'field-0', key: 'text', type: 'textarea', required: true })]);
	});

	it('refuses an empty subject or message, an unknown response type and a button label longer than a chat button takes', () => {
		expect(() => readRequest(fields({ ...base, message: '   ' }))).toThrow('Item 1, field "Message": is required but empty');
		expect(() => readRequest(fields({ ...base, subject: '' }))).toThrow('Item 1, field "Subject": is required but empty');
		expect(() => readRequest(fields({ ...base, responseType: 'vote' }))).toThrow('field "Response Type"');
		expect(() => readRequest(fields({ ...base, approvalOptions: { values: { approveLabel: 'x'.repeat(21) } } }))).toThrow(
			'field "Approve Button Label": is 21 characters long',
		);
	});

	it('the message as HTML escapes the text and carries the buttons as links', () => {
		const r = readRequest(fields({ ...base, message: '<b>3 days</b>\n& more' }));
		expect(htmlMessage(r, messageButtons(r, links))).toBe(`<p>&lt;b&gt;3 days&lt;/b&gt;<br>&amp; more</p><p><a href="${links.approve}">Approve</a></p>`);
	});
});

describe('the custom form', () => {
	const form = (definition: unknown) => readFormFields(fields({ defineForm: 'json', jsonOutput: JSON.stringify(definition) }));

	it('reads n8n\'s JSON form definition and the rows of the node', () => {
		const list = form([
			{ fieldLabel: 'Name', requiredField: true },
			{ fieldLabel: 'Team', fieldType: 'dropdown', multiselect: true, fieldOptions: { values: [{ option: 'A' }, { option: 'B' }] } },
			{ fieldName: 'ref', fieldType: 'hiddenField', fieldValue: '42' },
		]);
		expect(list.map((f) => [f.id, f.key, f.type, f.required, f.options, f.multiselect, f.value])).toEqual([
			['field-0', 'Name', 'text', true, [], false, ''],
			['field-1', 'Team', 'dropdown', false, ['A', 'B'], true, ''],
			['field-2', 'ref', 'hiddenField', false, [], false, '42'],
		]);
		const rows = readFormFields(fields({ defineForm: 'fields', formFields: { values: [{ fieldLabel: 'Date', fieldType: 'date', requiredField: true }] } }));
		expect(rows).toEqual([expect.objectContaining({ label: 'Date', type: 'date', required: true })]);
	});

	it('refuses a form that cannot be shown: no fields, unknown types (file, HTML), fields named twice, choices without options', () => {
		expect(() => form([])).toThrow('field "Form Fields": has no field');
		expect(() => form([{ fieldLabel: 'CV', fieldType: 'file' }])).toThrow('field "Form Fields entry 1 Element Type": "file" is not one of the allowed values');
		expect(() => form([{ fieldLabel: 'A' }, { fieldLabel: 'A' }])).toThrow('"A" is used twice');
		expect(() => form([{ fieldLabel: 'Pick', fieldType: 'radio' }])).toThrow('field "Form Fields entry 1 Field Options": is empty');
		expect(() => readFormFields(fields({ defineForm: 'json', jsonOutput: '[{' }))).toThrow('field "Form Fields": is not valid JSON');
	});

	it('reads a POST: numbers as numbers, several choices as a list, hidden values from the definition; missing and foreign values are named', () => {
		const list = form([
			{ fieldLabel: 'Count', fieldType: 'number', requiredField: true },
			{ fieldLabel: 'Tags', fieldType: 'checkbox', fieldOptions: { values: [{ option: 'x' }, { option: 'y' }] } },
			{ fieldLabel: 'Note' },
			{ fieldLabel: 'src', fieldType: 'hiddenField', fieldValue: 'mail' },
		]);
		expect(readFormAnswer(list, { 'field-0': '7', 'field-1': ['x', 'y'], 'field-3': 'forged' })).toEqual({
			ok: true,
			values: { Count: 7, Tags: ['x', 'y'], Note: '', src: 'mail' },
		});
		expect(readFormAnswer(list, { 'field-1': 'z' })).toEqual({ ok: false, missing: ['field-0'], invalid: ['field-1'] });
		expect(readFormAnswer(list, { 'field-0': 'seven' })).toEqual({ ok: false, missing: [], invalid: ['field-0'] });
	});
});

describe('the wait limit', () => {
	const now = Date.parse('2026-03-01T00:00:00Z');
	const limit = (values: IDataObject) => readWaitLimit(fields({ options: { limitWaitTime: { values } } }), now);

	it('waits indefinitely without a limit, else until the interval or the date', () => {
		expect(readWaitLimit(fields({}), now)).toEqual({ waitTill: WAIT_INDEFINITELY, limited: false });
		expect(limit({ limitType: 'afterTimeInterval', resumeAmount: 1.5, resumeUnit: 'hours' }).waitTill.toISOString()).toBe('2026-03-01T01:30:00.000Z');
		expect(limit({ limitType: 'afterTimeInterval', resumeAmount: 2, resumeUnit: 'days' }).waitTill.toISOString()).toBe('2026-03-03T00:00:00.000Z');
		// A date without zone is in the workflow's time zone (Asia/Shanghai here).
		expect(limit({ limitType: 'atSpecifiedTime', maxDateAndTime: '2099-01-01 08:00:00' }).waitTill.toISOString()).toBe('2099-01-01T00:00:00.000Z');
	});

	it('refuses a limit that is already over or makes no sense', () => {
		expect(() => limit({ limitType: 'atSpecifiedTime', maxDateAndTime: '2020-01-01 00:00:00' })).toThrow('"2020-01-01 00:00:00" (2020-01-01 00:00:00 China time) is in the past');
		expect(() => limit({ limitType: 'atSpecifiedTime', maxDateAndTime: '' })).toThrow('Max Date and Time": is required but empty');
		expect(() => limit({ limitType: 'afterTimeInterval', resumeAmount: 0, resumeUnit: 'minutes' })).toThrow('"Limit Wait Time: Amount": 0 is not a time to wait');
		expect(() => limit({ limitType: 'afterTimeInterval', resumeAmount: 3, resumeUnit: 'weeks' })).toThrow('Limit Wait Time: Unit');
	});
});

describe('the pages', () => {
	it('speak Chinese to a browser that prefers it, English otherwise', () => {
		expect(pickLanguage('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh');
		expect(pickLanguage('en-US,en;q=0.9,zh-CN;q=0.8')).toBe('en');
		expect(pickLanguage('fr-FR,zh-TW;q=0.5')).toBe('zh');
		expect(pickLanguage(undefined)).toBe('en');
		expect(notePage('zh', 'expired')).toContain('此请求已过期');
		expect(notePage('en', 'answered')).toContain('This request was already answered');
	});

	it('escape everything the workflow gives, use no script and no outside resource, and post to the same address', () => {
		const r = readRequest(fields({ ...base, message: '<script>alert(1)</script>', approvalOptions: { values: { approvalType: 'double', disapproveLabel: '"><b>' } } }));
		const html = confirmPage('en', r, [{ label: r.declineLabel, approved: false }]);
		expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
		expect(html).toContain('&quot;&gt;&lt;b&gt;</button>');
		expect(html).not.toMatch(/<script|src=|href=|action=/);
		expect(html).toContain('<form class="choice" method="post" enctype="multipart/form-data"><input type="hidden" name="approved" value="false">');
	});
});

/** n8n's webhook context as far as the webhook uses it, with a response object that records what was sent. */
function webhookContext(o: { method: string; params: IDataObject; query?: IDataObject; body?: unknown; state?: IDataObject; lang?: string }) {
	const sent: { status?: number; headers: Record<string, string>; body?: string } = { headers: {} };
	const res = {
		status: (s: number) => {
			sent.status = s;
			return res;
		},
		setHeader: (k: string, v: string) => (sent.headers[k.toLowerCase()] = v),
		send: (b: string) => (sent.body = b),
	};
	const ctx = {
		getNode: () => NODE,
		getTimezone: () => 'Asia/Shanghai',
		getNodeParameter: (n: string, fb?: unknown) => lookup(o.params, n, fb),
		getRequestObject: () => ({ method: o.method, headers: { 'accept-language': o.lang ?? 'en' } }),
		getResponseObject: () => res,
		getQueryData: () => o.query ?? {},
		getBodyData: () => o.body ?? {},
		customData: { get: (k: string) => (k === STATE_KEY && o.state ? JSON.stringify(o.state) : undefined) },
	};
	return { ctx: ctx as unknown as IWebhookFunctions, sent };
}

describe('the webhook (where the links land)', () => {
	const answers: Array<{ ids: IDataObject; answer: Answer }> = [];
	let failFollowUp = false;
	const op: WaitingOperation = {
		description: [],
		sends: true,
		prepare: () => ({}),
		send: async () => ({}),
		async afterAnswer(_t, ids, answer) {
			if (failFollowUp) throw new Error('platform down');
			answers.push({ ids, answer });
			return { marked: true };
		},
	};
	const resources = { res: { description: [], operations: { sendAndWait: op } } as Resource };
	const client = { platform: 'Test', credentialType: 'testApi', secretFields: [], judge: () => ({ ok: true }) } as PlatformClient;
	const params = { ...base, resource: 'res', approvalOptions: { values: { approvalType: 'double' } } };
	const state = { node: NODE.id, round: 'r1', ids: { taskId: '99' } };

	it('a GET only shows the page, whatever the link; nothing resumes', async () => {
		const { ctx, sent } = webhookContext({ method: 'GET', params, query: { approved: 'true', r: 'r1' }, state, lang: 'zh-CN' });
		expect(await answerWebhook(ctx, resources, client)).toEqual({ noWebhookResponse: true });
		expect(sent.status).toBe(200);
		expect(sent.headers['content-type']).toContain('text/html');
		expect(sent.headers['content-security-policy']).toContain("default-src 'none'");
		expect(sent.headers['referrer-policy']).toBe('no-referrer');
		expect(sent.body).toContain('点击下方按钮后才会记录您的答复。');
		expect(sent.body).toContain('>Approve</button>');
		expect(sent.body).not.toContain('>Decline</button>');
		expect(answers).toHaveLength(0);
	});

	it('a POST answers: the platform follow-up runs with the kept ids, the page says recorded, the output resumes the workflow', async () => {
		const { ctx, sent } = webhookContext({ method: 'POST', params, query: { r: 'r1' }, body: { data: { approved: 'false' } }, state });
		const result = await answerWebhook(ctx, resources, client);
		expect(result).toEqual({ noWebhookResponse: true, workflowData: [[{ json: { data: { approved: false, respondedAt: expect.any(String) }, marked: true } }]] });
		expect(sent.body).toContain('Your answer was recorded');
		expect(sent.body).toContain('<strong>Decline</strong>');
		expect(answers.at(-1)).toEqual({ ids: { taskId: '99' }, answer: { approved: false, data: expect.objectContaining({ approved: false }) } });
	});

	it('a failed follow-up does not lose the answer', async () => {
		failFollowUp = true;
		const { ctx } = webhookContext({ method: 'POST', params, query: { approved: 'true', r: 'r1' }, state });
		const result = await answerWebhook(ctx, resources, client);
		failFollowUp = false;
		expect(result.workflowData?.[0][0].json).toEqual({ data: { approved: true, respondedAt: expect.any(String) }, followUpError: 'platform down' });
	});

	it('refuses without resuming: a decline where only Approve is offered, a link past its limit, a link of an earlier wait', async () => {
		const single = { ...params, approvalOptions: { values: { approvalType: 'single' } } };
		const cases: Array<[Parameters<typeof webhookContext>[0], number, string]> = [
			[{ method: 'POST', params: single, query: { r: 'r1' }, body: { approved: 'false' }, state }, 400, 'This answer cannot be accepted.'],
			[{ method: 'POST', params, query: { approved: 'true', r: 'r1', e: String(Date.now() - 1000) }, state }, 410, 'This request has expired'],
			[{ method: 'GET', params, query: { r: 'r1', e: String(Date.now() - 1000) }, state, lang: 'zh' }, 410, '此请求已过期'],
			[{ method: 'POST', params, query: { approved: 'true', r: 'r0' }, state }, 409, 'This request was already answered'],
		];
		for (const [o, status, text] of cases) {
			const { ctx, sent } = webhookContext(o);
			expect(await answerWebhook(ctx, resources, client)).toEqual({ noWebhookResponse: true });
			expect({ status: sent.status, text: sent.body?.includes(text) }).toEqual({ status, text: true });
		}
		const { ctx } = webhookContext({ method: 'POST', params, query: { approved: 'true', r: 'r1', e: String(Date.now() + 60_000) }, state });
		expect((await answerWebhook(ctx, resources, client)).workflowData).toBeDefined();
	});
});

describe('executeSendAndWait (the execute() half)', () => {
	function executeContext(params: IDataObject, items = 3, continueOnFail = false) {
		const calls = { signed: [] as IDataObject[], waitTill: [] as Date[], custom: {} as Record<string, string> };
		const ctx = {
			getNode: () => NODE,
			getTimezone: () => 'Asia/Shanghai',
			getNodeParameter: (n: string, _i: number, fb?: unknown) => lookup(params, n, fb),
			getInputData: () => Array.from({ length: items }, (_, k) => ({ json: { k } })),
			continueOnFail: () => continueOnFail,
			getSignedResumeUrl: (p: Record<string, string>) => {
				calls.signed.push(p);
				return `https://n8n.example/webhook-waiting/5/node-7?${new URLSearchParams(p).toString()}&signature=s`;
			},
			putExecutionToWait: async (d: Date) => void calls.waitTill.push(d),
			customData: { set: (k: string, v: string) => (calls.custom[k] = v) },
		};
		return { ctx: ctx as unknown as IExecuteFunctions, calls };
	}
	const sent: unknown[] = [];
	const op: WaitingOperation<{ to: string; buttons: number }> = {
		description: [],
		sends: true,
		prepare(f, m) {
			return { to: f.text(f.param('to'), 'To', { required: true }), buttons: m.buttons.length };
		},
		async send(_t, p) {
			sent.push(p);
			return { msgId: 'm-1' };
		},
	};
	const transport = {} as never;

	it('sends one message for the first item, keeps the ids in the execution, waits, and returns the input', async () => {
		const { ctx, calls } = executeContext({ ...base, to: 'u1', options: { limitWaitTime: { values: { limitType: 'afterTimeInterval', resumeAmount: 10, resumeUnit: 'minutes' } } } });
		const before = Date.now();
		const out = await executeSendAndWait(ctx, op, transport);
		expect(out).toEqual([[{ json: { k: 0 } }, { json: { k: 1 } }, { json: { k: 2 } }]]);
		expect(sent).toEqual([{ to: 'u1', buttons: 1 }]);
		expect(calls.waitTill[0].getTime()).toBeGreaterThanOrEqual(before + 600_000);
		const state = JSON.parse(calls.custom[STATE_KEY]) as IDataObject;
		expect(state).toEqual({ node: 'node-7', round: expect.any(String), ids: { msgId: 'm-1' } });
		// Every link carries the round and the limit, covered by n8n's signature.
		expect(calls.signed).toEqual([
			{ approved: 'true', r: state.round, e: String(calls.waitTill[0].getTime()) },
			{ approved: 'false', r: state.round, e: String(calls.waitTill[0].getTime()) },
			{ r: state.round, e: String(calls.waitTill[0].getTime()) },
		]);
	});

	it('refuses bad input before sending; with Continue On Fail the error is an item and nothing waits', async () => {
		sent.length = 0;
		const bad = executeContext({ ...base, to: '' });
		await expect(executeSendAndWait(bad.ctx, op, transport)).rejects.toThrow('Item 1, field "To": is required but empty');
		const lenient = executeContext({ ...base, message: '' }, 1, true);
		expect(await executeSendAndWait(lenient.ctx, op, transport)).toEqual([[{ json: { error: 'Item 1, field "Message": is required but empty' }, pairedItem: { item: 0 } }]]);
		expect(sent).toEqual([]);
		expect([...bad.calls.waitTill, ...lenient.calls.waitTill]).toEqual([]);
	});
});
