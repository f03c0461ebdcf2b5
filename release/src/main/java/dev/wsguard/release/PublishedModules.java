package dev.wsguard.release;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which artifacts this repository publishes: the root POM and every module it aggregates, at any depth, unless the
 * module's POM or a parent POM in the repository sets {@code maven.deploy.skip} to true. That is the switch Maven's
 * deploy honours and the one the release profile reads for sources, javadoc and SBOM, so the bundle is checked against
 * the same answer. Read from the POM files, not from a build, so the answer does not depend on what a build happened
 * to reach.
 */
final class PublishedModules {

    private static final String SKIP = "maven.deploy.skip";

    private PublishedModules() {
    }

    static SortedSet<String> of(Path repositoryRoot) {
        SortedSet<String> published = new TreeSet<>();
        collect(repositoryRoot.resolve("pom.xml").normalize(), published);
        return published;
    }

    private static void collect(Path pomFile, SortedSet<String> published) {
        Pom pom = Pom.read(pomFile);
        if (!skipsDeploy(pomFile, pom)) {
            published.add(pom.artifactId());
        }
        for (String module : pom.modules()) {
            Path moduleDir = pomFile.getParent().resolve(module);
            Path modulePom = Files.isDirectory(moduleDir) ? moduleDir.resolve("pom.xml") : moduleDir;
            collect(modulePom.normalize(), published);
        }
    }

    /** The nearest setting of the switch, walking up the parents that live in the repository. */
    private static boolean skipsDeploy(Path pomFile, Pom pom) {
        Optional<String> own = pom.text("properties", SKIP);
        if (own.isPresent()) {
            return "true".equals(own.get());
        }
        return parentInRepository(pomFile, pom).map(parent -> skipsDeploy(parent, Pom.read(parent))).orElse(false);
    }

    private static Optional<Path> parentInRepository(Path pomFile, Pom pom) {
        Optional<String> parentArtifact = pom.text("parent", "artifactId");
        if (parentArtifact.isEmpty()) {
            return Optional.empty();
        }
        // Maven's rule: <relativePath> (a file or a directory), ../pom.xml when absent, none when empty.
        if (pom.has("parent", "relativePath") && pom.text("parent", "relativePath").isEmpty()) {
            return Optional.empty();
        }
        String relative = pom.text("parent", "relativePath").orElse("../pom.xml");
        Path candidate = pomFile.getParent().resolve(relative).normalize();
        if (Files.isDirectory(candidate)) {
            candidate = candidate.resolve("pom.xml");
        }
        if (!Files.isRegularFile(candidate) || !parentArtifact.get().equals(Pom.read(candidate).artifactId())) {
            return Optional.empty();
        }
        return Optional.of(candidate);
    }
}
