package dev.wsguard;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Who answered a request, as the framework that runs behind the filter can tell it (Spring: the handler its
 * DispatcherServlet chose); asked only when an upgrade attempt's answer is diagnosed, after the chain returned. A
 * description that fails, is blank or is missing leaves the line to the servlet mapping alone.
 */
final class Answerer {

    /** A framework's description is cut to this many characters (the line escapes it too). */
    static final int MAX_LENGTH = 160;

    private volatile AnswerDescriber describer;

    void set(AnswerDescriber describer) {
        this.describer = describer;
    }

    /** The framework's description of who answered, trimmed and cut to {@link #MAX_LENGTH}, or null. */
    String describe(HttpServletRequest request, int status) {
        AnswerDescriber d = describer;
        if (d == null) {
            return null;
        }
        String s;
        try {
            s = d.describe(request, status);
        } catch (RuntimeException | LinkageError e) {
            // The framework's guess is decoration: the line still names the servlet.
            return null;
        }
        if (s == null) {
            return null;
        }
        s = s.trim();
        if (s.isEmpty()) {
            return null;
        }
        return s.length() > MAX_LENGTH ? s.substring(0, MAX_LENGTH) : s;
    }
}
