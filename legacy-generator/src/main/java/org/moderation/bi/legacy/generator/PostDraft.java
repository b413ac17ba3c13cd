package org.moderation.bi.legacy.generator;

import java.util.List;

/** A post together with the reports filed about it, generated as one unit. */
record PostDraft(LegacyPost post, List<LegacyReport> reports) {
}
