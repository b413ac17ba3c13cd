package org.moderation.bi.shared.api.dashboard;

import java.util.List;

/**
 * What a caller was allowed to see, and saw.
 *
 * @param allCommunities true when the numbers cover every community (a superadmin who named none)
 * @param communities    the community slugs the numbers cover when {@code allCommunities} is false
 */
public record ScopeView(String role, boolean allCommunities, List<String> communities) {
}
