/**
 * The pages a person sees after opening a link: plain HTML with inline styles, no scripts and no
 * external assets, in English or Chinese by the browser's Accept-Language. Every text that comes
 * from the workflow is escaped. Buttons are forms that POST to the same (signed) address, so a
 * link previewer that only fetches the link never answers.
 */
import type { IDataObject } from 'n8n-workflow';
import type { FormField } from './form';
import type { AnswerRequest } from './request';

export type Lang = 'en' | 'zh';

const TEXT = {
	en: {
		confirmNote: 'Your answer is recorded only when you press a button below.',
		recorded: 'Your answer was recorded',
		recordedNote: 'Thank you. You can close this page.',
		answered: 'This request was already answered',
		answeredNote: 'Nothing was changed.',
		expired: 'This request has expired',
		expiredNote: 'The time to answer is over. Nothing was changed.',
		invalid: 'This answer cannot be accepted.',
		failed: 'Your answer could not be read',
		failedNote: 'Nothing was recorded. Please try again later or contact the sender.',
		required: 'This field is required.',
		notAllowed: 'This value is not one of the choices.',
		fix: 'Please check the fields marked below.',
		response: 'Your answer',
		choose: '(choose)',
		youAnswered: 'You answered:',
	},
	zh: {
		confirmNote: '点击下方按钮后才会记录您的答复。',
		recorded: '已记录您的答复',
		recordedNote: '谢谢！可以关闭此页面。',
		answered: '此请求已答复',
		answeredNote: '未做任何更改。',
		expired: '此请求已过期',
		expiredNote: '答复时限已过，未做任何更改。',
		invalid: '无法接受此答复。',
		failed: '无法读取您的答复',
		failedNote: '未记录任何内容。请稍后重试或联系发送人。',
		required: '此项为必填项。',
		notAllowed: '此值不在可选范围内。',
		fix: '请检查下方标出的字段。',
		response: '您的答复',
		choose: '（请选择）',
		youAnswered: '您的答复：',
	},
} as const;

/** English or Chinese, whichever the browser prefers (English when it names neither). */
export function pickLanguage(acceptLanguage: unknown): Lang {
	let best: { lang: Lang; q: number } | undefined;
	for (const part of String(acceptLanguage ?? '').split(',')) {
		const [tag, ...params] = part.trim().toLowerCase().split(';');
		const qParam = params.find((p) => p.trim().startsWith('q='));
		const q = qParam ? Number(qParam.trim().slice(2)) : 1;
		const lang: Lang | undefined = tag.startsWith('zh') ? 'zh' : tag.startsWith('en') ? 'en' : undefined;
		if (lang && Number.isFinite(q) && q > 0 && (!best || q > best.q)) best = { lang, q };
	}
	return best?.lang ?? 'en';
}

export function escapeHtml(s: string): string {
	return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

const STYLE =
	'body{margin:0;background:#f5f6f8;font:16px/1.5 -apple-system,"PingFang SC","Microsoft YaHei",sans-serif;color:#222}' +
	'main{max-width:560px;margin:24px auto;background:#fff;border:1px solid #dde1e6;border-radius:8px;padding:24px}' +
	'h1{font-size:20px;margin:0 0 12px}.msg{white-space:pre-wrap;margin:0 0 16px}.note{color:#666;font-size:14px}' +
	'.err{color:#c62828;font-size:14px}form.choice{display:inline-block;margin:8px 8px 0 0}' +
	'button{font-size:16px;padding:10px 22px;border-radius:6px;border:1px solid #1677ff;background:#1677ff;color:#fff;cursor:pointer}' +
	'button.secondary{background:#fff;color:#1677ff}label{display:block;font-weight:600;margin:14px 0 4px}' +
	'label.opt{font-weight:400;margin:4px 0}input,select,textarea{font-size:16px;box-sizing:border-box}' +
	'input:not([type=radio]):not([type=checkbox]),select,textarea{width:100%;padding:8px;border:1px solid #ccd;border-radius:4px}' +
	'textarea{min-height:110px}';

function page(lang: Lang, title: string, body: string): string {
	return (
		`<!DOCTYPE html><html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8">` +
		'<meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex,nofollow">' +
		`<title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`
	);
}

/** The approval page: the question and one form per choice, each POSTing to this same address. */
export function confirmPage(lang: Lang, request: AnswerRequest, choices: Array<{ label: string; approved: boolean }>, refused = false): string {
	const buttons = choices
		.map(
			(c) =>
				'<form class="choice" method="post" enctype="multipart/form-data">' +
				`<input type="hidden" name="approved" value="${c.approved ? 'true' : 'false'}">` +
				`<button type="submit"${c.approved ? '' : ' class="secondary"'}>${escapeHtml(c.label)}</button></form>`,
		)
		.join('');
	return page(
		lang,
		request.subject,
		`<h1>${escapeHtml(request.subject)}</h1><p class="msg">${escapeHtml(request.message)}</p>` +
			(refused ? `<p class="err">${TEXT[lang].invalid}</p>` : '') +
			`<p class="note">${TEXT[lang].confirmNote}</p>${buttons}`,
	);
}

function input(field: FormField, value: unknown, lang: Lang): string {
	const name = `name="${field.id}" id="${field.id}"`;
	const req = field.required ? ' required' : '';
	const given = (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]).map(String);
	const ph = field.placeholder ? ` placeholder="${escapeHtml(field.placeholder)}"` : '';
	switch (field.type) {
		case 'textarea':
			return `<textarea ${name}${req}${ph}>${escapeHtml(given[0] ?? '')}</textarea>`;
		case 'dropdown': {
			const empty = field.multiselect ? '' : `<option value="">${TEXT[lang].choose}</option>`;
			const options = field.options
				.map((o) => `<option value="${escapeHtml(o)}"${given.includes(o) ? ' selected' : ''}>${escapeHtml(o)}</option>`)
				.join('');
			return `<select ${name}${req}${field.multiselect ? ' multiple' : ''}>${empty}${options}</select>`;
		}
		case 'radio':
		case 'checkbox':
			return field.options
				.map(
					(o, k) =>
						`<label class="opt"><input type="${field.type}" name="${field.id}" value="${escapeHtml(o)}"` +
						`${given.includes(o) ? ' checked' : ''}${field.type === 'radio' && k === 0 ? req : ''}> ${escapeHtml(o)}</label>`,
				)
				.join('');
		default: {
			const type = field.type === 'text' ? 'text' : field.type;
			return `<input type="${type}" ${name}${req}${ph}${field.type === 'number' ? ' step="any"' : ''} value="${escapeHtml(given[0] ?? '')}">`;
		}
	}
}

/** The form page (free text or custom form), again with the values and problems of a refused POST. */
export function formPage(
	lang: Lang,
	request: AnswerRequest,
	values: IDataObject = {},
	problems: { missing: string[]; invalid: string[] } = { missing: [], invalid: [] },
): string {
	const t = TEXT[lang];
	const fields = request.fields
		.filter((field) => field.type !== 'hiddenField')
		.map((field) => {
			const label = request.responseType === 'freeText' ? t.response : field.label;
			const problem = problems.missing.includes(field.id) ? t.required : problems.invalid.includes(field.id) ? t.notAllowed : '';
			return (
				`<label for="${field.id}">${escapeHtml(label)}${field.required ? ' *' : ''}</label>` +
				input(field, values[field.id], lang) +
				(problem ? `<p class="err">${problem}</p>` : '')
			);
		})
		.join('');
	const hasProblems = problems.missing.length + problems.invalid.length > 0;
	return page(
		lang,
		request.formTitle,
		`<h1>${escapeHtml(request.formTitle)}</h1><p class="msg">${escapeHtml(request.formDescription)}</p>` +
			(hasProblems ? `<p class="err">${t.fix}</p>` : '') +
			`<form method="post" enctype="multipart/form-data">${fields}<p><button type="submit">${escapeHtml(request.formButtonLabel)}</button></p></form>`,
	);
}

export type Note = 'recorded' | 'answered' | 'expired' | 'failed';

/** A short page: the answer was recorded, was already given, came too late, or could not be read. */
export function notePage(lang: Lang, note: Note, detail = ''): string {
	const t = TEXT[lang];
	const title = t[note];
	const text = { recorded: t.recordedNote, answered: t.answeredNote, expired: t.expiredNote, failed: t.failedNote }[note];
	const answered = note === 'recorded' && detail ? `<p>${t.youAnswered} <strong>${escapeHtml(detail)}</strong></p>` : '';
	const extra = note !== 'recorded' && detail ? `<p class="note">${escapeHtml(detail)}</p>` : '';
	return page(lang, title, `<h1>${title}</h1>${answered}<p class="note">${text}</p>${extra}`);
}
