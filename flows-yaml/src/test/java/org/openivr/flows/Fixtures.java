package org.openivr.flows;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Test files: fixtures on the class path, and the example flows in the repository's flows/ folder. */
final class Fixtures {
    private Fixtures() {}

    /** A test resource's text, e.g. {@code problems/unknown-key.yaml}. */
    static String resource(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every problem found in a fixture under {@code problems/}, as the CLI prints them. */
    static List<String> problems(String fixture) {
        String name = "problems/" + fixture + ".yaml";
        return FlowLoader.check(name, resource(name)).problems().stream().map(FlowProblem::toString).toList();
    }

    /** The repository's {@code flows/} folder (tests run in the module's folder). */
    static Path examples() {
        Path flows = Path.of("..", "flows");
        if (!Files.isDirectory(flows)) {
            throw new IllegalStateException("cannot find the example flows at " + flows.toAbsolutePath());
        }
        return flows;
    }

    static String example(String file) {
        try {
            return Files.readString(examples().resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
