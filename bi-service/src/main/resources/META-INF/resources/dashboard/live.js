// The page moves by itself: bi-service tells it when the read model changes in its scope (Server-Sent Events on
// /api/v1/read-model/events), and how the read model follows the legacy database (live, or polled). When listening
// ends (after some minutes, or a failure) the page listens again, waiting longer after each failure.
import {events} from './session.js';

const RETRY_FIRST = 2_000;
const RETRY_MOST = 60_000;

/**
 * Listens until the page goes: {@code onChange(event)} when the numbers in view may have changed,
 * {@code onFeed(event)} with how fresh they are (event.live, event.feed).
 */
export function listenForChanges({onChange, onFeed}) {
    let retry = RETRY_FIRST;
    let version = null;
    const listen = async () => {
        try {
            const reader = await events('/api/v1/read-model/events');
            retry = RETRY_FIRST;
            let buffer = '';
            for (let read = await reader.read(); !read.done; read = await reader.read()) {
                buffer += read.value;
                let end;
                while ((end = buffer.indexOf('\n\n')) >= 0) {
                    const message = parse(buffer.slice(0, end));
                    buffer = buffer.slice(end + 2);
                    if (!message) continue;
                    onFeed(message.data);
                    // A version missed while not listening counts as a change too.
                    if (message.name === 'changed' || (message.name === 'ready' && version !== null
                            && message.data.version !== version)) {
                        onChange(message.data);
                    }
                    version = message.data.version ?? version;
                }
            }
        } catch (failure) {
            retry = Math.min(retry * 2, RETRY_MOST);
            onFeed(null);
        }
        setTimeout(listen, retry);
    };
    listen();
}

/** One event: its name and its JSON data; null for a comment or an event without data. */
function parse(block) {
    let name = 'message';
    const data = [];
    for (const line of block.split('\n')) {
        if (line.startsWith('event:')) name = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).trim());
    }
    return data.length === 0 ? null : {name, data: JSON.parse(data.join('\n'))};
}
