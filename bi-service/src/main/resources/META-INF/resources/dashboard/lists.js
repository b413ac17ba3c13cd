// The submissions behind a number: a dialog that pages through bi-service's list (GET /api/v1/submissions), exports
// it as CSV, and explains any of its rows in words. The list's total is the number it was opened from.
import {api, csv} from './session.js';
import {$, definitions, el, integer, utc} from './format.js';
import {withPageFilters} from './filters.js';

const PAGE = 50;
let current;

/**
 * Opens the list of {title}: {query} names the measure and filters, {range} the window (from, to[, tz]), {expected}
 * the number it drills into (shown beside the total, so that a person sees they agree). The page's filters narrow it
 * as they narrow the number, unless {ownFilters} (an alert's list: its rule's filters are all it has).
 */
export async function openList({title, query, range, expected, ownFilters = false}) {
    $('#list-q').value = '';
    await show(title, `${range}&${ownFilters ? query : withPageFilters(query)}`, '', expected);
}

/** The list of {base} (window, measure, filters), searched for {q} ('' for none). */
async function show(title, base, q, expected) {
    current = {title, base, query: q ? `${base}&q=${encodeURIComponent(q)}` : base, next: null, shown: 0};
    $('#list-title').textContent = q ? `${title}, searched for “${q}”` : title;
    $('#list-summary').textContent = 'Asking bi-service…';
    $('#list-rule').textContent = '';
    $('#list-table tbody').replaceChildren();
    $('#list-explanation').replaceChildren();
    $('#list-side-hint').hidden = false;
    $('#list-download').hidden = true;
    $('#list-dialog').dataset.state = 'loading';
    $('#list-dialog').dataset.expected = expected ?? '';
    if (!$('#list-dialog').open) {
        $('#list-dialog').showModal();
    }
    await more(true);
}

async function more(first) {
    const dialog = $('#list-dialog');
    const asked = current;
    try {
        const page = await api(`/api/v1/submissions?${asked.query}&limit=${PAGE}`
            + (asked.next ? `&after=${encodeURIComponent(asked.next)}` : ''));
        if (asked !== current) return; // another list was opened meanwhile
        if (first) {
            dialog.dataset.total = page.total;
            $('#list-rule').textContent = `Rule: ${page.rule} (metric ${page.provenance.metric} v${page.provenance.version}, `
                + `definition ${page.provenance.definitionHash.slice(0, 19)}…; read model version ${page.freshness.version})`;
        }
        asked.next = page.next;
        asked.shown += page.items.length;
        $('#list-table tbody').append(...page.items.map(row));
        const total = Number(dialog.dataset.total);
        $('#list-summary').textContent = `${integer.format(total)} submission${total === 1 ? '' : 's'}, newest first; `
            + `showing ${integer.format(asked.shown)}.`;
        $('#list-more').hidden = !page.next;
        dialog.dataset.state = 'ready';
    } catch (error) {
        $('#list-summary').textContent = `The list could not be loaded: ${error.message}`;
        dialog.dataset.state = 'error';
    }
}

/** A link's host as a person reads it: "facebook.com" for https://m.facebook.com/…, shorter than the URL. */
function host(link) {
    return new URL(link).hostname.replace(/^(www|m|mobile)\./, '');
}

/**
 * The post a moderator acts on, first: its text's beginning, its author, and its link, opened in a new tab that
 * cannot reach back to this page (noopener) nor learn where it came from (noreferrer). A URL that is no http(s)
 * link (legacy garbage) is shown as text, never as a link.
 */
function post(item) {
    const link = item.link
        ? el('a', {href: item.link, target: '_blank', rel: 'noopener noreferrer', className: 'post-link',
            textContent: `${host(item.link)} ↗`, title: item.url})
        : el('span', {className: 'muted', textContent: item.url ? `no link: ${item.url}` : 'no URL'});
    return el('td', {className: 'post', dataset: {label: 'Post'}},
        el('p', {className: item.excerpt ? 'excerpt' : 'excerpt muted', textContent: item.excerpt ?? 'no text'}),
        item.matched ? matched(item.matched) : null,
        el('p', {className: 'byline'}, el('span', {className: 'author',
            textContent: item.authorHandle ? `by ${item.authorHandle}` : 'author unknown'}), ' · ', link));
}

/** Why a post matched a search: its passages, each matched word marked (text only, never markup). */
function matched(segments) {
    return el('p', {className: 'matched', title: 'Where the post matches the search'},
        ...segments.map((segment) => segment.match ? el('mark', {textContent: segment.text}) : segment.text));
}

const SOURCE_WORDS = {report_flow: 'report flow', legacy_fallback: 'legacy fallback'};

function row(item) {
    const explain = el('button', {type: 'button', className: 'link', textContent: `#${item.submissionId}`,
        ariaLabel: `Explain submission ${item.submissionId}`});
    explain.addEventListener('click', () => {
        // Beside the rows (below them on a phone): brought into view and focused where the person clicked.
        const side = $('#list-side');
        $('#list-side-hint').hidden = true;
        side.scrollIntoView({block: 'nearest'});
        side.focus({preventScroll: true});
        explainSubmission(item.submissionId, $('#list-explanation'));
    });
    const cell = (label, ...content) => el('td', {dataset: {label}}, ...content);
    const number = (td) => { td.classList.add('num'); return td; };
    // A time as a date and a time of day, each kept whole: "2024-05-28" over "10:00 UTC" in a narrow column.
    const when = (instant) => utc(instant).split(/ (.*)/s, 2)
        .flatMap((part, i) => [i ? ' ' : '', el('span', {className: 'when', textContent: part})]);
    const takenDown = item.effectiveTakedownAt
        ? [...when(item.effectiveTakedownAt), el('small', {textContent: SOURCE_WORDS[item.takedownSource]
            ?? item.takedownSource})]
        : ['–'];
    return el('tr', {dataset: {id: item.submissionId, community: item.community ?? ''}},
        post(item), cell('Submitted', ...when(item.submittedAt)), cell('Taken down', ...takenDown),
        cell('Platform', `${item.platform} / ${item.platformDetail}`),
        cell('Community', item.community ?? 'no community'), number(cell('Reports', integer.format(item.reportCount))),
        cell('Why', explain));
}

/** Exports the whole list as bi-service streams it, and offers it as a file; the Blob stays on the link. */
async function exportList() {
    const link = $('#list-download');
    $('#list-export').disabled = true;
    try {
        const blob = await csv(`/api/v1/submissions?${current.query}&format=csv`);
        if (link.href) URL.revokeObjectURL(link.href);
        link.blob = blob;
        link.href = URL.createObjectURL(blob);
        link.download = `submissions-${new Date().toISOString().slice(0, 10)}.csv`;
        link.textContent = `Save the CSV (${integer.format(blob.size)} bytes)`;
        link.hidden = false;
        link.click();
    } catch (error) {
        $('#list-summary').textContent = `The export failed: ${error.message}`;
    } finally {
        $('#list-export').disabled = false;
    }
}

/** One submission in words: why it counts as it does (takedown and platform rules), into {target}. */
export async function explainSubmission(id, target) {
    target.textContent = 'Asking bi-service…';
    try {
        const s = await api(`/api/v1/submissions/${encodeURIComponent(id)}/explain`);
        target.replaceChildren(definitions([
            ['Submission', `${s.submissionId} (legacy post ${s.legacyId}), community ${s.community ?? '(none)'}, status ${s.status}`],
            ['Submitted', s.submittedAt],
            ['Takedown', s.takedown.effectiveAt ? `${s.takedown.effectiveAt} from ${s.takedown.source}` : 'none: not a removal'],
            ['Why', s.takedown.why],
            ['Platform', `${s.platform.platform} / ${s.platform.platformDetail}, decided by ${s.platform.decidedBy}`],
            ['Why', s.platform.why],
        ], {className: 'submission-facts', dataset: {takedownSource: s.takedown.source ?? '', id: s.submissionId}}));
    } catch (error) {
        target.textContent = error.status === 404
            ? `No submission ${id} in your scope.`
            : `Could not explain submission ${id}: ${error.message}`;
    }
}

export function wireLists() {
    $('#list-more').addEventListener('click', () => more(false));
    $('#list-export').addEventListener('click', exportList);
    $('#list-close').addEventListener('click', () => $('#list-dialog').close());
    $('#list-search').addEventListener('submit', (event) => {
        event.preventDefault();
        // A search narrows the list: its total is the searched list's, no longer the number it was opened from.
        show(current.title, current.base, $('#list-q').value.trim(), '');
    });
}
