package org.moderation.bi.errors;

import java.util.ArrayList;
import java.util.List;

import org.moderation.bi.shared.api.ApiError;
import org.moderation.bi.shared.api.ApiException;
import org.moderation.bi.shared.api.JsonProblems;
import org.moderation.bi.shared.metrics.Problem;

/**
 * A request body read by {@link CheckedBodies}: the value, with whatever could not be read set aside (null), and what
 * was wrong there. The caller checks the value further and answers every problem at once.
 */
public record CheckedBody<T>(T value, List<Problem> problems) {

    public CheckedBody {
        problems = List.copyOf(problems);
    }

    /** A value that came from no request (built in, seeded): nothing was set aside. */
    public static <T> CheckedBody<T> of(T value) {
        return new CheckedBody<>(value, List.of());
    }

    /**
     * Refuses the request with every problem, the body's and {@code found} (what the caller's own checks found in the
     * value, leaving out those at or inside a part that was set aside: they only repeat it). A body with problems of
     * its own is {@code invalid_json} (its first problem in the message), else {@code code} with {@code message}.
     */
    public void refuseIfAny(List<Problem> found, String code, String message) {
        var details = new ArrayList<String>();
        problems.forEach(problem -> details.add(problem.toString()));
        found.stream().filter(problem -> !setAside(problem.path())).forEach(problem -> details.add(problem.toString()));
        if (!problems.isEmpty()) {
            ApiError refusal = JsonProblems.refused(problems.getFirst().message(), details);
            throw new ApiException(400, refusal.error(), refusal.message(), refusal.details());
        }
        if (!details.isEmpty()) {
            throw new ApiException(400, code, message, details);
        }
    }

    private boolean setAside(String path) {
        return problems.stream().map(Problem::path).anyMatch(aside -> path.equals(aside)
                || path.startsWith(aside + ".") || path.startsWith(aside + "[") || aside.equals("$"));
    }
}
