import type {
	IAuthenticate,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';
import { exchange, exchangeFailed } from '../nodes/common/exchange';

/** Tokens live 7200 s per the document; renew 5 minutes early (the transport's margin). */
const TOKEN_LIFETIME_MS = 7200 * 1000;

export class VanytechMessageCenterApi implements ICredentialType {
	name = 'vanytechMessageCenterApi';

	displayName = 'Vanytech Message Center API';

	icon: Icon = {
		light: 'file:../nodes/VanytechMessageCenter/vanytech.svg',
		dark: 'file:../nodes/VanytechMessageCenter/vanytech.dark.svg',
	};

	documentationUrl = 'https://github.com/n8n-nodes-cn-messaging/n8n-nodes-cn-messaging#vanytech-message-center';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://msg.example.edu.cn',
			description:
				'The address of your unified message center (the 接口域名 on the API access form), without a trailing slash',
		},
		{
			displayName: 'App ID',
			name: 'appId',
			type: 'string',
			default: '',
			required: true,
			description: 'The application ID (应用ID) the administrator gave you',
		},
		{
			displayName: 'App Password',
			name: 'appPassword',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The application secret (应用秘钥) the administrator gave you',
		},
		{
			displayName: 'Token Request Method',
			name: 'exchangeMethod',
			type: 'options',
			options: [
				{ name: 'POST (as Documented)', value: 'POST' },
				{ name: 'GET (as Public Clients Use)', value: 'GET' },
			],
			default: 'POST',
			description:
				'How to call /msg/getThirdAPIToken. The document says POST with URL parameters; some deployments only answer GET.',
		},
		{
			displayName: 'Token',
			name: 'token',
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

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const step = 'Vanytech Message Center token exchange';
		const { status, body } = await exchange(this.helpers, step, {
			method: credentials.exchangeMethod === 'GET' ? 'GET' : 'POST',
			url: `${String(credentials.baseUrl ?? '').replace(/\/+$/, '')}/msg/getThirdAPIToken`,
			qs: { appId: credentials.appId, appPassword: credentials.appPassword },
			json: true,
		});
		const data = (body.resultData ?? {}) as IDataObject;
		if (body.rspCode !== '000000' || typeof data.token !== 'string' || data.token === '') {
			if (body.rspCode === undefined) {
				throw exchangeFailed(step, `HTTP ${status}`, 'the server did not answer like a Vanytech Message Center; check the Base URL');
			}
			const why =
				body.rspCode === '500002'
					? 'the App ID or App Password is wrong, or the application is disabled'
					: 'the platform did not issue a token';
			throw exchangeFailed(step, body.rspCode, why, body.rspMsg);
		}
		return { token: data.token, expiresAt: Date.now() + TOKEN_LIFETIME_MS };
	}

	/**
	 * The token travels as the `token` field: in the form or JSON body when the request has one,
	 * otherwise as a URL parameter (the interfaces documented with URL parameters). Bodies built by
	 * n8n's HTTP Request node (a `form` object, URLSearchParams or form text) get it too.
	 */
	authenticate: IAuthenticate = async (credentials, requestOptions) => {
		const token = String(credentials.token ?? '');
		const options: IHttpRequestOptions & { form?: IDataObject } = {
			...requestOptions,
			baseURL: String(credentials.baseUrl ?? '').replace(/\/+$/, ''),
		};
		const body = options.body;
		if (options.form && typeof options.form === 'object') {
			options.form = { ...options.form, token };
		} else if (body instanceof URLSearchParams) {
			const copy = new URLSearchParams(body);
			copy.set('token', token);
			options.body = copy;
		} else if (typeof body === 'string' && body !== '' && !body.trim().startsWith('{')) {
			const copy = new URLSearchParams(body);
			copy.set('token', token);
			options.body = copy.toString();
		} else if (body && typeof body === 'object' && !Array.isArray(body)) {
			options.body = { ...(body as IDataObject), token };
		} else {
			options.qs = { ...(options.qs ?? {}), token };
		}
		return options;
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/message/getPublicList',
			method: 'POST',
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: { key: 'rspCode', value: '500003', message: 'The platform refused the token it just issued' },
			},
		],
	};
}
