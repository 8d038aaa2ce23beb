import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions } from 'n8n-workflow';

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** The Base URL as requests use it: trimmed, without a trailing slash, http(s) only. */
export function dhcBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	const baseUrl = String(credentials.baseUrl ?? '')
		.trim()
		.replace(/\/+$/, '');
	if (!/^https?:\/\/[^\s/]+/i.test(baseUrl)) {
		throw new Error(
			'The Base URL in the DHC Message Platform credential must start with http:// or https:// (for example http://10.1.2.3:8080)',
		);
	}
	return baseUrl;
}

/**
 * The platform has no token and no signature: the application is identified by `appId` in the
 * JSON body of every request. Deployments behind a gateway may also want one extra header.
 */
export function dhcAuthenticate(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
): IHttpRequestOptions {
	const options: IHttpRequestOptions = {
		...requestOptions,
		baseURL: dhcBaseUrl(credentials),
		headers: { ...(requestOptions.headers ?? {}) },
	};
	const body = options.body;
	if (!body || (typeof body === 'object' && !Array.isArray(body) && !(body instanceof URLSearchParams))) {
		// appId first, as in the document's examples; the credential's value always wins.
		const withApp: IDataObject = { appId: '', ...((body as IDataObject) ?? {}) };
		withApp.appId = String(credentials.appId ?? '');
		options.body = withApp;
	}
	const headerName = String(credentials.headerName ?? '').trim();
	if (headerName) {
		if (!HEADER_NAME.test(headerName)) {
			throw new Error(`The Extra Header Name "${headerName}" in the DHC Message Platform credential is not a valid HTTP header name`);
		}
		options.headers![headerName] = String(credentials.headerSecret ?? '');
	}
	if (credentials.ignoreSslIssues === true) options.skipSslCertificateValidation = true;
	return options;
}
