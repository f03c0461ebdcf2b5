package dev.wsguard.release;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The checksum files beside each file of a Maven repository layout ({@code x.jar.md5}, {@code x.jar.sha1}): Central
 * requires MD5 and SHA-1 and accepts SHA-256 and SHA-512 as well.
 */
final class ChecksumFiles {

    enum Kind {
        MD5("md5", "MD5", true),
        SHA1("sha1", "SHA-1", true),
        SHA256("sha256", "SHA-256", false),
        SHA512("sha512", "SHA-512", false);

        final String extension;
        final boolean required;
        private final String algorithm;

        Kind(String extension, String algorithm, boolean required) {
            this.extension = extension;
            this.algorithm = algorithm;
            this.required = required;
        }

        /** Lower-case hex, as Maven writes it. */
        String of(byte[] content) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JDK has " + algorithm, e);
            }
        }

        /** The kind a file name says it is, if it is a checksum file. */
        static Optional<Kind> ofFile(String fileName) {
            return Stream.of(values()).filter(kind -> fileName.endsWith("." + kind.extension)).findFirst();
        }
    }

    private ChecksumFiles() {
    }

    /** Writes the required checksum files beside every file under {@code dir} that is not one itself. */
    static void writeBeside(Path dir) {
        for (Path file : filesToSum(dir)) {
            try {
                byte[] content = Files.readAllBytes(file);
                for (Kind kind : Kind.values()) {
                    if (kind.required) {
                        Path sum = file.resolveSibling(file.getFileName() + "." + kind.extension);
                        Files.write(sum, kind.of(content).getBytes(StandardCharsets.US_ASCII));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static List<Path> filesToSum(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> Kind.ofFile(file.getFileName().toString()).isEmpty())
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
