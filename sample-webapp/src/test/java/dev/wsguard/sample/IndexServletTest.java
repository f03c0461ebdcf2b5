package dev.wsguard.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
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

    @Test
    void placeholdersAreFilledOnceAndUnknownOnesLeftAlone() {
        String page = IndexServlet.renderPage("<body data-context-path=\"${ctx}\" data-mode=\"${mode}\">${modeSwitch} ${other}",
                "/${mode}<x>", "enforce", "<nav></nav>");
        assertEquals("<body data-context-path=\"/${mode}&lt;x&gt;\" data-mode=\"enforce\"><nav></nav> ${other}", page);
    }

    @Test
    void theModeSwitchLinksEveryCopyOfTheSampleAndMarksTheCurrentOne() {
        List<GuardedContexts.Guarded> guarded = List.of(
                new GuardedContexts.Guarded("", "log", List.of()),
                new GuardedContexts.Guarded("/demo", "log", List.of("/echo", "/chat/{room}", "/ticker")),
                new GuardedContexts.Guarded("/demo-enforce", "enforce", List.of("/echo", "/chat/{room}", "/ticker")),
                new GuardedContexts.Guarded("/other", "log", List.of("/live")));
        String html = IndexServlet.modeSwitch(guarded, "/demo-enforce", "enforce");
        assertEquals("<nav class=\"modes\" aria-label=\"wsguard mode\">"
                + "<a class=\"mode\" href=\"/demo/\" data-mode=\"log\"><strong>log</strong><span>/demo</span></a>"
                + "<a class=\"mode current\" aria-current=\"page\" href=\"/demo-enforce/\" data-mode=\"enforce\">"
                + "<strong>enforce</strong><span>/demo-enforce</span></a></nav>", html);
    }

    @Test
    void withoutMBeansTheSwitchShowsTheCurrentModeOnly() {
        String html = IndexServlet.modeSwitch(List.of(), "/x\"y", "log");
        assertTrue(html.contains("href=\"/x&quot;y/\""), html);
        assertTrue(html.contains("class=\"mode current\""), html);
        assertEquals(1, html.split("<a ").length - 1, html);
    }
}
