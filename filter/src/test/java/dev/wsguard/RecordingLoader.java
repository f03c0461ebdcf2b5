package dev.wsguard;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Defines wsguard's classes from its own class folder itself (child first) and records which it defined, and on which
 * thread: for tests that pin what loads on a container's deploying thread, where each class of wsguard's costs a cold
 * deployment about half a millisecond (docs/performance.md, "Startup cost").
 */
public final class RecordingLoader extends URLClassLoader {

    private final List<String> defined = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();

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
                defined.add(name);
                threads.add(Thread.currentThread());
            }
            return c != null ? c : super.loadClass(name, resolve);
        }
    }

    /** Every class this loader defined, in order. */
    public List<String> defined() {
        return List.copyOf(defined);
    }

    /** The classes this loader defined on {@code thread}, in order. */
    public List<String> definedOn(Thread thread) {
        List<String> on = new java.util.ArrayList<>();
        for (int i = 0; i < defined.size(); i++) {
            if (threads.get(i) == thread) {
                on.add(defined.get(i));
            }
        }
        return on;
    }
}
