package dev.wsguard.text;

/**
 * The Servlet and WebSocket namespace this build of wsguard runs in: {@code jakarta}, or {@code javax} in
 * wsguard-filter-javax, which the Eclipse Transformer makes from this same jar at build time (filter-javax/).
 *
 * <p>Every name that depends on the namespace is built from {@link #HOME} and {@link #OTHER}, never written as a
 * string literal: the Transformer rewrites only the literals it recognises as package names (not one after a
 * {@code /}, nor one inside a longer word), and the other namespace's names must not change at all. Elsewhere in
 * the code, "jakarta" in an identifier means this namespace and "javax" the other one.
 */
public final class Namespace {

    /**
     * A package-qualified name the Transformer rewrites to {@code javax.servlet.Filter}. A string rather than a
     * class literal, so reading it loads nothing: the probe shades these classes without any Servlet API.
     */
    private static final String SERVLET_FILTER = "jakarta.servlet.Filter";

    /** {@code jakarta}, or {@code javax} in wsguard-filter-javax. */
    public static final String HOME = SERVLET_FILTER.substring(0, SERVLET_FILTER.indexOf('.'));

    /** The namespace this build does not run in: endpoints and APIs of it are never deployed here (WSG11). */
    public static final String OTHER = "javax".equals(HOME) ? "jakarta" : "javax";

    /** The API's name in prose: {@code Jakarta WebSocket}, or {@code javax WebSocket} (JSR 356). */
    public static final String WEBSOCKET_API = "javax".equals(HOME) ? "javax WebSocket" : "Jakarta WebSocket";

    /** {@code Jakarta} or {@code Javax}, as Jetty 12 starts the names of its initializers with it. */
    public static final String TITLE = Character.toUpperCase(HOME.charAt(0)) + HOME.substring(1);

    private Namespace() {
    }

    /** Whether this is the javax build (Servlet 4, Java EE 8 containers). */
    public static boolean isJavax() {
        return "javax".equals(HOME);
    }

    /** {@code HOME + "." + rest}: {@code home("websocket.server.ServerContainer")}. */
    public static String home(String rest) {
        return HOME + "." + rest;
    }

    /** {@code OTHER + "." + rest}. */
    public static String other(String rest) {
        return OTHER + "." + rest;
    }

    /** As binary names and jar entries write it: {@code homePath("websocket/")} is {@code jakarta/websocket/}. */
    public static String homePath(String rest) {
        return HOME + "/" + rest;
    }

    /** {@code OTHER + "/" + rest}. */
    public static String otherPath(String rest) {
        return OTHER + "/" + rest;
    }

    /** {@code {ns}} and {@code {otherNs}} in a phrase of wsguard's own wording, filled in once when it is read. */
    static String fillIn(String phrase) {
        return phrase.replace("{ns}", HOME).replace("{otherNs}", OTHER);
    }
}
