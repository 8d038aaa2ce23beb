/**
 * What a send-and-wait asks: read from the node's parameters (item 0) and checked before anything
 * is sent. The webhook reads the same parameters again to show the response page.
 */
import type { IDataObject } from 'n8n-workflow';
import type { ItemFields } from '../validation';
import { freeTextFields, readFormFields } from './form';
import type { FormField } from './form';
import { RESPONSE_TYPES } from './properties';
import type { ResponseType } from './properties';

export interface AnswerRequest {
	subject: string;
	message: string;
	responseType: ResponseType;
	/** Approval: whether Decline is offered too, and the button labels. */
	double: boolean;
	approveLabel: string;
	declineLabel: string;
	/** Forms: the link's label in the message, the page's title, description and button. */
	messageButtonLabel: string;
	formTitle: string;
	formDescription: string;
	formButtonLabel: string;
	fields: FormField[];
}

/** Longest label a button in a chat message can take (DingTalk allows 20 characters). */
export const MAX_LABEL = 20;

/** n8n's nodes turn "\n" typed as text (and <br>) into line breaks. */
export function lineBreaks(s: string): string {
	return s.replace(/\\n/g, '\n').replace(/<br\s*\/?>/gi, '\n');
}

export function readRequest(f: ItemFields): AnswerRequest {
	const responseType = f.oneOf(f.param('responseType', 'approval'), 'Response Type', RESPONSE_TYPES);
	const subject = f.text(f.param('subject', ''), 'Subject', { required: true }).trim();
	const message = lineBreaks(f.text(f.param('message', ''), 'Message', { required: true })).trim();
	const options = f.param<IDataObject>('options', {}) ?? {};
	const approval = (f.param<IDataObject>('approvalOptions', {})?.values ?? {}) as IDataObject;
	const label = (value: unknown, name: string, fallback: string) => {
		const s = f.text(value ?? fallback, name, { maxLength: MAX_LABEL }).trim();
		return s || fallback;
	};
	const double = responseType === 'approval' && f.oneOf(approval.approvalType ?? 'single', 'Type of Approval', ['single', 'double']) === 'double';
	const formTitle = f.text(options.responseFormTitle, 'Response Form Title').trim();
	const formDescription = f.text(options.responseFormDescription, 'Response Form Description').trim();
	return {
		subject,
		message,
		responseType,
		double,
		approveLabel: label(approval.approveLabel, 'Approve Button Label', 'Approve'),
		declineLabel: label(approval.disapproveLabel, 'Disapprove Button Label', 'Decline'),
		messageButtonLabel: label(options.messageButtonLabel, 'Message Button Label', 'Respond'),
		formTitle: formTitle || subject,
		formDescription: formDescription ? lineBreaks(formDescription) : message,
		formButtonLabel: label(options.responseFormButtonLabel, 'Response Form Button Label', 'Submit'),
		fields:
			responseType === 'customForm'
				? readFormFields(f)
				: responseType === 'freeText'
					? freeTextFields('Response')
					: [],
	};
}
