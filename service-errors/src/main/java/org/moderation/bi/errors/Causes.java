package org.moderation.bi.errors;

/** A failure's chain of causes for an operator's log or terminal: "could not connect" alone says too little. */
public final class Causes {

    private Causes() {
    }

    /** Each cause's message once, in one line. */
    public static String inOneLine(Throwable failure) {
        var text = new StringBuilder(String.valueOf(failure.getMessage()));
        for (Throwable cause = failure.getCause(); cause != null && cause != cause.getCause();
                cause = cause.getCause()) {
            if (cause.getMessage() != null && !text.toString().contains(cause.getMessage())) {
                text.append(": ").append(cause.getMessage());
            }
        }
        return text.toString();
    }
}
