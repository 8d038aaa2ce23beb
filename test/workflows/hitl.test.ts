/**
 * Send and Wait for Response in a real n8n (`n8n start`), as people meet it: webhook-started
 * workflows called over HTTP send their question to a simulator; the test reads the message the
 * simulator received, opens its links with a browser's User-Agent and answers on the page. One n8n
 * server for the whole file (restarted once, to prove a waiting execution survives a restart).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IDataObject } from 'n8n-workflow';
import type { SimServer } from '../sim/base';
import { demoPlatforms } from '../sim/demo';
import { DHC_CHANNEL_ROUTE } from '../sim/dhc';
import type { DemoCredential } from '../sim/demo-types';
import { DINGTALK_DEMO, DINGTALK_ROUTES } from '../sim/dingtalk';
import { EAZYTEC_SEND_RECORD } from '../sim/eazytec';
import { freePort, N8nHarness, PACKAGE } from './harness';
import { FakeChatModel } from './support/fake-chat-model';
import { N8nRest, outputOf } from './rest';
import type { Execution } from './rest';
import { browserGet, browserPost } from './support/browser';

const DT = { dingTalkApi: { id: 'cnmsgDingTalk01', name: 'DingTalk (simulator)' } };
const EXAMPLES = join(__dirname, '..', '..', 'examples');
const R = DINGTALK_ROUTES;

/** Webhook (POST /webhook/<path>) -> Ask (the node under test) -> Done. */
function hitlWorkflow(id: string, path: string, ask: { type: string; parameters: IDataObject; credentials: IDataObject }): IDataObject {
	return {
		id,
		name: id,
		active: false,
		nodes: [
			{ id: `${id}-hook`, name: 'Hook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: `${id}-hook`, parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} } },
			{ id: `${id}-ask`, name: 'Ask', type: `${PACKAGE}.${ask.type}`, typeVersion: 1, position: [200, 0], parameters: ask.parameters, credentials: ask.credentials },
			{ id: `${id}-done`, name: 'Done', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [400, 0], parameters: {} },
		],
		connections: { Hook: { main: [[{ node: 'Ask', type: 'main', index: 0 }]] }, Ask: { main: [[{ node: 'Done', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

const dingTalkAsk = (parameters: IDataObject) => ({
	type: 'dingTalk',
	credentials: DT,
	parameters: {
		resource: 'workNotification',
		operation: 'sendAndWait',
		agentId: String(DINGTALK_DEMO.agentId),
		sendTo: 'users',
		userIds: 'manager4220',
		subject: 'Purchase request',
		message: '={{ "Please approve " + $json.body.tag }}',
		...parameters,
	},
});

const WORKFLOWS = [
	hitlWorkflow('hitlOa', 'hitl-oa', dingTalkAsk({ messageStyle: 'oa', responseType: 'approval', approvalOptions: { values: { approvalType: 'double' } }, options: {} })),
	hitlWorkflow('hitlCard', 'hitl-card', dingTalkAsk({ messageStyle: 'actionCard', responseType: 'approval', approvalOptions: { values: { approvalType: 'double', approveLabel: '同意', disapproveLabel: '拒绝' } }, options: {} })),
	hitlWorkflow('hitlText', 'hitl-text', dingTalkAsk({ responseType: 'freeText', options: { messageButtonLabel: 'Answer' } })),
	hitlWorkflow(
		'hitlForm',
		'hitl-form',
		dingTalkAsk({
			responseType: 'customForm',
			defineForm: 'json',
			jsonOutput: JSON.stringify([
				{ fieldLabel: 'Decision', fieldType: 'radio', fieldOptions: { values: [{ option: 'Buy' }, { option: 'Wait' }] }, requiredField: true },
				{ fieldLabel: 'Budget', fieldType: 'number' },
				{ fieldLabel: 'Suppliers', fieldType: 'checkbox', fieldOptions: { values: [{ option: 'A' }, { option: 'B' }, { option: 'C' }] } },
				{ fieldLabel: 'Source', fieldType: 'hiddenField', fieldValue: 'n8n' },
			]),
			options: { responseFormTitle: 'Purchase decision' },
		}),
	),
	hitlWorkflow('hitlTimeout', 'hitl-timeout', dingTalkAsk({ responseType: 'approval', options: { limitWaitTime: { values: { limitType: 'afterTimeInterval', resumeAmount: 0.1, resumeUnit: 'minutes' } } } })),
	hitlWorkflow(
		'hitlBad',
		'hitl-bad',
		dingTalkAsk({
			userIds: '={{ $json.body.users }}',
			message: '={{ $json.body.message }}',
			responseType: 'approval',
			options: { limitWaitTime: { values: { limitType: 'atSpecifiedTime', maxDateAndTime: '={{ $json.body.until }}' } } },
		}),
	),
];

/** The text the fake chat model asks the gated DingTalk tool to send. */
let agentText = '';
const chatModel = new FakeChatModel((properties) => {
	const input = { userIds: 'user123', text: agentText };
	// n8n wraps a gated tool's schema as { toolParameters, hitlParameters }.
	return 'toolParameters' in properties ? { toolParameters: input, hitlParameters: {} } : input;
});

/** Webhook -> AI Agent, whose model is the fake one and whose one tool (DingTalk Send) is gated by the DingTalk Human in the Loop tool. */
const AGENT_WORKFLOW: IDataObject = {
	id: 'hitlAgent',
	name: 'hitlAgent',
	active: false,
	nodes: [
		{ id: 'ag-hook', name: 'Hook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: 'ag-hook', parameters: { httpMethod: 'POST', path: 'hitl-agent', responseMode: 'onReceived', options: {} } },
		{ id: 'ag-agent', name: 'Agent', type: '@n8n/n8n-nodes-langchain.agent', typeVersion: 3.1, position: [200, 0], parameters: { promptType: 'define', text: '={{ $json.body.prompt }}', options: {} } },
		{
			id: 'ag-model',
			name: 'Model',
			type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
			typeVersion: 1.2,
			position: [200, 200],
			parameters: { model: { __rl: true, value: 'gpt-4o-mini', mode: 'list' }, options: {} },
			credentials: { openAiApi: { id: 'fakeModel01', name: 'Fake model' } },
		},
		{
			id: 'ag-approval',
			name: 'Approval',
			type: `${PACKAGE}.dingTalkHitlTool`,
			typeVersion: 1,
			position: [400, 200],
			parameters: {
				agentId: String(DINGTALK_DEMO.agentId),
				sendTo: 'users',
				userIds: 'manager4220',
				subject: 'Agent approval',
				// n8n's default message prints the tool's input as [object Object] (n8n 2.41): show it as JSON.
				message: '={{ "The agent wants to run this tool: " + $tool.name + "\\n\\nInput:\\n" + JSON.stringify($tool.parameters) }}',
				approvalOptions: { values: { approvalType: 'double' } },
				options: {},
			},
			credentials: DT,
		},
		{
			id: 'ag-send',
			name: 'Send Notification',
			type: `${PACKAGE}.dingTalkTool`,
			typeVersion: 1,
			position: [400, 400],
			parameters: {
				resource: 'workNotification',
				operation: 'send',
				agentId: String(DINGTALK_DEMO.agentId),
				sendTo: 'users',
				userIds: "={{ $fromAI('userIds', 'DingTalk userids', 'string') }}",
				messageInput: 'fields',
				messageType: 'text',
				textContent: "={{ $fromAI('text', 'The notification text', 'string') }}",
				options: {},
			},
			credentials: DT,
		},
	],
	connections: {
		Hook: { main: [[{ node: 'Agent', type: 'main', index: 0 }]] },
		Model: { ai_languageModel: [[{ node: 'Agent', type: 'ai_languageModel', index: 0 }]] },
		Approval: { ai_tool: [[{ node: 'Agent', type: 'ai_tool', index: 0 }]] },
		'Send Notification': { ai_tool: [[{ node: 'Approval', type: 'ai_tool', index: 0 }]] },
	},
	settings: { executionOrder: 'v1' },
};

/** The send-and-wait examples, run here end to end (the examples test only imports them: they start with a Webhook). */
const EXAMPLE_FILES = ['dingtalk-send-and-wait.json', 'vanytech-send-and-wait.json', 'dhc-send-and-wait.json', 'eazytec-send-and-wait.json'];
const agentExample = { ...(JSON.parse(readFileSync(join(EXAMPLES, 'dingtalk-agent-approval.json'), 'utf8')) as IDataObject), id: 'hitlAgentExample' };
const examples = EXAMPLE_FILES.map((file, k) => ({ ...(JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8')) as IDataObject), id: `hitlExample${k + 1}` }));

describe('Send and Wait for Response in a real n8n', () => {
	const sims: Record<string, SimServer> = {};
	let n8n: N8nHarness;
	let server: { url: string; stop: () => Promise<void> };
	let rest: N8nRest;
	let port = 0;
	const seen = new Set<string>();
	const start = async () => {
		server = await n8n.startServer({ port, env: { WEBHOOK_URL: `http://127.0.0.1:${port}/` } });
	};

	/** Triggers a workflow and waits until its new execution waits (or ends, for `status`). */
	const run = async (workflowId: string, path: string, body: IDataObject, status: string | string[] = 'waiting'): Promise<Execution> => {
		const known = new Set((await rest.executions(workflowId)).map((e) => e.id));
		// n8n registers a published workflow's webhook in the background: a first call may still get 404.
		await rest.until(`the webhook ${path}`, async () => ((await rest.trigger(path, body)) === 200 ? true : undefined), 30_000);
		const e = await rest.newExecution(workflowId, known, status, 90_000);
		seen.add(e.id);
		return e;
	};
	/** The execution once it has ended (not waiting, not running). */
	const finished = async (e: Execution, ms = 60_000) =>
		await rest.until(`execution ${e.id} to finish`, async () => {
			const now = await rest.execution(e.id);
			return ['waiting', 'running', 'new'].includes(now.status) ? undefined : now;
		}, ms);
	/** The message a simulator accepted that contains `tag`. */
	const recordWith = async (sim: string, route: string, tag: string) =>
		await rest.until(`a ${sim} message with ${tag}`, async () => sims[sim].recordsOf(route).find((r) => JSON.stringify(r.payload).includes(tag))?.payload);

	beforeAll(async () => {
		const credentials: DemoCredential[] = [];
		for (const platform of await demoPlatforms()) {
			sims[platform.key] = platform.create();
			credentials.push(...platform.credentials(await sims[platform.key].start()));
		}
		n8n = await N8nHarness.create('hitl');
		await chatModel.start();
		await n8n.importCredentials([...credentials, { id: 'fakeModel01', name: 'Fake model', type: 'openAiApi', data: { apiKey: 'sk-test-0000', url: chatModel.url } }]);
		await n8n.importWorkflows([...WORKFLOWS, AGENT_WORKFLOW, agentExample, ...examples]);
		port = await freePort();
		await start();
		rest = await N8nRest.asNewOwner(server.url);
		for (const w of [...WORKFLOWS, AGENT_WORKFLOW, ...examples]) await rest.activateById(String(w.id));
	});

	afterAll(async () => {
		await server?.stop();
		n8n?.dispose();
		await Promise.all([...Object.values(sims).map((s) => s.stop()), chatModel.stop()]);
	});

	/** The execution of the wait-limit test, checked again at the end (n8n resumes it within about a minute). */
	let timedOut: { execution: Execution; deadline: number; lateStatus: number } | undefined;

	it('after the wait limit, a late answer is refused ("expired" while n8n has not resumed yet) and resumes nothing', async () => {
		const e = await run('hitlTimeout', 'hitl-timeout', { tag: 'T1' });
		const waitingAt = Date.now();
		const link = String((((await recordWith('dingtalk', R.asyncsend, 'T1')).msg as IDataObject).action_card as IDataObject).single_url);
		const deadline = Number(new URL(link).searchParams.get('e'));
		expect(deadline).toBeGreaterThan(waitingAt - 10_000);
		await new Promise((r) => setTimeout(r, Math.max(0, deadline - Date.now()) + 300));
		// Still waiting (n8n's wait tracker looks every 60 s): our page says "expired"; resumed already: n8n's "No action required".
		const late = await browserPost(link, {});
		expect([late.status, late.status === 410 ? late.html.includes('This request has expired') : late.html.includes('No action required')]).toEqual([
			late.status,
			true,
		]);
		timedOut = { execution: e, deadline, lateStatus: late.status };
	});

	it('DingTalk OA message: the link only shows the page (also to a link previewer); the POST answers, resumes and updates the status bar', async () => {
		const before = sims.dingtalk.recordsOf(R.statusBarUpdate).length;
		const e = await run('hitlOa', 'hitl-oa', { tag: 'OA1' });
		const oa = ((await recordWith('dingtalk', R.asyncsend, 'OA1')).msg as IDataObject).oa as IDataObject;
		expect(oa).toMatchObject({ head: { text: 'Purchase request' }, body: { title: 'Purchase request', content: 'Please approve OA1' }, status_bar: { status_value: '待处理' } });
		expect(oa.pc_message_url).toBe(oa.message_url);
		const link = String(oa.message_url);
		expect(link.startsWith(`${server.url}/webhook-waiting/${e.id}/`)).toBe(true);
		expect(e.customData.cnmsgSendAndWait).toContain('"taskId"');

		const page = await browserGet(link, { 'accept-language': 'en-US,en;q=0.9' });
		expect(page.status).toBe(200);
		expect(page.type).toContain('text/html');
		expect(page.html).toContain('Please approve OA1');
		expect(page.html).toContain('Your answer is recorded only when you press a button below.');
		expect(page.html).toContain('>Approve</button>');
		expect(page.html).toContain('>Decline</button>');
		expect(page.html).not.toMatch(/<script|https?:\/\/(?!127\.0\.0\.1)/);
		for (const ua of ['DingTalkBot-LinkService/1.0', 'Mozilla/5.0 (compatible; Googlebot/2.1)', '']) {
			expect((await fetch(link, { headers: { 'user-agent': ua } })).status).toBe(200);
		}
		expect((await rest.execution(e.id)).status).toBe('waiting');

		const answer = await browserPost(link, { approved: 'true' }, { 'accept-language': 'zh-CN,zh;q=0.9' });
		expect(answer.status).toBe(200);
		expect(answer.html).toContain('已记录您的答复');
		const done = await finished(e);
		expect(done.status).toBe('success');
		const out = outputOf(done, 'Ask')!;
		expect(out.data).toEqual({ approved: true, respondedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
		expect(out.statusBar).toMatchObject({ updated: true, statusValue: '已同意' });
		expect(outputOf(done, 'Done')).toEqual(out);
		const updates = sims.dingtalk.recordsOf(R.statusBarUpdate).slice(before);
		expect(updates.map((u) => u.payload)).toEqual([expect.objectContaining({ status_value: '已同意', task_id: Number(out.statusBar && (out.statusBar as IDataObject).taskId) })]);

		// A second answer (another click, the other choice) changes nothing: n8n answers with its own page.
		const again = await browserPost(link, { approved: 'false' });
		expect(again.html).toContain('No action required');
		expect(outputOf(await rest.execution(e.id), 'Ask')).toEqual(out);
		expect(sims.dingtalk.recordsOf(R.statusBarUpdate).length).toBe(before + 1);
	});

	it('DingTalk action card: each button is a signed link; an altered or forged link is refused by n8n and resumes nothing; Decline resumes with approved false', async () => {
		const e = await run('hitlCard', 'hitl-card', { tag: 'C1' });
		const card = ((await recordWith('dingtalk', R.asyncsend, 'C1')).msg as IDataObject).action_card as IDataObject;
		const buttons = card.btn_json_list as Array<{ title: string; action_url: string }>;
		expect(buttons.map((b) => b.title)).toEqual(['拒绝', '同意']);
		const [decline, approve] = buttons.map((b) => b.action_url);
		expect(new URL(approve).searchParams.get('approved')).toBe('true');
		expect(new URL(decline).searchParams.get('approved')).toBe('false');

		const altered = approve.replace('approved=true', 'approved=false');
		const forged = approve.replace(/signature=[0-9a-f]+/, `signature=${'0'.repeat(64)}`);
		const otherExecution = approve.replace(`/webhook-waiting/${e.id}/`, `/webhook-waiting/${Number(e.id) + 1000}/`);
		for (const url of [altered, forged, approve.replace(/&signature=[0-9a-f]+/, '')]) {
			expect((await browserGet(url)).status).toBe(401);
			expect((await browserPost(url, { approved: 'true' })).status).toBe(401);
		}
		expect([401, 404]).toContain((await browserPost(otherExecution, {})).status);
		expect((await rest.execution(e.id)).status).toBe('waiting');

		const page = await browserGet(decline, { 'accept-language': 'zh-CN' });
		expect(page.html).toContain('点击下方按钮后才会记录您的答复。');
		expect(page.html).toContain('>拒绝</button>');
		expect(page.html).not.toContain('>同意</button>');
		expect((await browserPost(decline, {})).status).toBe(200);
		const done = await finished(e);
		expect(outputOf(done, 'Ask')).toEqual({ data: { approved: false, respondedAt: expect.any(String) } });
	});

	it('free text: the link opens a form; an empty answer is asked again; the text resumes the workflow', async () => {
		const e = await run('hitlText', 'hitl-text', { tag: 'F1' });
		const card = ((await recordWith('dingtalk', R.asyncsend, 'F1')).msg as IDataObject).action_card as IDataObject;
		expect(card.single_title).toBe('Answer');
		const link = String(card.single_url);
		const form = await browserGet(link);
		expect(form.html).toContain('<textarea name="field-0"');
		expect(form.html).toContain('Please approve F1');
		const empty = await browserPost(link, { 'field-0': '  ' });
		expect(empty.status).toBe(400);
		expect(empty.html).toContain('This field is required.');
		expect((await rest.execution(e.id)).status).toBe('waiting');
		expect((await browserPost(link, { 'field-0': 'Only if it ships this week.' })).status).toBe(200);
		const done = await finished(e);
		expect(outputOf(done, 'Ask')).toEqual({ data: { text: 'Only if it ships this week.', respondedAt: expect.any(String) } });
	});

	it('custom form: the fields defined in JSON; n8n takes only multipart/form-data; the values come out by label', async () => {
		const e = await run('hitlForm', 'hitl-form', { tag: 'G1' });
		const link = String((((await recordWith('dingtalk', R.asyncsend, 'G1')).msg as IDataObject).action_card as IDataObject).single_url);
		const form = await browserGet(link);
		expect(form.html).toContain('<h1>Purchase decision</h1>');
		for (const input of ['type="radio" name="field-0" value="Buy"', 'type="number" name="field-1"', 'type="checkbox" name="field-2" value="C"']) expect(form.html).toContain(input);
		expect(form.html).not.toContain('field-3');
		const urlencoded = await fetch(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'Mozilla/5.0' }, body: 'field-0=Buy' });
		expect(urlencoded.status).toBe(415);
		const bad = await browserPost(link, { 'field-0': 'Steal' });
		expect(bad.status).toBe(400);
		expect(bad.html).toContain('This value is not one of the choices.');
		expect((await rest.execution(e.id)).status).toBe('waiting');
		expect((await browserPost(link, { 'field-0': 'Buy', 'field-1': '1200.5', 'field-2': ['A', 'C'] })).status).toBe(200);
		const done = await finished(e);
		expect(outputOf(done, 'Ask')).toEqual({ data: { Decision: 'Buy', Budget: 1200.5, Suppliers: ['A', 'C'], Source: 'n8n', respondedAt: expect.any(String) } });
	});

	it('Vanytech example: a todo whose link is the response page; after the answer the todo is confirmed on the platform', async () => {
		const e = await run('hitlExample2', 'vanytech-room-booking', { name: 'Wang Wu V1' });
		const sent = await recordWith('vanytech', 'POST /message/sendMessageApi', 'Wang Wu V1');
		expect(sent).toMatchObject({ sendMsgType: '4', msgtitle: 'Room booking: A-301' });
		expect(sent.pcUrl).toBe(sent.waitLink);
		expect(String(sent.msgContent)).toContain(String(sent.waitLink));
		const page = await browserGet(String(sent.waitLink));
		expect(page.html).toContain('>Approve</button>');
		expect(page.html).toContain('>Decline</button>');
		expect((await browserPost(String(sent.waitLink), { approved: 'true' })).status).toBe(200);
		const done = await finished(e);
		expect(outputOf(done, 'Ask the Approver')).toMatchObject({ data: { approved: true }, todo: { msgId: sent.msgId, confirmed: true } });
		expect(done.runData.Approved).toHaveLength(1);
		expect(sims.vanytech.recordsOf('POST /message/checkMessageStatusApi').map((r) => r.payload)).toContainEqual(
			expect.objectContaining({ msgId: sent.msgId, state: '2', messageType: '1' }),
		);
	});

	it('Vanytech: when confirming the todo fails, the answer still resumes the workflow and the output says so', async () => {
		const e = await run('hitlExample2', 'vanytech-room-booking', { name: 'Zhao Liu V2' });
		const sent = await recordWith('vanytech', 'POST /message/sendMessageApi', 'Zhao Liu V2');
		sims.vanytech.fail({ count: 1, route: 'POST /message/checkMessageStatusApi', body: { rspCode: '500008', rspMsg: '待办/任务消息后台未处理完成，无法修改消息状态', resultData: null } });
		expect((await browserPost(String(sent.waitLink), { approved: 'false' })).status).toBe(200);
		const done = await finished(e);
		const out = outputOf(done, 'Ask the Approver')!;
		expect(out.data).toMatchObject({ approved: false });
		expect(out.todo).toMatchObject({ msgId: sent.msgId, confirmed: false, error: expect.stringContaining('500008') });
		expect(done.runData['Declined or No Answer']).toHaveLength(1);
	});

	it('DHC example: a site letter whose detail link is the response form', async () => {
		const e = await run('hitlExample3', 'dhc-consultation', { patient: 'P-77 D1' });
		const sent = await recordWith('dhc', DHC_CHANNEL_ROUTE, 'P-77 D1');
		const letter = (sent.channelData as IDataObject)['1002'] as IDataObject;
		expect(letter).toMatchObject({ title: 'Consultation request' });
		const form = await browserGet(String(letter.website));
		expect(form.html).toContain('<h1>Consultation reply</h1>');
		expect((await browserPost(String(letter.website), { 'field-0': 'Halve the dose.' })).status).toBe(200);
		const done = await finished(e);
		expect(outputOf(done, 'Ask the Doctor')).toEqual({ data: { text: 'Halve the dose.', respondedAt: expect.any(String) } });
	});

	it('Eazytec example: the PC and app links are the response form; the body carries the link too', async () => {
		const e = await run('hitlExample4', 'eazytec-meeting-registration', { date: '2026-12-09 E1' });
		const sent = await recordWith('eazytec', EAZYTEC_SEND_RECORD, '2026-12-09 E1');
		const params = (sent.sendData as IDataObject).params as IDataObject;
		expect(params.redirect_app).toBe(params.redirect_pc);
		expect(String((sent.sendData as IDataObject).body)).toContain('>Register</a>');
		expect((await browserPost(String(params.redirect_pc), { 'field-0': 'Yes', 'field-1': '2', 'field-2': '' })).status).toBe(200);
		const done = await finished(e);
		expect(outputOf(done, 'Ask the Company')).toEqual({ data: { Attending: 'Yes', Participants: 2, Remarks: '', respondedAt: expect.any(String) } });
	});

	it('DingTalk example: the approval reaches the IF node; the OA status bar shows 已同意', async () => {
		const e = await run('hitlExample1', 'dingtalk-leave-request', { name: 'Sun Qi K1', days: 2 });
		const oa = ((await recordWith('dingtalk', R.asyncsend, 'Sun Qi K1')).msg as IDataObject).oa as IDataObject;
		expect((oa.status_bar as IDataObject).status_value).toBe('待审批');
		expect((await browserPost(String(oa.message_url), { approved: 'true' })).status).toBe(200);
		const done = await finished(e);
		expect(outputOf(done, 'Ask the Manager')).toMatchObject({ data: { approved: true }, statusBar: { updated: true, statusValue: '已同意' } });
		expect(done.runData.Approved).toHaveLength(1);
	});

	it('bad input (no recipient, empty message, a wait limit in the past) is refused before anything is sent', async () => {
		const sent = sims.dingtalk.recordsOf(R.asyncsend).length;
		const future = '2099-01-01 00:00:00';
		const cases: Array<[IDataObject, string]> = [
			[{ users: '', message: 'x', until: future }, 'field "User Names or IDs": is empty'],
			[{ users: 'manager4220', message: '  ', until: future }, 'field "Message": is required but empty'],
			[{ users: 'manager4220', message: 'x', until: '2020-01-01 00:00:00' }, 'field "Limit Wait Time: Max Date and Time": "2020-01-01 00:00:00" (2020-01-01 00:00:00 China time) is in the past'],
		];
		for (const [body, error] of cases) {
			const e = await run('hitlBad', 'hitl-bad', body, ['error', 'success', 'waiting']);
			expect({ status: e.status, error: String(e.error?.message) }).toEqual({ status: 'error', error: expect.stringContaining(error) });
		}
		expect(sims.dingtalk.recordsOf(R.asyncsend).length).toBe(sent);
	});

	it('an execution waiting when n8n restarts resumes with the answer given after the restart', async () => {
		const e = await run('hitlCard', 'hitl-card', { tag: 'RS1' });
		const approve = ((((await recordWith('dingtalk', R.asyncsend, 'RS1')).msg as IDataObject).action_card as IDataObject).btn_json_list as Array<{ action_url: string }>)[1].action_url;
		await server.stop();
		await start();
		rest = await N8nRest.signIn(server.url);
		expect((await rest.execution(e.id)).status).toBe('waiting');
		expect((await browserPost(approve, {})).status).toBe(200);
		const done = await finished(e);
		expect(outputOf(done, 'Ask')).toEqual({ data: { approved: true, respondedAt: expect.any(String) } });
	});

	it('an AI Agent\'s tool call waits for a DingTalk approval (n8n\'s Human in the Loop tool): approved, the tool runs; declined, it does not', async () => {
		for (const [tag, approve] of [['AG1', true], ['AG2', false]] as const) {
			agentText = `The meeting moved to 3 pm (${tag})`;
			const e = await run('hitlAgent', 'hitl-agent', { prompt: `Tell user123 that the meeting moved to 3 pm. ${tag}` });
			const card = ((await recordWith('dingtalk', R.asyncsend, agentText)).msg as IDataObject).action_card as IDataObject;
			// The message names the tool and its input ($tool, set by n8n for the Human in the Loop tool).
			expect(String(card.markdown)).toContain('The agent wants to run this tool: Send_Notification');
			expect(String(card.markdown)).toContain(`"text":"${agentText}"`);
			const [decline, yes] = (card.btn_json_list as Array<{ action_url: string }>).map((b) => b.action_url);
			expect((await browserPost(approve ? yes : decline, {})).status).toBe(200);
			const done = await finished(e, 120_000);
			expect({ tag, status: done.status, error: done.error?.message }).toEqual({ tag, status: 'success', error: undefined });
			const notifications = sims.dingtalk.recordsOf(R.asyncsend).filter((r) => ((r.payload.msg as IDataObject).text as IDataObject | undefined)?.content === agentText);
			expect({ tag, sent: notifications.map((r) => r.payload.userid_list) }).toEqual({ tag, sent: approve ? [['user123']] : [] });
		}
	});

	it('the AI agent example imports into n8n with every node type known (the Human in the Loop tool included)', async () => {
		const res = await fetch(`${server.url}/types/nodes.json`, { headers: { cookie: rest.cookie } });
		const known = new Set(((await res.json()) as Array<{ name: string }>).map((t) => t.name));
		const saved = (await rest.api('GET', '/rest/workflows/hitlAgentExample')).json.data as IDataObject;
		const types = (saved.nodes as IDataObject[]).map((n) => String(n.type));
		expect(types).toContain(`${PACKAGE}.dingTalkHitlTool`);
		for (const type of types) expect({ type, known: known.has(type) }).toEqual({ type, known: true });
	});

	it('lists a Human in the Loop tool for every node with Send and Wait, with n8n\'s own message and the approval options', async () => {
		const res = await fetch(`${server.url}/types/nodes.json`, { headers: { cookie: rest.cookie } });
		const types = (await res.json()) as Array<{ name: string; properties: IDataObject[] }>;
		const names = new Set(types.map((t) => t.name));
		for (const node of ['dingTalk', 'vanytechMessageCenter', 'dhcMessagePlatform', 'eazytecZqt']) {
			expect({ node, listed: names.has(`${PACKAGE}.${node}HitlTool`) }).toEqual({ node, listed: true });
		}
		expect(names.has(`${PACKAGE}.kingdeeJdyHitlTool`)).toBe(false);
		const hitl = types.find((t) => t.name === `${PACKAGE}.dingTalkHitlTool`)!;
		const prop = (name: string) => hitl.properties.filter((p) => p.name === name);
		expect(prop('message')).toHaveLength(1);
		expect(String(prop('message')[0].default)).toContain('$tool.name');
		expect(prop('resource')[0]).toMatchObject({ type: 'hidden', default: 'workNotification' });
		expect(prop('operation')[0]).toMatchObject({ type: 'hidden', default: 'sendAndWait' });
		expect(prop('responseType')[0]).toMatchObject({ type: 'hidden', default: 'approval' });
		expect(prop('approvalOptions')).toHaveLength(1);
		// Other resources' fields of the same name (the todo's Subject) stay, hidden by their own resource.
		const forWait = (name: string) => prop(name).filter((p) => JSON.stringify((p.displayOptions as IDataObject | undefined)?.show ?? {}).includes('sendAndWait'));
		expect(forWait('subject')).toHaveLength(1);
	});
	it('the execution that reached its wait limit resumed as n8n\'s nodes do on timeout: the node passed its input on', async () => {
		const { execution, deadline, lateStatus } = timedOut!;
		const done = await finished(execution, 120_000);
		console.log(`wait limit passed; n8n ended the execution ${Date.parse(String(done.stoppedAt)) - deadline} ms later (late answer: HTTP ${lateStatus})`);
		expect(done.status).toBe('success');
		const out = outputOf(done, 'Ask')!;
		expect(out.data).toBeUndefined();
		expect((out.body as IDataObject).tag).toBe('T1');
		expect(outputOf(done, 'Done')).toEqual(out);
	});

});
