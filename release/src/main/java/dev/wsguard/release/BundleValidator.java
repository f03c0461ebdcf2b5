package dev.wsguard.release;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Checks a Central bundle as the Central Portal would before it takes it, and against what this repository publishes:
 * every published artifact with its POM, jar, sources, javadoc and SBOM, nothing else; checksums that match; the POM
 * metadata Central requires; no SNAPSHOT named by a release; a signature beside every file once any is there.
 * <p>
 * A finding is an {@link Severity#ERROR} (the bundle is wrong) or {@link Severity#NOT_UPLOADABLE} (right, but the
 * Portal would refuse it: a SNAPSHOT version, or no signatures), so an unsigned SNAPSHOT build can be checked in full
 * without a key.
 */
final class BundleValidator {

    enum Severity { ERROR, NOT_UPLOADABLE }

    record Finding(Severity severity, String message) {
        @Override
        public String toString() {
            return severity + ": " + message;
        }
    }

    private static final String SIGNATURE = ".asc";
    private static final String SNAPSHOT = "-SNAPSHOT";
    /** The files beside the POM of every artifact that is not a pom, after {@code <artifactId>-<version>}. */
    private static final List<String> JAR_FILES = List.of(".jar", "-sources.jar", "-javadoc.jar", "-cyclonedx.json");

    private final String groupId;
    private final String version;
    private final Set<String> published;
    private final boolean signaturesRequired;

    /**
     * @param published the artifactIds the bundle must hold, and nothing else
     * @param signaturesRequired whether a missing signature is an error even when the bundle has none at all
     */
    BundleValidator(String groupId, String version, Set<String> published, boolean signaturesRequired) {
        this.groupId = groupId;
        this.version = version;
        this.published = Set.copyOf(published);
        this.signaturesRequired = signaturesRequired;
    }

    List<Finding> validate(Path zip) {
        return validate(read(zip));
    }

    /** @param files the bundle's files by path, as the zip holds them */
    List<Finding> validate(SortedMap<String, byte[]> files) {
        List<Finding> findings = new ArrayList<>();
        if (files.isEmpty()) {
            findings.add(error("the bundle is empty"));
            return findings;
        }
        SortedMap<String, SortedSet<String>> artifacts = artifacts(files, findings);
        checkPublishedSet(artifacts.keySet(), findings);
        for (String artifactId : artifacts.keySet()) {
            checkArtifact(artifactId, artifacts.get(artifactId), files, findings);
        }
        checkChecksums(files, findings);
        checkSignatures(files, findings);
        if (version.endsWith(SNAPSHOT)) {
            findings.add(new Finding(Severity.NOT_UPLOADABLE, "version " + version
                    + " is a SNAPSHOT: the Central Portal takes release versions only"));
        }
        return findings;
    }

    /** The bundle's file names by artifactId; an entry outside {@code group/artifactId/version/} is an error. */
    private SortedMap<String, SortedSet<String>> artifacts(SortedMap<String, byte[]> files, List<Finding> findings) {
        String groupPath = groupId.replace('.', '/') + "/";
        SortedMap<String, SortedSet<String>> artifacts = new TreeMap<>();
        for (String path : files.keySet()) {
            String[] parts = path.startsWith(groupPath) ? path.substring(groupPath.length()).split("/") : new String[0];
            if (parts.length != 3) {
                findings.add(error(path + " is not in " + groupPath + "<artifactId>/<version>/"));
            } else if (!parts[1].equals(version)) {
                findings.add(error(path + " has version " + parts[1] + ", the release is " + version));
            } else {
                artifacts.computeIfAbsent(parts[0], a -> new TreeSet<>()).add(parts[2]);
            }
        }
        return artifacts;
    }

    private void checkPublishedSet(Set<String> inBundle, List<Finding> findings) {
        for (String artifactId : new TreeSet<>(published)) {
            if (!inBundle.contains(artifactId)) {
                findings.add(error(artifactId + " is published (its module does not set maven.deploy.skip) but is "
                        + "not in the bundle: add it to the release profile's dependencies in release/pom.xml"));
            }
        }
        for (String artifactId : inBundle) {
            if (!published.contains(artifactId)) {
                findings.add(error(artifactId + " is in the bundle but is not published: its module sets "
                        + "maven.deploy.skip (as tests/ and the samples do) or is no module of this repository"));
            }
        }
    }

    private void checkArtifact(String artifactId, SortedSet<String> names, SortedMap<String, byte[]> files,
            List<Finding> findings) {
        String base = artifactId + "-" + version;
        String pomName = base + ".pom";
        if (!names.contains(pomName)) {
            findings.add(error(artifactId + ": no " + pomName));
            return;
        }
        Pom pom;
        try {
            pom = Pom.parse(files.get(pathOf(artifactId, pomName)));
        } catch (IllegalArgumentException e) {
            findings.add(error(pomName + " is " + e.getMessage()));
            return;
        }
        if (!pom.groupId().equals(groupId) || !pom.artifactId().equals(artifactId) || !pom.version().equals(version)) {
            findings.add(error(pomName + " says " + pom.groupId() + ":" + pom.artifactId() + ":" + pom.version()
                    + ", its place in the bundle " + groupId + ":" + artifactId + ":" + version));
        }
        if (!"pom".equals(pom.packaging())) {
            for (String suffix : JAR_FILES) {
                if (!names.contains(base + suffix)) {
                    findings.add(error(artifactId + ": no " + base + suffix + hint(suffix)));
                }
            }
        }
        checkMetadata(pomName, pom, files, findings);
        if (!version.endsWith(SNAPSHOT)
                && new String(files.get(pathOf(artifactId, pomName)), StandardCharsets.UTF_8).contains(SNAPSHOT)) {
            findings.add(error(pomName + " names a SNAPSHOT, which a release cannot depend on"));
        }
    }

    /** What Central requires of a POM: its own name, and the rest either its own or a parent's in the bundle. */
    private void checkMetadata(String pomName, Pom pom, SortedMap<String, byte[]> files, List<Finding> findings) {
        if (pom.text("name").isEmpty()) {
            findings.add(error(pomName + " has no <name>"));
        }
        // The POM and its parents in the bundle, nearest first (bounded, in case two POMs name each other).
        List<Pom> lineage = new ArrayList<>(List.of(pom));
        Optional<Pom> parent = parentInBundle(pom, files, findings);
        while (parent.isPresent() && lineage.size() < 10) {
            lineage.add(parent.get());
            parent = parentInBundle(parent.get(), files, findings);
        }
        requireInLineage(pomName, lineage, "<description>", p -> p.text("description").isPresent(), findings);
        requireInLineage(pomName, lineage, "<url>", p -> p.text("url").isPresent(), findings);
        requireInLineage(pomName, lineage, "<licenses>", p -> p.hasEntries("licenses"), findings);
        requireInLineage(pomName, lineage, "<developers>", p -> p.hasEntries("developers"), findings);
        requireInLineage(pomName, lineage, "<scm><url>", p -> p.text("scm", "url").isPresent(), findings);
        requireInLineage(pomName, lineage, "<scm><connection>", p -> p.text("scm", "connection").isPresent(),
                findings);
    }

    private static void requireInLineage(String pomName, List<Pom> lineage, String element, Predicate<Pom> has,
            List<Finding> findings) {
        if (lineage.stream().noneMatch(has)) {
            findings.add(error(pomName + " has no " + element + ", nor has a parent POM in the bundle"));
        }
    }

    /** The parent's POM from the bundle, when the parent is of this group (it must then be in the bundle too). */
    private Optional<Pom> parentInBundle(Pom pom, SortedMap<String, byte[]> files, List<Finding> findings) {
        Optional<String> parentGroup = pom.text("parent", "groupId");
        if (parentGroup.isEmpty() || !parentGroup.get().equals(groupId)) {
            return Optional.empty();
        }
        String parentId = pom.text("parent", "artifactId").orElse("");
        String parentVersion = pom.text("parent", "version").orElse("");
        byte[] parentPom = files.get(groupId.replace('.', '/') + "/" + parentId + "/" + parentVersion + "/" + parentId
                + "-" + parentVersion + ".pom");
        if (parentPom == null) {
            findings.add(error(pom.artifactId() + "-" + pom.version() + ".pom: its parent " + groupId + ":" + parentId
                    + ":" + parentVersion + " is not in the bundle, so no one could resolve it"));
            return Optional.empty();
        }
        try {
            return Optional.of(Pom.parse(parentPom));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static void checkChecksums(SortedMap<String, byte[]> files, List<Finding> findings) {
        for (String path : files.keySet()) {
            Optional<ChecksumFiles.Kind> kind = ChecksumFiles.Kind.ofFile(path);
            if (kind.isPresent()) {
                String target = path.substring(0, path.length() - kind.get().extension.length() - 1);
                if (!files.containsKey(target)) {
                    findings.add(error(path + " is the checksum of a file the bundle does not hold"));
                    continue;
                }
                String written = new String(files.get(path), StandardCharsets.US_ASCII).trim().split("\\s+")[0];
                if (!written.equalsIgnoreCase(kind.get().of(files.get(target)))) {
                    findings.add(error(path + " does not match " + target));
                }
                continue;
            }
            for (ChecksumFiles.Kind required : ChecksumFiles.Kind.values()) {
                if (required.required && !files.containsKey(path + "." + required.extension)) {
                    findings.add(error("no " + path + "." + required.extension));
                }
            }
        }
    }

    private void checkSignatures(SortedMap<String, byte[]> files, List<Finding> findings) {
        boolean anySigned = files.keySet().stream().anyMatch(path -> path.endsWith(SIGNATURE));
        if (!anySigned && !signaturesRequired) {
            findings.add(new Finding(Severity.NOT_UPLOADABLE, "the bundle is unsigned: Central requires a .asc beside "
                    + "every file (docs/releasing.md, \"Signing\")"));
            return;
        }
        for (String path : files.keySet()) {
            if (ChecksumFiles.Kind.ofFile(path).isPresent()) {
                continue;
            }
            if (path.endsWith(SIGNATURE)) {
                String signed = path.substring(0, path.length() - SIGNATURE.length());
                if (!files.containsKey(signed)) {
                    findings.add(error(path + " signs a file the bundle does not hold"));
                } else if (!new String(files.get(path), StandardCharsets.US_ASCII)
                        .startsWith("-----BEGIN PGP SIGNATURE-----")) {
                    findings.add(error(path + " is not an ASCII-armoured signature"));
                }
            } else if (!files.containsKey(path + SIGNATURE)) {
                findings.add(error("no " + path + SIGNATURE));
            }
        }
    }

    /** Why a file beside the jar is usually missing, where the reason is not obvious. */
    private static String hint(String suffix) {
        switch (suffix) {
            case "-sources.jar":
            case "-javadoc.jar":
                return " (made by the profile \"release\" for every module that does not set maven.deploy.skip)";
            case "-cyclonedx.json":
                return " (made by the profile \"release\"; CycloneDX's makeBom does not run in offline mode, -o)";
            default:
                return "";
        }
    }

    private String pathOf(String artifactId, String fileName) {
        return groupId.replace('.', '/') + "/" + artifactId + "/" + version + "/" + fileName;
    }

    private static Finding error(String message) {
        return new Finding(Severity.ERROR, message);
    }

    private static SortedMap<String, byte[]> read(Path zip) {
        SortedMap<String, byte[]> files = new TreeMap<>();
        try (ZipFile zipFile = new ZipFile(zip.toFile())) {
            for (ZipEntry entry : Collections.list(zipFile.entries())) {
                if (!entry.isDirectory()) {
                    try (InputStream in = zipFile.getInputStream(entry)) {
                        files.put(entry.getName(), in.readAllBytes());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + zip, e);
        }
        return files;
    }
}
