package dev.wsguard.testkit.http;

/** One header line as sent or received: original case, order kept by the enclosing list. */
public record Header(String name, String value) {

    @Override
    public String toString() {
        return name + ": " + value;
    }
}
