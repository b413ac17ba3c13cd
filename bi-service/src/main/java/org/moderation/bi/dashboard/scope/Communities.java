package org.moderation.bi.dashboard.scope;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.moderation.bi.dashboard.readmodel.ReadModelFreshness;
import org.moderation.bi.dashboard.readmodel.ReadModel;
import org.moderation.bi.engine.Snapshot;
import org.moderation.bi.shared.api.ApiException;
import org.moderation.bi.shared.api.DidYouMean;

/**
 * The communities the target database knows, slug to name: to refuse a slug that names none (rather than answer
 * zeros), and to label the overview's rows. Read once per version of the read model: reference data, kept even when
 * answers are not ({@code bi.kept-values=0}), so that no request pays a second query for it.
 */
@ApplicationScoped
public class Communities {

    /** The label of the row of submissions without a community (2021 imports). */
    public static final String NO_COMMUNITY = "no community";

    /** The names as read at one version of the read model (null: before the first poll). */
    private record Names(Long version, Map<String, String> bySlug) {
    }

    private final ReadModelFreshness freshness;
    private final ReadModel readModel;
    private volatile Names names;

    public Communities(ReadModelFreshness freshness, ReadModel readModel) {
        this.freshness = freshness;
        this.readModel = readModel;
    }

    /**
     * Refuses, with a 400 that lists them, the slugs that name no community.
     *
     * @param suggest whether to name the slug each was probably meant as: only for whom may know every community
     */
    public void requireKnown(Collection<String> slugs, boolean suggest) throws SQLException {
        if (slugs.isEmpty()) {
            return;
        }
        Map<String, String> names = names();
        List<String> unknown = slugs.stream().filter(slug -> !names.containsKey(slug)).toList();
        if (!unknown.isEmpty()) {
            var meant = new ArrayList<String>();
            for (String slug : suggest ? unknown : List.<String>of()) {
                DidYouMean.closest(slug, names.keySet()).ifPresent(known -> meant.add(unknown.size() == 1 ? known
                        : known + " for " + slug));
            }
            throw new ApiException(400, "unknown_community", "no community has the slug " + String.join(", ", unknown)
                    + (meant.isEmpty() ? "" : " (did you mean " + String.join(", ", meant) + "?)")
                    + "; slugs are matched exactly, as the overview's byCommunity lists them", unknown);
        }
    }

    /** Every community's slug. */
    public java.util.Set<String> slugs() throws SQLException {
        return names().keySet();
    }

    /** The community's name; {@value #NO_COMMUNITY} for the submissions without one. */
    public String label(String slug) throws SQLException {
        return label(names(), slug);
    }

    /** The community's name among {@code names} ({@link #names()}); {@value #NO_COMMUNITY} for none. */
    public static String label(Map<String, String> names, String slug) {
        return slug == null ? NO_COMMUNITY : names.getOrDefault(slug, slug);
    }

    /**
     * Every community's name by slug, as read at the read model's current version: the same map until that version
     * changes, so a caller can tell names it labelled with from names read since.
     */
    public Map<String, String> names() throws SQLException {
        Long version = freshness.freshness().version();
        Names kept = names;
        if (kept != null && version != null && version.equals(kept.version())) {
            return kept.bySlug();
        }
        Map<String, String> read = readModel.read(null, null, Snapshot::communityNames);
        names = new Names(version, read);
        return read;
    }
}
