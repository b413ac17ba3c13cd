// How numbers, times and small bits of the page are written.
export const integer = new Intl.NumberFormat('en-US');
const oneDecimal = new Intl.NumberFormat('en-US', {minimumFractionDigits: 1, maximumFractionDigits: 1});
const decimal = new Intl.NumberFormat('en-US', {maximumFractionDigits: 2});
const dayMonth = new Intl.DateTimeFormat('en-US', {month: 'short', day: 'numeric', timeZone: 'UTC'});

export const $ = (selector, root = document) => root.querySelector(selector);
/** A fraction of 1 as a percentage with one decimal and a space before the sign: 0.357 reads "35.7 %". */
export const rate = (value) => value === null || value === undefined ? '–' : `${oneDecimal.format(100 * value)} %`;
export const DAY = 86_400_000;
export const isoDate = (date) => date.toISOString().slice(0, 10);
export const utc = (instant) => instant ? `${instant.replace('T', ' ').slice(0, 16)} UTC` : '–';

/**
 * A value in a metric's unit (shared-model Vocabulary.Unit), the one place the page writes a metric's number:
 * {@code count} 1234 reads "1,234"; {@code ratio} and {@code percent} are both a fraction of 1, 0.357 reads "35.7 %";
 * {@code duration} is seconds, 5400 reads "1.5 h".
 */
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

/** A horizon (ISO-8601, P14D or PT36H) in words: "14 days", "36 hours". */
export function horizonWords(horizon) {
    const match = /^P(?:(\d+)D)?(?:T(\d+)H)?$/.exec(horizon || '');
    if (!match) return horizon;
    const hours = Number(match[1] || 0) * 24 + Number(match[2] || 0);
    return hours % 24 === 0 ? `${hours / 24} day${hours === 24 ? '' : 's'}` : `${hours} hour${hours === 1 ? '' : 's'}`;
}

/** Whether a number's cohort is still young (DashboardView's maturity): false without a horizon. */
export const isImmature = (maturity) => Boolean(maturity) && !maturity.mature;

/** "immature until Dec 10, 2026: its submissions are not all 14 days old, the rate can still rise". */
export function immatureText(maturity) {
    const until = new Date(maturity.maturesAt);
    return `immature until ${dayMonth.format(until)}, ${until.getUTCFullYear()}: its submissions are not all `
        + `${horizonWords(maturity.horizon)} old, the rate can still rise`;
}

const isFraction = (unit) => unit === 'ratio' || unit === 'percent';
const sign = (value) => value > 0 ? '+' : value < 0 ? '−' : '±';

/**
 * A change between two values of a unit: a fraction's in percentage points ("+2.1 pts"), a count's or a duration's
 * in the unit itself ("+12", "−1.5 h").
 */
export function changeInUnit(absolute, unit) {
    if (absolute === null || absolute === undefined) return '–';
    const size = Math.abs(absolute);
    const text = isFraction(unit) ? `${oneDecimal.format(100 * size)} pts` : inUnit(size, unit);
    return `${sign(absolute)}${text}`;
}

/** A relative change: 0.043 reads "+4.3 %". */
export const relativeChange = (relative) => relative === null || relative === undefined ? ''
    : `${sign(relative)}${oneDecimal.format(100 * Math.abs(relative))} %`;

const sameDay = (a, b) => a.toISOString().slice(0, 10) === b.toISOString().slice(0, 10);

/** The days [from, to) covers, as a person says them: "May 1 – May 31, 2024" (UTC dates). */
export function days(from, to) {
    const first = new Date(from);
    const last = new Date(Date.parse(to) - 1);
    const year = last.getUTCFullYear();
    return sameDay(first, last) ? `${dayMonth.format(first)}, ${year}`
        : `${dayMonth.format(first)} – ${dayMonth.format(last)}, ${year}`;
}

/** A bucket's days for a label: "Aug 26–30" (one month), "Aug 30 – Sep 2", "Aug 26". */
export function bucketDays(from, to) {
    const first = new Date(from);
    const last = new Date(Date.parse(to) - 1);
    if (sameDay(first, last)) return dayMonth.format(first);
    return first.getUTCMonth() === last.getUTCMonth() ? `${dayMonth.format(first)}–${last.getUTCDate()}`
        : `${dayMonth.format(first)} – ${dayMonth.format(last)}`;
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
