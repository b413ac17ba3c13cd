package org.moderation.bi.migrator.legacy;

import java.util.List;

/** A legacy post together with all of its reports: the unit the transformer turns into a submission bundle. */
public record LegacyPostWithReports(LegacyPost post, List<LegacyReport> reports) {
}
