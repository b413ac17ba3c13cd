// Against the stack of ./run-local.sh: logs in through each service's Swagger UI ("Authorize", authorization code +
// PKCE with the public client moderation-dashboard, Keycloak's own login form) in headless Chromium, then uses
// "Try it out": the catalog (create, read back, publish, an invalid definition's 400), bi-service (query the new
// metric) and the migrator (list runs). At the end, passed or not, it deprecates the metric it published: the catalog
// deletes nothing, and a published check metric would stay on every user's Metrics panel. Screenshots go to $SHOTS
// (default ./shots). Other ports than run-local.sh's defaults: CATALOG_URL, BI_URL, MIGRATOR_URL, KEYCLOAK_URL.
// Exit code 0 when all checks pass.
const { chromium } = require('playwright-core');
const fs = require('fs');

const SHOTS = process.env.SHOTS || 'shots';
const USER = process.env.KC_USER || 'superadmin';
const PASSWORD = process.env.KC_PASSWORD || 'superadmin-demo-only';
const CATALOG = process.env.CATALOG_URL || 'http://127.0.0.1:8083';
const BI = process.env.BI_URL || 'http://127.0.0.1:8082';
const MIGRATOR = process.env.MIGRATOR_URL || 'http://127.0.0.1:8081';
const KEYCLOAK = process.env.KEYCLOAK_URL || 'http://127.0.0.1:8180';
// The demo realm's services client (demo-only secret, as in README): the clean-up must not depend on the browser.
const SERVICES_SECRET = 'demo-only-moderation-services-secret';
const KEY = process.env.METRIC_KEY || `swagger_check_${Date.now().toString(36)}`;
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const today = new Date();
const day = (offset) => new Date(today.getTime() + offset * 86400000).toISOString().slice(0, 10);

const definition = {
  key: KEY, name: 'Meta removals (Swagger UI check)',
  description: 'Removals of Meta submissions, by takedown time; created through Swagger UI.',
  type: 'simple', unit: 'count',
  measure: { aggregation: 'count', time: 'effective_takedown_at', filters: [{ column: 'platform', op: 'eq', value: 'meta' }] },
  grains: ['day', 'week', 'month'], dimensions: ['community', 'platform_detail'], breakdown: [],
};
const invalid = {
  key: 'Bad Key!', name: '', type: 'simple', unit: 'count',
  measure: { aggregation: 'sum', column: 'password', time: 'posted_at', filters: [{ column: 'platform', op: 'like', value: 'x%' }] },
  grains: ['hour'],
};

const failures = [];
function expect(what, actual, wanted) {
  const ok = actual === wanted;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}: ${actual}${ok ? '' : ` (wanted ${wanted})`}`);
  if (!ok) failures.push(what);
}

async function authorize(page, base, name) {
  await page.goto(`${base}/q/swagger-ui/`);
  await page.waitForSelector('.opblock');
  await page.click('.auth-wrapper button.authorize');
  const box = page.locator('.auth-container').filter({ hasText: 'authorizationCode' });
  await box.waitFor();
  const clientId = box.locator('input[data-name="clientId"]');
  if (await clientId.inputValue() !== 'moderation-dashboard') await clientId.fill('moderation-dashboard');
  const openid = box.locator('input[data-value="openid"]');
  if (!(await openid.isChecked())) await box.locator(`label[for="${await openid.getAttribute('id')}"]`).click();
  await box.locator('h4').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/${name}-1-authorize-dialog.png` });
  const context = page.context();
  const authRequests = [];
  const onRequest = r => { if (r.url().includes('/protocol/openid-connect/auth?')) authRequests.push(new URL(r.url())); };
  context.on('request', onRequest);
  const tokenAnswer = context.waitForEvent('response', { predicate: r => new URL(r.url()).pathname.endsWith('/protocol/openid-connect/token'), timeout: 30000 });
  const [popup] = await Promise.all([page.waitForEvent('popup'), box.locator('button.authorize').click()]);
  // The popup may close (SSO: no form) before a waitForEvent('close') would be listening.
  const closed = new Promise(resolve => (popup.isClosed() ? resolve() : popup.once('close', resolve)));
  // Keycloak shows its form, or (an SSO session from an earlier login) sends the code back at once.
  const form = await Promise.race([popup.waitForSelector('#username', { timeout: 20000 }).then(() => true, () => false),
    closed.then(() => false)]);
  const q = authRequests[0].searchParams;
  console.log(`     ${authRequests[0].origin}${authRequests[0].pathname} client_id=${q.get('client_id')} scope=${q.get('scope')} `
    + `response_type=${q.get('response_type')} code_challenge_method=${q.get('code_challenge_method')} redirect_uri=${q.get('redirect_uri')}`);
  expect(`${name}: authorization code with PKCE S256`, `${q.get('response_type')}/${q.get('code_challenge_method')}`, 'code/S256');
  if (form) {
    await popup.fill('#username', USER);
    await popup.fill('#password', PASSWORD);
    await popup.screenshot({ path: `${SHOTS}/${name}-2-keycloak-login.png` });
    await popup.click('#kc-login');
  } else {
    console.log('     no login form: Keycloak\'s SSO session from the earlier login answered');
  }
  await closed;
  await box.locator('button', { hasText: 'Logout' }).waitFor({ timeout: 20000 });
  context.off('request', onRequest);
  const token = await tokenAnswer;
  expect(`${name}: token request from the Swagger UI page (CORS)`, token && token.status(), 200);
  console.log(`     token endpoint answered ${token && token.status()}, Access-Control-Allow-Origin: ${token && token.headers()['access-control-allow-origin']}`);
  await box.locator('h4').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/${name}-3-authorized.png` });
  expect(`${name}: Swagger UI shows the scheme as authorized`, await box.locator('h6', { hasText: 'Authorized' }).count() > 0, true);
  await page.click('.modal-ux button.close-modal');
}

// tryIt: opens an operation, fills path parameters and the body, executes, returns {status, body}
async function tryIt(page, method, path, params, body, shot) {
  const op = page.locator(`.opblock-${method}`).filter({
    has: page.locator('.opblock-summary-path', { hasText: new RegExp(`^${path.replace(/[{}]/g, '\\$&')}$`) }) }).first();
  if (!(await op.evaluate(e => e.classList.contains('is-open')))) await op.locator('.opblock-summary').first().click();
  await op.locator('button.try-out__btn').first().waitFor();
  const tryOut = op.locator('button.try-out__btn', { hasText: 'Try it out' });
  if (await tryOut.count()) await tryOut.click();
  await op.locator('button.execute').waitFor();
  for (const [name, value] of Object.entries(params)) {
    await op.locator(`tr[data-param-name="${name}"] input`).fill(String(value));
  }
  if (body !== undefined) await op.locator('textarea.body-param__text').fill(JSON.stringify(body, null, 2));
  const [response] = await Promise.all([
    page.waitForResponse(r => r.request().method() === method.toUpperCase() && new URL(r.url()).pathname.startsWith('/api/')),
    op.locator('button.execute').click(),
  ]);
  const status = response.status();
  const text = await response.text();
  const live = op.locator('.live-responses-table');
  await live.waitFor();
  await live.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/${shot}.png` });
  const auth = response.request().headers()['authorization'] || '';
  console.log(`     ${method.toUpperCase()} ${new URL(response.url()).pathname} -> ${status} (Authorization: ${auth.slice(0, 13)}…) ${text.slice(0, 300)}`);
  return { status, body: text ? JSON.parse(text) : null };
}

// retire: deprecates version 1 of the metric this run created, if it got published (a draft is on no Metrics panel)
async function retire() {
  const form = new URLSearchParams({ grant_type: 'password', client_id: 'moderation-services',
    client_secret: SERVICES_SECRET, username: USER, password: PASSWORD });
  const token = await fetch(`${KEYCLOAK}/realms/moderation/protocol/openid-connect/token`, { method: 'POST', body: form });
  if (!token.ok) throw new Error(`Keycloak gave no token for the clean-up (${token.status})`);
  const headers = { Authorization: `Bearer ${(await token.json()).access_token}` };
  const version = `${CATALOG}/api/v1/metrics/${KEY}/versions/1`;
  const status = (await (await fetch(version, { headers })).json()).status;
  if (status !== 'published') {
    console.log(`     clean-up: ${KEY} v1 is ${status}, nothing to deprecate`);
    return;
  }
  const deprecated = await fetch(`${version}/deprecate`, { method: 'POST', headers });
  const body = await deprecated.json().catch(() => null);
  expect(`clean-up: deprecate ${KEY} v1`, `${deprecated.status} ${body && body.status}`, '200 deprecated');
}

(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  const userDataDir = fs.mkdtempSync('/tmp/swagger-check-profile-');
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium', args: ARGS, viewport: { width: 1280, height: 1000 }, headless: true });
  const page = context.pages()[0] || await context.newPage();
  page.on('console', m => { if (m.type() === 'error') console.log(`     browser console: ${m.text()}`); });
  let createdHere = false; // only this run's metric is retired: METRIC_KEY may name someone else's
  try {
    console.log(`== metrics catalog ${CATALOG} as ${USER}; metric ${KEY}`);
    await authorize(page, CATALOG, 'catalog');
    const created = await tryIt(page, 'post', '/api/v1/metrics', {}, definition, 'catalog-4-create');
    expect('create', created.status, 201);
    createdHere = created.status === 201;
    const read = await tryIt(page, 'get', '/api/v1/metrics/{key}/versions/{version}', { key: KEY, version: 1 }, undefined, 'catalog-5-read');
    expect('read back', read.status, 200);
    expect('read back: status', read.body && read.body.status, 'draft');
    const published = await tryIt(page, 'post', '/api/v1/metrics/{key}/versions/{version}/publish', { key: KEY, version: 1 }, undefined, 'catalog-6-publish');
    expect('publish', published.status, 200);
    expect('publish: status', published.body && published.body.status, 'published');
    const bad = await tryIt(page, 'post', '/api/v1/metrics', {}, invalid, 'catalog-7-invalid-400');
    expect('invalid definition', bad.status, 400);
    const details = (bad.body && bad.body.details) || [];
    expect('invalid definition: every detail starts with its JSON path', details.length > 0 && details.every(d => d.startsWith('$')), true);
    console.log(`     paths: ${details.map(d => d.split(':')[0]).join(' ')}`);

    console.log(`== bi-service ${BI}`);
    await authorize(page, BI, 'bi');
    const query = await tryIt(page, 'post', '/api/v1/metrics/{key}/query', { key: KEY },
      { from: day(-30), to: day(1), granularity: 'week' }, 'bi-4-query');
    expect('query the published metric', query.status, 200);
    expect('query: provenance', query.body && `${query.body.provenance.metric} v${query.body.provenance.version} ${query.body.provenance.status}`,
      `${KEY} v1 published`);

    console.log(`== migrator-service ${MIGRATOR}`);
    await authorize(page, MIGRATOR, 'migrator');
    const runs = await tryIt(page, 'get', '/api/v1/runs', {}, undefined, 'migrator-4-runs');
    expect('migrator runs', runs.status, 200);
  } catch (e) {
    console.log(`FAIL ${e.stack || e}`);
    failures.push('exception');
    await page.screenshot({ path: `${SHOTS}/error.png` }).catch(() => {});
  } finally {
    if (createdHere) {
      await retire().catch(e => { console.log(`FAIL clean-up: ${e.stack || e}`); failures.push('clean-up'); });
    }
    await context.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
  console.log(failures.length ? `FAILED: ${failures.join(', ')}` : 'all checks passed');
  process.exit(failures.length ? 1 : 0);
})();
