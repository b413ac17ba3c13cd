// How numbers, times and small bits of the page are written.
export const integer = new Intl.NumberFormat('en-US');
const percent = new Intl.NumberFormat('en-US', {style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1});
const decimal = new Intl.NumberFormat('en-US', {maximumFractionDigits: 2});

export const $ = (selector, root = document) => root.querySelector(selector);
export const rate = (value) => value === null || value === undefined ? '–' : percent.format(value);
export const DAY = 86_400_000;
export const isoDate = (date) => date.toISOString().slice(0, 10);
export const utc = (instant) => instant ? `${instant.replace('T', ' ').slice(0, 16)} UTC` : '–';

/** A value in a metric's unit (shared-model Vocabulary.Unit): a count, a fraction of 1 (ratio and percent alike), or seconds. */
export function inUnit(value, unit) {
    if (value === null || value === undefined) return '–';
    switch (unit) {
        case 'ratio':
        case 'percent': return rate(value);
        case 'duration': return duration(value);
        default: return Number.isInteger(value) ? integer.format(value) : decimal.format(value);
    }
}

function duration(seconds) {
    if (seconds < 120) return `${Math.round(seconds)} s`;
    if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
    if (seconds < 172800) return `${decimal.format(seconds / 3600)} h`;
    return `${decimal.format(seconds / 86400)} days`;
}

export function age(seconds) {
    return duration(seconds);
}

/** An element with attributes, properties (dataset, textContent, …) and children. */
export function el(tag, props = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(props)) {
        if (name === 'dataset') Object.assign(node.dataset, value);
        else if (name in node) node[name] = value;
        else node.setAttribute(name, value);
    }
    node.append(...children.filter((child) => child !== null && child !== undefined));
    return node;
}

export function chip(text, kind) {
    return el('span', {className: kind ? `chip ${kind}` : 'chip', textContent: text});
}

/** Terms and their texts as a definition list. */
export function definitions(entries, props = {}) {
    return el('dl', props, ...entries.flatMap(([term, text]) => [el('dt', {textContent: term}), el('dd', {textContent: text})]));
}
