package dev.wsguard;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Defines wsguard's classes from its own class folder itself (child first) and records which it defined, and on which
 * thread: for tests that pin what loads on a container's deploying thread, where each class of wsguard's costs a cold
 * deployment about half a millisecond (docs/performance.md, "Startup cost").
 */
public final class RecordingLoader extends URLClassLoader {

    /** Each class defined, with the thread that defined it. */
    private final List<Defined> defined = new CopyOnWriteArrayList<>();

    private record Defined(String name, Thread thread) {
    }

    /** Over the class folder (or jar) that holds {@code member}, in front of the test's own loader. */
    public RecordingLoader(Class<?> member) {
        super(new URL[] {member.getProtectionDomain().getCodeSource().getLocation()}, member.getClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null && name.startsWith("dev.wsguard.") && findResource(name.replace('.', '/') + ".class") != null) {
                c = findClass(name);
                defined.add(new Defined(name, Thread.currentThread()));
            }
            return c != null ? c : super.loadClass(name, resolve);
        }
    }

    /** Every class this loader defined, in order. */
    public List<String> defined() {
        return defined.stream().map(Defined::name).toList();
    }

    /** The classes this loader defined on {@code thread}, in order. */
    public List<String> definedOn(Thread thread) {
        List<String> on = new ArrayList<>();
        for (Defined d : defined) {
            if (d.thread() == thread) {
                on.add(d.name());
            }
        }
        return on;
    }
}
