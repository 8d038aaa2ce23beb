import type { IAuthenticate, ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';
import { ROUTES } from '../nodes/DhcMessagePlatform/transport';
import { dhcAuthenticate } from '../nodes/DhcMessagePlatform/transport/auth';

export class DhcMessagePlatformApi implements ICredentialType {
	name = 'dhcMessagePlatformApi';

	displayName = 'DHC Message Platform API';

	icon: Icon = {
		light: 'file:../nodes/DhcMessagePlatform/dhc.svg',
		dark: 'file:../nodes/DhcMessagePlatform/dhc.dark.svg',
	};

	documentationUrl = 'https://github.com/n8n-nodes-cn-messaging/n8n-nodes-cn-messaging#dhc-message-platform';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'http://10.1.2.3:8080',
			description:
				'The address of your self-hosted DHC (东华医为) message platform, http:// or https://, with port and any path prefix, without a trailing slash. The platform\'s administrator knows it (the document writes it as http://ip:port).',
		},
		{
			displayName: 'App ID',
			name: 'appId',
			type: 'string',
			default: '',
			required: true,
			description:
				'The application ID (应用Id) registered for your system on the message platform. It is sent as "appId" in the body of every request.',
		},
		{
			displayName: 'Ignore SSL Issues',
			name: 'ignoreSslIssues',
			type: 'boolean',
			default: false,
			description:
				'Whether to connect even if the SSL certificate cannot be verified (self-signed certificates, common in hospital networks)',
		},
		{
			displayName: 'Extra Header Name',
			name: 'headerName',
			type: 'string',
			default: '',
			placeholder: 'X-Api-Key',
			description:
				'Only for deployments behind a gateway that wants a header of its own: its name. Leave empty otherwise.',
		},
		{
			displayName: 'Extra Header Value',
			name: 'headerSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { hide: { headerName: [''] } },
			description: 'The value of the extra header',
		},
	];

	authenticate: IAuthenticate = async (credentials, requestOptions) => dhcAuthenticate(credentials, requestOptions);

	/**
	 * The platform has no read-only call, so the test posts a send request with only the appId in
	 * it. The platform checks the application first: an unknown appId answers 401 身份验证失败,
	 * a known one answers a parameter error (参数有误) and nothing is sent.
	 */
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{String($credentials.baseUrl).trim().replace(/\\/+$/, "")}}',
			url: ROUTES.sendByChannel.path,
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			json: true,
			ignoreHttpStatusErrors: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'code',
					value: 401,
					message:
						'Authentication failed (401 身份验证失败): the platform does not know this App ID, or a gateway refused the extra header',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'code',
					value: '401',
					message:
						'Authentication failed (401 身份验证失败): the platform does not know this App ID, or a gateway refused the extra header',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: { key: 'code', value: 500, message: 'The message platform answered 500 (internal server error)' },
			},
			{
				type: 'responseSuccessBody',
				properties: { key: 'code', value: '500', message: 'The message platform answered 500 (internal server error)' },
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'status',
					value: 404,
					message: 'No DHC message interface at this address (HTTP 404): check the Base URL and its path prefix',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'status',
					value: 401,
					message: 'The server or a gateway in front of it refused the request (HTTP 401): check the extra header',
				},
			},
		],
	};
}
