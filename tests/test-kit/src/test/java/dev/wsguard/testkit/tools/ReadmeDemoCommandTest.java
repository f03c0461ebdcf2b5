package dev.wsguard.testkit.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the demo commands' ITs cannot show cheaply: the exact command line, and what the copy holds. */
class ReadmeDemoCommandTest {

    private static final String README_COMMAND = "mvn -Pdemo -DskipTests -pl sample-webapp -am package";

    @TempDir
    Path dir;

    @Test
    void theCommandIsTheReadmesWordsOfflineInBatchModeOnAFreePort() {
        Path home = dir.resolve("home");
        List<String> command = ReadmeDemoCommand.command(Path.of("/opt/maven/bin/mvn"), README_COMMAND,
                home.resolve(".m2/repository"), home);
        assertEquals(List.of("/opt/maven/bin/mvn", "-o", "-B", "-Pdemo", "-DskipTests", "-pl", "sample-webapp", "-am",
                "package", "-Dport=0"), command);
    }

    @Test
    void aLocalRepositoryOtherThanTheDefaultIsPassedOn() {
        Path local = dir.resolve("elsewhere/repository");
        List<String> command = ReadmeDemoCommand.command(Path.of("mvn"), README_COMMAND, local, dir.resolve("home"));
        assertEquals("-Dmaven.repo.local=" + local.toAbsolutePath().normalize(), command.get(command.size() - 1));
    }

    @Test
    void theCopyHoldsEveryPomAndTheBuiltModulesWithoutBuildOutput() throws IOException {
        Path repository = dir.resolve("repository");
        for (String file : List.of("pom.xml", "README.md", ".git/HEAD", "filter/pom.xml", "filter/src/main/A.java",
                "filter/target/classes/A.class", "other/pom.xml", "other/src/main/B.java", "tests/pom.xml",
                "tests/test-kit/pom.xml", "tests/test-kit/src/main/C.java", "tests/test-kit/target/x.jar",
                "tests/reliability/pom.xml", "tests/reliability/src/D.java")) {
            Path p = repository.resolve(file);
            Files.createDirectories(p.getParent());
            Files.writeString(p, file);
        }
        Path copy = dir.resolve("copy");
        int copied = ReadmeDemoCommand.copySourceTree(repository, copy, List.of(Path.of("filter"), Path.of("tests", "test-kit")));

        List<String> expected = List.of("filter/pom.xml", "filter/src/main/A.java", "other/pom.xml", "pom.xml",
                "tests/pom.xml", "tests/reliability/pom.xml", "tests/test-kit/pom.xml", "tests/test-kit/src/main/C.java");
        try (Stream<Path> files = Files.walk(copy)) {
            assertEquals(expected, files.filter(Files::isRegularFile).map(p -> copy.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList());
        }
        assertEquals(expected.size(), copied);
        assertEquals("filter/src/main/A.java", Files.readString(copy.resolve("filter/src/main/A.java")));
    }

    @Test
    void onlyAMavenCommandWithAPortGroupAndBuiltModulesIsAccepted() {
        Pattern banner = Pattern.compile("demo: http://127\\.0\\.0\\.1:(\\d+)/");
        assertThrows(IllegalArgumentException.class, () -> ReadmeDemoCommand.of("./mvnw package", banner, "filter"));
        assertThrows(IllegalArgumentException.class, () -> ReadmeDemoCommand.of(README_COMMAND, banner));
        assertThrows(IllegalArgumentException.class,
                () -> ReadmeDemoCommand.of(README_COMMAND, Pattern.compile("demo: http://"), "filter"));
    }
}
