package dev.wsguard.probe;

import dev.wsguard.handshake.HandshakeClassifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** The key a client sends and the accept value a server must answer with (RFC 6455 sections 4.1 and 4.2.2). */
final class Accept {

    /** The GUID RFC 6455 appends to the key before hashing. */
    static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private Accept() {
    }

    /** A fresh key: 16 random bytes, base64; valid by the filter's own rule. */
    static String newKey(SecureRandom random) {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        String key = Base64.getEncoder().encodeToString(nonce);
        if (!HandshakeClassifier.isValidKey(key)) {
            throw new IllegalStateException("a 16-byte base64 key is always valid: " + key);
        }
        return key;
    }

    /** base64(SHA-1(key + GUID)). */
    static String of(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] digest = sha1.digest((key.trim() + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }
}
