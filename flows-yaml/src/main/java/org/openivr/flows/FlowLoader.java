package org.openivr.flows;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

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

    /** Reads and checks a flow file; its path as given names it in problems. */
    public static Flow load(Path file) {
        return parse(file.toString().replace('\\', '/'), read(file));
    }

    /**
     * Checks a flow and returns it when it has no errors (warnings are dropped; see {@link #check}).
     *
     * @param fileName the file's name as the user knows it, e.g. {@code flows/support-line.yaml}: it
     *                 names the file in problems and the flow must be named like it
     * @throws FlowException carrying every problem (errors and warnings) when there is any error
     */
    public static Flow parse(String fileName, String content) {
        Result result = check(fileName, content);
        if (result.hasErrors()) {
            throw new FlowException(result.problems());
        }
        return result.flow();
    }

    /** Checks a flow and returns everything found, warnings included; never throws. */
    public static Result check(String fileName, String content) {
        Problems problems = new Problems(fileName);
        Flow flow;
        try {
            flow = new FlowReader(problems, fileName).read(stripByteOrderMark(content));
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
