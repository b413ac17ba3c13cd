// The Metrics panel: the catalog's metrics the person may compute (through bi-service, never from the catalog), each
// with its value for the window, a small series where it has the page's grain, its version, definition hash and
// status. A superadmin picks which metrics it shows; the choice is kept in this browser.
import {api} from './session.js';
import {$, el, inUnit} from './format.js';
import {openList} from './lists.js';
import {openRuleDialog} from './alerts.js';
import {filterList} from './filters.js';

const CHOICE = 'bi-studio.metrics';
let catalog = [];
let superadmin = false;
const sparklines = new Map();

function chosen() {
    const kept = JSON.parse(localStorage.getItem(CHOICE) || 'null');
    return kept === null ? null : new Set(kept);
}

/** Loads the catalog's metrics for this person; {isSuperadmin} decides whether they may pick. */
export async function loadCatalog(isSuperadmin) {
    superadmin = isSuperadmin;
    try {
        catalog = await api('/api/v1/metrics');
        $('#metrics-note').textContent = '';
    } catch (error) {
        catalog = [];
        $('#metrics-note').textContent = `The metrics catalog could not be read: ${error.message}`;
    }
    renderChoice();
}

function renderChoice() {
    const choice = $('#metrics-choice');
    choice.hidden = !superadmin || catalog.length === 0;
    const picked = chosen();
    $('#metrics-options').replaceChildren(...catalog.map((metric) => {
        const box = el('input', {type: 'checkbox', value: metric.key,
            checked: picked === null || picked.has(metric.key)});
        box.addEventListener('change', () => {
            const keys = [...document.querySelectorAll('#metrics-options input:checked')].map((input) => input.value);
            localStorage.setItem(CHOICE, JSON.stringify(keys));
            renderMetrics(lastWindow);
        });
        return el('label', {}, box, ` ${metric.name} `,
            metric.status === 'deprecated' ? el('span', {className: 'chip warn', textContent: 'deprecated'}) : null);
    }));
}

let lastWindow;

/** The unit of a catalog metric this person may compute (undefined: not one of them). */
export const unitOf = (key) => catalog.find((metric) => metric.key === key)?.unit;

/** The shown metrics computed for the window {from, to, granularity}. */
export async function renderMetrics(window) {
    lastWindow = window;
    const picked = superadmin ? chosen() : null;
    const shown = catalog.filter((metric) => picked === null || picked.has(metric.key));
    sparklines.forEach((chart) => chart.destroy());
    sparklines.clear();
    $('#metrics-cards').replaceChildren(...shown.map((metric) => card(metric, window)));
    if (shown.length === 0) {
        $('#metrics-cards').append(el('p', {className: 'muted', textContent: catalog.length
            ? 'No metric chosen: pick some under "Choose metrics".' : 'The catalog has no metric you may compute.'}));
    }
}

function card(metric, window) {
    const value = el('p', {className: 'value', textContent: '…', dataset: {value: ''}});
    const article = el('article', {className: 'metric-card', dataset: {key: metric.key, status: metric.status}},
        el('h3', {textContent: metric.name},
            metric.status === 'deprecated' ? el('span', {className: 'chip warn', textContent: 'deprecated'}) : null,
            metric.neverCounted ? el('span', {className: 'chip warn never-counted', textContent: 'never counted anything',
                title: 'Every value of this published definition is null or zero over the read model\'s whole history: '
                    + 'check its filters in the catalog'}) : null),
        value,
        el('p', {className: 'provenance', textContent: `${metric.key} v${metric.version} · ${metric.status} · `
            + `${metric.definitionHash.slice(0, 19)}…`, title: metric.definitionHash}),
        el('p', {className: 'note', textContent: metric.description}));
    if (metric.status === 'published') {
        const alertMe = el('button', {type: 'button', className: 'link alert-me', textContent: 'Alert me when…'});
        alertMe.addEventListener('click', () => openRuleDialog(metric));
        article.append(alertMe);
    }
    compute(metric, window, article, value);
    return article;
}

async function compute(metric, window, article, value) {
    // The page's filters narrow every number on it; a metric's own filters still apply too.
    const range = {from: window.from, to: window.to, version: metric.version, filters: filterList()};
    try {
        const total = await api(`/api/v1/metrics/${metric.key}/query`, {method: 'POST', body: range});
        const rows = total.rows;
        if (rows.length === 1 && Object.keys(rows[0].group).length === 0) {
            value.dataset.value = rows[0].value ?? '';
            value.textContent = inUnit(rows[0].value, metric.unit);
        } else {
            // A breakdown metric (removals by source): each group's value. No rule can watch one (the catalog
            // refuses it), so it offers none.
            article.querySelector('.alert-me')?.remove();
            value.dataset.value = '';
            value.textContent = rows.map((r) => `${Object.values(r.group).join(' / ') || 'total'} `
                + inUnit(r.value, metric.unit)).join(' · ') || '–';
        }
        if (metric.type === 'simple') {
            const list = el('button', {type: 'button', className: 'link', textContent: 'List the submissions'});
            list.addEventListener('click', () => openList({title: metric.name, query: `metric=${metric.key}`
                + `&version=${metric.version}`, range: `from=${window.from}&to=${window.to}`}));
            article.append(list);
        }
        if (metric.grains.includes(window.granularity)) {
            const series = await api(`/api/v1/metrics/${metric.key}/query`, {method: 'POST',
                body: {...range, granularity: window.granularity}});
            sparkline(article, metric, series.rows.filter((r) => Object.keys(r.group).length === 0));
        }
    } catch (error) {
        value.textContent = '–';
        article.append(el('p', {className: 'error-text', textContent: error.message}));
    }
}

/** A small line of the series, with the same numbers as a table for those who do not see it. */
function sparkline(article, metric, rows) {
    if (rows.length < 2) return;
    const canvas = el('canvas', {role: 'img',
        ariaLabel: `${metric.name} per ${lastWindow.granularity}: ${rows.map((r) => inUnit(r.value, metric.unit)).join(', ')}`});
    article.append(el('div', {className: 'sparkline'}, canvas), el('details', {},
        el('summary', {textContent: 'as a table'}),
        el('div', {className: 'table-scroll'}, el('table', {className: 'series-table'}, el('thead', {},
            el('tr', {}, el('th', {textContent: 'Bucket'}), el('th', {textContent: metric.name}))),
        el('tbody', {}, ...rows.map((r) => el('tr', {},
            el('td', {textContent: r.bucket.slice(0, 16).replace('T', ' ')}),
            el('td', {textContent: inUnit(r.value, metric.unit)}))))))));
    sparklines.set(metric.key, new Chart(canvas, {
        type: 'line',
        data: {labels: rows.map((r) => r.bucket), datasets: [{data: rows.map((r) => r.value), borderColor: '#3b5bdb',
            pointRadius: 0, borderWidth: 2, tension: 0.3}]},
        options: {responsive: true, maintainAspectRatio: false, animation: false,
            plugins: {legend: {display: false}, tooltip: {enabled: false}},
            scales: {x: {display: false}, y: {display: false, beginAtZero: true}}},
    }));
}
