package org.openivr.flows;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Loads and checks flow files ({@code flows/NAME.yaml}, see flow-language.md). Every problem is found
 * in one pass and reported compiler style with its exact line and column; nothing but
 * {@link FlowException} ever comes out.
 */
public final class FlowLoader {
    private FlowLoader() {}

    /**
     * Everything said about one file.
     *
     * @param flow     the flow, or null when there are errors
     * @param problems errors and warnings, by position
     */
    public record Result(Flow flow, List<FlowProblem> problems) {
        public boolean hasErrors() {
            return problems.stream().anyMatch(FlowProblem::isError);
        }

        public List<FlowProblem> warnings() {
            return problems.stream().filter(p -> !p.isError()).toList();
        }
    }

    /**
     * Reads and checks a flow file; its path as given names it in problems. Subflows are looked for as
     * {@code NAME.yaml} in the same folder.
     */
    public static Flow load(Path file) {
        return parse(file.toString().replace('\\', '/'), read(file));
    }

    /**
     * A resolver for {@link #check(String, String, Function)}: flow name -> the content of {@code NAME.yaml}
     * in {@code folder}, or empty when there is no such file.
     */
    public static Function<String, Optional<String>> folder(Path folder) {
        return name -> {
            Path file = folder.resolve(name + ".yaml");
            return Files.isRegularFile(file) ? Optional.of(stripByteOrderMark(read(file))) : Optional.empty();
        };
    }

    /** The names of the flows a flow runs as subflows (directly), in file order. */
    public static Set<String> subflowsOf(Flow flow) {
        Set<String> names = new LinkedHashSet<>();
        for (Node node : flow.nodes().values()) {
            if (node instanceof Node.Subflow subflow) {
                names.add(subflow.flow());
            }
        }
        return names;
    }

    /**
     * Checks a flow and returns it when it has no errors (warnings are dropped; see {@link #check}).
     *
     * @param fileName the file's name as the user knows it, e.g. {@code flows/support-line.yaml}: it
     *                 names the file in problems and the flow must be named like it
     * @throws FlowException carrying every problem (errors and warnings) when there is any error
     */
    public static Flow parse(String fileName, String content) {
        return orThrow(check(fileName, content));
    }

    /**
     * Like {@link #parse(String, String)}, with the flows this one runs as subflows found by {@code subflows}
     * (flow name -> content, empty when there is none) instead of on disk: for tests, and for a pinned call
     * whose subflows were pinned with it.
     */
    public static Flow parse(String fileName, String content, Function<String, Optional<String>> subflows) {
        return orThrow(check(fileName, content, subflows));
    }

    private static Flow orThrow(Result result) {
        if (result.hasErrors()) {
            throw new FlowException(result.problems());
        }
        return result.flow();
    }

    /**
     * Checks a flow and returns everything found, warnings included; never throws. Subflows are looked for
     * as {@code NAME.yaml} in the folder of {@code fileName} (nothing is read when the flow has none).
     */
    public static Result check(String fileName, String content) {
        return check(fileName, content, Subflows.nextTo(fileName));
    }

    /**
     * Like {@link #check(String, String)}, with subflows found by {@code subflows}: flow name -> the content
     * of its file (reported as {@code NAME.yaml} in the folder of {@code fileName}), or empty when there is none.
     */
    public static Result check(String fileName, String content, Function<String, Optional<String>> subflows) {
        return check(fileName, content, Subflows.from(fileName, subflows));
    }

    /** @param subflows where subflows are found, or null not to check them (a subflow checked for its caller) */
    static Result check(String fileName, String content, Subflows subflows) {
        Problems problems = new Problems(fileName);
        Flow flow;
        try {
            flow = new FlowReader(problems, fileName, subflows).read(stripByteOrderMark(content));
        } catch (RuntimeException | StackOverflowError e) {
            // A bug of ours must still come out as a problem, never as a stack trace.
            problems.error(problems.start(), "internal error while checking this file: " + e);
            flow = null;
        }
        return new Result(problems.hasErrors() ? null : flow, problems.sorted());
    }

    /** The content's fingerprint for pinning: lowercase hex SHA-256 of its UTF-8 bytes. */
    public static String contentHash(String content) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** A file's text as UTF-8, or a FlowException saying why it cannot be read. */
    static String read(Path file) {
        String name = file.toString().replace('\\', '/');
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new FlowException(List.of(FlowProblem.error(new SourcePosition(name, 1, 1),
                    "the file is not UTF-8 text")));
        } catch (IOException e) {
            throw new FlowException(List.of(FlowProblem.error(new SourcePosition(name, 1, 1),
                    "cannot read the file: " + e.getMessage())));
        }
    }

    static String stripByteOrderMark(String content) {
        return content.startsWith("\uFEFF") ? content.substring(1) : content;
    }
}
