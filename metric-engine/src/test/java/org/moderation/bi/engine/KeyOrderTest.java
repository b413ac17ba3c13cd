package org.moderation.bi.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.moderation.bi.engine.MetricEngine.Key;
import org.moderation.bi.shared.metrics.Column;

/** The order of an answer's values: the API and the CSV list them so, whatever order the statements returned. */
class KeyOrderTest {

    private static final Instant MAY = Instant.parse("2024-05-01T00:00:00Z");
    private static final Instant JUNE = Instant.parse("2024-06-01T00:00:00Z");

    @Test
    void valuesAreOrderedByGroupingSetThenBucketThenColumnByColumnAMissingValueFirst() {
        List<Key> expected = List.of(
                key(0, null),
                key(0, MAY),
                key(1, null, Column.PLATFORM, null),
                key(1, null, Column.PLATFORM, ""),
                key(1, null, Column.PLATFORM, "meta"),
                key(1, null, Column.PLATFORM, "x"),
                key(1, MAY, Column.PLATFORM, "meta"),
                key(1, JUNE, Column.PLATFORM, null),
                key(2, null, Column.PLATFORM, "meta", Column.CATEGORY, null),
                key(2, null, Column.PLATFORM, "meta", Column.CATEGORY, "conspiracy"),
                key(2, null, Column.PLATFORM, "meta", Column.CATEGORY, "slur"),
                key(2, null, Column.PLATFORM, "x", Column.CATEGORY, "conspiracy"));
        for (long seed = 1; seed <= 20; seed++) {
            var shuffled = new ArrayList<>(expected);
            Collections.shuffle(shuffled, new Random(seed));
            Collections.sort(shuffled);
            assertEquals(expected, shuffled, "seed " + seed);
        }
    }

    @Test
    void theSameGroupInAnotherBucketIsOrderedAndEqualAsIfMadeAfresh() {
        Key may = key(1, MAY, Column.CATEGORY, "slur", Column.HASHTAG, "nwo");
        Key june = may.in(JUNE);
        Key fresh = key(1, JUNE, Column.HASHTAG, "nwo", Column.CATEGORY, "slur");
        assertEquals(fresh, june);
        assertEquals(fresh.hashCode(), june.hashCode());
        assertEquals(0, june.compareTo(fresh));
        assertTrue(may.compareTo(june) < 0);
        assertTrue(june.compareTo(key(1, JUNE, Column.CATEGORY, "slur", Column.HASHTAG, "nwp")) < 0);
    }

    @Test
    void aGroupWithFewerColumnsComesBeforeOneThatExtendsIt() {
        Key one = key(0, null, Column.PLATFORM, "meta");
        Key two = key(0, null, Column.PLATFORM, "meta", Column.CATEGORY, "slur");
        assertTrue(one.compareTo(two) < 0);
        assertTrue(two.compareTo(one) > 0);
    }

    private static Key key(int grouping, Instant bucket, Object... columnsAndValues) {
        Map<Column, String> group = new HashMap<>();
        for (int i = 0; i < columnsAndValues.length; i += 2) {
            group.put((Column) columnsAndValues[i], (String) columnsAndValues[i + 1]);
        }
        return new Key(grouping, bucket, group);
    }
}
