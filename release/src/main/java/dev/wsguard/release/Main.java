package dev.wsguard.release;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/**
 * Turns the staging directory the release profile filled (release/pom.xml) into the Central Portal's upload and checks
 * it: drops the local repository's bookkeeping, signs every file when a key is named, writes the checksums, zips,
 * validates. Findings are printed; an error, or
 * a reason the Portal would refuse the bundle when an uploadable one is demanded, fails the build.
 * <pre>
 * --staging=DIR      the Maven repository layout to bundle
 * --bundle=FILE      the zip to write
 * --repository=DIR   the repository root, whose POMs say which modules are published
 * --group-id=ID      --version=V
 * --timestamp=T      project.build.outputTimestamp: the zip entries' time
 * --sign-key=KEY     gpg key to sign with; empty: no signing
 * --uploadable=B     true: fail unless the Portal would take the bundle (signed, a release version)
 * </pre>
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        Map<String, String> options = options(args);
        Path staging = Path.of(required(options, "staging"));
        Path bundle = Path.of(required(options, "bundle"));
        String groupId = required(options, "group-id");
        String version = required(options, "version");
        String signKey = options.getOrDefault("sign-key", "").trim();
        boolean uploadable = Boolean.parseBoolean(options.getOrDefault("uploadable", "false"));
        if (!Files.isDirectory(staging)) {
            throw new IllegalStateException("nothing staged in " + staging);
        }

        LocalRepositoryFiles.removeFrom(staging);
        if (!signKey.isEmpty()) {
            new BundleSigner(signKey, null, System.getenv(BundleSigner.PASSPHRASE_VARIABLE)).signAll(staging);
        }
        ChecksumFiles.writeBeside(staging);
        BundleZip.write(staging, bundle, instant(required(options, "timestamp")));

        SortedSet<String> published = PublishedModules.of(Path.of(required(options, "repository")));
        List<BundleValidator.Finding> findings =
                new BundleValidator(groupId, version, published, !signKey.isEmpty()).validate(bundle);

        System.out.println("Central bundle " + shown(bundle) + " (" + size(bundle) + " bytes): "
                + String.join(", ", published));
        findings.forEach(finding -> System.out.println("  " + finding));
        long errors = findings.stream().filter(f -> f.severity() == BundleValidator.Severity.ERROR).count();
        long refusals = findings.size() - errors;
        if (errors > 0) {
            throw new IllegalStateException("the Central bundle " + shown(bundle) + " is not valid: " + errors
                    + " error(s), listed above");
        }
        if (refusals > 0 && uploadable) {
            throw new IllegalStateException("the Central bundle " + shown(bundle) + " is valid but the Central Portal "
                    + "would refuse it: " + refusals + " reason(s), listed above");
        }
        System.out.println(refusals == 0 ? "  valid, and uploadable to the Central Portal"
                : "  valid; not uploadable as it is, for the reason(s) above");
    }

    /** Maven's two forms of project.build.outputTimestamp: ISO 8601 with an offset, or seconds since the epoch. */
    static Instant instant(String timestamp) {
        return timestamp.chars().allMatch(Character::isDigit) ? Instant.ofEpochSecond(Long.parseLong(timestamp))
                : OffsetDateTime.parse(timestamp).toInstant();
    }

    private static Map<String, String> options(String[] args) {
        // One argument per option, so an empty value (no key to sign with) cannot shift the others.
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (!arg.startsWith("--") || equals < 0) {
                throw new IllegalArgumentException("expected --name=value, got: " + arg);
            }
            options.put(arg.substring(2, equals), arg.substring(equals + 1));
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing --" + name);
        }
        return value;
    }

    /** A path as the reader typed it: relative to the directory Maven runs in, where it lies below it. */
    private static Path shown(Path file) {
        Path here = Path.of("").toAbsolutePath();
        Path absolute = file.toAbsolutePath().normalize();
        return absolute.startsWith(here) ? here.relativize(absolute) : absolute;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
