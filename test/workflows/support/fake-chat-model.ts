/**
 * A stand-in for an OpenAI-compatible chat model (POST /v1/chat/completions), so that an n8n AI
 * Agent can run in a test without a real model: the first answer calls the first tool offered
 * (with `toolArguments`), and once a tool result comes back it answers with that result as text.
 * Answers plain JSON or server-sent events, as the request asks. Every request is kept.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

interface ChatRequest {
	stream?: boolean;
	messages: Array<{ role: string; content?: unknown }>;
	tools?: Array<{ function: { name: string; parameters?: { properties?: Record<string, unknown> } } }>;
}

export class FakeChatModel {
	requests: ChatRequest[] = [];
	url = '';
	private server?: http.Server;

	/** `toolArguments(parameters)`: the arguments of the tool call, given the tool's JSON schema properties. */
	constructor(private toolArguments: (properties: Record<string, unknown>) => Record<string, unknown>) {}

	private reply(request: ChatRequest): { content: string | null; toolCall?: { name: string; arguments: string } } {
		const last = request.messages[request.messages.length - 1];
		if (last?.role === 'tool' || !request.tools?.length) {
			return { content: `Tool result: ${typeof last?.content === 'string' ? last.content : JSON.stringify(last?.content)}` };
		}
		const tool = request.tools[0].function;
		return { content: null, toolCall: { name: tool.name, arguments: JSON.stringify(this.toolArguments(tool.parameters?.properties ?? {})) } };
	}

	private handle(body: string, res: http.ServerResponse): void {
		const request = JSON.parse(body) as ChatRequest;
		this.requests.push(request);
		const { content, toolCall } = this.reply(request);
		const toolCalls = toolCall ? [{ index: 0, id: `call_${this.requests.length}`, type: 'function', function: toolCall }] : undefined;
		const finish = toolCall ? 'tool_calls' : 'stop';
		const base = { id: `chatcmpl-${this.requests.length}`, created: Math.floor(Date.now() / 1000), model: 'gpt-4o-mini' };
		const usage = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 };
		if (request.stream) {
			res.writeHead(200, { 'content-type': 'text/event-stream' });
			const chunk = (delta: object, finish_reason: string | null) =>
				res.write(`data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason }] })}\n\n`);
			chunk({ role: 'assistant', content: content ?? '', ...(toolCalls ? { tool_calls: toolCalls } : {}) }, null);
			chunk({}, finish);
			res.write(`data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [], usage })}\n\n`);
			res.end('data: [DONE]\n\n');
			return;
		}
		res.writeHead(200, { 'content-type': 'application/json' });
		res.end(
			JSON.stringify({
				...base,
				object: 'chat.completion',
				choices: [{ index: 0, message: { role: 'assistant', content, ...(toolCalls ? { tool_calls: toolCalls.map(({ index: _i, ...c }) => c) } : {}) }, finish_reason: finish }],
				usage,
			}),
		);
	}

	async start(): Promise<string> {
		this.server = http.createServer((req, res) => {
			let body = '';
			req.on('data', (d: Buffer) => (body += d.toString()));
			req.on('end', () => {
				if (req.method === 'GET' && req.url?.endsWith('/models')) {
					res.writeHead(200, { 'content-type': 'application/json' });
					res.end(JSON.stringify({ object: 'list', data: [{ id: 'gpt-4o-mini', object: 'model', owned_by: 'test' }] }));
					return;
				}
				try {
					this.handle(body, res);
				} catch (error) {
					res.writeHead(500, { 'content-type': 'application/json' });
					res.end(JSON.stringify({ error: { message: String(error) } }));
				}
			});
		});
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
		return this.url;
	}

	async stop(): Promise<void> {
		if (!this.server) return;
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server!.close(() => resolve()));
	}
}
