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

    public Responder(String servletName, String pattern, String matchType) {
        this.servletName = servletName;
        this.pattern = pattern;
        this.matchType = matchType;
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
}
