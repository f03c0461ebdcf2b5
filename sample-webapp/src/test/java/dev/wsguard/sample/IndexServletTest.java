package dev.wsguard.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class IndexServletTest {

    @Test
    void contextPathIsEscapedForTheHtmlAttribute() {
        assertEquals("/a&quot;&gt;&lt;script&gt;&amp;&#39;", IndexServlet.escapeHtml("/a\"><script>&'"));
    }

    @Test
    void ordinaryContextPathIsUnchanged() {
        assertEquals("/app", IndexServlet.escapeHtml("/app"));
        assertEquals("", IndexServlet.escapeHtml(""));
    }
}
