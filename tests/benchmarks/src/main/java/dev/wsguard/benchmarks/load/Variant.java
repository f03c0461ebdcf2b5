package dev.wsguard.benchmarks.load;

import java.util.Locale;

/** The two servers every load measurement compares. */
public enum Variant {
    WITHOUT_WSGUARD,
    WITH_WSGUARD;

    /** {@code with-wsguard}: how the variant is named in results and on a server's command line. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static Variant of(String label) {
        for (Variant variant : values()) {
            if (variant.label().equals(label)) {
                return variant;
            }
        }
        throw new IllegalArgumentException("unknown variant " + label);
    }

    @Override
    public String toString() {
        return label();
    }
}
