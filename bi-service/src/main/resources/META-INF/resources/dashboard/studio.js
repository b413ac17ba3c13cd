'use strict';
// BI Studio overview: logs in at the OIDC provider (authorization code + PKCE, public client) and shows
// bi-service's numbers for a window. bi-service decides the scope from the token; the page only shows it.
(() => {
    const $ = (selector) => document.querySelector(selector);
    const integer = new Intl.NumberFormat('en-US');
    const percent = new Intl.NumberFormat('en-US', {style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1});
    const rate = (value) => value === null || value === undefined ? '–' : percent.format(value);
    const DAY = 86_400_000;
    const isoDate = (date) => date.toISOString().slice(0, 10);

    // The business rules (shared/legacy/README.md) in the words leadership reads them.
    const RULES = {
        takedown: 'Effective takedown time of a submission: the earliest taken_down_at among its reports if any report '
            + 'has one; otherwise the post\'s removed_at; otherwise none. A submission with several reports is still '
            + 'one submission. status = \'removed\' without any timestamp is a data-quality finding, not a removal.',
        platform: 'Platform detail comes from the URL host first (m.facebook.com, instagr.am, youtu.be, …) and from '
            + 'the legacy platform text only when the URL says nothing; \'Meta\' alone means meta with unknown '
            + 'detail. The platform is the group: meta for facebook, instagram, threads and whatsapp, otherwise '
            + 'the detail itself.',
    };
    const EXPLANATIONS = {
        submissions: {
            title: 'Submissions',
            rule: ['Submissions whose submission time (the legacy post\'s created_at) falls in the window [from, to). '
                + 'Soft-deleted submissions (posts deleted in the legacy database) are in no number.', RULES.takedown],
        },
        removals: {
            title: 'Removals',
            rule: ['Removals in a window: submissions whose effective takedown time falls in the window, whenever '
                + 'they were submitted.', RULES.takedown],
        },
        removalRate: {
            title: 'Removal rate',
            rule: ['Among the submissions submitted in the window, the share that have an effective takedown time at '
                + 'any time up to now. Empty (–) when the window has no submissions.', RULES.takedown],
        },
        takedownSources: {
            title: 'Takedown source',
            rule: ['The window\'s removals by where their effective takedown time came from: report flow (a report\'s '
                + 'taken_down_at, the reporting flow since March 2024) or legacy fallback (the post\'s removed_at).',
                RULES.takedown],
        },
        series: {
            title: 'Over time',
            rule: ['Per bucket (UTC day, ISO week from Monday, or month): submissions submitted in it, removals whose '
                + 'effective takedown falls in it, and the removal rate of the bucket\'s submissions. Every bucket is '
                + 'shown, empty ones as zero.', RULES.takedown],
        },
        platform: {title: 'By platform', rule: [RULES.platform, RULES.takedown]},
        community: {
            title: 'By community',
            rule: ['Each submission belongs to the community of the legacy post (old imports may have none). A '
                + 'community manager sees only the communities in their token\'s communities claim; a superadmin '
                + 'sees every community.', RULES.takedown],
        },
    };

    let keycloak;
    let chart;
    let overview;
    let platformView = 'platform';

    function showError(message) {
        const box = $('#error');
        box.textContent = message;
        box.hidden = false;
        document.body.dataset.state = 'error';
    }

    async function api(path) {
        try {
            await keycloak.updateToken(30);
        } catch (sessionEnded) {
            await keycloak.login();
            throw new Error('your session has ended; logging in again');
        }
        const response = await fetch(path, {headers: {Authorization: `Bearer ${keycloak.token}`, Accept: 'application/json'}});
        const body = await response.json().catch(() => ({}));
        if (!response.ok) {
            throw new Error(`${path.split('?')[0]}: ${response.status} ${body.message || body.error || ''}`.trim());
        }
        return body;
    }

    function windowFromInputs() {
        return {from: $('#from').value, to: $('#to').value, granularity: $('#granularity').value};
    }

    function initialWindow() {
        const query = new URLSearchParams(location.search);
        const tomorrow = new Date(Date.now() + DAY);
        $('#from').value = query.get('from') || isoDate(new Date(tomorrow.getTime() - 90 * DAY));
        $('#to').value = query.get('to') || isoDate(tomorrow);
        $('#granularity').value = query.get('granularity') || 'week';
    }

    async function load() {
        const w = windowFromInputs();
        history.replaceState(null, '', `?${new URLSearchParams(w)}`);
        document.body.dataset.state = 'loading';
        $('#error').hidden = true;
        const range = `from=${w.from}&to=${w.to}`;
        const series = (metric) => api(`/api/v1/timeseries?metric=${metric}&granularity=${w.granularity}&${range}`);
        try {
            const [view, submissions, removals, rates] = await Promise.all([
                api(`/api/v1/overview?${range}`), series('submissions'), series('removals'), series('removal_rate')]);
            overview = view;
            renderContext(view);
            renderKpis(view);
            renderChart(submissions, removals, rates);
            renderPlatforms();
            renderCommunities(view);
            document.body.dataset.state = 'ready';
        } catch (error) {
            showError(`The numbers could not be loaded: ${error.message}`);
        }
    }

    function renderContext(view) {
        const scope = $('#scope');
        scope.replaceChildren();
        if (view.scope.allCommunities) {
            scope.append(chip('all communities'));
        } else if (view.scope.communities.length === 0) {
            scope.append(chip('no community: your account names none', 'warn'));
        } else {
            view.scope.communities.forEach((slug) => scope.append(chip(slug)));
        }
        scope.dataset.communities = view.scope.allCommunities ? '*' : view.scope.communities.join(',');
        $('#user-role').textContent = view.scope.role;

        const freshness = view.freshness;
        $('#freshness').textContent = freshness.refreshedAt === null
            ? 'the read model has never been refreshed'
            : `read model refreshed ${new Date(freshness.refreshedAt).toISOString().replace('T', ' ').slice(0, 16)} UTC `
              + `(${age(freshness.ageSeconds)} ago; the refresh took ${(freshness.refreshDurationMs / 1000).toFixed(1)} s)`;
        $('#window-note').textContent = `[${view.window.from.slice(0, 10)}, ${view.window.to.slice(0, 10)}) in UTC`;
    }

    function age(seconds) {
        if (seconds < 120) return `${seconds} s`;
        if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
        if (seconds < 172800) return `${Math.round(seconds / 3600)} h`;
        return `${Math.round(seconds / 86400)} days`;
    }

    function chip(text, kind) {
        const span = document.createElement('span');
        span.className = kind ? `chip ${kind}` : 'chip';
        span.textContent = text;
        return span;
    }

    function setValue(element, value, text) {
        element.dataset.value = value === null ? '' : String(value);
        element.textContent = text;
    }

    function renderKpis(view) {
        setValue($('#kpi-submissions .value'), view.submissions, integer.format(view.submissions));
        setValue($('#kpi-removals .value'), view.removed, integer.format(view.removed));
        setValue($('#kpi-removal-rate .value'), view.removalRate, rate(view.removalRate));
        const reportFlow = view.takedownSources.report_flow || 0;
        const legacy = view.takedownSources.legacy_fallback || 0;
        setValue($('#source-report-flow'), reportFlow, integer.format(reportFlow));
        setValue($('#source-legacy-fallback'), legacy, integer.format(legacy));
        const total = reportFlow + legacy;
        $('#kpi-sources .split .report-flow').style.width = `${total ? (100 * reportFlow) / total : 0}%`;
        $('#kpi-sources .split .legacy-fallback').style.width = `${total ? (100 * legacy) / total : 0}%`;
    }

    function renderChart(submissions, removals, rates) {
        const points = (view) => view.series.length ? view.series[0].points : [];
        const labels = points(submissions).map((p) => submissions.granularity === 'month' ? p.start.slice(0, 7) : p.start);
        const data = {
            labels,
            datasets: [
                {type: 'bar', label: 'Submissions', data: points(submissions).map((p) => p.value),
                    backgroundColor: '#5b7cfa', borderRadius: 3, yAxisID: 'count', order: 2},
                {type: 'bar', label: 'Removals', data: points(removals).map((p) => p.value),
                    backgroundColor: '#f08a5d', borderRadius: 3, yAxisID: 'count', order: 2},
                {type: 'line', label: 'Removal rate', data: points(rates).map((p) => p.value === null ? null : 100 * p.value),
                    borderColor: '#1f9d8b', backgroundColor: '#1f9d8b', pointRadius: 2, cubicInterpolationMode: 'monotone',
                    yAxisID: 'rate', order: 1},
            ],
        };
        if (chart) {
            chart.data = data;
            chart.update();
            return;
        }
        chart = new Chart($('#series-chart'), {
            data,
            options: {
                responsive: true,
                maintainAspectRatio: false,
                animation: false,
                interaction: {mode: 'index', intersect: false},
                scales: {
                    count: {position: 'left', beginAtZero: true, ticks: {precision: 0}, title: {display: true, text: 'count'}},
                    rate: {position: 'right', min: 0, max: 100, grid: {drawOnChartArea: false},
                        ticks: {callback: (value) => `${value} %`}, title: {display: true, text: 'removal rate'}},
                    x: {grid: {display: false}},
                },
                plugins: {
                    legend: {position: 'bottom'},
                    tooltip: {callbacks: {label: (item) => item.dataset.yAxisID === 'rate'
                        ? `Removal rate: ${item.raw === null ? '–' : item.raw.toFixed(1) + ' %'}`
                        : `${item.dataset.label}: ${integer.format(item.raw)}`}},
                },
            },
        });
    }

    function renderPlatforms() {
        const detail = platformView === 'detail';
        $('#platform-column').textContent = detail ? 'Platform detail' : 'Platform';
        $('#show-platform').classList.toggle('on', !detail);
        $('#show-platform-detail').classList.toggle('on', detail);
        const rows = detail
            ? overview.byPlatformDetail.map((r) => ({key: r.platformDetail, ...r}))
            : overview.byPlatform.map((r) => ({key: r.platform, ...r}));
        renderTable($('#by-platform tbody'), rows, (key) => key);
    }

    function renderCommunities(view) {
        const rows = view.byCommunity.map((r) => ({key: r.community, ...r}));
        renderTable($('#by-community tbody'), rows, (key) => key === null ? '(no community)' : key);
    }

    function renderTable(body, rows, name) {
        const most = Math.max(1, ...rows.map((r) => r.submissions));
        body.replaceChildren(...rows.map((row) => {
            const tr = document.createElement('tr');
            tr.dataset.key = row.key === null ? '' : row.key;
            const label = document.createElement('td');
            label.textContent = name(row.key);
            const submissions = document.createElement('td');
            const bar = document.createElement('span');
            bar.className = 'bar';
            bar.style.width = `${(100 * row.submissions) / most}%`;
            const count = document.createElement('span');
            count.className = 'count';
            count.textContent = integer.format(row.submissions);
            submissions.append(bar, count);
            submissions.dataset.value = row.submissions;
            const removed = cell(integer.format(row.removed), row.removed);
            const share = cell(rate(row.removalRate), row.removalRate);
            tr.append(label, submissions, removed, share);
            return tr;
        }));
        if (rows.length === 0) {
            const tr = document.createElement('tr');
            const td = cell('nothing in this window', '');
            td.colSpan = 4;
            td.className = 'muted';
            tr.append(td);
            body.append(tr);
        }
    }

    function cell(text, value) {
        const td = document.createElement('td');
        td.textContent = text;
        td.dataset.value = value === null ? '' : String(value);
        return td;
    }

    function openExplanation(key) {
        const explanation = EXPLANATIONS[key];
        const w = windowFromInputs();
        $('#explain-title').textContent = explanation.title;
        $('#explain-rule').replaceChildren(...explanation.rule.map((text) => {
            const p = document.createElement('p');
            p.textContent = text;
            return p;
        }));
        const call = key === 'series'
            ? `GET /api/v1/timeseries?metric=…&granularity=${w.granularity}&from=${w.from}&to=${w.to}`
            : `GET /api/v1/overview?from=${w.from}&to=${w.to}`;
        // The page asks for whole UTC days, which bi-service sums from the daily rollup (other windows: the facts).
        const table = 'mv_daily_rollup (UTC day × community × platform × platform detail), which is summed from '
            + 'mv_submission_facts (one row per live submission, with its effective takedown and source)';
        const entries = [
            ['Computed by', 'bi-service, from the read model built by the migrator'],
            ['Read from', table],
            ['Rule in code', 'the read model\'s SQL (migrator V4__read_model.sql); the platform rule in '
                + 'PlatformClassifier; both checked against the legacy database by every migration\'s validation'],
            ['API call', call],
            ['Scope', overview.scope.allCommunities ? 'all communities' : overview.scope.communities.join(', ') || 'none'],
            ['Data as of', $('#freshness').textContent],
        ];
        $('#explain-source').replaceChildren(...entries.flatMap(([term, text]) => {
            const dt = document.createElement('dt');
            dt.textContent = term;
            const dd = document.createElement('dd');
            dd.textContent = text;
            return [dt, dd];
        }));
        $('#explain-dialog').dataset.explains = key;
        $('#explain-dialog').showModal();
    }

    async function explainSubmission(id) {
        const target = $('#submission-explanation');
        target.textContent = 'Asking bi-service…';
        try {
            const s = await api(`/api/v1/submissions/${encodeURIComponent(id)}/explain`);
            const entries = [
                ['Submission', `${s.submissionId} (legacy post ${s.legacyId}), community ${s.community ?? '(none)'}, status ${s.status}`],
                ['Submitted', s.submittedAt],
                ['Takedown', s.takedown.effectiveAt ? `${s.takedown.effectiveAt} from ${s.takedown.source}` : 'none: not a removal'],
                ['Why', s.takedown.why],
                ['Platform', `${s.platform.platform} / ${s.platform.platformDetail}, decided by ${s.platform.decidedBy}`],
                ['Why', s.platform.why],
            ];
            const dl = document.createElement('dl');
            dl.id = 'submission-facts';
            dl.dataset.takedownSource = s.takedown.source ?? '';
            dl.append(...entries.flatMap(([term, text]) => {
                const dt = document.createElement('dt');
                dt.textContent = term;
                const dd = document.createElement('dd');
                dd.textContent = text;
                return [dt, dd];
            }));
            target.replaceChildren(dl);
        } catch (error) {
            target.textContent = error.message.includes(': 404')
                ? `No submission ${id} in your scope.`
                : `Could not explain submission ${id}: ${error.message}`;
        }
    }

    function wire() {
        $('#window-form').addEventListener('submit', (event) => {
            event.preventDefault();
            load();
        });
        document.querySelectorAll('button.explain').forEach((button) =>
            button.addEventListener('click', () => openExplanation(button.dataset.explain)));
        $('#explain-close').addEventListener('click', () => $('#explain-dialog').close());
        $('#explain-form').addEventListener('submit', (event) => {
            event.preventDefault();
            explainSubmission($('#submission-id').value);
        });
        $('#show-platform').addEventListener('click', () => { platformView = 'platform'; renderPlatforms(); });
        $('#show-platform-detail').addEventListener('click', () => { platformView = 'detail'; renderPlatforms(); });
        $('#logout').addEventListener('click', () => keycloak.logout({redirectUri: `${location.origin}/dashboard/`}));
    }

    async function main() {
        document.addEventListener('securitypolicyviolation', (event) =>
            showError(`Blocked by the page's security policy: ${event.violatedDirective} ${event.blockedURI}`));
        const settings = await (await fetch('/dashboard/config.json')).json();
        keycloak = new Keycloak({clientId: settings.clientId, oidcProvider: settings.issuer});
        await keycloak.init({onLoad: 'login-required', pkceMethod: 'S256', checkLoginIframe: false});
        $('#user-name').textContent = keycloak.tokenParsed.preferred_username || keycloak.tokenParsed.sub;
        initialWindow();
        wire();
        await load();
    }

    main().catch((error) => showError(`Could not start the dashboard: ${error.message || error}`));
})();
