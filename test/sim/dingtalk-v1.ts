/** How the simulator's new-API routes (api.dingtalk.com, /v1.0/...) refuse a request. */
import { randomBytes } from 'node:crypto';

/** A refusal of a new-API route: HTTP status and DingTalk's {code, message}. */
export class V1Reject {
	constructor(
		readonly status: number,
		readonly code: string,
		readonly message: string,
		readonly reason: string,
	) {}
}

export function newRequestId(): string {
	return randomBytes(16).toString('hex').toUpperCase().replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');
}
