package org.moderation.bi.dashboard.rest;

/**
 * Text a spreadsheet will show, never run (OWASP's CSV injection rule). A spreadsheet may cut a cell into several at
 * any comma, semicolon, tab or line break (by the separator of its locale, or when the text is pasted), so every piece
 * that follows one is checked as a cell of its own: a piece that starts like a formula ({@code = + - @}, their
 * full-width forms, after any blanks or double quotes that a spreadsheet drops, or a tab, carriage return or NUL) gets
 * a single quote in front. A {@code #} comment line is never quoted as a CSV field, so its line breaks and other
 * control characters are first written as escapes ({@code \n}, {@code \r}, {@code \t}, {@code \\uXXXX}): it stays one
 * line.
 */
public final class SpreadsheetSafe {

    private static final String FORMULA = "=+-@\uFF1D\uFF0B\uFF0D\uFF20";
    private static final String RUNS_ON_ITS_OWN = "\t\r\0";
    private static final String SEPARATORS = ",;\t\r\n";

    private SpreadsheetSafe() {
    }

    /** A cell: text with its formula-like pieces quoted; numbers as they are. */
    public static Object cell(Object value) {
        if (value == null || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        return text(value.toString());
    }

    /** The text of a {@code #} line: one line, with its formula-like pieces quoted. */
    public static String comment(String text) {
        var escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '\\' -> escaped.append("\\\\");
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                case '\t' -> escaped.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || Character.getType(c) == Character.LINE_SEPARATOR
                            || Character.getType(c) == Character.PARAGRAPH_SEPARATOR) {
                        escaped.append(String.format("\\u%04X", (int) c));
                    } else {
                        escaped.append(c);
                    }
                }
            }
        }
        return text(escaped.toString());
    }

    private static String text(String text) {
        var safe = new StringBuilder(text.length() + 1);
        boolean pieceStarts = true;
        for (int i = 0; i < text.length(); i++) {
            if (pieceStarts && startsLikeAFormula(text, i)) {
                safe.append('\'');
            }
            char c = text.charAt(i);
            safe.append(c);
            pieceStarts = SEPARATORS.indexOf(c) >= 0;
        }
        return safe.toString();
    }

    private static boolean startsLikeAFormula(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (RUNS_ON_ITS_OWN.indexOf(c) >= 0 || FORMULA.indexOf(c) >= 0) {
                return true;
            }
            boolean dropped = c == '"' || Character.getType(c) == Character.FORMAT
                    || (SEPARATORS.indexOf(c) < 0 && (Character.isWhitespace(c) || Character.isSpaceChar(c)));
            if (!dropped) {
                return false;
            }
        }
        return false;
    }
}
