package org.moderation.bi.shared.alerts;

/**
 * The window a rule computes its metric over, in a time zone: {@code rolling}, the last {@code amount} {@code unit}s
 * ({@code hours} or {@code days}) up to the evaluation; or {@code calendar}, the {@code unit} ({@code day},
 * {@code week} from Monday, {@code month}) under way, from its start up to the evaluation.
 *
 * @param timeZone IANA zone of calendar units and of their boundaries (null: UTC)
 */
public record AlertWindow(String kind, Integer amount, String unit, String timeZone) {

    public static final String ROLLING = "rolling";
    public static final String CALENDAR = "calendar";
}
