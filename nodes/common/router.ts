import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { withCombineOptions } from './combine';
import type { CombineSpec } from './combine';
import { forgetOnly } from './delivery';
import { deliveryKeyFields } from './deliveryKeys';
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
	/** The client of this resource when it differs from the node's (its own credential or answers). */
	client?: PlatformClient;
}

/**
 * Every operation's fields, each shown only for its own resource and operation; an operation that
 * sends also gets the Delivery Key fields.
 */
export function operationFields(resource: string, operations: Operations): INodeProperties[] {
	return Object.entries(operations).flatMap(([operation, op]) =>
		updateDisplayOptions({ show: { resource: [resource], operation: [operation] } }, [
			...('combine' in op && op.combine ? withCombineOptions(op.description, op.combine as CombineSpec<unknown>) : op.description),
			...(op.sends ? deliveryKeyFields : []),
		]),
	);
}

/** The whole execute() of a node: pick the operation (and its resource's client), then run the shared item loop. */
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
	const forgotten = await forgetOnly(ctx, op.sends === true);
	if (forgotten) return forgotten;
	const transport = await openTransport(ctx, resources[resource].client ?? client);
	// Send and Wait for Response (value SEND_AND_WAIT_OPERATION): one message for the first item, then the execution waits.
	if (isWaitingOperation(op)) return await executeSendAndWait(ctx, op, transport);
	return await runOperation(ctx, op, transport, transport.client.pace?.(ctx) ?? {});
}
