package org.moderation.bi.migrator.transform;

import java.net.IDN;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Extracts the host from the free-text URLs moderators pasted: with or without scheme, protocol-relative,
 * upper-case, with user info, port or tracking parameters. Anything that is not an http(s) link to a
 * plausible DNS name yields empty, so garbage never masquerades as a platform.
 */
public final class UrlHost {

    private static final Pattern HTTP_SCHEME = Pattern.compile("^(?i)https?://");
    /** A scheme such as {@code javascript:} or {@code mailto:}; a colon followed by a digit is a port instead. */
    private static final Pattern OTHER_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:(?!\\d)");
    private static final Pattern DNS_NAME =
            Pattern.compile("^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$");

    private UrlHost() {
    }

    public static Optional<String> of(String url) {
        if (url == null) {
            return Optional.empty();
        }
        // NFKC folds full-width look-alikes (ｆａｃｅｂｏｏｋ.com) into the host they display.
        String rest = Normalizer.normalize(url, Normalizer.Form.NFKC).strip();
        var scheme = HTTP_SCHEME.matcher(rest);
        if (scheme.find()) {
            rest = rest.substring(scheme.end());
        } else if (rest.startsWith("//")) {
            rest = rest.substring(2);
        } else if (OTHER_SCHEME.matcher(rest).find()) {
            return Optional.empty();
        }
        int end = indexOfAny(rest, "/?#\\ \t\n\r");
        String authority = end < 0 ? rest : rest.substring(0, end);
        authority = authority.substring(authority.lastIndexOf('@') + 1);
        int port = authority.lastIndexOf(':');
        if (port >= 0) {
            if (!authority.substring(port + 1).chars().allMatch(Character::isDigit)) {
                return Optional.empty();
            }
            authority = authority.substring(0, port);
        }
        while (authority.endsWith(".")) {
            authority = authority.substring(0, authority.length() - 1);
        }
        String host;
        try {
            // International names (münchen-nachrichten.de) are compared in their ASCII form.
            host = IDN.toASCII(authority, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return DNS_NAME.matcher(host).matches() ? Optional.of(host) : Optional.empty();
    }

    private static int indexOfAny(String text, String characters) {
        for (int i = 0; i < text.length(); i++) {
            if (characters.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
