package dev.wsguard.report;

import dev.wsguard.diagnosis.DiagnosisCode;
import dev.wsguard.text.Sanitizer;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.LongSupplier;
import java.util.logging.Level;

/**
 * Rate limiting of incident lines. The first (code, path) in a window is logged whole; repeats
 * inside the window are counted, and one summary line per key reports the count when the window
 * ends. At most {@code maxKeys} pairs are tracked; past that, every incident goes to one overflow
 * bucket, which logs the first of each code whole and counts the rest per code, and ends its window
 * with one summary line of those counts. A flood of random paths grows neither memory nor the log.
 */
public final class IncidentLog {

    /** Where lines go. */
    public interface Sink {
        void write(Level level, String line);
    }

    /** At most 1024 keys, then one overflow bucket (docs/how-it-works.md, "Rules of behaviour"). */
    public static final int DEFAULT_MAX_KEYS = 1024;

    private final Sink sink;
    private final long windowNanos;
    private final int maxKeys;
    private final LongSupplier clock;
    private final Map<Key, Window> windows = new ConcurrentHashMap<>();
    private final AtomicInteger tracked = new AtomicInteger();
    private final AtomicReference<Overflow> overflow = new AtomicReference<>();
    private final long windowSeconds;

    public IncidentLog(Sink sink, int windowSeconds, int maxKeys, LongSupplier nanoClock) {
        this.sink = sink;
        this.windowSeconds = windowSeconds;
        this.windowNanos = windowSeconds * 1_000_000_000L;
        this.maxKeys = maxKeys;
        this.clock = nanoClock;
    }

    /**
     * Whether this incident should be logged in full now. If not, it has been counted for the
     * summary. Callers render the line only when this says yes.
     */
    public boolean admit(DiagnosisCode code, Level level, String path) {
        long now = clock.getAsLong();
        String p = path == null ? "" : path.length() > Sanitizer.FIELD_LIMIT ? path.substring(0, Sanitizer.FIELD_LIMIT)
                : path;
        Key key = new Key(code, p);
        Window w = windows.get(key);
        if (w != null) {
            if (now - w.start < windowNanos) {
                w.repeats.incrementAndGet();
                return false;
            }
            end(key, w);
        }
        if (tracked.incrementAndGet() > maxKeys) {
            tracked.decrementAndGet();
            return admitOverflow(code, level, now);
        }
        Window fresh = new Window(code, level, p, now);
        Window raced = windows.putIfAbsent(key, fresh);
        if (raced != null) {
            tracked.decrementAndGet();
            raced.repeats.incrementAndGet();
            return false;
        }
        return true;
    }

    private boolean admitOverflow(DiagnosisCode code, Level level, long now) {
        while (true) {
            Overflow current = overflow.get();
            if (current != null && now - current.start < windowNanos) {
                return current.admit(code, level);
            }
            Overflow fresh = new Overflow(now);
            if (overflow.compareAndSet(current, fresh)) {
                if (current != null) {
                    summarize(current);
                }
                return fresh.admit(code, level);
            }
        }
    }

    /** Writes a line unconditionally (startup lines, or a line {@link #admit} allowed). */
    public void write(Level level, String line) {
        sink.write(level, line);
    }

    /** Ends every window whose time is up, writing its summary if it counted repeats. */
    public void sweep() {
        long now = clock.getAsLong();
        for (Iterator<Map.Entry<Key, Window>> it = windows.entrySet().iterator(); it.hasNext();) {
            Map.Entry<Key, Window> e = it.next();
            if (now - e.getValue().start >= windowNanos) {
                end(e.getKey(), e.getValue());
            }
        }
        Overflow o = overflow.get();
        if (o != null && now - o.start >= windowNanos && overflow.compareAndSet(o, null)) {
            summarize(o);
        }
    }

    /** Ends every window now (the filter is going away): no count is lost. */
    public void flush() {
        for (Map.Entry<Key, Window> e : windows.entrySet()) {
            end(e.getKey(), e.getValue());
        }
        Overflow o = overflow.getAndSet(null);
        if (o != null) {
            summarize(o);
        }
    }

    /** How many (code, path) pairs are tracked now; never more than maxKeys. */
    public int trackedKeys() {
        return tracked.get();
    }

    private void end(Key key, Window w) {
        if (windows.remove(key, w)) {
            tracked.decrementAndGet();
            summarize(w);
        }
    }

    private void summarize(Window w) {
        long repeats = w.repeats.get();
        if (repeats > 0) {
            sink.write(w.level, w.code + " repeated " + repeats + " more " + times(repeats) + " for "
                    + Sanitizer.field(w.path) + " in the last " + windowSeconds + " s (the first was logged in full)");
        }
    }

    /**
     * One line for the whole overflow bucket, starting with the first code it counted: "WSG01 occurred 9 more
     * times, WSG02 1 more time in the last 60 s on paths not tracked one by one (...)".
     */
    private void summarize(Overflow o) {
        StringBuilder counts = new StringBuilder();
        Level level = null;
        int codes = 0;
        for (DiagnosisCode code : DiagnosisCode.values()) {
            long repeats = o.repeats.get(code.ordinal());
            if (repeats > 0) {
                counts.append(codes++ == 0 ? "" : ", ").append(code).append(codes == 1 ? " occurred " : " ")
                        .append(repeats).append(" more ").append(times(repeats));
                Level l = o.levels.get(code.ordinal());
                level = level == null || l.intValue() > level.intValue() ? l : level;
            }
        }
        if (codes > 0) {
            sink.write(level, counts + " in the last " + windowSeconds + " s on paths not tracked one by one (more"
                    + " than " + maxKeys + " distinct code and path pairs; the first " + (codes == 1 ? "was" : "of"
                    + " each code was") + " logged in full)");
        }
    }

    private static String times(long n) {
        return n == 1 ? "time" : "times";
    }

    private static final class Key {
        private final DiagnosisCode code;
        private final String path;

        Key(DiagnosisCode code, String path) {
            this.code = code;
            this.path = path;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key && ((Key) o).code == code && ((Key) o).path.equals(path);
        }

        @Override
        public int hashCode() {
            return code.hashCode() * 31 + path.hashCode();
        }
    }

    private static final class Window {
        private final DiagnosisCode code;
        private final Level level;
        private final String path;
        private final long start;
        private final AtomicLong repeats = new AtomicLong();

        Window(DiagnosisCode code, Level level, String path, long start) {
            this.code = code;
            this.level = level;
            this.path = path;
            this.start = start;
        }
    }

    /** The one bucket for incidents past maxKeys: state bounded by the number of codes, whatever the paths. */
    private static final class Overflow {
        private final long start;
        private final AtomicIntegerArray logged = new AtomicIntegerArray(DiagnosisCode.values().length);
        private final AtomicLongArray repeats = new AtomicLongArray(DiagnosisCode.values().length);
        private final AtomicReferenceArray<Level> levels = new AtomicReferenceArray<>(DiagnosisCode.values().length);

        Overflow(long start) {
            this.start = start;
        }

        /** True for the first incident of its code in this window (logged whole); later ones are counted. */
        boolean admit(DiagnosisCode code, Level level) {
            int i = code.ordinal();
            levels.accumulateAndGet(i, level, (had, now) -> had == null || now.intValue() > had.intValue() ? now : had);
            if (logged.compareAndSet(i, 0, 1)) {
                return true;
            }
            repeats.incrementAndGet(i);
            return false;
        }
    }
}
