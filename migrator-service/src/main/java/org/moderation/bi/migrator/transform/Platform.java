package org.moderation.bi.migrator.transform;

import org.moderation.bi.shared.platform.PlatformDetail;

/**
 * A classified platform: the broad group, the detail, where the decision came from and the URL host seen (if any).
 * The group is not always {@code detail.group()}: legacy text 'Meta' says "meta, detail unknown".
 */
public record Platform(String group, PlatformDetail detail, PlatformSource source, String urlHost) {

    public static Platform of(PlatformDetail detail, PlatformSource source, String urlHost) {
        return new Platform(detail.group(), detail, source, urlHost);
    }

    static Platform metaWithUnknownDetail(String urlHost) {
        return new Platform(PlatformDetail.META_GROUP, PlatformDetail.UNKNOWN, PlatformSource.LEGACY_TEXT, urlHost);
    }
}
