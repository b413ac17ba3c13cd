// The Alerts panel: the alert rules the person may see as the evaluator last recorded them (GET /api/v1/alerts), each
// value opening the list of submissions behind it, and each rule's history (when it fired, when it resolved).
import {api} from './session.js';
import {$, age, chip, el, horizonWords, inUnit, utc} from './format.js';
import {openList} from './lists.js';
import {unitOf} from './metrics.js';

const STATE_WORDS = {ok: 'ok', pending: 'pending', firing: 'firing', no_data: 'no data', stale: 'stale', error: 'error'};
const STATE_KIND = {firing: 'alarm', pending: 'warn', stale: 'warn', error: 'warn', no_data: 'warn'};

/** The metric a drill-down path lists the submissions of, and the list's window and filters apart. */
function drill(path) {
    const query = new URLSearchParams(path.split('?')[1] || '');
    const range = new URLSearchParams({from: query.get('from'), to: query.get('to')});
    query.delete('from');
    query.delete('to');
    return {metric: query.get('metric'), range: range.toString(), query: query.toString()};
}

const valueText = (value, drillDown) => inUnit(value, drillDown ? unitOf(drill(drillDown).metric) : undefined);

/**
 * The empty panel's "Alert me when…" leads to where rules are made: the first metric card's button of that name,
 * scrolled to and focused (or the metrics panel, where none is shown yet).
 */
function toAlertMe() {
    const first = document.querySelector('#metrics-cards .alert-me');
    const target = first ?? $('#metrics-panel');
    target.scrollIntoView({block: 'center'});
    if (first) {
        first.focus();
    } else {
        target.setAttribute('tabindex', '-1');
        target.focus();
    }
}

let started = false;

export async function renderAlerts() {
    if (!started) {
        started = true;
        $('#alerts-start').addEventListener('click', toAlertMe);
    }
    const body = $('#alerts-table tbody');
    try {
        const states = await api('/api/v1/alerts');
        $('#alerts-note').textContent = states.length === 0 ? '' : `${states.filter((s) => s.state === 'firing').length}`
            + ` of ${states.length} firing`;
        body.replaceChildren(...states.map(row));
        $('#alerts-empty').hidden = states.length > 0;
    } catch (error) {
        body.replaceChildren();
        $('#alerts-empty').hidden = true;
        $('#alerts-note').textContent = `The alerts could not be read: ${error.message}`;
    }
}

function row(state) {
    const value = state.drillDown && state.value !== null
        ? el('button', {type: 'button', className: 'link', textContent: valueText(state.value, state.drillDown),
            title: 'List the submissions behind this value'})
        : el('span', {textContent: valueText(state.value, state.drillDown)});
    if (value.tagName === 'BUTTON') {
        value.addEventListener('click', () => {
            const {range, query} = drill(state.drillDown);
            openList({title: `${state.rule}: the submissions behind ${value.textContent}`, range, query,
                expected: state.value, ownFilters: true});
        });
    }
    const toggle = el('button', {type: 'button', className: 'link history', textContent: 'History',
        ariaExpanded: 'false'});
    const tr = el('tr', {dataset: {key: state.rule, state: state.state}},
        el('td', {}, el('strong', {textContent: state.rule}), ` v${state.version} `, chip(state.severity),
            el('div', {className: 'muted', textContent: state.scope === 'all' ? 'all communities' : state.scope})),
        el('td', {}, chip(STATE_WORDS[state.state] || state.state, STATE_KIND[state.state] || '')),
        el('td', {className: 'num'}, value),
        el('td', {className: 'num', textContent: state.compared === null ? valueText(state.threshold, state.drillDown)
            : `${valueText(state.threshold, state.drillDown)} (before: ${valueText(state.compared, state.drillDown)})`}),
        el('td', {textContent: `${utc(state.since)}`, title: `evaluated ${utc(state.evaluatedAt)}, read model version `
            + `${state.readModelVersion ?? '–'}`}),
        el('td', {className: 'message', textContent: state.message}),
        el('td', {}, toggle));
    toggle.addEventListener('click', () => showHistory(tr, toggle, state));
    return tr;
}

async function showHistory(tr, toggle, state) {
    const open = tr.nextElementSibling?.classList.contains('alert-history');
    if (open) {
        tr.nextElementSibling.remove();
        toggle.ariaExpanded = 'false';
        return;
    }
    const cell = el('td', {colSpan: 7, textContent: 'Asking bi-service…'});
    tr.after(el('tr', {className: 'alert-history', dataset: {rule: state.rule}}, cell));
    toggle.ariaExpanded = 'true';
    try {
        const changes = await api(`/api/v1/alerts/${encodeURIComponent(state.rule)}/history?limit=100`);
        cell.replaceChildren(el('ul', {className: 'firings'}, ...firings(changes, state.drillDown)),
            el('details', {}, el('summary', {textContent: `every change of state (${changes.length})`}),
                el('ol', {reversed: true}, ...changes.map((c) => el('li', {textContent: `${utc(c.at)}: `
                    + `${c.from ? STATE_WORDS[c.from] || c.from : 'first evaluated'} → ${STATE_WORDS[c.to] || c.to}, `
                    + `value ${valueText(c.value, c.drillDown)} (v${c.version}; ${c.message})`})))));
    } catch (error) {
        cell.textContent = `The history could not be read: ${error.message}`;
    }
}

/** Each time the rule fired, newest first: when, at which value, and when it resolved (or that it still fires). */
function firings(changes, drillDown) {
    const oldestFirst = [...changes].reverse();
    const periods = [];
    oldestFirst.forEach((change, i) => {
        if (change.to !== 'firing') return;
        // Stale data and errors never resolve a firing rule: only a later state that is neither does.
        const end = oldestFirst.slice(i + 1).find((later) => !['firing', 'stale', 'error'].includes(later.to));
        periods.push({change, end});
    });
    if (periods.length === 0) {
        return [el('li', {className: 'muted', textContent: 'Never fired in the kept history.'})];
    }
    return periods.reverse().map(({change, end}) => el('li', {className: end ? 'resolved' : 'firing'},
        `fired ${utc(change.at)} at ${valueText(change.value, drillDown)}; `,
        end ? `resolved ${utc(end.at)} (after ${age((Date.parse(end.at) - Date.parse(change.at)) / 1000)})`
            : el('strong', {textContent: 'still firing'})));
}

// "Alert me when…" from a metric card: a rule over the person's communities, previewed over the last 90 days, then
// created and published in the catalog through bi-service (with the person's token; the catalog decides).
let scope = {allCommunities: false, communities: []};
let ruleMetric;
/** The value the rule's submissions have ({column, op: 'eq', value}), from a "What is removed" row; null: none. */
let ruleFilter = null;

/** The scope the page was given ({allCommunities, communities}): a manager's rules watch their communities. */
export function setScope(given) {
    scope = given;
}

const isFraction = (unit) => unit === 'ratio' || unit === 'percent';

/** " with hashtag nwo": the submissions the rule counts, in words. */
const having = () => ruleFilter ? ` with ${ruleFilter.column.replace('_', ' ')} ${ruleFilter.value}` : '';

export function openRuleDialog(metric, filter = null) {
    ruleMetric = metric;
    ruleFilter = filter;
    $('#rule-title').textContent = `Alert me when ${metric.name}${having()}…`;
    $('#rule-unit').textContent = isFraction(metric.unit) ? '%' : metric.unit === 'duration' ? 'seconds' : '';
    $('#rule-key').value = `${metric.key}_alert_${Date.now().toString(36).slice(-4)}`.slice(0, 63);
    $('#rule-scope').textContent = scope.allCommunities ? 'Watches every community.'
        : `Watches ${scope.communities.join(', ') || 'no community: your account names none'}.`;
    // A rate within a horizon: judged over its latest mature window, unless the person asks for the young one.
    $('#rule-maturity').hidden = !metric.horizon;
    $('#rule-immature').checked = false;
    $('#rule-maturity-note').textContent = metric.horizon ? `${metric.name} counts takedowns within `
        + `${horizonWords(metric.horizon)} of submission: a window whose submissions are younger reads low until they `
        + `are that old. The rule judges the latest window of the same length that is, unless you tick this.` : '';
    $('#rule-result').textContent = '';
    $('#rule-days').replaceChildren();
    $('#rule-dialog').dataset.state = 'editing';
    $('#rule-dialog').showModal();
}

function ruleDefinition() {
    const [kind, amount, unit] = $('#rule-window').value.split(':');
    const entered = Number($('#rule-threshold').value);
    const threshold = isFraction(ruleMetric.unit) ? entered / 100 : entered;
    const condition = $('#rule-condition').value;
    const windowText = $('#rule-window').selectedOptions[0].textContent;
    const minimum = $('#rule-minimum').value;
    const words = `${ruleMetric.name}${having()} ${condition} ${inUnit(threshold, ruleMetric.unit)} over ${windowText}`;
    return {
        key: $('#rule-key').value, name: words.slice(0, 120), summary: `${words}, in ${scope.allCommunities
            ? 'every community' : scope.communities.join(', ')}`.slice(0, 1000),
        metric: {key: ruleMetric.key, version: null},
        window: {kind, amount: amount ? Number(amount) : null, unit,
            timeZone: kind === 'calendar' ? Intl.DateTimeFormat().resolvedOptions().timeZone : null},
        communities: scope.allCommunities ? [] : scope.communities,
        condition: {type: condition, threshold, periodsBack: null, change: null},
        minimumCount: minimum === '' ? null : Number(minimum), forDuration: null,
        severity: $('#rule-severity').value,
        evaluateImmature: ruleMetric.horizon && $('#rule-immature').checked ? true : null,
        filters: ruleFilter ? [ruleFilter] : [],
    };
}

async function preview() {
    if (!$('#rule-form').reportValidity()) return;
    const dialog = $('#rule-dialog');
    dialog.dataset.state = 'previewing';
    $('#rule-result').textContent = 'Evaluating the rule once a day over the last 90 days…';
    $('#rule-days').replaceChildren();
    try {
        const answer = await api('/api/v1/alerts/preview', {method: 'POST', body: ruleDefinition()});
        dialog.dataset.firings = answer.firings;
        $('#rule-result').textContent = answer.firings === 0
            ? `It would not have fired in the last ${answer.days} days.`
            : `It would have fired ${answer.firings} time${answer.firings === 1 ? '' : 's'} in the last ${answer.days} `
              + `days, and been firing on ${answer.firingEvaluations} of them.`;
        $('#rule-days').replaceChildren(...answer.points.filter((p) => p.state === 'firing').map((p) => el('li', {
            textContent: `${utc(p.at).slice(0, 10)}: ${inUnit(p.value, ruleMetric.unit)}`})));
        dialog.dataset.state = 'previewed';
    } catch (error) {
        $('#rule-result').textContent = `No preview: ${error.message}`;
        dialog.dataset.state = 'error';
    }
}

async function create(event) {
    event.preventDefault();
    const dialog = $('#rule-dialog');
    dialog.dataset.state = 'creating';
    try {
        const created = await api('/api/v1/alerts/rules', {method: 'POST', body: ruleDefinition()});
        $('#rule-result').textContent = `Created and published ${created.key} v${created.version}: it is evaluated at `
            + 'the next change of the data, or within a minute.';
        dialog.dataset.state = 'created';
        renderAlerts();
    } catch (error) {
        $('#rule-result').textContent = `Not created: ${error.message}`;
        dialog.dataset.state = 'error';
    }
}

export function wireRuleDialog() {
    $('#rule-preview').addEventListener('click', preview);
    $('#rule-form').addEventListener('submit', create);
    $('#rule-close').addEventListener('click', () => $('#rule-dialog').close());
}
