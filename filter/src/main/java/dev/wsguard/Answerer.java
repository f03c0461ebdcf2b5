package dev.wsguard;

import dev.wsguard.diagnosis.DiagnosisCode;
import dev.wsguard.diagnosis.Responder;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Who answered a request, as the framework that runs behind the filter can tell it (Spring: the handler its
 * DispatcherServlet chose); asked only when an upgrade attempt's answer is diagnosed, after the chain returned. A
 * description that fails, is blank or is missing leaves the line to the servlet mapping alone.
 */
final class Answerer {

    /** A framework's description is cut to this many characters (the line escapes it too). */
    static final int MAX_LENGTH = 512;
    /** A framework's explanation of a refusal (its cause, what it saw, its fix) is cut to this many characters. */
    static final int MAX_REFUSAL = 1024;

    private volatile AnswerDescriber describer;

    void set(AnswerDescriber describer) {
        this.describer = describer;
    }

    /**
     * The responder with who answered and the shadowing fix as the framework tells them, and its cause and fix for a
     * refusal ({@code WSG07}) or what a misrouted handshake's path is to it ({@code WSG01}, {@code WSG02},
     * {@code WSG08}), each trimmed and cut ({@link #MAX_LENGTH}, {@link #MAX_REFUSAL}); the responder as it was when
     * the framework says nothing (or fails).
     *
     * @param code the diagnosis being made, which says what the framework is asked to explain; null for none
     */
    Responder describe(HttpServletRequest request, int status, Responder responder, DiagnosisCode code) {
        AnswerDescriber d = describer;
        if (d == null) {
            return responder;
        }
        Responder described = responder;
        try {
            String who = bounded(d.describe(request, status), MAX_LENGTH);
            if (who != null) {
                described = described.withAnswerer(who, bounded(d.shadowFix(request, status), MAX_LENGTH),
                        d.answeredInServlet(request, status));
            }
        } catch (RuntimeException | LinkageError e) {
            // The framework's guess is decoration: the line still names the servlet.
            described = responder;
        }
        try {
            if (code == DiagnosisCode.WSG07) {
                String why = bounded(d.refusal(request, status), MAX_REFUSAL);
                return why == null ? described : described.withExplanation(why);
            }
            if (code == DiagnosisCode.WSG01 || code == DiagnosisCode.WSG02 || code == DiagnosisCode.WSG08) {
                String meaning = bounded(d.pathMeaning(request, status), MAX_REFUSAL);
                return meaning == null ? described : described.withExplanation(meaning);
            }
            return described;
        } catch (RuntimeException | LinkageError e) {
            // Its explanation too: wsguard's general one stays.
            return described;
        }
    }

    private static String bounded(String s, int limit) {
        if (s == null) {
            return null;
        }
        s = s.trim();
        if (s.isEmpty()) {
            return null;
        }
        return s.length() > limit ? s.substring(0, limit) : s;
    }
}
