package org.openivr.flows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Where the flows a flow runs as subflows are found, each checked once (without checking its own
 * subflows: {@link SubflowChecks} walks those itself, so a circle cannot recurse).
 */
final class Subflows {
    /**
     * What is known about one flow name.
     *
     * @param file   the file name it is reported under, e.g. {@code flows/billing.yaml}
     * @param exists false when the resolver has no such flow
     * @param flow   the flow when it exists and has no errors, else null
     * @param errors its errors (empty when it loads)
     */
    record Info(String file, boolean exists, Flow flow, List<FlowProblem> errors) {}

    private final String directory;
    private final Function<String, Optional<String>> resolver;
    private final Function<String, List<String>> names;
    private final Map<String, Info> cache = new HashMap<>();

    /**
     * @param directory the folder part of the calling flow's file name, with its trailing '/' ("" for none)
     * @param resolver  flow name -> its file's content
     * @param names     the names of the flows there are, for suggestions (may be empty)
     */
    private Subflows(String directory, Function<String, Optional<String>> resolver,
                     Function<String, List<String>> names) {
        this.directory = directory;
        this.resolver = resolver;
        this.names = names;
    }

    /** Subflows as {@code NAME.yaml} files in the folder of {@code fileName}. */
    static Subflows nextTo(String fileName) {
        String directory = directoryOf(fileName);
        Path folder = Path.of(directory.isEmpty() ? "." : directory);
        return new Subflows(directory, name -> read(folder.resolve(name + ".yaml")), ignored -> list(folder));
    }

    /** Subflows from a resolver (for tests and pinned flows); no suggestions for names that do not exist. */
    static Subflows from(String fileName, Function<String, Optional<String>> resolver) {
        return new Subflows(directoryOf(fileName), resolver, ignored -> List.of());
    }

    static String directoryOf(String fileName) {
        int slash = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
        return fileName.substring(0, slash + 1);
    }

    String fileOf(String name) {
        return directory + name + ".yaml";
    }

    List<String> names() {
        return names.apply(directory);
    }

    Info info(String name) {
        return cache.computeIfAbsent(name, this::load);
    }

    private Info load(String name) {
        String file = fileOf(name);
        Optional<String> content;
        try {
            content = resolver.apply(name);
        } catch (RuntimeException e) {
            return new Info(file, true, null, List.of(FlowProblem.error(new SourcePosition(file, 1, 1),
                    "cannot read the file: " + e.getMessage())));
        }
        if (content == null || content.isEmpty()) {
            return new Info(file, false, null, List.of());
        }
        FlowLoader.Result result = FlowLoader.check(file, content.get(), (Subflows) null);
        List<FlowProblem> errors = result.problems().stream().filter(FlowProblem::isError).toList();
        return new Info(file, true, result.flow(), errors);
    }

    private static Optional<String> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(FlowLoader.stripByteOrderMark(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static List<String> list(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml") && !n.endsWith(".calls.yaml"))
                    .map(n -> n.substring(0, n.length() - ".yaml".length()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
