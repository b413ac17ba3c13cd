package org.moderation.bi.errors;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * What a request target (path and query) must be before any route reads it: percent-encoding that decodes, to UTF-8
 * text without a NUL (PostgreSQL's text cannot hold one, and a key holding it reached the database as a 500 or a false
 * outage), in the path no control character at all, and URI syntax. Checked on the raw target, once, for every route.
 */
public final class RequestTargets {

    /**
     * Quarkus answers a target that is no URI with an empty 400 before any route, ours included, unless this system
     * property is set when its HTTP layer is first loaded; then {@link FrameworkRefusals} refuses the same targets,
     * saying why.
     */
    private static final String QUARKUS_OWN_CHECK_OFF = "vertx.disableURIValidation";

    private RequestTargets() {
    }

    /** Called first in a service's main: a refused target is answered in the error shape, like every refusal. */
    public static void refuseInTheErrorShape() {
        System.setProperty(QUARKUS_OWN_CHECK_OFF, "true");
    }

    /**
     * Where the target is unreadable and why.
     *
     * @param parameter the query parameter whose value it is, or null where it is the path or a parameter's name
     */
    record Unreadable(String place, String parameter, String problem) {
    }

    static Unreadable check(String uri) {
        int question = uri.indexOf('?');
        String path = question < 0 ? uri : uri.substring(0, question);
        String pathProblem = problem(path, false, true);
        if (pathProblem != null) {
            return new Unreadable("path", null, pathProblem);
        }
        if (question >= 0) {
            Unreadable query = query(uri.substring(question + 1));
            if (query != null) {
                return query;
            }
        }
        try {
            new URI(uri);
            return null;
        } catch (URISyntaxException e) {
            return new Unreadable(question < 0 || e.getIndex() < question ? "path" : "query", null,
                    "is not URI syntax (" + e.getReason() + " at character " + (e.getIndex() + 1) + ")");
        }
    }

    private static Unreadable query(String query) {
        for (String pair : query.split("&", -1)) {
            int equals = pair.indexOf('=');
            String rawName = equals < 0 ? pair : pair.substring(0, equals);
            String nameProblem = problem(rawName, true, false);
            if (nameProblem != null) {
                return new Unreadable("query", null, nameProblem);
            }
            String valueProblem = equals < 0 ? null : problem(pair.substring(equals + 1), true, false);
            if (valueProblem != null) {
                return new Unreadable("query", decoded(rawName), valueProblem);
            }
        }
        return null;
    }

    /** The problem with one raw, percent-encoded part, or null. */
    private static String problem(String raw, boolean plusIsSpace, boolean noControls) {
        var bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int high = i + 1 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int low = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 2), 16) : -1;
                if (high < 0 || low < 0) {
                    String escape = raw.substring(i, Math.min(i + 3, raw.length()));
                    return "holds '" + escape + "', which is no percent-encoded byte (a '%' and two hex digits)";
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(plusIsSpace && c == '+' ? ' ' : c).getBytes(StandardCharsets.UTF_8));
            }
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            return "is not UTF-8 once percent-decoded";
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return "holds a NUL character (%00), which nothing here may hold";
            }
            if (noControls && Character.isISOControl(c)) {
                return String.format("holds a control character (%%%02X), which no path here holds", (int) c);
            }
        }
        return null;
    }

    /** A parameter's name for the answer; its problem, if any, was reported first. */
    private static String decoded(String rawName) {
        return URLDecoder.decode(rawName, StandardCharsets.UTF_8);
    }
}
