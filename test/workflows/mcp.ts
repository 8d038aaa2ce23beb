/**
 * AI agents, proven without a language model: examples/ai-mcp-server.json (n8n's MCP Server
 * Trigger with one tool of this package per platform, its parameters filled by $fromAI) is
 * activated, and an MCP client does what a model's host does: list the tools, read what each
 * needs, call each, and get readable errors back for bad arguments.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { IDataObject } from 'n8n-workflow';
import { adapt, examples } from './example-workflows';
import type { CompatContext } from './example-workflows';
import { PACKAGE_PREFIX } from './rest';

export const MCP_EXAMPLE = 'ai-mcp-server.json';

/** n8n's tool name for a node: its name with anything but letters, digits, _ and - replaced by _. */
export function toolName(nodeName: string): string {
	return nodeName.replace(/[^a-zA-Z0-9_-]+/g, '_').slice(0, 64);
}

/**
 * What the test, playing the model, passes for each $fromAI key of the example. A key missing
 * here fails the test with its name, so a new tool gets its test values.
 */
const ARGUMENTS: Record<string, (marker: string) => string> = {
	title: (m) => `MCP test ${m}`,
	content: (m) => `Sent by an MCP client: ${m}`,
	text: (m) => `**Sent by an MCP client**: ${m}`,
	body: (m) => `<p>Sent by an MCP client: ${m}</p>`,
	userId: () => '12345',
	userIds: () => 'manager4220',
	userCodes: () => 'USER001',
	receivers: () => '333',
};

interface Tool {
	name: string;
	description?: string;
	inputSchema: { properties?: Record<string, { type?: string; description?: string }>; required?: string[] };
}

type ToolResult = { isError?: boolean; content: Array<{ type: string; text?: string }> };

function textOf(result: ToolResult): string {
	return result.content.map((c) => c.text ?? '').join('\n');
}

/** The checks, inside the compatibility suite's running n8n. */
export function mcpChecks(context: () => CompatContext): void {
	describe('AI agents over MCP (examples/ai-mcp-server.json)', () => {
		const example = examples().find((e) => e.file === MCP_EXAMPLE)!;
		const toolNodes = example.data.nodes.filter((n) => String(n.type).startsWith(PACKAGE_PREFIX) && String(n.type).endsWith('Tool'));
		let client: Client;
		let tools: Tool[] = [];
		const recordsEverywhere = () => context().platforms.reduce((sum, p) => sum + p.sim.records.length, 0);
		const platformOf = (node: IDataObject) => context().platforms.find((p) => `${p.node.name}Tool` === node.type)!;
		const call = async (name: string, args: IDataObject) => (await client.callTool({ name, arguments: args })) as ToolResult;

		beforeAll(async () => {
			const ctx = context();
			await ctx.rest.activate(await ctx.rest.createWorkflow(adapt(example, ctx)));
			const trigger = example.data.nodes.find((n) => n.type === '@n8n/n8n-nodes-langchain.mcpTrigger')!;
			const path = String((trigger.parameters as IDataObject).path);
			await ctx.rest.awaitWebhook(`/mcp/${path}`);
			client = new Client({ name: 'cn-messaging-tests', version: '1.0.0' });
			await client.connect(new StreamableHTTPClientTransport(new URL(`${ctx.rest.url}/mcp/${path}`)));
			tools = (await client.listTools()).tools as Tool[];
		});

		afterAll(async () => {
			await client?.close();
		});

		it('offers one tool per platform, each telling a model what it does and what it needs', () => {
			const ctx = context();
			const withoutTool = ctx.platforms.map((p) => p.node.name).filter((name) => !toolNodes.some((n) => n.type === `${name}Tool`));
			expect({ platformsWithoutTool: withoutTool }).toEqual({ platformsWithoutTool: [] });
			const listed = tools.map((t) => t.name).sort();
			expect(listed).toEqual(expect.arrayContaining(toolNodes.map((n) => toolName(String(n.name))).sort()));
			for (const node of toolNodes) {
				const tool = tools.find((t) => t.name === toolName(String(node.name)))!;
				const properties = tool.inputSchema.properties ?? {};
				const undescribed = Object.entries(properties)
					.filter(([, p]) => (p.description ?? '').length < 10)
					.map(([key]) => key);
				expect({
					tool: tool.name,
					description: tool.description,
					mentionsPlatform: (tool.description ?? '').includes(platformOf(node).node.displayName.split(' ')[0]),
					saysWhatItNeeds: /\bNeeds\b/.test(tool.description ?? ''),
					arguments: Object.keys(properties).length > 0,
					undescribed,
					required: [...(tool.inputSchema.required ?? [])].sort(),
				}).toEqual({
					tool: tool.name,
					description: (node.parameters as IDataObject).toolDescription,
					mentionsPlatform: true,
					saysWhatItNeeds: true,
					arguments: true,
					undescribed: [],
					required: Object.keys(properties).sort(),
				});
			}
		});

		it('calls each tool: the message reaches the platform, and the answer says what was sent', async () => {
			for (const node of toolNodes) {
				const tool = tools.find((t) => t.name === toolName(String(node.name)))!;
				const marker = `${tool.name}-${Date.now()}`;
				const args: IDataObject = {};
				for (const key of Object.keys(tool.inputSchema.properties ?? {})) {
					expect({ tool: tool.name, key, hasTestValue: key in ARGUMENTS }).toEqual({ tool: tool.name, key, hasTestValue: true });
					args[key] = ARGUMENTS[key](marker);
				}
				const { sim } = platformOf(node);
				const before = sim.records.length;
				const result = await call(tool.name, args);
				const sent = sim.records.slice(before);
				expect({ tool: tool.name, isError: result.isError ?? false, answer: textOf(result).slice(0, 300) }).toEqual({
					tool: tool.name,
					isError: false,
					answer: expect.stringMatching(/^\[\{/),
				});
				expect({ tool: tool.name, sent: sent.length, carriesTheText: JSON.stringify(sent).includes(marker) }).toEqual({
					tool: tool.name,
					sent: 1,
					carriesTheText: true,
				});
			}
		});

		it('bad arguments come back as a tool error a model can read, and nothing is sent', async () => {
			const before = recordsEverywhere();
			for (const node of toolNodes) {
				const tool = tools.find((t) => t.name === toolName(String(node.name)))!;
				const keys = Object.keys(tool.inputSchema.properties ?? {});
				// An argument left out: refused against the tool's schema, naming the argument.
				const missing = await call(tool.name, Object.fromEntries(keys.slice(1).map((k) => [k, ARGUMENTS[k]('x')])));
				expect({ tool: tool.name, isError: missing.isError, namesArgument: textOf(missing).includes(keys[0]) }).toEqual({
					tool: tool.name,
					isError: true,
					namesArgument: true,
				});
				// Every argument blank: refused by the node's own checks, naming the field, before anything is sent.
				const blank = await call(tool.name, Object.fromEntries(keys.map((k) => [k, ' '])));
				expect({ tool: tool.name, isError: blank.isError, error: textOf(blank) }).toEqual({
					tool: tool.name,
					isError: true,
					error: expect.stringMatching(/Item 1, field "[^"]+": /),
				});
			}
			expect(recordsEverywhere()).toBe(before);
		});
	});
}
