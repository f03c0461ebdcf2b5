package dev.wsguard.probe;

/** An HTTP/2 answer the probe could not understand (a frame, an HPACK block, a Huffman string): reported, not thrown. */
final class H2Exception extends Exception {

    private static final long serialVersionUID = 1L;

    H2Exception(String message) {
        super(message);
    }
}
