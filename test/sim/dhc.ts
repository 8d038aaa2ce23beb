/**
 * Simulator of the DHC 东华医为 unified message platform (seed 001), self-hosted at http://ip:port.
 *
 *   POST /api/openApi/message/push/channel   发送普通消息 (content per channel in channelData)
 *   POST /api/openApi/message/push/template  发送模板消息 (templateCode + channelParamData)
 *
 * JSON bodies (Content-Type: application/json, UTF-8). The app is identified only by `appId` in the
 * body: no header, signature or token is documented, so token knobs of base.ts do not apply here.
 * Answers are `{"code":200,"msg":"操作成功","msgId":"..."}` or `{"code":<status>,"msg":"<text>"}`.
 *
 * Contradictions in the document and the choices made (default = the examples; the alternative is a
 * `sim.settings` switch):
 * 1. priority: the channel table says "3、2、1 高中低 (default mid)", the template table says "0,1,2"
 *    (no meaning given, no default); every example sends "2". Each route follows its own table:
 *    channel "1" | "2" | "3" (absent = "2"), template "0" | "1" | "2" (absent = none)
 *    (`templatePriority: 'templateTable'`, default); `'channelTable'` reads the template route's
 *    priority like the channel route's ("1" | "2" | "3", absent = "2").
 * 2. sender: the tables say `senderCode`, every example sends `senderName`. The server reads one
 *    of them (`senderField: 'senderName'` (default) or `'senderCode'`); both names are documented,
 *    so the other one is accepted and ignored unless `unknownFields: 'strict'`.
 * 3. channel codes: the channelData example puts SMS content (sign, templateData) under "1001",
 *    site-letter content (title, content, website) under "1002" and email under "1003", while the
 *    custom-receiver example lists user codes under "1001" and mobile numbers under "1002" (and the
 *    content tables are ordered site letter, SMS, email). The content shapes decide the default
 *    (`channels` = {"1001":"sms","1002":"siteLetter","1003":"email"}), so both complete examples are
 *    accepted verbatim; codes are per deployment anyway (`channels` setting).
 * 4. parameter errors: the appendix gives 400 = 参数有误, but both failure examples answer
 *    `{"code":404,"msg":"参数有误"}`. `paramErrorCode: 404` (default) or `400`.
 * 5. code type: the tables type `code` as String / varchar(10), the examples send the number 200.
 *    `codeType: 'number'` (default) or `'string'`.
 * 6. msgId on template sends: the template answer table lists only code and msg, its success example
 *    includes msgId. msgId is returned (examples).
 * 7. HTTP status: the appendix names the codes with HTTP reason phrases (OK, Unauthorized, Not Found,
 *    Internal Server Error), so the HTTP status mirrors `code` by default; `httpStatus: 'always200'`
 *    answers HTTP 200 with the code only in the body.
 * 8. Site letter `website` is marked "详情" in the required column (garbled): treated as optional.
 * 9. `msgType` (notice | reminder, appendix 消息类型) is in the channel table only; the template table
 *    does not list it, so it is an unknown field there (see `unknownFields`).
 *
 * Undocumented behaviour chosen here: fields the document never names on a route are rejected
 * (`unknownFields: 'undocumented'`, default; `'strict'` also rejects every documented field the
 * server does not read, such as the sender name it does not use, like a server that fails on
 * unknown properties; `'ignore'` rejects none); JSON null and "" mean "not filled" for optional
 * fields; `sendTime` must be exactly `yyyy-MM-dd HH:mm:ss` (China time) and may be in the past;
 * an SMS channel needs templateData or content; a receiverType "all" request must not carry
 * receivers; the rate limit of base.ts answers 500 服务器内部错误 (the document has no rate-limit
 * code). Each rejection's reason (English) is in the
 * `x-sim-reason` response header and in `sim.rejections`, never in the documented body.
 */
import { randomUUID } from 'node:crypto';
import { SimServer, parseChinaDateTime } from './base';
import type { SimOptions, SimRequest, SimResponse } from './base';

export const DHC_CHANNEL_ROUTE = 'POST /api/openApi/message/push/channel';
export const DHC_TEMPLATE_ROUTE = 'POST /api/openApi/message/push/template';

export type DhcChannelKind = 'siteLetter' | 'sms' | 'email';

export interface DhcTemplate {
	variables: string[];
	/** Channel codes the template sends on (limits custom receivers); all configured when absent. */
	channels?: string[];
}

export interface DhcSettings {
	/** appIds the platform knows; any other answers 401 身份验证失败. */
	appIds: string[];
	/** channel code -> kind of content it takes. */
	channels: Record<string, DhcChannelKind>;
	/** template code -> required variable names (or the richer form). */
	templates: Record<string, string[] | DhcTemplate>;
	/** How the template route reads priority: its own table (0, 1, 2) or the channel table's scale. */
	templatePriority: 'templateTable' | 'channelTable';
	/** The sender field the server reads. */
	senderField: 'senderName' | 'senderCode';
	/** A header a gateway in front of the platform requires; missing or wrong answers 401. */
	requiredHeader?: { name: string; value: string };
	paramErrorCode: 404 | 400;
	codeType: 'number' | 'string';
	httpStatus: 'mirror' | 'always200';
	/** Which fields are refused: those the document never names on the route, also those the server does not read, or none. */
	unknownFields: 'undocumented' | 'strict' | 'ignore';
}

export const DHC_DEMO = {
	appId: '102343444',
	channels: { sms: '1001', siteLetter: '1002', email: '1003' },
	template: { code: 'MSG1001', variables: ['code', 'name'] },
} as const;

export const DHC_DEFAULT_SETTINGS: DhcSettings = {
	appIds: [DHC_DEMO.appId],
	channels: {
		[DHC_DEMO.channels.sms]: 'sms',
		[DHC_DEMO.channels.siteLetter]: 'siteLetter',
		[DHC_DEMO.channels.email]: 'email',
	},
	templates: { [DHC_DEMO.template.code]: [...DHC_DEMO.template.variables] },
	templatePriority: 'templateTable',
	senderField: 'senderName',
	requiredHeader: undefined,
	paramErrorCode: 404,
	codeType: 'number',
	httpStatus: 'mirror',
	unknownFields: 'undocumented',
};

/** The document's messages (success example, failure example and appendix 状态说明). */
export const DHC_MESSAGES: Record<number, string> = {
	200: '操作成功',
	400: '参数有误',
	401: '身份验证失败',
	404: '服务器无法取得所请求的网页，请求资源不存在。',
	500: '服务器内部错误。',
};

/** A documented answer body, e.g. for `sim.fail({ status: 500, body: dhcBody(500) })`. */
export function dhcBody(code: number, codeType: 'number' | 'string' = 'number', msg?: string) {
	return {
		code: codeType === 'string' ? String(code) : code,
		msg: msg ?? DHC_MESSAGES[code] ?? '',
	};
}

class Reject extends Error {
	constructor(
		readonly code: number,
		reason: string,
	) {
		super(reason);
	}
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const filled = (v: unknown) => v !== undefined && v !== null && v !== '';

export class DhcSim extends SimServer<DhcSettings> {
	constructor(options: SimOptions<DhcSettings> = {}) {
		super('dhc', { settings: { ...DHC_DEFAULT_SETTINGS, ...(options.settings ?? {}) } });
		this.route(DHC_CHANNEL_ROUTE, (req) => this.push(req, 'channel'));
		this.route(DHC_TEMPLATE_ROUTE, (req) => this.push(req, 'template'));
	}

	/** The documented answer for a code (HTTP status mirroring it unless `httpStatus: 'always200'`). */
	private answer(code: number, extra: Obj = {}): SimResponse {
		const s = this.settings;
		return {
			status: s.httpStatus === 'always200' ? 200 : code,
			body: { ...dhcBody(code, s.codeType, code === 404 ? DHC_MESSAGES[400] : undefined), ...extra },
		};
	}

	/** Both send interfaces: the same checks, then channelData or a template. */
	private push(req: SimRequest, kind: 'channel' | 'template'): SimResponse {
		const s = this.settings;
		try {
			if (s.requiredHeader) {
				const got = req.headers[s.requiredHeader.name.toLowerCase()];
				if (got !== s.requiredHeader.value)
					throw new Reject(401, `header ${s.requiredHeader.name} missing or wrong`);
			}
			if (this.rate.over()) throw new Reject(500, 'rate limit (simulator knob)');
			const bad = (reason: string) => new Reject(s.paramErrorCode, reason);
			if (!req.contentType.includes('application/json'))
				throw bad('Content-Type must be application/json');
			if (req.badJson || !isObj(req.body)) throw bad('body is not a JSON object');
			const body = req.body;

			const v = new Validator(bad, s.unknownFields !== 'ignore');
			const appId = v.str(body, 'appId', true)!;
			if (!s.appIds.includes(appId)) throw new Reject(401, `unknown appId ${appId}`);

			// Both sender names are the document's; a strict server knows only the one it reads.
			const senders = s.unknownFields === 'strict' ? [s.senderField] : ['senderCode', 'senderName'];
			const common = ['appId', 'receiverType', 'receiverData', 'businessId', 'priority', ...senders, 'sendTime'];
			v.keys(
				body,
				kind === 'channel'
					? [...common, 'channelData', 'msgType']
					: [...common, 'templateCode', 'channelParamData'],
				'body',
			);

			const receiverType = v.str(body, 'receiverType', true)!;
			if (!['all', 'specified', 'custom'].includes(receiverType))
				throw bad('receiverType must be all, specified or custom');

			let channelData: Record<string, Obj> | undefined;
			let templateCode: string | undefined;
			let channelParamData: Obj | undefined;
			let template: DhcTemplate | undefined;
			if (kind === 'channel') {
				channelData = validateChannelData(v, body.channelData, s.channels, bad);
			} else {
				templateCode = v.str(body, 'templateCode', true)!;
				const t = s.templates[templateCode];
				if (!t) throw bad(`unknown templateCode ${templateCode}`);
				template = Array.isArray(t) ? { variables: t } : t;
				if (!isObj(body.channelParamData)) throw bad('channelParamData must be a JSON object');
				channelParamData = body.channelParamData;
				for (const [k, val] of Object.entries(channelParamData)) {
					if (typeof val !== 'string' && typeof val !== 'number')
						throw bad(`channelParamData.${k} must be a string or number`);
				}
				for (const name of template.variables) {
					if (!filled(channelParamData[name]))
						throw bad(`channelParamData.${name} is required by template ${templateCode}`);
				}
			}

			const receiverData = body.receiverData;
			if (receiverType === 'all') {
				if (
					filled(receiverData) &&
					!(isObj(receiverData) && Object.keys(receiverData).length === 0)
				)
					throw bad('receiverType all takes no receiverData');
			} else if (!isObj(receiverData)) {
				throw bad(`receiverType ${receiverType} needs receiverData as a JSON object`);
			} else if (receiverType === 'specified') {
				v.keys(receiverData, ['user', 'dept', 'post', 'role'], 'receiverData');
				let count = 0;
				for (const key of ['user', 'dept', 'post', 'role']) {
					if (receiverData[key] === undefined || receiverData[key] === null) continue;
					count += v.strArray(receiverData[key], `receiverData.${key}`, false).length;
				}
				if (count === 0) throw bad('specified receiverData names no user, dept, post or role');
			} else {
				const codes = Object.keys(receiverData);
				if (codes.length === 0) throw bad('custom receiverData names no channel');
				for (const code of codes) {
					if (!s.channels[code]) throw bad(`receiverData: unknown channel code ${code}`);
					if (channelData && !channelData[code])
						throw bad(`receiverData: channel ${code} has no content in channelData`);
					if (template?.channels && !template.channels.includes(code))
						throw bad(`receiverData: template ${templateCode} does not send on channel ${code}`);
					v.strArray(receiverData[code], `receiverData.${code}`, true);
				}
			}

			const businessId = v.str(body, 'businessId', false);
			const msgType = kind === 'channel' ? v.str(body, 'msgType', false) : undefined;
			if (msgType !== undefined && !['notice', 'reminder'].includes(msgType))
				throw bad('msgType must be notice or reminder');

			const templateTable = kind === 'template' && s.templatePriority === 'templateTable';
			const scale = templateTable ? ['0', '1', '2'] : ['1', '2', '3'];
			let priority = v.str(body, 'priority', false);
			if (priority !== undefined && !scale.includes(priority))
				throw bad(`priority must be one of ${scale.join(', ')}`);
			const priorityGiven = priority !== undefined;
			// The channel table: "不填就是中优先级"; the template table names no default.
			if (!templateTable) priority ??= '2';

			const sender = v.str(body, s.senderField, false);
			const sendTime = v.str(body, 'sendTime', false);
			let scheduledAt: number | undefined;
			if (sendTime !== undefined) {
				scheduledAt = parseChinaDateTime(sendTime);
				if (Number.isNaN(scheduledAt)) throw bad('sendTime must be yyyy-MM-dd HH:mm:ss');
			}

			const msgId = randomUUID().replace(/-/g, '');
			const payload: Obj = {
				appId,
				receiverType,
				receiverData: receiverType === 'all' ? undefined : receiverData,
				...(kind === 'channel' ? { channelData, msgType } : { templateCode, channelParamData }),
				businessId,
				priority,
				priorityGiven,
				sender,
				senderField: sender === undefined ? undefined : s.senderField,
				sendTime,
				scheduledAt,
				body,
			};
			this.record(req.route, payload, msgId);
			return this.answer(200, { msgId });
		} catch (error) {
			if (!(error instanceof Reject)) throw error;
			return this.refuse(req, error.code, error.message, this.answer(error.code));
		}
	}
}

export function createDhcSim(options: SimOptions<DhcSettings> = {}): DhcSim {
	return new DhcSim(options);
}

class Validator {
	constructor(
		private bad: (reason: string) => Error,
		private strictKeys: boolean,
	) {}

	keys(o: Obj, allowed: string[], where: string): void {
		if (!this.strictKeys) return;
		for (const k of Object.keys(o))
			if (!allowed.includes(k)) throw this.bad(`${where}: unknown field ${k}`);
	}

	/** A String field; null and "" are "not filled". */
	str(o: Obj, key: string, required: boolean, where = ''): string | undefined {
		const val = o[key];
		if (!filled(val)) {
			if (required) throw this.bad(`${where}${key} is required`);
			return undefined;
		}
		if (typeof val !== 'string') throw this.bad(`${where}${key} must be a string`);
		if (required && val.trim() === '') throw this.bad(`${where}${key} is required`);
		return val;
	}

	strArray(val: unknown, where: string, nonEmpty: boolean): string[] {
		if (!Array.isArray(val)) throw this.bad(`${where} must be a string array`);
		if (nonEmpty && val.length === 0) throw this.bad(`${where} is empty`);
		for (const item of val) {
			if (typeof item !== 'string' || item.trim() === '')
				throw this.bad(`${where} must hold non-empty strings`);
		}
		return val as string[];
	}
}

function validateChannelData(
	v: Validator,
	channelData: unknown,
	channels: Record<string, DhcChannelKind>,
	bad: (reason: string) => Error,
): Record<string, Obj> {
	if (!isObj(channelData)) throw bad('channelData is required as a JSON object');
	const codes = Object.keys(channelData);
	if (codes.length === 0) throw bad('channelData names no channel');
	for (const code of codes) {
		const kind = channels[code];
		if (!kind) throw bad(`channelData: unknown channel code ${code}`);
		const c = channelData[code];
		const where = `channelData.${code}.`;
		if (!isObj(c)) throw bad(`channelData.${code} must be a JSON object`);
		if (kind === 'siteLetter') {
			v.keys(c, ['title', 'content', 'website'], `channelData.${code}`);
			v.str(c, 'title', false, where);
			v.str(c, 'content', true, where);
			v.str(c, 'website', false, where);
		} else if (kind === 'email') {
			v.keys(c, ['title', 'content'], `channelData.${code}`);
			v.str(c, 'title', false, where);
			v.str(c, 'content', true, where);
		} else {
			v.keys(c, ['sign', 'templateData', 'content'], `channelData.${code}`);
			v.str(c, 'sign', false, where);
			const text = v.str(c, 'content', false, where);
			const td = c.templateData;
			if (filled(td)) {
				if (!isObj(td)) throw bad(`${where}templateData must be a JSON object`);
				v.keys(td, ['templateId', 'paramData'], `${where}templateData`);
				v.str(td, 'templateId', true, `${where}templateData.`);
				const pd = td.paramData;
				if (filled(pd)) {
					if (!isObj(pd)) throw bad(`${where}templateData.paramData must be a JSON object`);
					for (const [k, val] of Object.entries(pd)) {
						if (typeof val !== 'string' && typeof val !== 'number')
							throw bad(`${where}templateData.paramData.${k} must be a string or number`);
					}
				}
			} else if (text === undefined) {
				throw bad(`${where} SMS needs templateData or content`);
			}
		}
	}
	return channelData as Record<string, Obj>;
}
