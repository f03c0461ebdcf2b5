package dev.wsguard.fuzz;

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
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Servlet objects for fuzzing the whole filter: plain fields, fast enough for millions of
 * executions (a mocking framework is not), and a response that records exactly what the filter
 * wrote.
 */
final class Fakes {

    private Fakes() {
    }

    @SuppressWarnings("unchecked")
    static <T> T inert(Class<T> type, Map<String, Object> answers) {
        return (T) Proxy.newProxyInstance(Fakes.class.getClassLoader(), new Class<?>[] {type}, (p, m, a) -> {
            if (answers.containsKey(m.getName())) {
                return answers.get(m.getName());
            }
            if (m.getReturnType() == Enumeration.class) {
                return Collections.emptyEnumeration();
            }
            if (m.getReturnType() == boolean.class) {
                return false;
            }
            if (m.getReturnType() == int.class || m.getReturnType() == long.class) {
                return 0;
            }
            return m.getName().equals("toString") ? "fake " + type.getSimpleName() : null;
        });
    }

    static FilterConfig config(Map<String, String> params) {
        Map<String, Object> answers = new HashMap<>();
        // Not /app: these filters live as long as the test JVM, beside unit tests that register /app.
        answers.put("getContextPath", "/fuzz");
        answers.put("getServerInfo", "fuzz/1.0");
        answers.put("getClassLoader", Fakes.class.getClassLoader());
        answers.put("getAttribute", new Object());
        ServletContext context = inert(ServletContext.class, answers);
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

    /** A request made of a parsed head; attributes work, as the filter marks requests. */
    static final class Request extends HttpServletRequestWrapper {
        private final RequestHead head;
        private final Map<String, Object> attributes = new HashMap<>();
        private final String uri;

        Request(RequestHead head) {
            super(inert(HttpServletRequest.class, Map.of()));
            this.head = head;
            int q = head.target.indexOf('?');
            this.uri = q >= 0 ? head.target.substring(0, q) : head.target;
        }

        @Override
        public String getHeader(String name) {
            return head.header(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return Collections.enumeration(head.values(name));
        }

        @Override
        public String getMethod() {
            return head.method;
        }

        @Override
        public String getRequestURI() {
            return uri;
        }

        @Override
        public String getContextPath() {
            return "/fuzz";
        }

        @Override
        public String getServletPath() {
            return uri;
        }

        @Override
        public String getProtocol() {
            return head.protocol;
        }

        @Override
        public String getRemoteAddr() {
            String forged = head.header("X-Remote");
            return forged != null ? forged : "127.0.0.1";
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
        public HttpServletMapping getHttpServletMapping() {
            String servlet = head.header("X-Servlet");
            return new HttpServletMapping() {
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
                    return servlet != null ? servlet : "default";
                }

                @Override
                public MappingMatch getMappingMatch() {
                    return MappingMatch.DEFAULT;
                }
            };
        }
    }

    /** A response that keeps status, headers and body, commits when flushed or past 8 KiB. */
    static final class Response extends HttpServletResponseWrapper {
        int status = 200;
        String contentType;
        final List<String[]> headers = new ArrayList<>();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        final StringWriter chars = new StringWriter();
        boolean committed;
        private final ServletOutputStream stream = new ServletOutputStream() {
            @Override
            public void write(int b) {
                body.write(b);
                committed |= body.size() > 8192;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                body.write(b, off, len);
                committed |= body.size() > 8192;
            }

            @Override
            public void flush() {
                committed = true;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener l) {
            }
        };
        private final PrintWriter writer = new PrintWriter(chars);

        Response() {
            super(inert(HttpServletResponse.class, Map.of()));
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
        public void sendError(int sc) {
            status = sc;
            committed = true;
        }

        @Override
        public void sendRedirect(String location) {
            status = 302;
            headers.add(new String[] {"Location", location});
            committed = true;
        }

        @Override
        public void setHeader(String name, String value) {
            headers.removeIf(h -> h[0].equalsIgnoreCase(name));
            headers.add(new String[] {name, value});
        }

        @Override
        public void addHeader(String name, String value) {
            headers.add(new String[] {name, value});
        }

        @Override
        public String getHeader(String name) {
            for (String[] h : headers) {
                if (h[0].equalsIgnoreCase(name)) {
                    return h[1];
                }
            }
            return null;
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
            return stream;
        }

        @Override
        public PrintWriter getWriter() {
            return writer;
        }

        @Override
        public boolean isCommitted() {
            return committed;
        }

        @Override
        public void flushBuffer() {
            committed = true;
        }

        @Override
        public void reset() {
            if (committed) {
                throw new IllegalStateException("committed");
            }
            status = 200;
            contentType = null;
            headers.clear();
            body.reset();
            chars.getBuffer().setLength(0);
        }

        @Override
        public void resetBuffer() {
            reset();
        }

        @Override
        public void setContentLength(int len) {
        }
    }
}
