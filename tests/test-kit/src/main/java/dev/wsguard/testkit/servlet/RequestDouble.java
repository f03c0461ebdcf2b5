package dev.wsguard.testkit.servlet;

import dev.wsguard.testkit.http.Header;
import dev.wsguard.testkit.http.RawRequest;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.MappingMatch;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@code HttpServletRequest} made of a {@link RawRequest}, as a servlet mapped to {@code /} in the context
 * {@value #CONTEXT_PATH} sees it: headers looked up case-insensitively, working attributes, a servlet mapping,
 * asynchronous processing that a test completes, and counts of the calls that cost a container work (listing
 * header values or names, writing attributes), so a test can prove a request was left alone. Plain fields and
 * arrays: fast enough for fuzzing and benchmarks, and a header look-up allocates nothing.
 */
public class RequestDouble extends HttpServletRequestWrapper {

    /** Where the request's context is deployed unless {@link #contextPath} says otherwise. */
    public static final String CONTEXT_PATH = "/app";
    /** What {@link RawRequest#AUTHORITY} stands for in a double, which has no server behind it. */
    public static final String AUTHORITY = "127.0.0.1";

    private final String method;
    private final String protocol;
    private final String requestUri;
    private final String queryString;
    private final String[] names;
    private final String[] values;
    /** Each name once, in the case and order of its first line, as containers list them. */
    private final List<String> distinctNames;
    private final Map<String, Object> attributes = new HashMap<>();
    private String contextPath = CONTEXT_PATH;
    private String servletPath;
    private String remoteAddr = "127.0.0.1";
    private String scheme = "http";
    private DispatcherType dispatcherType = DispatcherType.REQUEST;
    private HttpServletMapping mapping = mappingOf("root", "/", MappingMatch.DEFAULT);
    private AsyncContextDouble async;
    private int headerValueListings;
    private int headerNameListings;
    private int attributeWrites;

    public RequestDouble(RawRequest head) {
        super(Inert.of(HttpServletRequest.class));
        this.method = head.method();
        this.protocol = head.version();
        int query = head.target().indexOf('?');
        this.requestUri = query >= 0 ? head.target().substring(0, query) : head.target();
        this.queryString = query >= 0 ? head.target().substring(query + 1) : null;
        List<Header> headers = head.headers();
        this.names = new String[headers.size()];
        this.values = new String[headers.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = headers.get(i).name();
            values[i] = headers.get(i).value().replace(RawRequest.AUTHORITY, AUTHORITY);
        }
        List<String> distinct = new ArrayList<>(names.length);
        for (String n : names) {
            if (distinct.stream().noneMatch(n::equalsIgnoreCase)) {
                distinct.add(n);
            }
        }
        this.distinctNames = List.copyOf(distinct);
        this.servletPath = servletPathIn(contextPath);
    }

    public static RequestDouble of(RawRequest head) {
        return new RequestDouble(head);
    }

    /** A valid upgrade to {@code target}: {@link RawRequest#validUpgrade}. */
    public static RequestDouble validUpgrade(String target) {
        return of(RawRequest.validUpgrade(target));
    }

    /** A GET of {@code target} with a Host header and nothing else. */
    public static RequestDouble get(String target) {
        return of(RawRequest.get(target).build());
    }

    /** A mapping as {@code HttpServletRequest.getHttpServletMapping} answers it. */
    public static HttpServletMapping mappingOf(String servletName, String pattern, MappingMatch match) {
        return new HttpServletMapping() {
            @Override
            public String getMatchValue() {
                return "";
            }

            @Override
            public String getPattern() {
                return pattern;
            }

            @Override
            public String getServletName() {
                return servletName;
            }

            @Override
            public MappingMatch getMappingMatch() {
                return match;
            }
        };
    }

    // ---- what a test sets ----

    /** Moves the request to another context; the servlet path is what follows it in the URI. */
    public RequestDouble contextPath(String path) {
        this.contextPath = path;
        this.servletPath = servletPathIn(path);
        return this;
    }

    public RequestDouble remoteAddr(String address) {
        this.remoteAddr = address;
        return this;
    }

    public RequestDouble scheme(String value) {
        this.scheme = value;
        return this;
    }

    public RequestDouble dispatcherType(DispatcherType type) {
        this.dispatcherType = type;
        return this;
    }

    /** The servlet the request is mapped to; null for a container that exposes no mapping. */
    public RequestDouble mapping(HttpServletMapping value) {
        this.mapping = value;
        return this;
    }

    /** Sets an attribute as the container (or an earlier filter) would, without counting it as a write. */
    public RequestDouble attribute(String name, Object value) {
        attributes.put(name, value);
        return this;
    }

    /** Forgets what an earlier pass through a filter left (attributes, asynchronous state, counts), for reuse. */
    public void recycle() {
        attributes.clear();
        async = null;
        headerValueListings = 0;
        headerNameListings = 0;
        attributeWrites = 0;
    }

    // ---- what a test reads ----

    /** How often {@link #getHeaders} was called: reading every value of a header. */
    public int headerValueListings() {
        return headerValueListings;
    }

    /** How often {@link #getHeaderNames} was called. */
    public int headerNameListings() {
        return headerNameListings;
    }

    /** How often {@link #setAttribute} was called. */
    public int attributeWrites() {
        return attributeWrites;
    }

    /** The asynchronous context once {@link #startAsync()} was called, else null. */
    public AsyncContextDouble async() {
        return async;
    }

    // ---- the servlet API ----

    @Override
    public String getMethod() {
        return method;
    }

    @Override
    public String getProtocol() {
        return protocol;
    }

    @Override
    public String getRequestURI() {
        return requestUri;
    }

    @Override
    public String getQueryString() {
        return queryString;
    }

    @Override
    public String getContextPath() {
        return contextPath;
    }

    @Override
    public String getServletPath() {
        return servletPath;
    }

    @Override
    public String getPathInfo() {
        return null;
    }

    @Override
    public String getScheme() {
        return scheme;
    }

    @Override
    public String getRemoteAddr() {
        return remoteAddr;
    }

    @Override
    public DispatcherType getDispatcherType() {
        return dispatcherType;
    }

    @Override
    public HttpServletMapping getHttpServletMapping() {
        return mapping;
    }

    @Override
    public String getHeader(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equalsIgnoreCase(name)) {
                return values[i];
            }
        }
        return null;
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        headerValueListings++;
        List<String> found = new ArrayList<>(2);
        for (int i = 0; i < names.length; i++) {
            if (names[i].equalsIgnoreCase(name)) {
                found.add(values[i]);
            }
        }
        return Collections.enumeration(found);
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        headerNameListings++;
        return Collections.enumeration(distinctNames);
    }

    @Override
    public Object getAttribute(String name) {
        return attributes.get(name);
    }

    @Override
    public Enumeration<String> getAttributeNames() {
        return Collections.enumeration(new ArrayList<>(attributes.keySet()));
    }

    @Override
    public void setAttribute(String name, Object value) {
        attributeWrites++;
        attributes.put(name, value);
    }

    @Override
    public void removeAttribute(String name) {
        attributes.remove(name);
    }

    @Override
    public boolean isAsyncSupported() {
        return true;
    }

    @Override
    public boolean isAsyncStarted() {
        return async != null && !async.isCompleted();
    }

    @Override
    public AsyncContext getAsyncContext() {
        if (async == null) {
            throw new IllegalStateException("startAsync() was not called on this request");
        }
        return async;
    }

    @Override
    public AsyncContext startAsync() {
        return startAsync(this, null);
    }

    @Override
    public AsyncContext startAsync(ServletRequest request, ServletResponse response) {
        async = new AsyncContextDouble(request, response);
        return async;
    }

    @Override
    public String toString() {
        return method + " " + requestUri + " " + protocol;
    }

    private String servletPathIn(String context) {
        return !context.isEmpty() && requestUri.startsWith(context) ? requestUri.substring(context.length())
                : requestUri;
    }
}
