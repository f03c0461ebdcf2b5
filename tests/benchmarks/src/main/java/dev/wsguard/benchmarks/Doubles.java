package dev.wsguard.benchmarks;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import jakarta.servlet.http.MappingMatch;
import java.io.PrintWriter;
import java.io.Writer;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Hand-made servlet objects for the decision benchmark: plain fields, no mocking framework, so
 * the nanoseconds measured are the filter's. Methods nothing calls are left to a proxy that
 * answers null (or an empty enumeration).
 */
final class Doubles {

    private Doubles() {
    }

    @SuppressWarnings("unchecked")
    static <T> T inert(Class<T> type) {
        return (T) Proxy.newProxyInstance(Doubles.class.getClassLoader(), new Class<?>[] {type}, (p, m, a) -> {
            if (m.getReturnType() == Enumeration.class) {
                return Collections.emptyEnumeration();
            }
            if (m.getReturnType() == boolean.class) {
                return false;
            }
            if (m.getReturnType() == int.class || m.getReturnType() == long.class) {
                return 0;
            }
            if (m.getName().equals("toString")) {
                return "inert " + type.getSimpleName();
            }
            return null;
        });
    }

    /** A servlet context at /app with the given context-params, as a container would hand it to init(). */
    static ServletContext context() {
        ServletContext inert = inert(ServletContext.class);
        return (ServletContext) Proxy.newProxyInstance(Doubles.class.getClassLoader(),
                new Class<?>[] {ServletContext.class}, (p, m, a) -> {
                    switch (m.getName()) {
                        case "getContextPath":
                            return "/app";
                        case "getServerInfo":
                            return "benchmark";
                        case "getClassLoader":
                            return Doubles.class.getClassLoader();
                        default:
                            return m.invoke(inert, a);
                    }
                });
    }

    static FilterConfig filterConfig(ServletContext context, Map<String, String> params) {
        return new FilterConfig() {
            @Override
            public String getFilterName() {
                return "wsguard";
            }

            @Override
            public ServletContext getServletContext() {
                return context;
            }

            @Override
            public String getInitParameter(String name) {
                return params.get(name);
            }

            @Override
            public Enumeration<String> getInitParameterNames() {
                return Collections.enumeration(params.keySet());
            }
        };
    }

    /** A request whose headers are looked up the way containers do: case-insensitively, by name. */
    static final class Request extends HttpServletRequestWrapper {
        private final String method;
        private final String uri;
        private final String servletPath;
        private final String[] names;
        private final String[] values;
        private final Map<String, Object> attributes = new HashMap<>();
        private final HttpServletMapping mapping = new HttpServletMapping() {
            @Override
            public String getMatchValue() {
                return "";
            }

            @Override
            public String getPattern() {
                return "/";
            }

            @Override
            public String getServletName() {
                return "default";
            }

            @Override
            public MappingMatch getMappingMatch() {
                return MappingMatch.DEFAULT;
            }
        };

        Request(String method, String uri, String... headers) {
            super(inert(HttpServletRequest.class));
            this.method = method;
            this.uri = uri;
            this.servletPath = uri.startsWith("/app/") ? uri.substring(4) : uri;
            this.names = new String[headers.length / 2];
            this.values = new String[headers.length / 2];
            for (int i = 0; i < names.length; i++) {
                names[i] = headers[2 * i];
                values[i] = headers[2 * i + 1];
            }
        }

        /** Forget what the previous invocation left (the filter marks requests it handled). */
        void reset() {
            attributes.clear();
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
            List<String> found = new ArrayList<>(2);
            for (int i = 0; i < names.length; i++) {
                if (names[i].equalsIgnoreCase(name)) {
                    found.add(values[i]);
                }
            }
            return Collections.enumeration(found);
        }

        @Override
        public String getMethod() {
            return method;
        }

        @Override
        public String getRequestURI() {
            return uri;
        }

        @Override
        public String getContextPath() {
            return "/app";
        }

        // As a servlet mapped to "/" sees it: the whole path within /app.
        @Override
        public String getServletPath() {
            return servletPath;
        }

        @Override
        public String getProtocol() {
            return "HTTP/1.1";
        }

        @Override
        public String getRemoteAddr() {
            return "127.0.0.1";
        }

        @Override
        public DispatcherType getDispatcherType() {
            return DispatcherType.REQUEST;
        }

        @Override
        public Object getAttribute(String name) {
            return attributes.get(name);
        }

        @Override
        public void setAttribute(String name, Object o) {
            attributes.put(name, o);
        }

        @Override
        public void removeAttribute(String name) {
            attributes.remove(name);
        }

        @Override
        public boolean isAsyncStarted() {
            return false;
        }

        @Override
        public HttpServletMapping getHttpServletMapping() {
            return mapping;
        }
    }

    /** A response that keeps status and headers and throws the body away. */
    static final class Response extends HttpServletResponseWrapper {
        private int status = 200;
        private String contentType;
        private final Map<String, String> headers = new HashMap<>();
        private final ServletOutputStream sink = new ServletOutputStream() {
            @Override
            public void write(int b) {
            }

            @Override
            public void write(byte[] b, int off, int len) {
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener l) {
            }
        };
        private final PrintWriter writer = new PrintWriter(Writer.nullWriter());

        Response() {
            super(inert(HttpServletResponse.class));
        }

        void reset200() {
            status = 200;
            contentType = null;
            headers.clear();
        }

        @Override
        public void setStatus(int sc) {
            status = sc;
        }

        @Override
        public int getStatus() {
            return status;
        }

        @Override
        public void setHeader(String name, String value) {
            headers.put(name.toLowerCase(Locale.ROOT), value);
        }

        @Override
        public String getHeader(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        @Override
        public void setContentType(String type) {
            contentType = type;
        }

        @Override
        public String getContentType() {
            return contentType;
        }

        @Override
        public String getCharacterEncoding() {
            return "UTF-8";
        }

        @Override
        public ServletOutputStream getOutputStream() {
            return sink;
        }

        @Override
        public PrintWriter getWriter() {
            return writer;
        }

        @Override
        public boolean isCommitted() {
            return false;
        }

        @Override
        public void reset() {
            reset200();
        }

        @Override
        public void setContentLength(int len) {
        }
    }
}
