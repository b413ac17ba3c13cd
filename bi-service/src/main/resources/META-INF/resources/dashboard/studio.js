// BI Studio overview: bi-service's numbers for a window, each of which opens the list of submissions behind it
// (lists.js), the rules that count them, and the catalog's metrics (metrics.js).
import {api, logout, startSession} from './session.js';
import {$, age, chip, DAY, definitions, el, integer, isoDate, rate} from './format.js';
import {explainSubmission, openList, wireLists} from './lists.js';
import {loadCatalog, renderMetrics} from './metrics.js';

// The business rules (legacy/README.md) in the words leadership reads them.
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
        rule: ['Per bucket (UTC hour, day, ISO week from Monday, or month): submissions submitted in it, removals whose '
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

// What each kind of number lists: the measure, and the filter its row or bucket adds.
const MEASURE = {submissions: 'measure=submitted', removed: 'measure=removed', rate: 'measure=submitted&takenDown=true'};

let chart;
let overview;
// The window the numbers on screen are for: lists and explanations use it, not dates edited since and not applied.
let shown;
let seriesBuckets = [];
let platformView = 'platform';
let catalogLoaded = false;

function showError(message) {
    const box = $('#error');
    box.textContent = message;
    box.hidden = false;
    document.body.dataset.state = 'error';
}

function windowFromInputs() {
    return {from: $('#from').value, to: $('#to').value, granularity: $('#granularity').value};
}

const range = (w) => `from=${w.from}&to=${w.to}`;

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
    const series = (metric) => api(`/api/v1/timeseries?metric=${metric}&granularity=${w.granularity}&${range(w)}`);
    try {
        const [view, submissions, removals, rates] = await Promise.all([
            api(`/api/v1/overview?${range(w)}`), series('submissions'), series('removals'), series('removal_rate')]);
        overview = view;
        shown = w;
        renderContext(view);
        renderKpis(view);
        renderSeries(submissions, removals, rates);
        renderPlatforms();
        renderCommunities(view);
        if (!catalogLoaded) {
            await loadCatalog(view.scope.role === 'superadmin');
            catalogLoaded = true;
        }
        renderMetrics(w);
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
    $('#freshness').textContent = freshness.changedAt === null
        ? 'the service has not read the read model yet'
        : `last change arrived ${new Date(freshness.changedAt).toISOString().replace('T', ' ').slice(0, 16)} UTC `
          + `(${age(freshness.ageSeconds)} ago; read model version ${freshness.version}); `
          + (freshness.verifiedAt === null ? 'not yet checked against the legacy database'
              : `checked against the legacy database ${age(freshness.verifiedAgeSeconds)} ago`);
    $('#window-note').textContent = `[${view.window.from.slice(0, 10)}, ${view.window.to.slice(0, 10)}) in UTC`;
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
    const taken = view.removalRate === null ? 0 : Math.round(view.removalRate * view.submissions);
    $('#kpi-removal-rate .drill').textContent = `List the ${integer.format(taken)} taken down`;
    $('#kpi-removal-rate .drill').dataset.expected = taken;
}

/** Opens the list behind a KPI button ({data-drill} names its query, {data-expected} its number). */
function drillKpi(button) {
    const key = button.dataset.drill;
    const queries = {submissions: MEASURE.submissions, removals: MEASURE.removed, removalRate: MEASURE.rate,
        report_flow: `${MEASURE.removed}&takedownSource=report_flow`,
        legacy_fallback: `${MEASURE.removed}&takedownSource=legacy_fallback`};
    const expected = {submissions: overview.submissions, removals: overview.removed,
        removalRate: Number(button.dataset.expected), report_flow: overview.takedownSources.report_flow || 0,
        legacy_fallback: overview.takedownSources.legacy_fallback || 0};
    openList({title: button.dataset.title, query: queries[key], range: range(shown), expected: expected[key]});
}

function renderSeries(submissions, removals, rates) {
    const points = (view) => view.series.length ? view.series[0].points : [];
    const label = {month: (start) => start.slice(0, 7), hour: (start) => start.slice(5, 16).replace('T', ' ')};
    const labelOf = label[submissions.granularity] || ((start) => start);
    const w = shown;
    // Each bucket's window for its list: the first starts with the window, the last ends with it.
    seriesBuckets = points(submissions).map((p, i, all) => ({
        label: labelOf(p.start),
        range: `from=${encodeURIComponent(i === 0 ? submissions.window.from : p.start)}`
            + `&to=${encodeURIComponent(i === all.length - 1 ? submissions.window.to : all[i + 1].start)}`,
        submissions: p.value, removals: points(removals)[i]?.value ?? 0, rate: points(rates)[i]?.value ?? null,
    }));
    renderChart();
    renderSeriesTable(w);
}

function openBucket(index, kind) {
    const bucket = seriesBuckets[index];
    const title = {submissions: 'Submissions', removed: 'Removals', rate: 'Taken down, of the submissions'}[kind];
    const expected = kind === 'rate' ? (bucket.rate === null ? 0 : Math.round(bucket.rate * bucket.submissions))
        : kind === 'removed' ? bucket.removals : bucket.submissions;
    openList({title: `${title} · ${bucket.label}`, query: MEASURE[kind], range: bucket.range, expected});
}

function renderChart() {
    const data = {
        labels: seriesBuckets.map((b) => b.label),
        datasets: [
            {type: 'bar', label: 'Submissions', data: seriesBuckets.map((b) => b.submissions),
                backgroundColor: '#5b7cfa', borderRadius: 3, yAxisID: 'count', order: 2},
            {type: 'bar', label: 'Removals', data: seriesBuckets.map((b) => b.removals),
                backgroundColor: '#f08a5d', borderRadius: 3, yAxisID: 'count', order: 2},
            {type: 'line', label: 'Removal rate', data: seriesBuckets.map((b) => b.rate === null ? null : 100 * b.rate),
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
            // A bar opens its list; the table beside the chart does the same from the keyboard.
            onClick: (event, elements) => {
                const hit = chart.getElementsAtEventForMode(event, 'nearest', {intersect: true}, false)[0] || elements[0];
                if (hit) openBucket(hit.index, ['submissions', 'removed', 'rate'][hit.datasetIndex]);
            },
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

function renderSeriesTable() {
    $('#series-table tbody').replaceChildren(...seriesBuckets.map((bucket, index) => el('tr', {dataset: {bucket: index}},
        el('td', {textContent: bucket.label}),
        el('td', {}, drillButton(integer.format(bucket.submissions), bucket.submissions,
            `Submissions of ${bucket.label}`, () => openBucket(index, 'submissions'))),
        el('td', {}, drillButton(integer.format(bucket.removals), bucket.removals, `Removals of ${bucket.label}`,
            () => openBucket(index, 'removed'))),
        el('td', {textContent: rate(bucket.rate)}))));
}

function drillButton(text, value, label, open) {
    const button = el('button', {type: 'button', className: 'link', textContent: text, ariaLabel: `${label}: list them`,
        dataset: {value}});
    button.addEventListener('click', open);
    return button;
}

function renderPlatforms() {
    const detail = platformView === 'detail';
    $('#platform-column').textContent = detail ? 'Platform detail' : 'Platform';
    $('#show-platform').classList.toggle('on', !detail);
    $('#show-platform-detail').classList.toggle('on', detail);
    $('#show-platform').setAttribute('aria-pressed', String(!detail));
    $('#show-platform-detail').setAttribute('aria-pressed', String(detail));
    const rows = detail
        ? overview.byPlatformDetail.map((r) => ({key: r.platformDetail, filter: `platformDetail=${r.platformDetail}`, ...r}))
        : overview.byPlatform.map((r) => ({key: r.platform, filter: `platform=${r.platform}`, ...r}));
    renderTable($('#by-platform tbody'), rows, (row) => row.key);
}

// bi-service labels each community with its name, and the row without one (old imports) "no community".
function renderCommunities(view) {
    const rows = view.byCommunity.map((r) => ({key: r.community,
        filter: r.community === null ? 'noCommunity=true' : `community=${encodeURIComponent(r.community)}`, ...r}));
    renderTable($('#by-community tbody'), rows, (row) => row.label);
}

function renderTable(body, rows, name) {
    const most = Math.max(1, ...rows.map((r) => r.submissions));
    const w = shown;
    const open = (row, kind, expected) => () => openList({title: `${kind === 'removed' ? 'Removals' : 'Submissions'}`
        + ` · ${name(row)}`, query: `${MEASURE[kind]}&${row.filter}`, range: range(w), expected});
    body.replaceChildren(...rows.map((row) => {
        const bar = el('span', {className: 'bar'});
        bar.style.width = `${(100 * row.submissions) / most}%`;
        const submissions = el('td', {dataset: {value: row.submissions}}, bar,
            drillButton(integer.format(row.submissions), row.submissions, `Submissions of ${name(row)}`,
                open(row, 'submissions', row.submissions)));
        submissions.lastChild.classList.add('count');
        const removed = el('td', {dataset: {value: row.removed}}, drillButton(integer.format(row.removed), row.removed,
            `Removals of ${name(row)}`, open(row, 'removed', row.removed)));
        const share = el('td', {textContent: rate(row.removalRate),
            dataset: {value: row.removalRate === null ? '' : String(row.removalRate)}});
        return el('tr', {dataset: {key: row.key === null ? '' : row.key}}, el('td', {textContent: name(row)}),
            submissions, removed, share);
    }));
    if (rows.length === 0) {
        body.append(el('tr', {}, el('td', {colSpan: 4, className: 'muted', textContent: 'nothing in this window'})));
    }
}

function openExplanation(key) {
    const explanation = EXPLANATIONS[key];
    const w = shown;
    $('#explain-title').textContent = explanation.title;
    $('#explain-rule').replaceChildren(...explanation.rule.map((text) => el('p', {textContent: text})));
    const call = key === 'series'
        ? `GET /api/v1/timeseries?metric=…&granularity=${w.granularity}&from=${w.from}&to=${w.to}`
        : `GET /api/v1/overview?from=${w.from}&to=${w.to}`;
    // The page asks for whole UTC days (hours), which bi-service sums from the daily (hourly) rollup.
    const table = (w.granularity === 'hour' && key === 'series' ? 'mv_hourly_rollup (UTC hour' : 'mv_daily_rollup (UTC day')
        + ' × community × platform × platform detail), kept current with mv_submission_facts (one row per live '
        + 'submission, with its effective takedown and source) in the same transaction as every change';
    const provenance = overview.provenance[{removals: 'removed'}[key] || key];
    $('#explain-source').replaceChildren(...definitions([
        ['Computed by', 'bi-service, from the read model built by the migrator'],
        ['Metric', provenance ? `${provenance.metric} v${provenance.version}, definition ${provenance.definitionHash}`
            : 'the built-in metrics submissions, removals and removal_rate'],
        ['Read from', table],
        ['Rule in code', 'the read model\'s SQL (submission_facts_rule, migrator V6__incremental_read_model.sql); '
            + 'the platform rule in PlatformClassifier; both checked against the legacy database by every run\'s '
            + 'validation and the nightly audit'],
        ['API call', call],
        ['Scope', overview.scope.allCommunities ? 'all communities' : overview.scope.communities.join(', ') || 'none'],
        ['Data as of', $('#freshness').textContent],
    ]).childNodes);
    $('#explain-dialog').dataset.explains = key;
    $('#explain-dialog').showModal();
}

function wire() {
    $('#window-form').addEventListener('submit', (event) => {
        event.preventDefault();
        load();
    });
    $('#granularity').addEventListener('change', () => {
        // Hours cover the last 7 days: a longer window is narrowed to them rather than refused.
        if ($('#granularity').value === 'hour' && Date.parse($('#from').value) < Date.now() - 7 * DAY) {
            $('#from').value = isoDate(new Date(Date.now() - 6 * DAY));
            $('#to').value = isoDate(new Date(Date.now() + DAY));
        }
    });
    document.querySelectorAll('button.explain').forEach((button) =>
        button.addEventListener('click', () => openExplanation(button.dataset.explain)));
    document.querySelectorAll('button.drill').forEach((button) =>
        button.addEventListener('click', () => drillKpi(button)));
    $('#explain-close').addEventListener('click', () => $('#explain-dialog').close());
    $('#explain-form').addEventListener('submit', (event) => {
        event.preventDefault();
        explainSubmission($('#submission-id').value, $('#submission-explanation'));
    });
    $('#show-platform').addEventListener('click', () => { platformView = 'platform'; renderPlatforms(); });
    $('#show-platform-detail').addEventListener('click', () => { platformView = 'detail'; renderPlatforms(); });
    $('#logout').addEventListener('click', logout);
    wireLists();
}

async function main() {
    document.addEventListener('securitypolicyviolation', (event) =>
        showError(`Blocked by the page's security policy: ${event.violatedDirective} ${event.blockedURI}`));
    $('#user-name').textContent = await startSession();
    initialWindow();
    wire();
    await load();
}

main().catch((error) => showError(`Could not start the dashboard: ${error.message || error}`));
