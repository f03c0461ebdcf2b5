package dev.wsguard.benchmarks.load;

/** The two servers every load measurement compares. */
public enum Variant {
    WITHOUT_WSGUARD("without-wsguard"),
    WITH_WSGUARD("with-wsguard");

    private final String label;

    Variant(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    static Variant of(String label) {
        for (Variant variant : values()) {
            if (variant.label.equals(label)) {
                return variant;
            }
        }
        throw new IllegalArgumentException("unknown variant " + label);
    }

    @Override
    public String toString() {
        return label;
    }
}
