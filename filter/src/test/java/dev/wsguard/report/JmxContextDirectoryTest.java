package dev.wsguard.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.wsguard.endpoints.ContextEndpoints;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class JmxContextDirectoryTest {

    @Test
    void seesOtherContextsOfTheSameServerOnly() throws Exception {
        GuardCounters c = new GuardCounters();
        try (JmxRegistration app = JmxRegistration.register(new GuardMBean(c, "log", "/dirapp",
                new String[] {"/echo", "/chat/{room}", "not a template"}, "jetty/12.1.14"), "/dirapp");
                JmxRegistration root = JmxRegistration.register(new GuardMBean(c, "log", "",
                        new String[] {"/"}, "jetty/12.1.14"), "ROOT");
                JmxRegistration elsewhere = JmxRegistration.register(new GuardMBean(c, "log", "/dirother",
                        new String[] {"/x"}, "Apache Tomcat/11.0.27"), "/dirother")) {
            List<ContextEndpoints> seen = new JmxContextDirectory("", "jetty/12.1.14").otherContexts();
            List<String> contexts = seen.stream().map(ContextEndpoints::contextPath).collect(Collectors.toList());
            assertEquals(List.of("/dirapp"), contexts);
            assertEquals(List.of("/echo", "/chat/{room}"), seen.get(0).templates().stream().map(Object::toString)
                    .collect(Collectors.toList()));
        }
    }

    @Test
    void reusesAReadingUntilAnMBeanComesOrGoes() throws Exception {
        GuardCounters c = new GuardCounters();
        JmxContextDirectory directory = new JmxContextDirectory("", "reuse/1");
        try (JmxRegistration first = JmxRegistration.register(new GuardMBean(c, "log", "/reuse1",
                new String[] {"/a"}, "reuse/1"), "/reuse1")) {
            List<ContextEndpoints> seen = directory.otherContexts();
            assertSame(seen, directory.otherContexts(), "a second incident within a second reads JMX again");
            try (JmxRegistration second = JmxRegistration.register(new GuardMBean(c, "log", "/reuse2",
                    new String[] {"/b"}, "reuse/1"), "/reuse2")) {
                assertEquals(List.of("/reuse1", "/reuse2"), directory.otherContexts().stream()
                        .map(ContextEndpoints::contextPath).collect(Collectors.toList()));
            }
            assertEquals(List.of("/reuse1"), directory.otherContexts().stream()
                    .map(ContextEndpoints::contextPath).collect(Collectors.toList()));
        }
    }
}
