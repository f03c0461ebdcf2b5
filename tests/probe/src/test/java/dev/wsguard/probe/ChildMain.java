package dev.wsguard.probe;

import java.io.IOException;
import java.io.InputStream;

/**
 * The main class of a child JVM a test starts (the Spring Boot sample): runs the main class named by its first
 * argument with the others, and ends the JVM when its stdin closes, that is when the test JVM that holds the other end
 * of the pipe stops it or dies. Loads nothing of the test class path but this class (no JUnit, no container).
 */
public final class ChildMain {

    private ChildMain() {
    }

    public static void main(String[] args) throws Exception {
        Thread watch = new Thread(() -> {
            InputStream in = System.in;
            try {
                while (in.read() >= 0) {
                    // Nothing is ever written: the pipe only says the parent is there.
                }
            } catch (IOException e) {
                // Closed: the parent is gone.
            }
            Runtime.getRuntime().halt(0);
        }, "parent-watch");
        watch.setDaemon(true);
        watch.start();
        String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
        Class.forName(args[0]).getMethod("main", String[].class).invoke(null, (Object) rest);
    }
}
