package org.moderation.bi.dashboard.submissions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import org.moderation.bi.dashboard.readmodel.ReadModelFreshness;
import org.moderation.bi.dashboard.support.DrillDowns;
import org.moderation.bi.dashboard.support.GeneratedSubmissions;
import org.moderation.bi.dashboard.support.JsonNumbers;
import org.moderation.bi.dashboard.support.ReadModelDatabase;
import org.moderation.bi.testsupport.OidcServer;
import org.moderation.bi.testsupport.Tokens;

/**
 * On generated data, every number of the overview and every bar of a series equals the total of the list behind it,
 * whichever source answered the number: the daily rollup (whole UTC days), the hourly rollup (whole recent hours) or
 * the facts (a named time zone, a partial day); the list always reads the facts.
 */
@QuarkusTest
@WithTestResource(ReadModelDatabase.class)
@WithTestResource(OidcServer.class)
class DrillDownTotalsTest {

    @BeforeAll
    static void numbersAsDoubles() {
        JsonNumbers.asDoubles();
    }

    @Inject
    ReadModelFreshness freshness;

    @BeforeEach
    void threeWeeksOfSubmissions() throws Exception {
        GeneratedSubmissions.load(4300);
        freshness.poll();
    }

    @Test
    void everyNumberOfTheOverviewIsItsListsTotalWhateverSourceAnsweredIt() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String days = "from=" + today.minusDays(14) + "&to=" + today.plusDays(1);
        String hour = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS) + ":00Z";
        String hours = "from=" + LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS).minusHours(36)
                + ":00Z&to=" + hour;
        String berlin = "from=" + today.minusDays(10) + "T08:30:00&to=" + today + "&tz=Europe/Berlin";
        for (String window : new String[] {days, hours, berlin}) {
            assertThat(DrillDowns.overview(Tokens.superadmin(), window, 500)).as(window).isGreaterThan(20);
        }
        assertThat(DrillDowns.overview(Tokens.communityManager("north"), days, 500)).isGreaterThan(10);
    }

    @Test
    void everyBarOfASeriesIsItsListsTotal() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String week = "from=" + today.minusDays(7) + "&to=" + today.plusDays(1);
        assertThat(DrillDowns.series(Tokens.superadmin(), "submissions", week + "&granularity=day")).isEqualTo(8);
        assertThat(DrillDowns.series(Tokens.superadmin(), "removals", week + "&granularity=day&tz=America/New_York"))
                .isGreaterThanOrEqualTo(8);
        String day = "from=" + today.minusDays(1) + "&to=" + today.plusDays(1);
        assertThat(DrillDowns.series(Tokens.communityManager("south"), "submissions", day + "&granularity=hour"))
                .isEqualTo(48);
    }
}
