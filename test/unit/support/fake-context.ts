/**
 * A small stand-in for n8n's execution context, for unit tests of shared code. Its
 * httpRequestWithAuthentication behaves like n8n 2.41's (checked against n8n-core's source): it
 * runs the credential's preAuthentication when the expirable field is empty (or when the caller
 * passes credentialsDecrypted with it emptied), stores the result, applies `authenticate`, and
 * sends a real HTTP request. The workflow tests prove the same things inside a real n8n.
 */
import axios from 'axios';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IHttpRequestOptions,
	INode,
} from 'n8n-workflow';

export interface FakeOptions {
	params?: IDataObject | IDataObject[];
	credentialType?: string;
	credential?: ICredentialType;
	credentials?: IDataObject;
	items?: number;
	continueOnFail?: boolean;
	timezone?: string;
}

async function send(options: IHttpRequestOptions): Promise<unknown> {
	const headers = { ...((options.headers ?? {}) as Record<string, string>) };
	const isForm = Object.entries(headers).some(([k, v]) => k.toLowerCase() === 'content-type' && String(v).includes('urlencoded'));
	let data: unknown = options.body;
	if (isForm && data && typeof data === 'object' && !(data instanceof URLSearchParams)) {
		data = new URLSearchParams(Object.entries(data as IDataObject).map(([k, v]) => [k, String(v)])).toString();
	}
	const response = await axios.request({
		method: options.method ?? 'GET',
		baseURL: options.baseURL,
		url: options.url,
		params: options.qs,
		headers,
		data,
		auth: options.auth,
		validateStatus: options.ignoreHttpStatusErrors ? () => true : undefined,
		timeout: options.timeout,
	});
	return options.returnFullResponse
		? { body: response.data, headers: response.headers, statusCode: response.status, statusMessage: response.statusText }
		: response.data;
}

export function fakeContext(o: FakeOptions = {}) {
	const store: ICredentialDataDecryptedObject = { ...(o.credentials ?? {}) } as ICredentialDataDecryptedObject;
	const node: INode = {
		id: 'node-1',
		name: 'Node Under Test',
		type: 'test',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: o.credentialType ? { [o.credentialType]: { id: 'cred-1', name: 'Test credential' } } : undefined,
	};
	const expirable = o.credential?.properties.find((p) => p.type === 'hidden' && p.typeOptions?.expirable)?.name;
	const stats = { preAuthentications: 0, requests: 0 };
	const paramsFor = (i: number): IDataObject =>
		(Array.isArray(o.params) ? o.params[i] : o.params) ?? {};

	const helpers = {
		httpRequest: send,
		returnJsonArray: (data: IDataObject[]) => data.map((json) => ({ json })),
		async httpRequestWithAuthentication(
			this: unknown,
			_type: string,
			options: IHttpRequestOptions,
			extra?: { credentialsDecrypted?: { data?: ICredentialDataDecryptedObject } },
		) {
			// n8n fills in the caller's credentialsDecrypted.data itself (Object.assign), as here.
			const credentials = (extra?.credentialsDecrypted?.data ?? { ...store }) as ICredentialDataDecryptedObject;
			if (o.credential?.preAuthentication && expirable && credentials[expirable] === '') {
				stats.preAuthentications++;
				const output = await o.credential.preAuthentication.call({ helpers: { httpRequest: send } } as never, credentials);
				Object.assign(store, output);
				Object.assign(credentials, output);
			}
			let request = { ...options };
			const auth = o.credential?.authenticate;
			if (typeof auth === 'function') request = await auth(credentials, request);
			stats.requests++;
			return await send(request);
		},
	};

	const ctx = {
		stats,
		store,
		getNode: () => node,
		getTimezone: () => o.timezone ?? 'Asia/Shanghai',
		getInputData: () => Array.from({ length: o.items ?? 1 }, (_, i) => ({ json: { i } })),
		continueOnFail: () => o.continueOnFail ?? false,
		getNodeParameter(name: string, i: number, fallback?: unknown) {
			const params = paramsFor(i);
			return name in params ? params[name] : fallback;
		},
		getCurrentNodeParameter(name: string, options?: { extractValue?: boolean }) {
			const value = paramsFor(0)[name];
			// As n8n does: a resource locator's value when asked for it.
			const rl = value as { __rl?: boolean; value?: unknown } | undefined;
			return options?.extractValue && rl && typeof rl === 'object' && rl.__rl ? rl.value : value;
		},
		async getCredentials() {
			return { ...store };
		},
		helpers,
	};
	return ctx;
}
