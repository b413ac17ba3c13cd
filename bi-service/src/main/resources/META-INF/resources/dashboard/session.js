// The person's session at the OIDC provider (authorization code + PKCE, public client), and bi-service's API called
// with its token. bi-service decides the scope from the token; the page only shows it.
let keycloak;

// Access tokens live minutes (5 in the demo realm), and the provider ends a session that goes unrefreshed for its
// idle time (30 minutes): renew the token whenever it expires, so a page left open keeps its session. A renewal that
// fails is tried again later; one the provider refuses (the session ended) makes keycloak-js send the person to log in.
function keepSessionAlive() {
    keycloak.updateToken(-1).catch(() => setTimeout(keepSessionAlive, 30_000));
}

export async function startSession() {
    const settings = await (await fetch('/dashboard/config.json')).json();
    keycloak = new Keycloak({clientId: settings.clientId, oidcProvider: settings.issuer});
    keycloak.onTokenExpired = keepSessionAlive; // before init: keycloak-js arms the timer when it gets a token
    await keycloak.init({onLoad: 'login-required', pkceMethod: 'S256', checkLoginIframe: false});
    return keycloak.tokenParsed.preferred_username || keycloak.tokenParsed.sub;
}

export function logout() {
    keycloak.logout({redirectUri: `${location.origin}/dashboard/`});
}

async function call(path, {method = 'GET', body, accept = 'application/json'} = {}) {
    try {
        await keycloak.updateToken(30);
    } catch (sessionEnded) {
        await keycloak.login();
        throw new Error('your session has ended; logging in again');
    }
    const headers = {Authorization: `Bearer ${keycloak.token}`, Accept: accept};
    if (body !== undefined) {
        headers['Content-Type'] = 'application/json';
    }
    const response = await fetch(path, {method, headers, body: body === undefined ? undefined : JSON.stringify(body)});
    if (!response.ok) {
        const error = await response.json().catch(() => ({}));
        const failure = new Error(`${path.split('?')[0]}: ${response.status} ${error.message || error.error || ''}`.trim());
        failure.status = response.status;
        throw failure;
    }
    return response;
}

/** A JSON answer of bi-service's API. */
export async function api(path, options) {
    return (await call(path, options)).json();
}

/** A CSV export of bi-service's API, as a Blob to save. */
export async function csv(path) {
    return (await call(path, {accept: 'text/csv'})).blob();
}

/**
 * A stream of Server-Sent Events from bi-service's API, read through fetch (an EventSource cannot send the bearer
 * token); {@code signal} ends it.
 */
export async function events(path, signal) {
    await keycloak.updateToken(30);
    const response = await fetch(path, {headers: {Authorization: `Bearer ${keycloak.token}`,
        Accept: 'text/event-stream'}, signal});
    if (!response.ok) {
        const failure = new Error(`${path}: ${response.status}`);
        failure.status = response.status;
        throw failure;
    }
    return response.body.pipeThrough(new TextDecoderStream()).getReader();
}
