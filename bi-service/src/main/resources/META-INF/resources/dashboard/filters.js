// The page's dimension filters (platform, category, hashtag, …): one value each, applied to every number on the page
// and every list opened from it, and kept in the URL so that a link reproduces the view. On a many-valued dimension
// (category, hashtag, report channel) a filter keeps the submissions having that value among others.
import {$, el} from './format.js';

/** The URL and list parameter of each filterable dimension, and the metric language's column it filters. */
export const COLUMN_OF = {platform: 'platform', platformDetail: 'platform_detail', category: 'category',
    hashtag: 'hashtag', reportChannel: 'report_channel', takedownChannel: 'takedown_channel', language: 'language',
    classifierLabel: 'classifier_label'};
/** The URL and list parameter that filters by each column. */
export const PARAMETER_OF = Object.fromEntries(Object.entries(COLUMN_OF).map(([parameter, column]) => [column,
    parameter]));
const WORDS = {platform: 'platform', platformDetail: 'platform detail', category: 'category', hashtag: 'hashtag',
    reportChannel: 'reported through', takedownChannel: 'taken down through', language: 'language',
    classifierLabel: 'classifier label'};

const active = new Map();
let onChange = () => {};

/** Reads the filters of a URL's query, and what to do when the person adds or removes one. */
export function wireFilters(query, changed) {
    onChange = changed;
    for (const parameter of Object.keys(COLUMN_OF)) {
        if (query.get(parameter)) active.set(parameter, query.get(parameter));
    }
}

/** The filters as URL parameters, in a stable order. */
export function filterParameters() {
    return Object.fromEntries([...active]);
}

/** The filters as the metric language's filters, for a metric query. */
export function filterList() {
    return [...active].map(([parameter, value]) => ({column: COLUMN_OF[parameter], op: 'eq', value}));
}

/** {query} (a list's parameters) with the page's filters; a filter the query names itself is kept as it names it. */
export function withPageFilters(query) {
    const parameters = new URLSearchParams(query);
    for (const [parameter, value] of active) {
        if (!parameters.has(parameter)) parameters.set(parameter, value);
    }
    return parameters.toString();
}

/** Narrows the page to {parameter}={value} (replacing that dimension's filter), and reloads it. */
export function addFilter(parameter, value) {
    active.set(parameter, value);
    onChange();
}

/**
 * An "Only these" button that narrows the whole page to the submissions with {value} of {column} (replacing a filter
 * of that dimension); null where the page shows only these already, or {column} is not a filter's.
 */
export function onlyTheseButton(column, value, words) {
    const parameter = PARAMETER_OF[column];
    if (!parameter || active.get(parameter) === value) return null;
    const only = el('button', {type: 'button', className: 'link only-this', textContent: 'Only these',
        title: `Show the whole page for the submissions with ${words}`});
    only.addEventListener('click', () => addFilter(parameter, value));
    return only;
}

/** The filters on screen, each removable, and the service's warnings about them (a value never seen). */
export function renderFilters(warnings = []) {
    const bar = $('#filters');
    bar.hidden = active.size === 0;
    const chips = [...active].map(([parameter, value]) => {
        const remove = el('button', {type: 'button', className: 'link', textContent: '×',
            title: `Remove the filter ${WORDS[parameter]} ${value}`, ariaLabel: `Remove the filter ${WORDS[parameter]} ${value}`});
        remove.addEventListener('click', () => {
            active.delete(parameter);
            onChange();
        });
        return el('span', {className: 'chip', dataset: {filter: parameter}}, `${WORDS[parameter]}: ${value} `, remove);
    });
    $('#filters-list').replaceChildren(...chips);
    $('#filters-warnings').replaceChildren(...warnings.map((w) => el('p', {className: 'notice', textContent:
        `${WORDS[w.path] || w.path}: ${w.message}`})));
}
