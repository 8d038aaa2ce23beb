import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { Operation } from './run';
import { runOperation } from './run';
import { executeSendAndWait, isWaitingOperation } from './sendAndWait/execute';
import type { WaitingOperation } from './sendAndWait/execute';
import type { PlatformClient } from './transport';
import { openTransport } from './transport';

/** A resource's operations, by their `operation` value (`sendAndWait` is a WaitingOperation). */
export type Operations = Record<string, Operation<unknown> | WaitingOperation<unknown>>;

/**
 * One resource of a node, as its `actions/<resource>/index.ts` exports it: the literal
 * `operation` pick-list plus every operation's fields (`description`), and the operations.
 */
export interface Resource {
	description: INodeProperties[];
	operations: Operations;
}

/** Every operation's fields, each shown only for its own resource and operation. */
export function operationFields(resource: string, operations: Operations): INodeProperties[] {
	return Object.entries(operations).flatMap(([operation, op]) =>
		updateDisplayOptions({ show: { resource: [resource], operation: [operation] } }, op.description),
	);
}

/** The whole execute() of a node: pick the operation, then run the shared item loop. */
export async function executeNode(
	ctx: IExecuteFunctions,
	resources: Record<string, Resource>,
	client: PlatformClient,
): Promise<INodeExecutionData[][]> {
	const resource = ctx.getNodeParameter('resource', 0) as string;
	const operation = ctx.getNodeParameter('operation', 0) as string;
	const op = resources[resource]?.operations[operation];
	if (!op) {
		throw new NodeOperationError(ctx.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	}
	const transport = await openTransport(ctx, client);
	// Send and Wait for Response (value SEND_AND_WAIT_OPERATION): one message for the first item, then the execution waits.
	if (isWaitingOperation(op)) return await executeSendAndWait(ctx, op, transport);
	return await runOperation(ctx, op, transport, transport.client.pace?.(ctx) ?? {});
}
