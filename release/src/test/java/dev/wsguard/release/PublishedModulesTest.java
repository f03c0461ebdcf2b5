package dev.wsguard.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.SortedSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublishedModulesTest {

    @Test
    void everyModuleIsPublishedUnlessItOrAParentInTheRepositorySkipsDeploy(@TempDir Path repo) throws IOException {
        pom(repo, "root", null, null, "<modules><module>lib</module><module>tests</module><module>sample</module>"
                + "</modules>");
        pom(repo.resolve("lib"), "lib", "root", null, "");
        pom(repo.resolve("sample"), "sample", "root", null, skip(true));
        pom(repo.resolve("tests"), "tests", "root", null, skip(true) + "<modules><module>kit</module>"
                + "<module>deep/suite</module><module>shipped</module></modules>"
                + "<profiles><profile><id>more</id><modules><module>bench</module></modules></profile></profiles>");
        pom(repo.resolve("tests/kit"), "kit", "tests", null, "");
        pom(repo.resolve("tests/deep/suite"), "suite", "tests", "../../pom.xml", "");
        pom(repo.resolve("tests/shipped"), "shipped", "tests", null, skip(false));
        pom(repo.resolve("tests/bench"), "bench", "tests", null, "");

        assertEquals(Set.of("root", "lib", "shipped"), PublishedModules.of(repo));
    }

    @Test
    void aParentOutsideTheRepositoryDecidesNothing(@TempDir Path repo) throws IOException {
        pom(repo, "root", null, null, "<modules><module>app</module></modules>");
        // Its parent is no POM of the repository (relativePath empty: Maven looks in the repositories).
        pom(repo.resolve("app"), "app", "spring-boot-starter-parent", "", "");

        assertEquals(Set.of("root", "app"), PublishedModules.of(repo));
    }

    /** This repository: what users consume, and nothing from tests/, the samples or the release tooling. */
    @Test
    void thisRepositoryPublishesItsLibrariesAndNoTestModule() {
        Path root = Path.of("").toAbsolutePath().getParent();

        SortedSet<String> published = PublishedModules.of(root);

        assertTrue(published.containsAll(Set.of("wsguard-parent", "wsguard-filter", "wsguard-filter-javax",
                "wsguard-spring-boot-starter", "wsguard-jetty", "wsguard-probe")), published.toString());
        for (String unpublished : Set.of("wsguard-tests", "wsguard-test-kit", "wsguard-container-suite",
                "wsguard-sample-webapp", "wsguard-spring-boot-sample", "wsguard-release")) {
            assertTrue(!published.contains(unpublished), unpublished + " in " + published);
        }
    }

    private static String skip(boolean skip) {
        return "<properties><maven.deploy.skip>" + skip + "</maven.deploy.skip></properties>";
    }

    private static void pom(Path dir, String artifactId, String parent, String relativePath, String body)
            throws IOException {
        String parentElement = parent == null ? "" : "<parent><groupId>g</groupId><artifactId>" + parent
                + "</artifactId><version>1</version>"
                + (relativePath == null ? "" : "<relativePath>" + relativePath + "</relativePath>") + "</parent>";
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("pom.xml"), "<project><modelVersion>4.0.0</modelVersion>" + parentElement
                + "<groupId>g</groupId><artifactId>" + artifactId + "</artifactId><version>1</version>" + body
                + "</project>");
    }
}
