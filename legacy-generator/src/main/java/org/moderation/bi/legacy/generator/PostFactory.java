package org.moderation.bi.legacy.generator;

import static org.moderation.bi.legacy.generator.Timeline.DAY;
import static org.moderation.bi.legacy.generator.Timeline.HOUR;
import static org.moderation.bi.legacy.generator.Timeline.MINUTE;

import java.time.Instant;
import java.util.function.LongSupplier;

/** Builds one complete post (and its reports) submitted at a given instant. */
final class PostFactory {

    private final Roster roster;
    private final Instant now;
    private final Chance chance;
    private final TakedownHistory takedowns;

    PostFactory(Roster roster, Instant now, Chance chance) {
        this.roster = roster;
        this.now = now;
        this.chance = chance;
        this.takedowns = new TakedownHistory(roster, now, chance);
    }

    PostDraft draft(long postId, Instant created, LongSupplier reportIds) {
        boolean imported = created.isBefore(Timeline.IMPORT_END);
        LegacyUser submitter = roster.submitter(chance);
        // quirk 7: imported rows predate communities and sometimes lost their submitter
        Integer community = imported && chance.chance(0.35) ? null : roster.communityFor(submitter, chance);
        Integer submittedBy = imported && chance.chance(0.1) ? null : submitter.id();

        Platform platform = Platform.draw(chance);
        String url;
        String label;
        switch (chance.weighted(93, 3, 3, 1)) {
            case 0 -> {
                url = PostUrls.link(platform, chance);
                label = PlatformLabels.besideUrl(platform, chance);
            }
            case 1 -> {
                url = PostUrls.garbage(chance);
                label = PlatformLabels.withoutUrl(platform, chance);
            }
            case 2 -> {
                url = null;
                label = PlatformLabels.withoutUrl(platform, chance);
            }
            default -> {
                url = "";
                label = PlatformLabels.withoutUrl(platform, chance);
            }
        }

        Instant postedAt = chance.chance(imported ? 0.3 : 0.04) ? null
                : created.minusSeconds(MINUTE + chance.exponential(2 * DAY));
        TakedownHistory.Result history = takedowns.build(postId, created, reportIds);
        Instant updatedAt = imported && chance.chance(0.2)
                ? created.minusSeconds(chance.betweenLong(MINUTE, 60 * DAY)) // quirk 7: touched "before" creation
                : Timeline.earliest(now, Timeline.later(history.lastActivity(), chance.exponential(HOUR * 18)));

        LegacyPost post = new LegacyPost(postId, community, submittedBy, url, label, PostContent.text(chance),
                PostContent.authorHandle(chance), postedAt, history.status(), history.removedAt(),
                PackedTags.categories(created, chance), PackedTags.hashtags(created, chance),
                PostAnalysis.analysis(created, chance), PostAnalysis.extra(postId, created, chance), created,
                updatedAt);
        return new PostDraft(post, history.reports());
    }
}
