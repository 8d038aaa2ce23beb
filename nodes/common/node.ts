import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { Operation, RunOptions } from './router';
import { runOperation } from './router';
import type { PlatformClient } from './transport';
import { Transport } from './transport';

/** resource -> operation -> implementation. */
export type OperationMap = Record<string, Record<string, Operation<unknown>>>;

/** Every operation's fields, each shown only for its own resource and operation. */
export function operationFields(map: OperationMap): INodeProperties[] {
	const out: INodeProperties[] = [];
	for (const [resource, operations] of Object.entries(map)) {
		for (const [operation, op] of Object.entries(operations)) {
			out.push(...updateDisplayOptions({ show: { resource: [resource], operation: [operation] } }, op.description));
		}
	}
	return out;
}

/** The whole execute() of a node: pick the operation, then run the shared item loop. */
export async function executeOperation(
	ctx: IExecuteFunctions,
	map: OperationMap,
	client: PlatformClient,
	options: RunOptions | ((ctx: IExecuteFunctions) => RunOptions) = {},
): Promise<INodeExecutionData[][]> {
	const resource = ctx.getNodeParameter('resource', 0) as string;
	const operation = ctx.getNodeParameter('operation', 0) as string;
	const op = map[resource]?.[operation];
	if (!op) {
		throw new NodeOperationError(ctx.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	}
	const run = typeof options === 'function' ? options(ctx) : options;
	return await runOperation(ctx, op, new Transport(ctx, client), run);
}
