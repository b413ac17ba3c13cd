// The "What is removed" panel: the window's top values of one thing submissions are about (category, hashtag, report
// channel, takedown channel, language, classifier label), each with its submissions, removal rate and median time from
// report to takedown, the rest as "other" and the total apart. All come from the metric engine: a submission with
// several values counts once in each of their rows, once in "other" however many other values it has, and once in
// the total. Each value's submissions are compared with the period before (the engine counts both in one snapshot);
// hashtags, which come and go, are shown rising ones first.
import {api} from './session.js';
import {$, changeInUnit, chip, el, inUnit, integer, isImmature, rate} from './format.js';
import {openList} from './lists.js';
import {openRuleDialog} from './alerts.js';
import {filterList, filterParameters, onlyTheseButton, PARAMETER_OF} from './filters.js';

const TOP = 10;
const MEDIAN = '/api/v1/metrics/median_report_to_takedown/query';
let lastWindow;

export function wireWhat() {
    $('#what-dimension').addEventListener('change', () => renderWhat(lastWindow));
}

/** The panel for the window {from, to}. */
export async function renderWhat(window) {
    lastWindow = window;
    const dimension = $('#what-dimension').value;
    const filters = filterList();
    const body = {from: window.from, to: window.to, groupBy: [dimension], top: TOP, filters};
    const trending = dimension === 'hashtag';
    const tbody = $('#what-table tbody');
    $('#what-note').textContent = 'Asking bi-service…';
    try {
        const [submitted, removal, allMedian] = await Promise.all([
            api('/api/v1/metrics/submissions/query', {method: 'POST', body: {...body, compare: 'previous'}}),
            api('/api/v1/metrics/removal_rate/query', {method: 'POST', body}),
            api(MEDIAN, {method: 'POST', body: {from: window.from, to: window.to, filters}})]);
        if (dimension !== $('#what-dimension').value) return; // another dimension was picked meanwhile
        const rateOf = (group) => removal.rows.find((r) => r.group[dimension] === group);
        const rise = (row) => row.change ?? 0;
        const rows = [...submitted.rows].sort((a, b) => (a.group[dimension] === null) - (b.group[dimension] === null)
            || (trending ? rise(b) - rise(a) : 0) || b.value - a.value);
        // The medians of the values shown, by a filter naming them: the engine narrows the groups to those values.
        const shown = rows.map((row) => row.group[dimension]).filter((value) => value !== null);
        const medians = shown.length ? await api(MEDIAN, {method: 'POST', body: {from: window.from, to: window.to,
            groupBy: [dimension], filters: [...filters, {column: dimension, op: 'in', values: shown}]}}) : {rows: []};
        if (dimension !== $('#what-dimension').value) return;
        const medianOf = (group) => group === null ? ''
            : inUnit(medians.rows.find((r) => r.group[dimension] === group)?.value, allMedian.unit);
        const counted = {key: 'submissions', name: 'Submissions', unit: submitted.unit, horizon: null};
        // Filtered by a value of this dimension, the rows are the values the same submissions also have: a list
        // names one value per dimension, so such a row is not drilled into (its list would not be its number).
        const drillable = !(PARAMETER_OF[dimension] in filterParameters());
        tbody.replaceChildren(...rows.map((row) => line(dimension, row.group[dimension], row,
            rateOf(row.group[dimension]), medianOf(row.group[dimension]), window, counted, drillable)));
        if (submitted.other.length) {
            tbody.append(line(dimension, undefined, submitted.other[0], removal.other[0], '', window));
        }
        if (submitted.total.length) {
            tbody.append(line(dimension, 'total', submitted.total[0], removal.total[0],
                inUnit(allMedian.rows[0]?.value, allMedian.unit), window));
        }
        const narrowed = drillable ? '' : `Only the submissions with ${dimension.replace('_', ' ')} `
            + `${filterParameters()[PARAMETER_OF[dimension]]}: each row is a value they have.`;
        const compared = submitted.compared ? `Change: vs ${submitted.compared.from.slice(0, 10)} to `
            + `${submitted.compared.to.slice(0, 10)} (exclusive), the same length before${trending
                ? '; rising ones first' : ''}.` : '';
        $('#what-caption').textContent = [submitted.overlap ? `${submitted.overlap}.` : '', narrowed, compared]
            .filter(Boolean).join(' ');
        $('#what-note').textContent = rows.length ? '' : 'Nothing submitted in this window.';
    } catch (error) {
        tbody.replaceChildren();
        $('#what-note').textContent = `Could not be computed: ${error.message}`;
    }
}

/**
 * One row: a value (null: none, undefined: other, 'total'), its submissions (a list) and their change from the period
 * before, removal rate and median time from report to takedown as written (empty where it is not asked for), and for a
 * value an alert on its submissions and a filter of the whole page by it.
 */
function line(dimension, value, submitted, removal, median, window, counted, drillable = true) {
    const count = submitted.value;
    const name = value === null ? 'none' : value === undefined ? `other (outside the top ${TOP})`
        : value === 'total' ? 'all submissions' : value;
    const head = el('th', {scope: 'row', textContent: name});
    if (value === null || value === undefined || value === 'total') head.className = 'muted';
    let submissions = el('td', {textContent: integer.format(count ?? 0)});
    if (drillable && typeof value === 'string' && value !== 'total') {
        const open = el('button', {type: 'button', className: 'link', textContent: integer.format(count ?? 0),
            title: `List the submissions with ${dimension.replace('_', ' ')} ${value}`});
        open.addEventListener('click', () => openList({title: `Submissions with ${dimension.replace('_', ' ')} ${value}`,
            query: `measure=submitted&${PARAMETER_OF[dimension]}=${encodeURIComponent(value)}`,
            range: `from=${window.from}&to=${window.to}`, expected: count}));
        submissions = el('td', {}, open);
    }
    const change = el('td', {className: 'change', textContent: submitted.change === undefined ? ''
        : changeInUnit(submitted.change, 'count')});
    const rateCell = el('td', {textContent: rate(removal?.value)});
    if (isImmature(removal?.maturity)) rateCell.append(' ', chip('immature', 'warn'));
    const medianCell = el('td', {textContent: median});
    const alertCell = el('td');
    if (typeof value === 'string' && value !== 'total') {
        const alertMe = el('button', {type: 'button', className: 'link alert-me', textContent: 'Alert me when…',
            title: `An alert on the submissions with ${dimension.replace('_', ' ')} ${value}`});
        alertMe.addEventListener('click', () => openRuleDialog(counted, {column: dimension, op: 'eq', value}));
        alertCell.append(alertMe);
        const only = onlyTheseButton(dimension, value, `${dimension.replace('_', ' ')} ${value}`);
        if (only) alertCell.append(' · ', only);
    }
    return el('tr', {dataset: {key: name}}, head, submissions, change, rateCell, medianCell, alertCell);
}
