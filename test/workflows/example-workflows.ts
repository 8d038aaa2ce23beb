/**
 * The example workflows (examples/*.json) as the compatibility suite and the MCP checks use them:
 * read, matched to the operation they show, and adapted to a running n8n (credentials pointing at
 * the saved ones, the manual trigger replaced by a webhook).
 */
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IDataObject } from 'n8n-workflow';
import type { SimServer } from '../sim/base';
import type { DemoCredential } from '../sim/demo-types';
import type { N8nHarness } from './harness';
import { PACKAGE_PREFIX } from './rest';
import type { CredentialTypeInfo, N8nRest, NodeTypeInfo } from './rest';

export const ROOT = join(__dirname, '..', '..');

export interface Example {
	file: string;
	data: IDataObject & { nodes: IDataObject[]; connections: IDataObject };
}

export function examples(): Example[] {
	const dir = join(ROOT, 'examples');
	return readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((file) => ({ file, data: JSON.parse(readFileSync(join(dir, file), 'utf8')) as Example['data'] }));
}

/** What every check of the suite shares: the running n8n, its node types, the simulators, the saved credentials. */
export interface CompatContext {
	n8n: N8nHarness;
	rest: N8nRest;
	nodeTypes: NodeTypeInfo[];
	credentialTypes: CredentialTypeInfo[];
	/** The package's action nodes (those n8n also offers as AI tools), with their simulator and credential. */
	platforms: Array<{ node: NodeTypeInfo; sim: SimServer; credential: DemoCredential; credentialId: string }>;
	/** Saved credential id by credential type. */
	credentialIds: Record<string, string>;
}

/** An example workflow with its credentials pointing at the saved ones and, if given, its manual trigger replaced by a webhook. */
export function adapt(example: Example, ctx: CompatContext, webhook?: { path: string; responseMode: 'lastNode' | 'onReceived' }): IDataObject {
	const nodes = example.data.nodes.map((node) => {
		const credentials = Object.fromEntries(
			Object.entries((node.credentials ?? {}) as Record<string, { id?: string; name: string }>).map(([type, ref]) => [
				type,
				// The credential the example names (e.g. DingTalk's third-party app), else the type's first.
				{ id: (ref.id !== undefined ? ctx.credentialIds[ref.id] : undefined) ?? ctx.credentialIds[type], name: ref.name },
			]),
		);
		if (webhook && node.type === 'n8n-nodes-base.manualTrigger') {
			return {
				id: node.id,
				name: node.name,
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: node.position,
				webhookId: randomUUID(),
				parameters: { httpMethod: 'POST', path: webhook.path, responseMode: webhook.responseMode, responseData: 'allEntries', options: {} },
			};
		}
		if (webhook && node.type === 'n8n-nodes-base.webhook') {
			// An example started by its own webhook: the same node on this test's path.
			const parameters = { ...(node.parameters as IDataObject), httpMethod: 'POST', path: webhook.path, responseMode: webhook.responseMode };
			return { ...node, webhookId: randomUUID(), parameters };
		}
		return node.credentials ? { ...node, credentials } : node;
	});
	return { ...example.data, name: `${String(example.data.name)} (${example.file})`, nodes, settings: { executionOrder: 'v1', saveDataSuccessExecution: 'all' } };
}

/** The nodes of this package in an example, with their resource and operation. */
function packageNodes(example: Example): Array<{ type: string; resource?: string; operation?: string }> {
	return example.data.nodes
		.filter((n) => String(n.type).startsWith(PACKAGE_PREFIX))
		.map((n) => {
			const p = n.parameters as IDataObject;
			return { type: String(n.type), resource: p.resource as string | undefined, operation: p.operation as string | undefined };
		});
}

/**
 * The example that shows the operation alone (the fewest nodes), if there is one: started by hand,
 * or also by its own webhook when `webhooks` (adapt() moves that webhook to the test's path).
 */
export function exampleFor(node: NodeTypeInfo, test: (operation: string) => boolean, all = examples(), webhooks = false): Example | undefined {
	const starts = (type: unknown) => type === 'n8n-nodes-base.manualTrigger' || (webhooks && type === 'n8n-nodes-base.webhook');
	return all
		.filter((e) => e.data.nodes.some((n) => starts(n.type)))
		.filter((e) => {
			const own = packageNodes(e);
			return own.length > 0 && own.every((n) => n.type === node.name) && test(String(own[0].operation));
		})
		.sort((a, b) => a.data.nodes.length - b.data.nodes.length || Number(!/-send\.json$/.test(a.file)) - Number(!/-send\.json$/.test(b.file)))[0];
}
