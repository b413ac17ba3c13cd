package org.moderation.bi.dashboard.submissions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.moderation.bi.dashboard.filters.DimensionFilters;
import org.moderation.bi.dashboard.filters.DimensionParameters;
import org.moderation.bi.dashboard.metrics.catalog.CatalogDefinitions;
import org.moderation.bi.dashboard.readmodel.KeptAnswers;
import org.moderation.bi.dashboard.readmodel.Maturities;
import org.moderation.bi.dashboard.readmodel.Provenances;
import org.moderation.bi.dashboard.readmodel.ReadModel;
import org.moderation.bi.dashboard.readmodel.ReadModelFreshness;
import org.moderation.bi.dashboard.readmodel.TimeWindow;
import org.moderation.bi.dashboard.scope.CommunityScope;
import org.moderation.bi.dashboard.scope.ScopeResolver;
import org.moderation.bi.engine.Answer;
import org.moderation.bi.engine.MetricParts;
import org.moderation.bi.engine.Question;
import org.moderation.bi.engine.Refused;
import org.moderation.bi.engine.ResolvedMetric;
import org.moderation.bi.engine.Snapshot;
import org.moderation.bi.engine.Submissions;
import org.moderation.bi.shared.api.ApiException;
import org.moderation.bi.shared.api.dashboard.MaturityView;
import org.moderation.bi.shared.api.dashboard.NumberProvenance;
import org.moderation.bi.shared.api.dashboard.OverviewView;
import org.moderation.bi.shared.api.dashboard.SubmissionListView;
import org.moderation.bi.shared.metrics.BuiltInMetrics;
import org.moderation.bi.shared.metrics.Filter;
import org.moderation.bi.shared.metrics.Horizon;
import org.moderation.bi.shared.metrics.Measure;
import org.moderation.bi.shared.metrics.MetricDefinition;
import org.moderation.bi.shared.metrics.MetricValidator;
import org.moderation.bi.shared.metrics.MetricVersionView;
import org.moderation.bi.shared.metrics.Problem;

/**
 * The submissions behind any dashboard number: the rows a built-in or catalog metric counts, in the caller's scope,
 * with the same conditions as the number itself. A listing's total is counted by the metric engine, as the number is,
 * in the snapshot its rows are read in, so that the total is that number and the rows are that many.
 */
@ApplicationScoped
public class SubmissionListService {

    public static final int MAX_LIMIT = 500;
    public static final int DEFAULT_LIMIT = 50;
    /** Rows fetched at a time while an export is read. */
    private static final int EXPORT_FETCH = 1_000;

    /**
     * A listing as asked: a window; a built-in {@code measure} ({@code submitted}, {@code removed}) or a catalog
     * {@code metric} (with an optional {@code version}, and for a ratio the {@code part} it lists: {@code numerator}
     * or {@code denominator}); communities; the dimension filters, checked as the dashboard's are; and by parameter name
     * the filters only a list has ({@code takedownSource}, {@code takenDown}, {@code noCommunity}, and {@code q}: a
     * search of the posts' words, authors and links).
     */
    public record Query(TimeWindow window, String measure, String metric, Integer version, String part,
            List<String> communities, DimensionFilters dimensions, Map<String, String> listFilters) {
    }

    /** The longest search: a few words or a handle, a link; not a post pasted in. */
    public static final int MAX_SEARCH = 200;

    /**
     * A checked listing, ready to be read: the metric whose rows it lists and the engine's listing of them: the measure
     * that counts them (the metric's, narrowed by the filters that are not dimensions of the pre-aggregations, so that
     * its count is read where the number itself is), over which window, scope, dimension filters and search.
     */
    public record Listing(String name, ResolvedMetric listed, String rule, Map<String, String> filterParameters,
            TimeWindow window, CommunityScope scope, Submissions.Listing rows) {

        /** The listing's total as a metric: the count of its measure, under the listed metric's identity. */
        ResolvedMetric counted() {
            MetricDefinition definition = listed.definition();
            Measure measure = rows.measure();
            var count = new MetricDefinition(listed.key(), definition.name(), rule, "simple", "count",
                    new Measure("count", null, measure.time(), measure.filters()), null, null, null, List.of(),
                    List.of(), List.of());
            return new ResolvedMetric(listed.key(), listed.version(), listed.status(), listed.definitionHash(), count,
                    Map.of());
        }
    }

    /** Receives an export's rows one at a time, as they are read. */
    @FunctionalInterface
    public interface RowSink {
        void accept(SubmissionListView.Item item) throws IOException;
    }

    private record PageKey(TimeWindow window, String name, String definitionHash, Map<String, String> filters,
            CommunityScope scope, Submissions.Position after, int limit) {
    }

    /** A page, and on the first page the total as the engine counted it (with where it was read). */
    private record Page(Answer.Result total, List<Submissions.Row> rows, boolean more) {

        int size() {
            return rows.size() + (total == null ? 0 : total.values().size());
        }
    }

    private final ScopeResolver scopes;
    private final CatalogDefinitions catalog;
    private final ReadModel readModel;
    private final KeptAnswers kept;
    private final ReadModelFreshness freshness;
    private final Clock clock;

    public SubmissionListService(ScopeResolver scopes, CatalogDefinitions catalog, ReadModel readModel,
            KeptAnswers kept, ReadModelFreshness freshness, Clock clock) {
        this.clock = clock;
        this.scopes = scopes;
        this.catalog = catalog;
        this.readModel = readModel;
        this.kept = kept;
        this.freshness = freshness;
    }

    /** Checks everything a listing names (before an answer starts, so that a mistake is a 4xx, not a cut stream). */
    public Listing listing(Query query, boolean superadmin, String authorization) throws SQLException {
        CommunityScope scope = scopes.resolve(query.communities());
        var dimensions = new ArrayList<>(query.dimensions().filters());
        var narrowing = new ArrayList<Filter>();
        var named = new LinkedHashMap<>(query.dimensions().asked());
        named.putAll(listFilters(query.listFilters(), dimensions, narrowing));
        ResolvedMetric listed;
        String name;
        if ((query.measure() == null) == (query.metric() == null)) {
            throw badRequest("name either measure (submitted or removed) or metric (a published simple metric's key)");
        }
        if (query.measure() != null) {
            if (query.version() != null || query.part() != null) {
                throw badRequest("version and part go with metric, not with measure");
            }
            listed = ResolvedMetric.builtIn(switch (query.measure()) {
                case "submitted" -> BuiltInMetrics.SUBMISSIONS_V1;
                case "removed" -> BuiltInMetrics.REMOVALS_V1;
                default -> throw badRequest("measure '" + query.measure() + "' is not submitted or removed");
            });
            name = query.measure();
        } else {
            if (!MetricValidator.KEY.matcher(query.metric()).matches()) {
                throw badRequest("metric '" + query.metric() + "' is not a metric key (lower-case letters, digits, _)");
            }
            listed = resolved(query, superadmin, authorization);
            name = query.part() == null ? query.metric() : query.metric() + "_" + query.part();
        }
        MetricDefinition definition = listed.definition();
        Measure measured = listedMeasure(definition, query.part());
        String rule = definition.description() + switch (String.valueOf(named.get("takenDown"))) {
            case "true" -> " Only those with an effective takedown time up to now (the removal rate's numerator).";
            case "false" -> " Only those without an effective takedown time up to now.";
            default -> "";
        } + (query.part() == null ? "" : " The list holds the submissions its " + query.part() + " counts"
                + ("numerator".equals(query.part()) ? Horizon.of(definition).map(h -> ": those taken down within "
                + Horizon.words(h) + " of their submission").orElse("") : "") + ".");
        var filters = new ArrayList<>(measured.filters());
        filters.addAll(narrowing);
        if (measured.column() != null) {
            // What an aggregation of a column counts: the rows that have a value in it (count(column) is this total).
            filters.add(new Filter(measured.column(), "is_not_null", null, null));
            if (!"count".equals(measured.aggregation())) {
                rule += " The list holds the submissions the " + measured.aggregation() + " of " + measured.column()
                        + " is computed from; its total counts them, not the metric's value.";
            }
        }
        var measure = new Measure(measured.aggregation(), measured.column(), measured.time(), filters);
        var rows = new Submissions.Listing(measure, query.window().from(), query.window().to(), dimensions,
                scope.engineScope(), named.get("q"));
        return new Listing(name, listed, rule, Map.copyOf(named), query.window(), scope, rows);
    }

    /**
     * The catalog's metric at the version asked for; a built-in version named by its number also while the catalog is
     * down (as the dashboards show it), so that a page's lists open whenever its numbers do.
     */
    private ResolvedMetric resolved(Query query, boolean superadmin, String authorization) {
        try {
            MetricVersionView version = catalog.resolve(query.metric(), query.version(), superadmin, authorization);
            return new ResolvedMetric(version.key(), version.version(), version.status(), version.definitionHash(),
                    version.definition(), Map.of());
        } catch (ApiException e) {
            var builtIn = query.version() == null ? java.util.Optional.<MetricDefinition>empty()
                    : BuiltInMetrics.seeded(query.metric(), query.version());
            if (e.status() != 503 || builtIn.isEmpty()) {
                throw e;
            }
            return ResolvedMetric.builtIn(builtIn.get());
        }
    }

    /** What a listing of {@code definition} counts: a simple metric's measure, or the named part of a ratio. */
    private static Measure listedMeasure(MetricDefinition definition, String part) {
        return switch (definition.type()) {
            case "simple" -> {
                if (part != null) {
                    throw badRequest("part goes with a ratio metric; " + definition.key() + " is simple");
                }
                yield definition.measure();
            }
            // As the engine counts them: a numerator within the ratio's horizon.
            case "ratio" -> switch (String.valueOf(part)) {
                case "numerator" -> MetricParts.of(definition).getFirst();
                case "denominator" -> MetricParts.of(definition).getLast();
                default -> throw badRequest("metric " + definition.key() + " is a ratio: name the part to list, "
                        + "part=numerator or part=denominator");
            };
            default -> throw badRequest("metric " + definition.key() + " is a " + definition.type() + " metric: "
                    + "list the submissions of the metrics it is made of");
        };
    }

    /**
     * One page, newest first; the first page (no {@code after}) with the listing's total. {@code limit} is 1 to
     * {@value #MAX_LIMIT}, as the resource's parameter bounds it.
     */
    public SubmissionListView page(Listing listing, String after, int limit) throws SQLException {
        Submissions.Position from = after == null ? null : ListCursor.decode(after, listing.window());
        var key = new PageKey(listing.window(), listing.name(), listing.listed().definitionHash(),
                listing.filterParameters(), listing.scope(), from, limit);
        KeptAnswers.Kept<Page> read;
        try {
            read = kept.answer(listing.window().from(), listing.window().to(), key,
                    snapshot -> read(snapshot, listing, from, limit), Page::size);
        } catch (Refused refused) {
            if (refused.reason() != Refused.Reason.TIMED_OUT || listing.rows().search() == null) {
                throw refused;
            }
            // A search of common words over a long window: the person can narrow it, and is told how.
            throw new ApiException(422, "search_too_broad", "the search '" + listing.rows().search() + "' matches "
                    + "more than can be listed in time: narrow it with a rarer or another word, a \"phrase\", a "
                    + "shorter window, a community or another filter");
        }
        Page page = read.answer();
        var items = page.rows().stream().map(SubmissionListService::item).toList();
        String next = page.more() ? ListCursor.encode(page.rows().getLast().position()) : null;
        Long total = page.total() == null ? null : Math.round(page.total().total().value());
        return new SubmissionListView(listing.name(), listing.filterParameters(), listing.rule(), window(listing),
                listing.scope().view(), read.freshness(), provenance(listing, page.total()), total, next, items,
                maturity(listing), after == null ? unseenValues(listing) : List.of());
    }

    /** Values of open sets the list filters by that no submission has had yet (it lists nothing for them). */
    private List<Problem> unseenValues(Listing listing) {
        var warnings = new ArrayList<>(DimensionParameters.unseen(listing.filterParameters(), readModel.seenValues()));
        warnings.sort(Comparator.comparing(Problem::path));
        return warnings;
    }

    /** Whether the window's cohort is complete, for a part of a metric with a horizon (null otherwise). */
    public MaturityView maturity(Listing listing) {
        return Maturities.of(listing.listed().horizon(), listing.window().to(), clock.instant());
    }

    /** The listed metric, its rule, and where its total was counted (the rows are always read from the facts). */
    private static NumberProvenance provenance(Listing listing, Answer.Result total) {
        ResolvedMetric listed = listing.listed();
        var readFrom = new java.util.LinkedHashSet<String>();
        if (total != null) {
            readFrom.addAll(total.provenance().readFrom());
        }
        readFrom.add("mv_submission_facts");
        return Provenances.of(new Answer.Provenance(listed.key(), listed.version(), listed.status(),
                listed.definitionHash(), listing.rule(), List.copyOf(readFrom)));
    }

    /**
     * Every row of the listing, handed to {@code sink} as it is read, and the read model's version they are of: both
     * read in one snapshot, so that the rows are the list's total however the read model changes meanwhile. The sink
     * should be quick (a file, not a client): the snapshot holds a pool connection until the last row.
     */
    public OverviewView.Freshness export(Listing listing, RowSink sink) throws SQLException, IOException {
        try {
            return readModel.read(listing.window().from(), listing.window().to(), snapshot -> {
                readModel.eachSubmission(snapshot, listing.rows(), EXPORT_FETCH, row -> {
                    try {
                        sink.accept(item(row));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                return freshness.of(snapshot.version());
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    public static OverviewView.Window window(Listing listing) {
        return new OverviewView.Window(listing.window().from(), listing.window().to());
    }

    /**
     * The page, and on the first page the total: the listing's rows counted as the number itself is, by the metric
     * engine. DrillDowns (tests) checks that the rows the pages hold are that many.
     */
    private Page read(Snapshot snapshot, Listing listing, Submissions.Position after, int limit)
            throws SQLException {
        Answer.Result total = null;
        if (after == null) {
            var question = new Question(List.of(listing.counted()), listing.window().from(), listing.window().to(),
                    ZoneOffset.UTC, null, false, List.of(List.of()), listing.rows().filters(),
                    listing.rows().scope(), 1, null, listing.rows().search());
            total = readModel.answer(snapshot, question).results().getFirst();
        }
        List<Submissions.Row> found = readModel.submissions(snapshot, listing.rows(), after, limit + 1);
        boolean more = found.size() > limit;
        return new Page(total, List.copyOf(more ? found.subList(0, limit) : found), more);
    }

    private static SubmissionListView.Item item(Submissions.Row row) {
        return new SubmissionListView.Item(row.submissionId(), row.legacyId(), row.community(), row.platform(),
                row.platformDetail(), row.submittedAt(), row.effectiveTakedownAt(), row.takedownSource(),
                row.reportCount(), row.at(), "/api/v1/submissions/" + row.submissionId() + "/explain", row.url(),
                PostPreview.link(row.url()), PostPreview.excerpt(row.text()), row.authorHandle(),
                PostPreview.matched(row.matched()));
    }

    /**
     * The filters only a list has, each checked against the values it can have: no community goes to {@code dimensions},
     * how a submission ended (takedown source, taken down by now) narrows the measure; a search ({@code q}) is kept as
     * named, for the listing's shape.
     */
    private static Map<String, String> listFilters(Map<String, String> asked, List<Filter> dimensions,
            List<Filter> narrowing) {
        var named = new LinkedHashMap<String, String>();
        for (var entry : asked.entrySet()) {
            String value = entry.getValue();
            switch (entry.getKey()) {
                case "takedownSource" -> narrowing.add(eq("takedown_source", oneOf("takedownSource", value,
                        BuiltInMetrics.TAKEDOWN_SOURCES)));
                case "takenDown" -> narrowing.add(new Filter("taken_down", "eq",
                        Boolean.valueOf(oneOf("takenDown", value, List.of("true", "false"))), null));
                case "noCommunity" -> {
                    oneOf("noCommunity", value, List.of("true"));
                    dimensions.add(new Filter("community", "is_null", null, null));
                }
                case "q" -> {
                    if (value.isBlank() || value.length() > MAX_SEARCH || value.indexOf('\u0000') >= 0) {
                        throw badRequest("q is a search of 1 to " + MAX_SEARCH + " characters (words, \"a phrase\", "
                                + "-without, or; an author handle or part of a link)");
                    }
                }
                default -> throw new IllegalArgumentException("not a list filter: " + entry.getKey());
            }
            named.put(entry.getKey(), value);
        }
        return Map.copyOf(named);
    }

    private static Filter eq(String column, String value) {
        return new Filter(column, "eq", value, null);
    }

    private static String oneOf(String parameter, String value, List<String> allowed) {
        if (!allowed.contains(value)) {
            throw new ApiException(400, "bad_request", parameter + " '" + value + "' is not one of "
                    + String.join(", ", allowed), List.of(value));
        }
        return value;
    }

    private static ApiException badRequest(String message) {
        return new ApiException(400, "bad_request", message);
    }
}
