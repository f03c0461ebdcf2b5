package dev.wsguard;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** The last incident lines logged in full, at most {@link #LIMIT}, for {@link GuardSnapshot}. */
final class RecentLines {

    /** How many lines are kept. */
    static final int LIMIT = 20;

    private final ArrayDeque<String> lines = new ArrayDeque<>(LIMIT);

    synchronized void add(String line) {
        if (lines.size() == LIMIT) {
            lines.removeFirst();
        }
        lines.addLast(line);
    }

    /** Oldest first. */
    synchronized List<String> list() {
        return new ArrayList<>(lines);
    }
}
