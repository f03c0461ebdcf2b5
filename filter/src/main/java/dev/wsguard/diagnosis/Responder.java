package dev.wsguard.diagnosis;

/**
 * Who answered, from {@code HttpServletMapping}: the servlet the request was mapped to, its
 * pattern and the kind of match. A filter in front of that servlet may have answered instead;
 * the mapping still tells the user where the request was headed.
 */
public final class Responder {

    private final String servletName;
    private final String pattern;
    private final String matchType;
    private final String answerer;
    private final String shadowFix;
    private final String explanation;
    /** Whether the framework's answerer answered inside the servlet; null where it cannot tell. */
    private final Boolean answererInServlet;

    public Responder(String servletName, String pattern, String matchType) {
        this(servletName, pattern, matchType, null, null, null, null);
    }

    private Responder(String servletName, String pattern, String matchType, String answerer, String shadowFix,
            String explanation, Boolean answererInServlet) {
        this.servletName = servletName;
        this.pattern = pattern;
        this.matchType = matchType;
        this.answerer = answerer;
        this.shadowFix = shadowFix;
        this.explanation = explanation;
        this.answererInServlet = answererInServlet;
    }

    /**
     * This responder, with who answered inside the servlet as the framework describes it ("Spring handler
     * SpaController#fallback (pattern /{page})"); null keeps the mapping alone.
     */
    public Responder withAnswerer(String description) {
        return withAnswerer(description, null);
    }

    /**
     * This responder with who answered, and the framework's fix for when that answerer took a handshake to one of
     * its own WebSocket endpoints' paths (null: wsguard's general advice).
     */
    public Responder withAnswerer(String description, String shadowFix) {
        return withAnswerer(description, shadowFix, null);
    }

    /**
     * This responder with who answered, its shadowing fix, and whether it answered inside the servlet (null: wsguard
     * judges by the status).
     */
    public Responder withAnswerer(String description, String shadowFix, Boolean inServlet) {
        return new Responder(servletName, pattern, matchType, description, shadowFix, explanation, inServlet);
    }

    /** Whether the framework's answerer answered inside the servlet, or null where it did not say. */
    public Boolean answererInServlet() {
        return answererInServlet;
    }

    /**
     * This responder with the framework's explanation of the diagnosed answer: its cause and fix for a refusal
     * ({@code WSG07}), or what a misrouted handshake's path is to it ({@code WSG01}, {@code WSG02}, {@code WSG08}),
     * replacing wsguard's general explanation; null keeps that.
     */
    public Responder withExplanation(String explanation) {
        return new Responder(servletName, pattern, matchType, answerer, shadowFix, explanation, answererInServlet);
    }

    /** The framework's explanation of the diagnosed answer, or null. */
    public String explanation() {
        return explanation;
    }

    /** The framework's fix for a handshake its other handler took from its WebSocket endpoint, or null. */
    public String shadowFix() {
        return shadowFix;
    }

    /** Who answered as the framework behind the servlet describes it, or null. */
    public String answerer() {
        return answerer;
    }

    /** Unknown: the container exposes no mapping for this request. */
    public static Responder unknown() {
        return new Responder(null, null, null);
    }

    public String servletName() {
        return servletName;
    }

    public String pattern() {
        return pattern;
    }

    public String matchType() {
        return matchType;
    }

    public boolean isKnown() {
        return servletName != null && !servletName.isEmpty();
    }

    public boolean hasAnswerer() {
        return answerer != null && !answerer.isEmpty();
    }
}
