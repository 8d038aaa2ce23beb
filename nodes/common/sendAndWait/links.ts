/**
 * The links a send-and-wait message carries: n8n's signed resume URLs
 * (<WEBHOOK_URL>/webhook-waiting/<execution>/<node>?…&signature=<HMAC>). n8n checks the signature
 * over the path and every query parameter before the node sees the request, so a changed or
 * forged link is refused (401) and resumes nothing; the parameters below can therefore be trusted
 * when a request reaches the webhook:
 *   approved  "true" / "false" on the approve and decline links (none on the page link)
 *   r         this wait's round, a random id also kept in the execution (state.ts)
 *   e         the wait limit in ms, when there is one (the page then says "expired")
 */
import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions } from 'n8n-workflow';
import { escapeHtml } from './pages';
import type { AnswerRequest } from './request';

export interface Links {
	approve: string;
	decline: string;
	/** The response page offering every choice (approval) or the form. */
	respond: string;
}

export interface Button {
	label: string;
	url: string;
	/** For approval buttons: what the button answers. */
	approved?: boolean;
}

type SigningContext = IExecuteFunctions & { setSignatureValidationRequired?: () => void };

export function signedLinks(ctx: IExecuteFunctions, round: string, deadline?: number): Links {
	const signing = ctx as SigningContext;
	if (typeof signing.getSignedResumeUrl !== 'function') {
		throw new NodeOperationError(ctx.getNode(), 'This n8n version cannot sign response links', {
			description: 'Send and Wait for Response needs n8n 1.107 or later (signed resume links).',
		});
	}
	// n8n 1.x checks the signature only when the execution asks for it; 2.x always does.
	if (typeof signing.setSignatureValidationRequired === 'function') signing.setSignatureValidationRequired();
	const common: Record<string, string> = { r: round };
	if (deadline !== undefined) common.e = String(deadline);
	return {
		approve: signing.getSignedResumeUrl({ approved: 'true', ...common }),
		decline: signing.getSignedResumeUrl({ approved: 'false', ...common }),
		respond: signing.getSignedResumeUrl(common),
	};
}

/**
 * The buttons a message shows, as n8n's nodes order them: Decline then Approve, or Approve alone;
 * for the forms one button to the form.
 */
export function messageButtons(request: AnswerRequest, links: Links): Button[] {
	if (request.responseType !== 'approval') return [{ label: request.messageButtonLabel, url: links.respond }];
	const approve: Button = { label: request.approveLabel, url: links.approve, approved: true };
	return request.double ? [{ label: request.declineLabel, url: links.decline, approved: false }, approve] : [approve];
}

/** The message as HTML (for platforms whose content is HTML): the text, then the buttons as links. */
export function htmlMessage(request: AnswerRequest, buttons: Button[]): string {
	const text = escapeHtml(request.message).replace(/\n/g, '<br>');
	const anchors = buttons.map((b) => `<a href="${escapeHtml(b.url)}">${escapeHtml(b.label)}</a>`).join(' &nbsp; ');
	return `<p>${text}</p><p>${anchors}</p>`;
}
