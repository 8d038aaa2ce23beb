import type {
	IAuthenticate,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	INodeProperties,
	Icon,
} from 'n8n-workflow';
import { ROUTES } from '../nodes/KingdeeJdy/transport';
import { authenticateKingdee, issueAppToken } from '../nodes/KingdeeJdy/transport/auth';

export class KingdeeJdyApi implements ICredentialType {
	name = 'kingdeeJdyApi';

	displayName = 'Kingdee JDY API';

	icon: Icon = {
		light: 'file:../nodes/KingdeeJdy/kingdee.svg',
		dark: 'file:../nodes/KingdeeJdy/kingdee.dark.svg',
	};

	documentationUrl = 'https://github.com/n8n-nodes-cn-messaging/n8n-nodes-cn-messaging#kingdee-jdy';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.kingdee.com',
			required: true,
			description: 'The Kingdee API gateway, without a trailing slash. Change it only for a proxy or a test server.',
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			placeholder: '205022',
			description: 'Your app\'s Client ID (X-Api-ClientID), shown on the app\'s page in the Kingdee developer console (open.jdy.com)',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The Client Secret of the same app; it signs every request and is never sent',
		},
		{
			displayName: 'Authorization',
			name: 'authorization',
			type: 'options',
			options: [
				{
					name: 'Outer Instance ID',
					value: 'instance',
					description: 'N8n asks Kingdee for the App Key, App Secret and domain of the authorized account each time it renews the token (recommended: the App Secret rotates)',
				},
				{
					name: 'App Key and App Secret',
					value: 'appKey',
					description: 'Type the App Key, App Secret and domain yourself',
				},
			],
			default: 'instance',
		},
		{
			displayName: 'Outer Instance ID',
			name: 'outerInstanceId',
			type: 'string',
			default: '',
			required: true,
			displayOptions: { show: { authorization: ['instance'] } },
			description: 'The outerInstanceId Kingdee sends when a customer account authorizes your app (authorization message / app instance list in the developer console)',
		},
		{
			displayName: 'Domain (If Kingdee Gives None)',
			name: 'fallbackDomain',
			type: 'string',
			default: '',
			placeholder: 'https://tf.jdy.com',
			displayOptions: { show: { authorization: ['instance'] } },
			description:
				'The account\'s data-centre domain, sent as X-GW-Router-Addr, used only when Kingdee\'s authorization answer (push_app_authorize) carries none. Leave empty normally.',
		},
		{
			displayName: 'App Key',
			name: 'appKey',
			type: 'string',
			default: '',
			required: true,
			displayOptions: { show: { authorization: ['appKey'] } },
			description: 'The appKey of the authorized account (the appKey field of push_app_authorize)',
		},
		{
			displayName: 'App Secret',
			name: 'appSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authorization: ['appKey'] } },
			description: 'The appSecret of the authorized account. Third-party reports say Kingdee rotates it about every 24 hours.',
		},
		{
			displayName: 'Domain',
			name: 'domain',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://tf.jdy.com',
			displayOptions: { show: { authorization: ['appKey'] } },
			description: 'The account\'s data-centre domain (the domain field of push_app_authorize), sent as X-GW-Router-Addr',
		},
		{
			displayName: 'User ID',
			name: 'uid',
			type: 'string',
			default: '',
			description: 'Optional cloud user ID (uid) to act as. Leave empty to act as the account administrator.',
		},
		{
			displayName: 'App Token',
			name: 'appToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Renew After',
			name: 'renewAfter',
			type: 'hidden',
			default: 0,
		},
		{
			displayName: 'Learned App Key',
			name: 'learnedAppKey',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Learned App Secret',
			name: 'learnedAppSecret',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
		{
			displayName: 'Learned Domain',
			name: 'learnedDomain',
			type: 'hidden',
			default: '',
		},
	];

	/**
	 * Gets an app-token (and, with the Outer Instance ID, the account's current App Key, App Secret
	 * and domain): see nodes/KingdeeJdy/transport/auth.ts.
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		return await issueAppToken(this.helpers, credentials);
	}

	/** Signs every request (fresh nonce and timestamp) and adds the app-token and router address. */
	authenticate: IAuthenticate = async (credentials, requestOptions) => authenticateKingdee(credentials, requestOptions);

	/**
	 * Authorizes, exchanges a token (preAuthentication always runs for a test), then sends a signed
	 * message request with no body: the gateway checks the signature, the app-token and the router
	 * address and the message service rejects the empty request, so nothing is sent to anyone.
	 */
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: ROUTES.send.path,
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
		},
		rules: [
			{ type: 'responseSuccessBody', properties: { key: 'errcode', value: 4008, message: 'The gateway refused the request signature: check the Client Secret and the server clock' } },
			{ type: 'responseSuccessBody', properties: { key: 'errcode', value: 4010, message: 'The gateway refused the app-token it just issued: check the Domain (X-GW-Router-Addr)' } },
			{ type: 'responseSuccessBody', properties: { key: 'errcode', value: 4011, message: 'The gateway says the new app-token has already expired: check the server clock' } },
		],
	};
}
