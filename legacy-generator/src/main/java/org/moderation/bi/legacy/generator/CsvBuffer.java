package org.moderation.bi.legacy.generator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Rows in PostgreSQL's COPY CSV format: an unquoted empty field is NULL, a quoted one the empty
 * string, so every text value is quoted to keep '' and NULL apart (quirks 2 and 3 need both).
 */
final class CsvBuffer {

    private final StringBuilder sb;
    private boolean rowStarted;
    private int rows;

    CsvBuffer(int initialCapacity) {
        this.sb = new StringBuilder(initialCapacity);
    }

    CsvBuffer text(String value) {
        separator();
        if (value != null) {
            sb.append('"');
            for (int i = 0; i < value.length(); i++) {
                char ch = value.charAt(i);
                if (ch == '"') {
                    sb.append('"');
                }
                sb.append(ch);
            }
            sb.append('"');
        }
        return this;
    }

    CsvBuffer number(long value) {
        separator();
        sb.append(value);
        return this;
    }

    CsvBuffer number(Integer value) {
        separator();
        if (value != null) {
            sb.append(value.intValue());
        }
        return this;
    }

    /** Always UTC with an explicit offset, so the session time zone cannot change what is stored. */
    CsvBuffer timestamp(Instant value) {
        separator();
        if (value != null) {
            long seconds = value.getEpochSecond();
            LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, Timeline.DAY));
            int secondOfDay = (int) Math.floorMod(seconds, Timeline.DAY);
            pad(date.getYear(), 4).append('-');
            pad(date.getMonthValue(), 2).append('-');
            pad(date.getDayOfMonth(), 2).append(' ');
            pad(secondOfDay / 3600, 2).append(':');
            pad(secondOfDay / 60 % 60, 2).append(':');
            pad(secondOfDay % 60, 2).append("+00");
        }
        return this;
    }

    void endRow() {
        sb.append('\n');
        rowStarted = false;
        rows++;
    }

    int rows() {
        return rows;
    }

    int length() {
        return sb.length();
    }

    byte[] toBytes() {
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    void clear() {
        sb.setLength(0);
        rowStarted = false;
        rows = 0;
    }

    private void separator() {
        if (rowStarted) {
            sb.append(',');
        }
        rowStarted = true;
    }

    private StringBuilder pad(int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            sb.append('0');
        }
        return sb.append(digits);
    }
}
