package dev.wsguard.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.release.BundleValidator.Finding;
import dev.wsguard.release.BundleValidator.Severity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BundleValidatorTest {

    private static final String GROUP = "dev.wsguard";
    private static final String RELEASE = "1.0.0";
    private static final Set<String> PUBLISHED = Set.of("demo-parent", "demo-lib");

    private static final String PARENT_POM = "<project><modelVersion>4.0.0</modelVersion>"
            + "<groupId>dev.wsguard</groupId><artifactId>demo-parent</artifactId><version>%s</version>"
            + "<packaging>pom</packaging><name>demo</name><description>A demo.</description>"
            + "<url>https://example.org/demo</url>"
            + "<licenses><license><name>Apache-2.0</name><url>https://example.org/license</url></license></licenses>"
            + "<developers><developer><id>demo</id></developer></developers>"
            + "%s</project>";
    private static final String SCM = "<scm><connection>scm:git:https://example.org/demo.git</connection>"
            + "<url>https://example.org/demo</url></scm>";
    private static final String LIB_POM = "<project><modelVersion>4.0.0</modelVersion>"
            + "<parent><groupId>dev.wsguard</groupId><artifactId>demo-parent</artifactId><version>%s</version></parent>"
            + "<artifactId>demo-lib</artifactId><name>demo lib</name>"
            + "<dependencies><dependency><groupId>org.example</groupId><artifactId>x</artifactId>"
            + "<version>%s</version></dependency></dependencies></project>";

    @Test
    void aCompleteSignedReleaseHasNoFinding() {
        assertEquals(List.of(), validate(bundle(RELEASE), true));
    }

    @ParameterizedTest
    @ValueSource(strings = {".pom", ".jar", "-sources.jar", "-javadoc.jar", "-cyclonedx.json"})
    void aMissingFileOfAPublishedArtifactIsNamed(String suffix) {
        SortedMap<String, byte[]> bundle = bundle(RELEASE);
        remove(bundle, lib("demo-lib-1.0.0" + suffix));

        assertError(validate(bundle, true), "demo-lib-1.0.0" + suffix);
    }

    @Test
    void aChecksumThatDoesNotMatchIsAnError() {
        SortedMap<String, byte[]> bundle = bundle(RELEASE);
        bundle.put(lib("demo-lib-1.0.0.jar.sha1"), "0000".getBytes(StandardCharsets.US_ASCII));

        assertError(validate(bundle, true), lib("demo-lib-1.0.0.jar.sha1") + " does not match");
    }

    @Test
    void aMissingChecksumIsAnError() {
        SortedMap<String, byte[]> bundle = bundle(RELEASE);
        bundle.remove(lib("demo-lib-1.0.0-javadoc.jar.md5"));

        assertError(validate(bundle, true), "no " + lib("demo-lib-1.0.0-javadoc.jar.md5"));
    }

    @Test
    void metadataMissingFromThePomAndItsParentIsAnError() {
        SortedMap<String, byte[]> bundle = bundle(RELEASE);
        put(bundle, parent("demo-parent-1.0.0.pom"), String.format(PARENT_POM, RELEASE, ""));

        List<Finding> findings = validate(bundle, true);

        assertError(findings, "demo-lib-1.0.0.pom has no <scm><connection>");
        assertError(findings, "demo-parent-1.0.0.pom has no <scm><url>");
    }

    @Test
    void aParentOfTheGroupMustBeInTheBundle() {
        SortedMap<String, byte[]> bundle = bundle(RELEASE);
        remove(bundle, parent("demo-parent-1.0.0.pom"));

        List<Finding> findings = validate(bundle, Set.of("demo-lib"), true);

        assertError(findings, "its parent dev.wsguard:demo-parent:1.0.0 is not in the bundle");
    }

    @Test
    void aReleaseThatNamesASnapshotIsAnError() {
        SortedMap<String, byte[]> bundle = bundle(RELEASE);
        put(bundle, lib("demo-lib-1.0.0.pom"), String.format(LIB_POM, RELEASE, "2.0-SNAPSHOT"));

        assertError(validate(bundle, true), "demo-lib-1.0.0.pom names a SNAPSHOT");
    }

    @Test
    void aSnapshotIsValidButNotUploadable() {
        List<Finding> findings = new BundleValidator(GROUP, "1.0.0-SNAPSHOT", PUBLISHED, true)
                .validate(bundle("1.0.0-SNAPSHOT"));

        assertEquals(List.of(Severity.NOT_UPLOADABLE), severities(findings), findings.toString());
        assertTrue(findings.get(0).message().contains("SNAPSHOT"), findings.toString());
    }

    @Test
    void anUnsignedBundleIsValidButNotUploadable() {
        SortedMap<String, byte[]> bundle = bundle(RELEASE);
        bundle.keySet().removeIf(path -> path.contains(".asc"));

        List<Finding> findings = validate(bundle, false);

        assertEquals(List.of(Severity.NOT_UPLOADABLE), severities(findings), findings.toString());
        assertTrue(findings.get(0).message().contains("unsigned"), findings.toString());
    }

    @Test
    void anUnsignedBundleIsAnErrorWhenSigningWasAskedFor() {
        SortedMap<String, byte[]> bundle = bundle(RELEASE);
        bundle.keySet().removeIf(path -> path.contains(".asc"));

        assertError(validate(bundle, true), "no " + lib("demo-lib-1.0.0.jar.asc"));
    }

    @Test
    void oneMissingSignatureIsAnErrorEvenWithoutAKey() {
        SortedMap<String, byte[]> bundle = bundle(RELEASE);
        remove(bundle, lib("demo-lib-1.0.0-sources.jar.asc"));

        assertError(validate(bundle, false), "no " + lib("demo-lib-1.0.0-sources.jar.asc"));
    }

    @Test
    void aModuleThatIsNotPublishedMustNotBeInTheBundle() {
        SortedMap<String, byte[]> bundle = bundle(RELEASE);
        put(bundle, "dev/wsguard/demo-tests/1.0.0/demo-tests-1.0.0.pom",
                String.format(LIB_POM, RELEASE, "1").replace("demo-lib", "demo-tests"));

        assertError(validate(bundle, true), "demo-tests is in the bundle but is not published");
    }

    @Test
    void aPublishedModuleMissingFromTheBundleIsNamed() {
        List<Finding> findings = validate(bundle(RELEASE), Set.of("demo-parent", "demo-lib", "demo-extra"), true);

        assertError(findings, "demo-extra is published");
        assertError(findings, "release/pom.xml");
    }

    @Test
    void anEntryOutsideTheLayoutIsAnError() {
        SortedMap<String, byte[]> bundle = bundle(RELEASE);
        put(bundle, "README.txt", "hello");

        assertError(validate(bundle, true), "README.txt is not in dev/wsguard/<artifactId>/<version>/");
    }

    /** The same rules on a real zip, made as Main makes it: checksums written, then zipped. */
    @Test
    void theZipOfAStagingDirectoryIsValidatedAndAMissingSourcesJarIsCaught(@TempDir Path dir) throws Exception {
        Path staging = dir.resolve("staging");
        bundle(RELEASE).forEach((path, content) -> {
            if (!path.endsWith(".md5") && !path.endsWith(".sha1")) {
                write(staging.resolve(path), content);
            }
        });
        ChecksumFiles.writeBeside(staging);
        Path zip = dir.resolve("bundle.zip");
        BundleZip.write(staging, zip, Instant.parse("2026-01-01T00:00:00Z"));
        assertEquals(List.of(), new BundleValidator(GROUP, RELEASE, PUBLISHED, true).validate(zip));

        Files.delete(staging.resolve(lib("demo-lib-1.0.0-sources.jar")));
        Files.delete(staging.resolve(lib("demo-lib-1.0.0-sources.jar.md5")));
        Files.delete(staging.resolve(lib("demo-lib-1.0.0-sources.jar.sha1")));
        BundleZip.write(staging, zip, Instant.parse("2026-01-01T00:00:00Z"));
        List<Finding> findings = new BundleValidator(GROUP, RELEASE, PUBLISHED, true).validate(zip);

        assertError(findings, "demo-lib: no demo-lib-1.0.0-sources.jar");
    }

    // A complete bundle: the parent POM and a jar artifact with everything beside it, each file signed (a stand-in
    // signature: the validator checks that one is there, not who made it) and summed.
    private static SortedMap<String, byte[]> bundle(String version) {
        SortedMap<String, byte[]> bundle = new TreeMap<>();
        String lib = "dev/wsguard/demo-lib/" + version + "/demo-lib-" + version;
        put(bundle, "dev/wsguard/demo-parent/" + version + "/demo-parent-" + version + ".pom",
                String.format(PARENT_POM, version, SCM));
        put(bundle, lib + ".pom", String.format(LIB_POM, version, "1.0"));
        put(bundle, lib + ".jar", "classes");
        put(bundle, lib + "-sources.jar", "sources");
        put(bundle, lib + "-javadoc.jar", "javadoc");
        put(bundle, lib + "-cyclonedx.json", "{}");
        return bundle;
    }

    private static void put(SortedMap<String, byte[]> bundle, String path, String content) {
        putSummed(bundle, path, content.getBytes(StandardCharsets.UTF_8));
        putSummed(bundle, path + ".asc", "-----BEGIN PGP SIGNATURE-----\nstand-in\n-----END PGP SIGNATURE-----\n"
                .getBytes(StandardCharsets.US_ASCII));
    }

    private static void putSummed(SortedMap<String, byte[]> bundle, String path, byte[] content) {
        bundle.put(path, content);
        for (ChecksumFiles.Kind kind : List.of(ChecksumFiles.Kind.MD5, ChecksumFiles.Kind.SHA1)) {
            bundle.put(path + "." + kind.extension, kind.of(content).getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** A file with everything that belongs to it: its signature and all the checksums. */
    private static void remove(SortedMap<String, byte[]> bundle, String path) {
        bundle.keySet().removeIf(p -> p.equals(path) || p.startsWith(path + "."));
    }

    private static String lib(String fileName) {
        return "dev/wsguard/demo-lib/1.0.0/" + fileName;
    }

    private static String parent(String fileName) {
        return "dev/wsguard/demo-parent/1.0.0/" + fileName;
    }

    private static List<Finding> validate(SortedMap<String, byte[]> bundle, boolean signaturesRequired) {
        return validate(bundle, PUBLISHED, signaturesRequired);
    }

    private static List<Finding> validate(SortedMap<String, byte[]> bundle, Set<String> published,
            boolean signaturesRequired) {
        return new BundleValidator(GROUP, RELEASE, published, signaturesRequired).validate(bundle);
    }

    private static List<Severity> severities(List<Finding> findings) {
        return findings.stream().map(Finding::severity).collect(Collectors.toList());
    }

    private static void assertError(List<Finding> findings, String expected) {
        assertTrue(findings.stream().anyMatch(f -> f.severity() == Severity.ERROR && f.message().contains(expected)),
                () -> "no error containing '" + expected + "' in " + findings);
    }

    private static void write(Path file, byte[] content) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, content);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
