package org.moderation.bi.shared.api;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * The text a request body may carry: any Unicode but NUL, which PostgreSQL refuses in text and jsonb (a 500 where the
 * caller's mistake is meant), and lone surrogates, which are not Unicode (UTF-8 cannot encode them; they would be
 * stored as '?'). Replaces the deserializer of every {@code String}, so fields, lists, map values and the strings of
 * untyped values are all checked; the refusal is a {@link Refused} that Jackson gives the value's JSON path.
 */
public final class StrictText extends SimpleModule {

    public StrictText() {
        super("strict-text");
        addDeserializer(String.class, new Checked());
    }

    /** What is wrong with the text, or null when nothing is. */
    static String problem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return "holds a NUL character (\\u0000), which no text here may hold";
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "holds a lone surrogate (\\u" + Integer.toHexString(c) + " without its pair), which is not "
                        + "Unicode text";
            }
        }
        return null;
    }

    /** A string of a request body that holds what no text may. */
    public static final class Refused extends MismatchedInputException {

        Refused(JsonParser parser, String problem) {
            super(parser, problem, String.class);
        }
    }

    private static final class Checked extends StdScalarDeserializer<String> {

        Checked() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = StringDeserializer.instance.deserialize(parser, context);
            String problem = text == null ? null : problem(text);
            if (problem != null) {
                throw new Refused(parser, problem);
            }
            return text;
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Textual;
        }
    }
}
