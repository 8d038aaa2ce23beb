import type {
	IAuthenticate,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';
import { exchange, exchangeFailed } from '../nodes/common/exchange';
import { ROUTES } from '../nodes/DingTalk/transport';

/** DingTalk documents a 7200 s lifetime; used when an answer has no expires_in. */
const DEFAULT_LIFETIME_S = 7200;

export class DingTalkApi implements ICredentialType {
	name = 'dingTalkApi';

	displayName = 'DingTalk API';

	icon: Icon = {
		light: 'file:../nodes/DingTalk/dingtalk.svg',
		dark: 'file:../nodes/DingTalk/dingtalk.dark.svg',
	};

	documentationUrl = 'https://github.com/n8n-nodes-cn-messaging/n8n-nodes-cn-messaging#dingtalk';

	properties: INodeProperties[] = [
		{
			displayName: 'AppKey',
			name: 'appKey',
			type: 'string',
			default: '',
			required: true,
			description:
				'The AppKey (Client ID) of your internal app: DingTalk developer console (open-dev.dingtalk.com) > your app > Credentials and Basic Information (凭证与基础信息)',
		},
		{
			displayName: 'AppSecret',
			name: 'appSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The AppSecret (Client Secret) shown next to the AppKey',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://oapi.dingtalk.com',
			required: true,
			description:
				'DingTalk server API address. Change it only for a proxy (for example one with a fixed egress IP on the trusted-IP list) or a test server.',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Expires At',
			name: 'expiresAt',
			type: 'hidden',
			default: 0,
		},
	];

	/** GET /gettoken: exchanges AppKey and AppSecret for an access_token (2 h). */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const step = 'DingTalk token exchange';
		const { status, body: answer } = await exchange(this.helpers, step, {
			method: ROUTES.gettoken.method,
			url: `${String(credentials.baseUrl ?? '').replace(/\/+$/, '')}${ROUTES.gettoken.path}`,
			qs: { appkey: credentials.appKey, appsecret: credentials.appSecret },
			json: true,
		});
		const token = answer.access_token;
		if (Number(answer.errcode) !== 0 || typeof token !== 'string' || token === '') {
			if (answer.errcode === undefined) {
				throw exchangeFailed(step, `HTTP ${status}`, 'the server did not answer like DingTalk; check the Base URL');
			}
			const code = String(answer.errcode);
			const why =
				code === '40089' || code === '40001' || code === '40013'
					? 'the AppKey or AppSecret is wrong'
					: code === '60020'
						? "this server's IP address is not on the app's trusted-IP list (开发管理 > 服务器出口IP)"
						: 'DingTalk did not issue an access token';
			throw exchangeFailed(step, code, why, answer.errmsg);
		}
		const lifetime = Number(answer.expires_in) > 0 ? Number(answer.expires_in) : DEFAULT_LIFETIME_S;
		return { accessToken: token, expiresAt: Date.now() + lifetime * 1000 };
	}

	/** Every server API call carries the token as the access_token URL parameter. */
	authenticate: IAuthenticate = async (credentials, requestOptions) => {
		const options: IHttpRequestOptions = {
			...requestOptions,
			baseURL: String(credentials.baseUrl ?? '').replace(/\/+$/, ''),
			qs: { ...(requestOptions.qs ?? {}), access_token: credentials.accessToken },
		};
		return options;
	};

	/** A real exchange: n8n first runs preAuthentication (gettoken), then this gettoken call. */
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: ROUTES.gettoken.path,
			method: ROUTES.gettoken.method,
			qs: { appkey: '={{$credentials.appKey}}', appsecret: '={{$credentials.appSecret}}' },
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: { key: 'errcode', value: 40089, message: 'The AppKey or AppSecret is wrong (DingTalk error 40089)' },
			},
			{
				type: 'responseSuccessBody',
				properties: { key: 'errcode', value: 60020, message: "This server's IP address is not on the app's trusted-IP list (DingTalk error 60020)" },
			},
		],
	};
}
