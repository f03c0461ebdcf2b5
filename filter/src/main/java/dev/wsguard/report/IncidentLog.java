package dev.wsguard.report;

import dev.wsguard.diagnosis.DiagnosisCode;
import dev.wsguard.text.Sanitizer;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.LongSupplier;
import java.util.logging.Level;

/**
 * Rate limiting of incident lines. The first (code, path) in a window is logged whole; repeats
 * inside the window are counted, and one summary line per key reports the count when the window
 * ends. At most {@code maxKeys} pairs are tracked; past that, each code has one overflow bucket,
 * so a flood of random paths grows neither memory nor the log.
 */
public final class IncidentLog {

    /** Where lines go. */
    public interface Sink {
        void write(Level level, String line);
    }

    /** SPEC: at most 1024 keys, then one overflow bucket. */
    public static final int DEFAULT_MAX_KEYS = 1024;

    private final Sink sink;
    private final long windowNanos;
    private final int maxKeys;
    private final LongSupplier clock;
    private final Map<Key, Window> windows = new ConcurrentHashMap<>();
    private final AtomicInteger tracked = new AtomicInteger();
    private final AtomicReferenceArray<Window> overflow = new AtomicReferenceArray<>(DiagnosisCode.values().length);
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
        Window fresh = new Window(code, level, p, now, false);
        Window raced = windows.putIfAbsent(key, fresh);
        if (raced != null) {
            tracked.decrementAndGet();
            raced.repeats.incrementAndGet();
            return false;
        }
        return true;
    }

    private boolean admitOverflow(DiagnosisCode code, Level level, long now) {
        int slot = code.ordinal();
        while (true) {
            Window current = overflow.get(slot);
            if (current != null && now - current.start < windowNanos) {
                current.repeats.incrementAndGet();
                return false;
            }
            Window fresh = new Window(code, level, null, now, true);
            if (overflow.compareAndSet(slot, current, fresh)) {
                if (current != null) {
                    summarize(current);
                }
                return true;
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
        for (int i = 0; i < overflow.length(); i++) {
            Window o = overflow.get(i);
            if (o != null && now - o.start >= windowNanos && overflow.compareAndSet(i, o, null)) {
                summarize(o);
            }
        }
    }

    /** Ends every window now (the filter is going away): no count is lost. */
    public void flush() {
        for (Map.Entry<Key, Window> e : windows.entrySet()) {
            end(e.getKey(), e.getValue());
        }
        for (int i = 0; i < overflow.length(); i++) {
            Window o = overflow.getAndSet(i, null);
            if (o != null) {
                summarize(o);
            }
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
        if (repeats <= 0) {
            return;
        }
        if (w.overflow) {
            sink.write(w.level, w.code + " occurred " + repeats + " more " + times(repeats) + " in the last "
                    + windowSeconds + " s on paths not tracked one by one (more than " + maxKeys
                    + " distinct code and path pairs; the first was logged in full)");
        } else {
            sink.write(w.level, w.code + " repeated " + repeats + " more " + times(repeats) + " for "
                    + Sanitizer.field(w.path) + " in the last " + windowSeconds + " s (the first was logged in full)");
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
        private final boolean overflow;
        private final AtomicLong repeats = new AtomicLong();

        Window(DiagnosisCode code, Level level, String path, long start, boolean overflow) {
            this.code = code;
            this.level = level;
            this.path = path;
            this.start = start;
            this.overflow = overflow;
        }
    }
}
