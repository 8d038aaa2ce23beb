/**
 * Until when a send-and-wait waits: n8n's `options.limitWaitTime` (after an interval, or at a date
 * and time), or indefinitely. A limit that is already over is refused before anything is sent.
 */
import { WAIT_INDEFINITELY } from 'n8n-workflow';
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { choiceField, valuesGroup } from '../properties';
import type { ItemFields } from '../validation';

/** The wait limit, as n8n's `limitWaitTime` option. */
export const limitWaitTimeOption: INodeProperties = {
	displayName: 'Limit Wait Time',
	name: 'limitWaitTime',
	type: 'fixedCollection',
	description: 'Whether to stop waiting after a time. Without it the workflow waits until someone answers.',
	default: { values: { limitType: 'afterTimeInterval', resumeAmount: 45, resumeUnit: 'minutes' } },
	options: valuesGroup([
		choiceField('Limit Type', 'limitType', [
			{ name: 'After Time Interval', value: 'afterTimeInterval' },
			{ name: 'At Specified Time', value: 'atSpecifiedTime' },
		], 'afterTimeInterval', { description: 'Stop waiting after a time interval, or at a date and time' }),
		{
			displayName: 'Amount',
			name: 'resumeAmount',
			type: 'number',
			displayOptions: { show: { limitType: ['afterTimeInterval'] } },
			typeOptions: { minValue: 0, numberPrecision: 2 },
			default: 1,
			description: 'How long to wait',
		},
		choiceField('Unit', 'resumeUnit', [
			{ name: 'Minutes', value: 'minutes' },
			{ name: 'Hours', value: 'hours' },
			{ name: 'Days', value: 'days' },
		], 'hours', { displayOptions: { show: { limitType: ['afterTimeInterval'] } }, description: 'Unit of the interval' }),
		{
			displayName: 'Max Date and Time',
			name: 'maxDateAndTime',
			type: 'dateTime',
			displayOptions: { show: { limitType: ['atSpecifiedTime'] } },
			default: '',
			description: 'When to stop waiting (a time without a zone is China time, as every time in this package)',
		},
	]),
};

const UNIT_MS = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 } as const;

export interface WaitLimit {
	/** When n8n resumes the execution without an answer (n8n's WAIT_INDEFINITELY when unlimited). */
	waitTill: Date;
	/** Whether there is a limit at all. */
	limited: boolean;
}

export function readWaitLimit(f: ItemFields, now = Date.now()): WaitLimit {
	const options = f.param<IDataObject>('options', {}) ?? {};
	const limit = options.limitWaitTime as IDataObject | undefined;
	if (!limit) return { waitTill: WAIT_INDEFINITELY, limited: false };
	const values = (limit.values ?? {}) as IDataObject;
	const type = f.oneOf(values.limitType ?? 'afterTimeInterval', 'Limit Wait Time: Limit Type', ['afterTimeInterval', 'atSpecifiedTime']);
	if (type === 'atSpecifiedTime') {
		const at = f.time(values.maxDateAndTime, 'Limit Wait Time: Max Date and Time', { required: true, minAheadMs: 0 }) as number;
		return { waitTill: new Date(at), limited: true };
	}
	const amount = typeof values.resumeAmount === 'string' ? Number(values.resumeAmount) : values.resumeAmount ?? 1;
	if (typeof amount !== 'number' || !Number.isFinite(amount) || amount <= 0) {
		f.fail('Limit Wait Time: Amount', `${JSON.stringify(values.resumeAmount)} is not a time to wait (give a number above 0)`);
	}
	const unit = f.oneOf(values.resumeUnit ?? 'hours', 'Limit Wait Time: Unit', ['minutes', 'hours', 'days']);
	return { waitTill: new Date(now + (amount as number) * UNIT_MS[unit]), limited: true };
}
