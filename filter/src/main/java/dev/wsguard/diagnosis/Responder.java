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

    public Responder(String servletName, String pattern, String matchType) {
        this(servletName, pattern, matchType, null);
    }

    private Responder(String servletName, String pattern, String matchType, String answerer) {
        this.servletName = servletName;
        this.pattern = pattern;
        this.matchType = matchType;
        this.answerer = answerer;
    }

    /**
     * This responder, with who answered inside the servlet as the framework describes it ("Spring handler
     * SpaController#fallback (pattern /{page})"); null keeps the mapping alone.
     */
    public Responder withAnswerer(String description) {
        return new Responder(servletName, pattern, matchType, description);
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
