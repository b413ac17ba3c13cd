// BI Studio: the catalog's "overview" dashboard for a window, as bi-service computes it in one snapshot
// (GET /api/v1/dashboards/overview/view). Every number names its metric and version, opens the list of submissions
// behind it (lists.js) and the rule that counts it; the KPIs stand beside the period they are compared with.
import {api, csv, logout, startSession} from './session.js';
import {$, age, bucketDays, changeInUnit, chip, DAY, days, definitions, el, horizonWords, immatureText, inUnit,
    isImmature, isoDate, relativeChange, utc} from './format.js';
import {explainSubmission, openList, wireLists} from './lists.js';
import {loadCatalog, renderMetrics} from './metrics.js';
import {renderAlerts, setScope, wireRuleDialog} from './alerts.js';
import {renderWhat, wireWhat} from './what.js';
import {listenForChanges} from './live.js';
import {filterParameters, onlyTheseButton, PARAMETER_OF, renderFilters, wireFilters} from './filters.js';

const DASHBOARD = 'overview';

// The business rules (legacy/README.md) in the words leadership reads them.
const RULES = {
    takedown: 'Effective takedown time of a submission: the earliest taken_down_at among its reports if any report '
        + 'has one; otherwise the post\'s removed_at; otherwise none. A submission with several reports is still '
        + 'one submission. status = \'removed\' without any timestamp is a data-quality finding, not a removal.',
    platform: 'Platform detail comes from the URL host first (m.facebook.com, instagr.am, youtu.be, …) and from '
        + 'the legacy platform text only when the URL says nothing; \'Meta\' alone means meta with unknown '
        + 'detail. The platform is the group: meta for facebook, instagram, threads and whatsapp, otherwise '
        + 'the detail itself.',
    community: 'Each submission belongs to the community of the legacy post (old imports may have none). A '
        + 'community manager sees only the communities in their token\'s communities claim; a superadmin sees '
        + 'every community.',
    series: 'Per bucket (UTC hour, day, ISO week from Monday, or month). Every bucket is shown, empty ones as zero. '
        + 'A bucket the window covers only in part (its first and last, or one that has not ended yet) is marked '
        + 'partial and drawn lighter: its number is not comparable with a whole bucket\'s.',
    comparison: 'The change compares the same metric, in the same scope and the same snapshot of the read model, '
        + 'with the window it is compared with: the same length just before, or the same window a year earlier. '
        + 'Absolute change = now − before; relative change = (now − before) / before; a rate\'s change is in '
        + 'percentage points. A rate within a horizon is compared only where both windows are mature.',
    horizon: (horizon) => `A rate within a horizon counts, for each submission, only a takedown within `
        + `${horizonWords(horizon)} of its submission, so every cohort is measured over the same time and an old week `
        + `compares with a new one. A window or bucket whose submissions are not all ${horizonWords(horizon)} old is `
        + `immature: its rate can still rise, so it is marked "immature", drawn dashed and lighter, not compared with `
        + `the period before, and judged by an alert rule only where the rule asks for it. The rate by now `
        + `(removal_rate_by_now) counts every takedown up to now instead, and so falls for young cohorts.`,
};

// What the time column of a metric means on the page (DashboardView.Metric.countedBy).
const COUNTED_BY = {submitted_at: 'submission date', effective_takedown_at: 'takedown date'};
const SOURCE_WORDS = {report_flow: 'report flow', legacy_fallback: 'legacy fallback'};
// The list filter that a breakdown row of each dimension adds.
const ROW_FILTER = {platform: 'platform', platform_detail: 'platformDetail', community: 'community',
    takedown_source: 'takedownSource'};

let chart;
let dashboard;
// The window the numbers on screen are for: lists and explanations use it, not dates edited since and not applied.
let shown;
let seriesRows = [];
let platformView = 'platform';
let catalogLoaded = false;
let beforeGrain = null;

function showError(message) {
    const box = $('#error');
    box.textContent = message;
    box.hidden = false;
    document.body.dataset.state = 'error';
}

function windowFromInputs() {
    return {from: $('#from').value, to: $('#to').value, granularity: $('#granularity').value,
        compare: $('#compare').value};
}

const range = (from, to) => `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
// The dashboard view of a window with the page's filters.
const viewQuery = (w) => `${range(w.from, w.to)}&granularity=${w.granularity}&compare=${w.compare}`
    + [...new URLSearchParams(filterParameters())].map(([name, value]) => `&${name}=${encodeURIComponent(value)}`)
        .join('');
const isFraction = (metric) => metric.unit === 'ratio' || metric.unit === 'percent';

function initialWindow() {
    const query = new URLSearchParams(location.search);
    const tomorrow = new Date(Date.now() + DAY);
    $('#from').value = query.get('from') || isoDate(new Date(tomorrow.getTime() - 90 * DAY));
    $('#to').value = query.get('to') || isoDate(tomorrow);
    $('#granularity').value = query.get('granularity') || 'week';
    $('#compare').value = query.get('compare') || 'previous';
    beforeGrain = $('#granularity').value;
    wireFilters(query, () => load());
}

/**
 * Loads the dashboard for the window in the form, or, when the read model changed ({@code live}), again for the window
 * on screen, marking the numbers that moved.
 */
async function load({live = false} = {}) {
    const w = live ? shown : windowFromInputs();
    const before = live ? kpiValues() : null;
    history.replaceState(null, '', `?${new URLSearchParams({...w, ...filterParameters()})}`);
    document.body.dataset.state = 'loading';
    $('#error').hidden = true;
    try {
        const view = await api(`/api/v1/dashboards/${DASHBOARD}/view?${viewQuery(w)}`);
        dashboard = view;
        shown = w;
        $('#grain-note').hidden = true;
        renderContext(view);
        renderFilters(view.warnings);
        renderKpis(view);
        renderSeries(view.series);
        renderPlatforms();
        renderBreakdown($('#by-community'), table('community'));
        if (!catalogLoaded) {
            await loadCatalog(view.scope.role === 'superadmin');
            catalogLoaded = true;
        }
        setScope(view.scope);
        renderMetrics(w);
        renderWhat(w);
        // The alerts before "ready": what is firing is read with the numbers, not after them.
        await renderAlerts();
        if (before) markChanged(before);
        document.body.dataset.state = 'ready';
    } catch (error) {
        showError(`The numbers could not be loaded: ${error.message}`);
    }
}

/** The KPI values on screen, by tile. */
function kpiValues() {
    return new Map([...document.querySelectorAll('#kpis .kpi')].map((card) => [card.id, card.textContent]));
}

/** After a change of the read model: the KPIs whose numbers moved are marked (until the next load), and when. */
function markChanged(before) {
    for (const card of document.querySelectorAll('#kpis .kpi')) {
        if (before.has(card.id) && before.get(card.id) !== card.textContent) {
            card.classList.add('changed');
        }
    }
    $('#updated').textContent = `· the numbers moved at ${new Date().toLocaleTimeString()}`;
}

/** Reloads what is on screen when the read model changed; one reload at a time, the last change not lost. */
let reloading = null;
let reloadAgain = false;
async function reloadForChange() {
    if (reloading) {
        reloadAgain = true;
        return;
    }
    do {
        reloadAgain = false;
        reloading = load({live: true});
        await reloading;
    } while (reloadAgain);
    reloading = null;
}

/** Live, or how often the read model is polled: said beside the data's freshness, kept current by the server. */
function showFeed(event) {
    const feed = $('#feed');
    if (event === null) {
        feed.textContent = 'not listening for changes: reload the page to update';
        feed.className = 'badge warn';
        return;
    }
    feed.textContent = event.live ? '● live' : (event.feed || 'polling');
    feed.className = event.live ? 'badge live' : 'badge warn';
    feed.title = event.live ? 'legacy changes reach these numbers within seconds; the page updates by itself'
        : 'legacy changes reach these numbers at the next scheduled run; the page updates by itself when they do';
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
    showFeed({live: freshness.live, feed: freshness.feed});
    $('#freshness').textContent = freshness.changedAt === null
        ? 'the service has not read the read model yet'
        : `last change arrived ${utc(freshness.changedAt)} (${age(freshness.ageSeconds)} ago; read model version `
          + `${freshness.version}); ` + (freshness.verifiedAt === null ? 'not yet checked against the legacy database'
              : `checked against the legacy database ${age(freshness.verifiedAgeSeconds)} ago`);
    const reference = view.dashboard;
    const unreachable = view.catalogUnreachableSince;
    $('#dashboard-ref').replaceChildren(`${reference.name} v${reference.version} `,
        chip(reference.source === 'catalog' ? 'from the catalog' : 'built-in: the catalog did not answer',
            reference.source === 'catalog' ? '' : 'warn'),
        ...(unreachable ? [' ', chip(`catalog unreachable since ${utc(unreachable)}: definitions as it last gave them`,
            'warn')] : []));
    $('#dashboard-ref').title = `definition ${reference.definitionHash}`;
    $('#window-note').textContent = `[${view.window.from.slice(0, 10)}, ${view.window.to.slice(0, 10)}) in UTC`
        + (view.comparedWith ? `, compared with ${days(view.comparedWith.from, view.comparedWith.to)}` : '');
}

/** "submissions v1 · pinned": which definition a number is, beside it. */
function versionText(metric) {
    return `${metric.key} v${metric.version} · ${metric.followsLatest ? 'follows the latest published' : 'pinned'}`
        + (metric.status === 'published' ? '' : ` · ${metric.status}`);
}

/** What places a row in the window: "by submission date"; a ratio's cohort, and within which time of submission. */
function countedByText(metric) {
    const words = COUNTED_BY[metric.countedBy] || metric.countedBy;
    if (!words) return '';
    if (metric.type !== 'ratio') return `by ${words}`;
    return `of the submissions by ${words}, taken down `
        + (metric.horizon ? `within ${horizonWords(metric.horizon)} of submission` : 'by now');
}

/** The list behind a metric's number: a simple metric's rows, or a ratio's numerator (or denominator). */
function listQuery(metric, part = 'numerator') {
    return `metric=${metric.key}&version=${metric.version}` + (metric.type === 'ratio' ? `&part=${part}` : '');
}

function drillButton(text, label, open, className = 'link') {
    const button = el('button', {type: 'button', className, textContent: text, ariaLabel: label});
    button.addEventListener('click', open);
    return button;
}

function renderKpis(view) {
    $('#kpis').replaceChildren(...view.kpis.map((tile) => tile.breakdown ? sourcesCard(tile) : kpiCard(tile, view)));
}

function kpiCard(tile, view) {
    const metric = tile.metric;
    const drillCount = isFraction(metric) ? tile.numerator : tile.value;
    const card = el('article', {className: isImmature(tile.maturity) ? 'kpi immature' : 'kpi', id: `kpi-${tile.id}`,
        dataset: {metric: metric.key, version: metric.version, mature: tile.maturity ? tile.maturity.mature : ''}},
        el('h2', {textContent: tile.label}),
        el('p', {className: 'value', textContent: inUnit(tile.value, metric.unit),
            dataset: {value: tile.value === null ? '' : String(tile.value)}}),
        isImmature(tile.maturity) ? el('p', {className: 'maturity immature', textContent: immatureText(tile.maturity),
            dataset: {maturesAt: tile.maturity.maturesAt}}) : null,
        change(tile, view),
        el('p', {className: 'note', textContent: countedByText(metric)}),
        el('p', {className: 'provenance', textContent: versionText(metric), title: `definition ${metric.definitionHash}`}));
    const list = isFraction(metric)
        ? `List the ${inUnit(tile.numerator ?? 0, 'count')} taken down, of ${inUnit(tile.denominator ?? 0, 'count')}`
        : 'List them';
    card.append(drillButton(list, `${tile.label}: list the submissions`, () => openList({title: tile.label,
        query: listQuery(metric), range: range(view.window.from, view.window.to), expected: drillCount}), 'drill'));
    if (view.comparedWith && tile.change) {
        const before = isFraction(metric) ? null : tile.change.previous;
        card.append(drillButton('List the period before', `${tile.label}: list the submissions of the period before`,
            () => openList({title: `${tile.label} · ${days(view.comparedWith.from, view.comparedWith.to)}`,
                query: listQuery(metric), range: range(view.comparedWith.from, view.comparedWith.to),
                expected: before}), 'drill previous'));
    }
    card.append(explainButton(`tile:${tile.id}`));
    return card;
}

/** "▲ +12 (+4.3 %) vs 1,024 in Apr 1 – Apr 30, 2024": up or down first. */
function change(tile, view) {
    if (!view.comparedWith || !tile.change) return null;
    const c = tile.change;
    if (c.notCompared) {
        // Why in the page's words (the API's notCompared says the same at length); the maturity note is above.
        const period = days(view.comparedWith.from, view.comparedWith.to);
        const which = isImmature(tile.maturity) ? 'this window is immature' : 'the window compared with is immature';
        return el('p', {className: 'change not-compared', title: c.notCompared,
            textContent: `not compared with ${c.previous === null ? 'no value' : inUnit(c.previous, tile.metric.unit)}`
                + ` in ${period}: ${which}`,
            dataset: {previous: c.previous ?? '', absolute: '', relative: ''}});
    }
    const arrow = c.absolute === null ? '' : c.absolute > 0 ? '▲ ' : c.absolute < 0 ? '▼ ' : '= ';
    const relative = isFraction(tile.metric) || c.relative === null ? '' : ` (${relativeChange(c.relative)})`;
    const text = c.absolute === null
        ? `nothing to compare with: no value in ${days(view.comparedWith.from, view.comparedWith.to)}`
        : `${arrow}${changeInUnit(c.absolute, tile.metric.unit)}${relative} vs ${inUnit(c.previous, tile.metric.unit)}`
          + ` in ${days(view.comparedWith.from, view.comparedWith.to)}`;
    return el('p', {className: `change ${c.absolute > 0 ? 'up' : c.absolute < 0 ? 'down' : ''}`, textContent: text,
        dataset: {previous: c.previous ?? '', absolute: c.absolute ?? '', relative: c.relative ?? ''}});
}

/** A KPI split by a breakdown (removals by takedown source): business words, a bar each, each with its list. */
function sourcesCard(tile) {
    const metric = tile.metric;
    const entries = Object.entries(tile.breakdown);
    // Shares come with the view, where the groups partition the whole (the engine says where they do).
    const shares = tile.shares || {};
    const rows = entries.map(([key, value]) => {
        const words = SOURCE_WORDS[key] || key.replaceAll('_', ' ');
        const share = shares[key];
        const bar = el('span', {className: `bar ${key.replaceAll('_', '-')}`});
        bar.style.width = `${share === undefined ? 0 : 100 * share}%`;
        return el('li', {dataset: {key}},
            el('span', {className: 'words', textContent: words}),
            el('span', {className: 'track'}, bar),
            drillButton(inUnit(value, metric.unit), `List the ${words} removals`, () => openList({
                title: `${tile.label} · ${words}`, query: `${listQuery(metric)}&takedownSource=${key}`,
                range: range(dashboard.window.from, dashboard.window.to), expected: value}), 'link count'),
            el('span', {className: 'share muted', textContent: share === undefined ? '' : `${Math.round(100 * share)} %`}));
    });
    return el('article', {className: 'kpi sources-card', id: `kpi-${tile.id}`, dataset: {metric: metric.key,
        version: metric.version}},
        el('h2', {textContent: tile.label}),
        el('ul', {className: 'sources', ariaLabel: `${tile.label}, ${countedByText(metric)}`}, ...rows),
        el('p', {className: 'note', textContent: countedByText(metric)}),
        el('p', {className: 'provenance', textContent: versionText(metric), title: `definition ${metric.definitionHash}`}),
        explainButton(`tile:${tile.id}`));
}

function explainButton(key) {
    const button = el('button', {type: 'button', className: 'explain', textContent: 'How is this counted?',
        dataset: {explain: key}});
    button.addEventListener('click', () => openExplanation(key));
    return button;
}

/** A bucket as a person names it: "2024-05-06", "May 1–5, partial", "today so far", "05-02 14:00, to come". */
function bucketLabel(bucket, granularity) {
    const whole = {month: bucket.start.slice(0, 7), hour: bucket.start.slice(5, 16).replace('T', ' ')}[granularity]
        || bucket.start.slice(0, 10);
    if (!bucket.partial) return whole;
    if (Date.parse(bucket.from) > Date.now()) return `${whole}, to come`;
    if (Date.parse(bucket.to) > Date.now()) {
        return {hour: `${whole}, this hour so far`, day: 'today so far', week: 'this week so far',
            month: 'this month so far'}[granularity];
    }
    return granularity === 'hour' ? `${whole}, partial` : `${bucketDays(bucket.from, bucket.to)}, partial`;
}

function renderSeries(series) {
    const lines = series ? series.lines : [];
    seriesRows = series ? series.buckets.map((bucket, index) => ({bucket, label: bucketLabel(bucket, series.granularity),
        values: lines.map((line) => line.values[index]),
        immature: lines.map((line) => isImmature(line.maturity?.[index]))})) : [];
    renderChart(lines);
    renderSeriesTable(lines);
}

const COLORS = ['#5b7cfa', '#f08a5d', '#1f9d8b', '#8e5bd9', '#c9a227'];

function renderChart(lines) {
    const light = (color) => seriesRows.map((row) => row.bucket.partial ? `${color}66` : color);
    const axis = (metric) => isFraction(metric) ? 'rate' : metric.unit === 'duration' ? 'duration' : 'count';
    const data = {
        labels: seriesRows.map((row) => row.label),
        datasets: lines.map((line, i) => isFraction(line.metric) || line.metric.unit === 'duration'
            ? {type: 'line', label: line.label, yAxisID: axis(line.metric), order: 1,
                data: line.values.map((v) => v === null ? null : isFraction(line.metric) ? 100 * v : v),
                borderColor: COLORS[i % COLORS.length], backgroundColor: COLORS[i % COLORS.length],
                // An immature bucket of a rate within a horizon: a hollow point, a dashed lighter line into it.
                pointRadius: seriesRows.map((row) => row.immature[i] ? 4 : 2),
                pointBackgroundColor: seriesRows.map((row) => row.immature[i] ? '#ffffff' : COLORS[i % COLORS.length]),
                cubicInterpolationMode: 'monotone', segment: {
                    borderDash: (ctx) => seriesRows[ctx.p1DataIndex]?.bucket.partial
                        || seriesRows[ctx.p1DataIndex]?.immature[i] ? [4, 4] : undefined,
                    borderColor: (ctx) => seriesRows[ctx.p1DataIndex]?.immature[i]
                        ? `${COLORS[i % COLORS.length]}88` : undefined}}
            : {type: 'bar', label: line.label, yAxisID: 'count', order: 2, data: line.values,
                backgroundColor: light(COLORS[i % COLORS.length]), legendColor: COLORS[i % COLORS.length],
                borderRadius: 3}),
    };
    const byAxis = Object.fromEntries(lines.map((line) => [axis(line.metric), line]));
    const options = {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        interaction: {mode: 'index', intersect: false},
        // A bar opens its list; the table beside the chart does the same from the keyboard.
        onClick: (event, elements) => {
            const hit = chart.getElementsAtEventForMode(event, 'nearest', {intersect: true}, false)[0] || elements[0];
            if (hit) openBucket(hit.index, hit.datasetIndex);
        },
        scales: {
            count: {display: 'count' in byAxis, position: 'left', beginAtZero: true, ticks: {precision: 0},
                title: {display: true, text: 'count'}},
            rate: {display: 'rate' in byAxis, position: 'right', min: 0, max: 100, grid: {drawOnChartArea: false},
                ticks: {callback: (value) => `${value} %`}, title: {display: true, text: byAxis.rate?.label || 'rate'}},
            duration: {display: 'duration' in byAxis, position: 'right', beginAtZero: true,
                grid: {drawOnChartArea: false}, ticks: {callback: (value) => inUnit(value, 'duration')}},
            x: {grid: {display: false}},
        },
        plugins: {
            // A partial first bucket would lend the legend its lighter colour.
            legend: {position: 'bottom', labels: {generateLabels: (c) => Chart.defaults.plugins.legend.labels
                .generateLabels(c).map((label) => ({...label,
                    fillStyle: c.data.datasets[label.datasetIndex].legendColor || label.fillStyle}))}},
            tooltip: {callbacks: {label: (item) => {
                const line = lines[item.datasetIndex];
                const maturity = line.maturity?.[item.dataIndex];
                return `${line.label}: ${inUnit(line.values[item.dataIndex], line.metric.unit)}`
                    + (isImmature(maturity) ? ` (${immatureText(maturity)})` : '');
            }}},
        },
    };
    if (chart) {
        chart.data = data;
        chart.options = options;
        chart.update();
        return;
    }
    chart = new Chart($('#series-chart'), {data, options});
}

function openBucket(index, lineIndex) {
    const row = seriesRows[index];
    const line = dashboard.series.lines[lineIndex];
    const value = row.values[lineIndex];
    const expected = isFraction(line.metric) ? null : value;
    openList({title: `${line.label} · ${row.label}`, query: listQuery(line.metric),
        range: range(row.bucket.from, row.bucket.to), expected});
}

/**
 * A column header that says what it counts by: "Removals" over "by takedown date"; and, for a rate within a horizon
 * over a young window, that it is immature.
 */
function header(label, metric, maturity) {
    return el('th', {scope: 'col'}, label, metric ? el('small', {textContent: countedByText(metric)}) : null,
        isImmature(maturity) ? el('span', {className: 'chip immature', textContent: 'immature',
            title: immatureText(maturity)}) : null);
}

function renderSeriesTable(lines) {
    $('#series-table thead tr').replaceChildren(header('Bucket'), ...lines.map((line) => header(line.label, line.metric)));
    $('#series-table tbody').replaceChildren(...seriesRows.map((row, index) => el('tr',
        {dataset: {bucket: index, partial: row.bucket.partial}, className: row.bucket.partial ? 'partial' : ''},
        el('td', {textContent: row.label}),
        ...lines.map((line, lineIndex) => el('td', {dataset: {value: row.values[lineIndex] ?? '',
            immature: row.immature[lineIndex]}, className: row.immature[lineIndex] ? 'immature' : ''},
            isFraction(line.metric) ? inUnit(row.values[lineIndex], line.metric.unit)
                : drillButton(inUnit(row.values[lineIndex], line.metric.unit), `${line.label} of ${row.label}: list them`,
                    () => openBucket(index, lineIndex)),
            row.immature[lineIndex] ? el('span', {className: 'chip immature', textContent: 'immature',
                title: immatureText(line.maturity[index])}) : null)))));
}

function table(dimension) {
    return dashboard.breakdowns.find((t) => t.dimension === dimension);
}

function renderPlatforms() {
    const detail = platformView === 'detail';
    $('#show-platform').classList.toggle('on', !detail);
    $('#show-platform-detail').classList.toggle('on', detail);
    $('#show-platform').setAttribute('aria-pressed', String(!detail));
    $('#show-platform-detail').setAttribute('aria-pressed', String(detail));
    renderBreakdown($('#by-platform'), table(detail ? 'platform_detail' : 'platform'));
}

const DIMENSION_WORDS = {platform: 'Platform', platform_detail: 'Platform detail', community: 'Community'};

function renderBreakdown(target, breakdown) {
    const body = target.tBodies[0];
    // A dimension the page can be filtered by (platform, platform detail) gives each row an "Only these".
    const filterable = breakdown && breakdown.dimension in PARAMETER_OF;
    target.tHead.rows[0].replaceChildren(header(breakdown ? DIMENSION_WORDS[breakdown.dimension]
        || breakdown.dimension : ''), ...(breakdown ? breakdown.columns : []).map((c) => header(c.label, c.metric,
        c.maturity)), ...(filterable ? [el('th', {className: 'row-actions'})] : []));
    if (!breakdown || breakdown.rows.length === 0) {
        body.replaceChildren(el('tr', {}, el('td', {colSpan: 4, className: 'muted', textContent: 'nothing in this window'})));
        return;
    }
    const first = breakdown.columns.findIndex((c) => !isFraction(c.metric));
    const most = Math.max(1, ...breakdown.rows.map((r) => r.values[first] || 0));
    const filter = (row) => row.key === null ? 'noCommunity=true'
        : `${ROW_FILTER[breakdown.dimension]}=${encodeURIComponent(row.key)}`;
    body.replaceChildren(...breakdown.rows.map((row) => el('tr', {dataset: {key: row.key ?? ''}},
        el('td', {textContent: row.label}),
        ...breakdown.columns.map((column, i) => {
            const value = row.values[i];
            const list = () => openList({title: `${column.label} · ${row.label}`,
                query: `${listQuery(column.metric)}&${filter(row)}`,
                range: range(dashboard.window.from, dashboard.window.to), expected: isFraction(column.metric) ? null : value});
            const cell = el('td', {dataset: {value: value ?? ''}});
            if (i === first) {
                const bar = el('span', {className: 'bar'});
                bar.style.width = `${(100 * (value || 0)) / most}%`;
                cell.append(bar);
            }
            cell.append(isFraction(column.metric) ? inUnit(value, column.metric.unit)
                : drillButton(inUnit(value, column.metric.unit), `${column.label} of ${row.label}: list them`, list,
                    'link count'));
            return cell;
        }),
        ...(filterable ? [rowActions(breakdown.dimension, row)] : []))));
}

function rowActions(dimension, row) {
    const only = row.key === null ? null
        : onlyTheseButton(dimension, row.key, `${DIMENSION_WORDS[dimension].toLowerCase()} ${row.label}`);
    return el('td', {className: 'row-actions'}, only);
}

/** The numbers an explanation is about: a KPI tile, or every metric of a panel. */
function explained(key) {
    if (key.startsWith('tile:')) {
        const tile = dashboard.kpis.find((t) => `tile:${t.id}` === key);
        return {title: tile.label, metrics: [tile.metric], rules: [RULES.takedown], compared: true};
    }
    if (key === 'series') {
        return {title: 'Over time', metrics: dashboard.series ? dashboard.series.lines.map((l) => l.metric) : [],
            rules: [RULES.series, RULES.takedown]};
    }
    const breakdown = table(key === 'platform' && platformView === 'detail' ? 'platform_detail' : key);
    return {title: `By ${DIMENSION_WORDS[breakdown.dimension].toLowerCase()}`,
        metrics: breakdown.columns.map((c) => c.metric),
        rules: [key === 'community' ? RULES.community : RULES.platform, RULES.takedown]};
}

function openExplanation(key) {
    const what = explained(key);
    const w = shown;
    $('#explain-title').textContent = what.title;
    const horizons = [...new Set(what.metrics.map((m) => m.horizon).filter(Boolean))];
    $('#explain-rule').replaceChildren(...what.metrics.map((m) => el('p', {textContent: `${m.name}: ${m.rule}`})),
        ...what.rules.map((text) => el('p', {textContent: text})),
        ...horizons.map((horizon) => el('p', {className: 'horizon-rule', textContent: RULES.horizon(horizon)})),
        ...(what.compared && dashboard.comparedWith ? [el('p', {textContent: RULES.comparison})] : []));
    const readFrom = [...new Set(what.metrics.flatMap((m) => m.readFrom))];
    $('#explain-source').replaceChildren(...definitions([
        ['Computed by', 'bi-service\'s metric engine, from the read model the migrator keeps current'],
        ['Dashboard', `${dashboard.dashboard.name} v${dashboard.dashboard.version} (${dashboard.dashboard.source}), `
            + `definition ${dashboard.dashboard.definitionHash}`],
        ...what.metrics.map((m) => ['Metric', `${versionText(m)}; ${m.type}, unit ${m.unit}`
            + (countedByText(m) ? `, counted ${countedByText(m)}` : '')
            + (m.horizon ? `; horizon ${horizonWords(m.horizon)}` : '') + `; definition ${m.definitionHash}`]),
        ['Read from', `${readFrom.join(', ')}: the pre-aggregations (rollups) and the facts (mv_submission_facts, one `
            + 'row per live submission with its effective takedown and source), kept current in the same transaction '
            + 'as every change; checked against the legacy database by every run\'s validation and the audit'],
        ...(what.compared && dashboard.comparedWith
            ? [['Compared with', days(dashboard.comparedWith.from, dashboard.comparedWith.to)]] : []),
        ['API call', `GET /api/v1/dashboards/${DASHBOARD}/view?${decodeURIComponent(viewQuery(w))}`],
        ['Scope', dashboard.scope.allCommunities ? 'all communities' : dashboard.scope.communities.join(', ') || 'none'],
        ['Data as of', $('#freshness').textContent],
    ]).childNodes);
    $('#explain-dialog').dataset.explains = key;
    $('#explain-dialog').showModal();
}

/**
 * Hours cover the last 7 days: choosing them moves a longer window there, in plain sight, with an Undo that puts
 * back the window and the grain the person had.
 */
function grainChanged() {
    const previous = {from: $('#from').value, to: $('#to').value, granularity: beforeGrain};
    if ($('#granularity').value === 'hour' && Date.parse($('#from').value) < Date.now() - 7 * DAY) {
        $('#from').value = isoDate(new Date(Date.now() - 6 * DAY));
        $('#to').value = isoDate(new Date(Date.now() + DAY));
        $('#grain-note span').textContent = `Hours cover the last 7 days at most: the window moved from `
            + `[${previous.from}, ${previous.to}) to [${$('#from').value}, ${$('#to').value}).`;
        $('#grain-note').hidden = false;
        $('#grain-undo').onclick = () => {
            $('#from').value = previous.from;
            $('#to').value = previous.to;
            $('#granularity').value = previous.granularity;
            beforeGrain = previous.granularity;
            $('#grain-note').hidden = true;
        };
    } else {
        $('#grain-note').hidden = true;
    }
    beforeGrain = $('#granularity').value;
}

/** The dashboard's numbers as bi-service exports them (every KPI, bucket and cell, with its flags), as a file. */
async function exportDashboard() {
    const link = $('#series-download');
    const w = shown;
    $('#series-export').disabled = true;
    try {
        const blob = await csv(`/api/v1/dashboards/${DASHBOARD}/view?${viewQuery(w)}&format=csv`);
        if (link.href) URL.revokeObjectURL(link.href);
        link.blob = blob;
        link.href = URL.createObjectURL(blob);
        link.download = `dashboard-${DASHBOARD}-${w.from}-${w.to}.csv`;
        link.textContent = 'Save the CSV';
        link.hidden = false;
        link.click();
    } catch (error) {
        showError(`The export failed: ${error.message}`);
    } finally {
        $('#series-export').disabled = false;
    }
}

function wire() {
    $('#series-export').addEventListener('click', exportDashboard);
    $('#window-form').addEventListener('submit', (event) => {
        event.preventDefault();
        load();
    });
    $('#granularity').addEventListener('change', grainChanged);
    document.querySelectorAll('button.explain[data-explain]').forEach((button) =>
        button.addEventListener('click', () => openExplanation(button.dataset.explain)));
    $('#explain-close').addEventListener('click', () => $('#explain-dialog').close());
    $('#explain-form').addEventListener('submit', (event) => {
        event.preventDefault();
        explainSubmission($('#submission-id').value, $('#submission-explanation'));
    });
    $('#show-platform').addEventListener('click', () => { platformView = 'platform'; renderPlatforms(); });
    $('#show-platform-detail').addEventListener('click', () => { platformView = 'detail'; renderPlatforms(); });
    $('#logout').addEventListener('click', logout);
    wireLists();
    wireRuleDialog();
    wireWhat();
}

async function main() {
    document.addEventListener('securitypolicyviolation', (event) =>
        showError(`Blocked by the page's security policy: ${event.violatedDirective} ${event.blockedURI}`));
    $('#user-name').textContent = await startSession();
    initialWindow();
    wire();
    await load();
    listenForChanges({onChange: reloadForChange, onFeed: showFeed});
}

main().catch((error) => showError(`Could not start the dashboard: ${error.message || error}`));
