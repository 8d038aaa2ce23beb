/**
 * The five platforms as the benchmark uses them: the simulator and credential of the demo, the
 * send of the example workflow, and how to build the same request for n8n's HTTP Request node.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';
import type { Resource } from '../../nodes/common/router';
import type { PlatformClient, Route } from '../../nodes/common/transport';
import { ItemFields } from '../../nodes/common/validation';
import * as dhc from '../../nodes/DhcMessagePlatform/actions';
import { dhcClient, ROUTES as DHC_ROUTES } from '../../nodes/DhcMessagePlatform/transport';
import * as dingtalk from '../../nodes/DingTalk/actions';
import { dingTalkClient, ROUTES as DINGTALK_ROUTES } from '../../nodes/DingTalk/transport';
import * as eazytec from '../../nodes/EazytecZqt/actions';
import { eazytecClient, ROUTES as EAZYTEC_ROUTES } from '../../nodes/EazytecZqt/transport';
import * as kingdee from '../../nodes/KingdeeJdy/actions';
import { kingdeeClient, ROUTES as KINGDEE_ROUTES } from '../../nodes/KingdeeJdy/transport';
import * as vanytech from '../../nodes/VanytechMessageCenter/actions';
import { vanytechClient, ROUTES as VANYTECH_ROUTES } from '../../nodes/VanytechMessageCenter/transport';
import type { SimServer } from '../sim/base';
import { dhcDemo } from '../sim/dhc.demo';
import type { DemoPlatform } from '../sim/demo-types';
import { dingtalkDemo } from '../sim/dingtalk.demo';
import { eazytecDemo } from '../sim/eazytec.demo';
import { kingdeeDemo } from '../sim/kingdee.demo';
import { vanytechDemo } from '../sim/vanytech.demo';
import type { CredentialSpec, NodeSpec } from '../workflows/harness';
import type { Operation } from '../../nodes/common/run';

export interface BenchPlatform {
	key: string;
	title: string;
	demo: DemoPlatform;
	/** The example workflow with the send. */
	example: string;
	/** This package's node name. */
	node: string;
	resources: Record<string, Resource>;
	routes: Record<string, Route>;
	client: PlatformClient;
	/** Why n8n's HTTP Request node cannot make the same request with this credential, if it cannot. */
	noHttp?: string;
	/** The send's parameters with one recipient, given by an n8n expression (for Combine Items). */
	recipient: (params: IDataObject, expression: string) => IDataObject;
}

const ROOT = join(__dirname, '..', '..', '..').replace(/\/build-test$/, '');

export const PLATFORMS: BenchPlatform[] = [
	{
		key: 'vanytech',
		title: 'Vanytech Message Center',
		demo: vanytechDemo,
		example: 'vanytech-send',
		node: 'vanytechMessageCenter',
		resources: vanytech.resources as never,
		routes: VANYTECH_ROUTES,
		client: vanytechClient,
		recipient: (p, e) => ({ ...p, receivers: { receiver: [{ userId: e, name: 'Staff' }] } }),
	},
	{
		key: 'kingdee',
		title: 'Kingdee JDY',
		demo: kingdeeDemo,
		example: 'kingdee-send',
		node: 'kingdeeJdy',
		resources: kingdee.resources as never,
		routes: KINGDEE_ROUTES,
		client: kingdeeClient,
		noHttp: "the HTTP Request node hands the credential a request with `uri`, which the Kingdee signing does not read",
		recipient: (p, e) => ({ ...p, receivers: e }),
	},
	{
		key: 'dhc',
		title: 'DHC Message Platform',
		demo: dhcDemo,
		example: 'dhc-send-by-channel',
		node: 'dhcMessagePlatform',
		resources: dhc.resources as never,
		routes: DHC_ROUTES,
		client: dhcClient,
		recipient: (p, e) => ({ ...p, userCodes: e, deptCodes: '' }),
	},
	{
		key: 'eazytec',
		title: 'Eazytec ZQT',
		demo: eazytecDemo,
		example: 'eazytec-send',
		node: 'eazytecZqt',
		resources: eazytec.resources as never,
		routes: EAZYTEC_ROUTES,
		client: eazytecClient,
		recipient: (p, e) => {
			const [first] = ((p.receivers as IDataObject).receiver as IDataObject[]) ?? [{}];
			return { ...p, receivers: { receiver: [{ ...first, userId: e }] } };
		},
	},
	{
		key: 'dingtalk',
		title: 'DingTalk',
		demo: dingtalkDemo,
		example: 'dingtalk-send',
		node: 'dingTalk',
		resources: dingtalk.resources as never,
		routes: DINGTALK_ROUTES,
		client: dingTalkClient,
		recipient: (p, e) => ({ ...p, sendTo: 'users', userIds: e }),
	},
];

/** The send node of a platform's example workflow: its parameters and credential reference. */
export function exampleSend(platform: BenchPlatform): { parameters: IDataObject; credentials: Record<string, { id: string; name: string }> } {
	const workflow = JSON.parse(readFileSync(join(ROOT, 'examples', `${platform.example}.json`), 'utf8')) as { nodes: IDataObject[] };
	const node = workflow.nodes.find((n) => String(n.type).endsWith(`.${platform.node}`))!;
	return { parameters: node.parameters as IDataObject, credentials: node.credentials as Record<string, { id: string; name: string }> };
}

/** What the node's operation sends for these parameters (its prepared request body), cleaned as the transport cleans it. */
export async function preparedBody(platform: BenchPlatform, parameters: IDataObject): Promise<IDataObject> {
	const node = { id: 'bench', name: 'Bench', type: platform.node, typeVersion: 1, position: [0, 0], parameters } as unknown as INode;
	const ctx = {
		getNode: () => node,
		getTimezone: () => 'Asia/Shanghai',
		getNodeParameter: (name: string, _i: number, fallback?: unknown) => {
			let v: unknown = parameters;
			for (const part of name.split('.')) v = v && typeof v === 'object' ? (v as IDataObject)[part] : undefined;
			return v === undefined ? fallback : v;
		},
	};
	const op = platform.resources[parameters.resource as string].operations[parameters.operation as string] as Operation;
	const prepared = (await op.prepare.call(ctx as unknown as IExecuteFunctions, new ItemFields(ctx, 0))) as { body: IDataObject };
	const body: IDataObject = {};
	for (const [k, v] of Object.entries(prepared.body)) if (v !== undefined && !(platform.client.omitEmptyText && v === '')) body[k] = v;
	return body;
}

/** n8n's HTTP Request node making the same request with the same credential. */
export function httpRequestNode(name: string, route: Route, url: string, body: IDataObject, credentials: Record<string, { id: string; name: string }>): NodeSpec {
	const [type] = Object.keys(credentials);
	const carry = route.carry ?? (route.method === 'GET' ? 'query' : 'json');
	const send: IDataObject =
		carry === 'json'
			? { sendBody: true, contentType: 'json', specifyBody: 'json', jsonBody: JSON.stringify(body) }
			: carry === 'form'
				? { sendBody: true, contentType: 'form-urlencoded', bodyParameters: { parameters: Object.entries(body).map(([k, v]) => ({ name: k, value: typeof v === 'string' ? v : JSON.stringify(v) })) } }
				: { sendQuery: true, queryParameters: { parameters: Object.entries(body).map(([k, v]) => ({ name: k, value: String(v) })) } };
	return {
		name,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		from: 'Items',
		parameters: { method: route.method, url, authentication: 'predefinedCredentialType', nodeCredentialType: type, ...send, options: {} },
		credentials,
	};
}

/** The route of a call the node made (the simulator saw its path). */
export function routeOf(platform: BenchPlatform, sim: SimServer): Route {
	const paths = new Set(sim.calls.map((c) => c.path));
	const route = Object.values(platform.routes).find((r) => [...paths].some((p) => p.endsWith(r.path) && !/token|authorize/i.test(r.path)));
	if (!route) throw new Error(`no send route of ${platform.title} among ${[...paths].join(', ')}`);
	return route;
}

export function credentialsOf(platform: BenchPlatform, url: string): CredentialSpec[] {
	return platform.demo.credentials(url);
}
