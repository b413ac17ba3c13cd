package org.moderation.bi.dashboard.scope;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.moderation.bi.dashboard.readmodel.ReadModelFreshness;
import org.moderation.bi.dashboard.readmodel.ReadModel;
import org.moderation.bi.shared.api.ApiException;

/**
 * The communities the target database knows, slug to name: to refuse a slug that names none (rather than answer
 * zeros), and to label the overview's rows. Read once per version of the read model: reference data, kept even when
 * answers are not ({@code bi.cached-answers=0}), so that no request pays a second query for it.
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
                closest(slug, names.keySet()).ifPresent(known -> meant.add(unknown.size() == 1 ? known
                        : known + " for " + slug));
            }
            throw new ApiException(400, "unknown_community", "no community has the slug " + String.join(", ", unknown)
                    + (meant.isEmpty() ? "" : " (did you mean " + String.join(", ", meant) + "?)")
                    + "; slugs are matched exactly, as the overview's byCommunity lists them", unknown);
        }
    }

    /**
     * The known slug a mistyped one most likely meant: the same once case and separators are set aside
     * ({@code Berlin_Online_Watch}), else the only one at most two edits away.
     */
    static Optional<String> closest(String slug, Collection<String> known) {
        String plain = plain(slug);
        Optional<String> same = known.stream().filter(k -> plain(k).equals(plain)).sorted().findFirst();
        if (same.isPresent()) {
            return same;
        }
        List<String> near = known.stream().filter(k -> Math.abs(k.length() - slug.length()) <= 2)
                .filter(k -> edits(plain(k), plain) <= 2).toList();
        return near.size() == 1 ? Optional.of(near.getFirst()) : Optional.empty();
    }

    private static String plain(String slug) {
        return slug.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "");
    }

    /** Levenshtein distance. */
    private static int edits(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** The community's name; {@value #NO_COMMUNITY} for the submissions without one. */
    public String label(String slug) throws SQLException {
        return slug == null ? NO_COMMUNITY : names().getOrDefault(slug, slug);
    }

    private Map<String, String> names() throws SQLException {
        Long version = freshness.freshness().version();
        Names kept = names;
        if (kept != null && version != null && version.equals(kept.version())) {
            return kept.bySlug();
        }
        Map<String, String> read = readModel.read(null, null, snapshot -> {
            try (var statement = snapshot.connection().createStatement();
                 var rows = statement.executeQuery("SELECT slug, name FROM communities")) {
                var bySlug = new HashMap<String, String>();
                while (rows.next()) {
                    bySlug.put(rows.getString(1), rows.getString(2));
                }
                return Map.copyOf(bySlug);
            }
        });
        names = new Names(version, read);
        return read;
    }
}
