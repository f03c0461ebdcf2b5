package dev.wsguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.testkit.servlet.AsyncContextDouble;
import dev.wsguard.testkit.servlet.RequestDouble;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class AsyncFollowerTest {

    /**
     * WildFly's rule (its WebComponentProcessor): every concrete class of a webapp's jars that implements
     * AsyncListener becomes an EE component, and one without a no-arg constructor is logged as an optional component
     * not installed (WFLYEE0007) in every webapp that is not a CDI bean archive. The filter's jar must have none.
     */
    @Test
    void noClassOfTheFilterIsAConcreteAsyncListener() throws Exception {
        Path classes = Path.of(AsyncFollower.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> listeners;
        try (Stream<Path> files = Files.walk(classes)) {
            listeners = files.filter(f -> f.toString().endsWith(".class"))
                    .map(f -> classes.relativize(f).toString().replace('\\', '/'))
                    .map(name -> name.substring(0, name.length() - ".class".length()).replace('/', '.'))
                    .filter(AsyncFollowerTest::isConcreteAsyncListener)
                    .toList();
        }
        assertEquals(List.of(), listeners, "WildFly would take these for EE components");
        assertTrue(isConcreteAsyncListener(RecordingListener.class.getName()), "the check finds one where there is one");
    }

    @Test
    void concludesOnceAndFollowsANewStartAsync() throws Exception {
        RequestDouble request = RequestDouble.validUpgrade("/app/ecco");
        request.startAsync();
        AsyncContextDouble async = request.async();
        AtomicInteger conclusions = new AtomicInteger();
        AsyncListener listener = AsyncFollower.listener(conclusions::incrementAndGet, null);

        listener.onStartAsync(new AsyncEvent(async));
        assertEquals(1, async.listeners().size());
        assertSame(listener, async.listeners().get(0), "re-registers the listener the container knows");

        listener.onTimeout(new AsyncEvent(async));
        listener.onError(new AsyncEvent(async));
        assertEquals(0, conclusions.get(), "a timeout or an error is followed by completion, which concludes");
        listener.onComplete(new AsyncEvent(async));
        listener.onComplete(new AsyncEvent(async));
        assertEquals(1, conclusions.get());
    }

    @Test
    void eachListenerEqualsOnlyItself() {
        AsyncListener one = AsyncFollower.listener(() -> { }, null);
        AsyncListener other = AsyncFollower.listener(() -> { }, null);
        assertEquals(one, one);
        assertNotEquals(one, other);
        assertFalse(one.equals(null));
        assertEquals(System.identityHashCode(one), one.hashCode());
        assertTrue(one.toString().contains("wsguard"), one.toString());
    }

    private static boolean isConcreteAsyncListener(String className) {
        try {
            Class<?> type = Class.forName(className, false, AsyncFollowerTest.class.getClassLoader());
            return AsyncListener.class.isAssignableFrom(type) && !type.isInterface()
                    && !Modifier.isAbstract(type.getModifiers());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new AssertionError("cannot load " + className, e);
        }
    }

    /** Only for the check's own control: a class WildFly would take for a component. */
    private static final class RecordingListener implements AsyncListener {
        @Override
        public void onComplete(AsyncEvent event) {
        }

        @Override
        public void onTimeout(AsyncEvent event) {
        }

        @Override
        public void onError(AsyncEvent event) {
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }
    }
}
