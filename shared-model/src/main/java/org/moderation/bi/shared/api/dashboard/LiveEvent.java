package org.moderation.bi.shared.api.dashboard;

import java.time.Instant;
import java.util.List;

/**
 * What a page listening on {@code /api/v1/read-model/events} is told: {@code ready} when it starts listening,
 * {@code changed} when the read model changed in its scope, {@code feed} now and then.
 *
 * @param version     the read model's version (null before the service has read it)
 * @param communities with {@code changed}: the slugs of the communities in the page's scope whose facts changed (a
 *                    null element: submissions without community); null when the service cannot tell which
 * @param live        whether legacy changes stream into the read model within seconds now
 * @param feed        how the read model follows the legacy database: "live", or how often it is polled
 * @param until       when this listening ends: the page then listens again (with a fresh token)
 */
public record LiveEvent(Long version, List<String> communities, boolean live, String feed, Instant until) {
}
