package org.openivr.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openivr.api.ops.CallDirectory;
import org.openivr.api.ops.CallSummary;
import org.openivr.emulator.Faults;
import org.openivr.flows.ScriptedCall;
import org.openivr.flows.ScriptedCalls;
import org.openivr.workflows.CallIds;
import org.openivr.workflows.CallResult;

/**
 * The inspector page in a real browser: headless Chromium (Debian's {@code chromium}) driven by Playwright
 * ({@code playwright-core} from npm, installed into {@code target/browser} by this test) clicks through live calls,
 * flows, a flow's diagram, a stuck call (its node highlighted, its timeline) and an ended call, and saves screenshots
 * in {@code target/screenshots}.
 *
 * <p>Runs in {@code mvn -B verify} when {@code /usr/bin/chromium} (or {@code $CHROMIUM}), node and npm are there;
 * otherwise it is skipped with a message saying what is missing. To run it on a machine without Chromium:
 * {@code apt-get install -y chromium}, then {@code mvn -B -pl cli test -Dtest=InspectorBrowserTest} (after one
 * {@code mvn -B install -DskipTests}). See docs/operations.md.
 */
class InspectorBrowserTest {
    static final String PLAYWRIGHT = "playwright-core@1.65.1";
    private static final Path FLOWS = Path.of("..", "flows");
    private static final Path BROWSER_DIR = Path.of("target", "browser");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @Test
    void clicksThroughFlowsACallAndItsTimeline() throws Exception {
        String chromium = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
        assumeTrue(!"false".equals(System.getProperty("ivr.browser-test")), "browser test turned off (-Divr.browser-test=false)");
        assumeTrue(Files.isExecutable(Path.of(chromium)), "no Chromium at " + chromium
                + ": install it (apt-get install -y chromium) or set CHROMIUM to run the inspector's browser test");
        assumeTrue(works("node", "--version") && works("npm", "--version"), "node and npm are needed for the browser test");
        installPlaywright();

        System.setProperty("ivr.ops.stuck-after", "1s");
        System.setProperty("ivr.state-dir", "target/ivr-state-browser");
        DemoSuites suites = DemoSuites.load(FLOWS, List.of("support-line"));
        try (Platform platform = Platform.start(new PlatformOptions(FLOWS, 0, null, null, suites.routes(), 0.2, null))) {
            ScriptedCalls suite = suites.suites().get(0);
            String number = suites.numbers().get("support-line");
            ScriptedCall happy = suite.calls().stream().filter(c -> c.name().startsWith("personal customer")).findFirst().orElseThrow();
            String endedCall = CallIds.forIncomingCall(platform.emulator().placeCall(ScriptedCallers.toEmulator(happy, number)));
            CallResult ended = platform.workflowClient().newUntypedWorkflowStub(endedCall)
                    .getResult(90, TimeUnit.SECONDS, CallResult.class);
            assertThat(ended.ending()).isEqualTo(CallResult.HUNGUP_BY_FLOW);

            platform.emulator().setFaults(Faults.none().withDropEventsFor("recognize"));
            String stuckCall = CallIds.forIncomingCall(platform.emulator().placeCall(
                    ScriptedCallers.toEmulator(suite.calls().get(0), number)));
            waitUntilStuck(platform, stuckCall);

            Path script = BROWSER_DIR.resolve("inspector-walkthrough.mjs");
            try (InputStream in = getClass().getResourceAsStream("/browser/inspector-walkthrough.mjs")) {
                Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.createDirectories(SCREENSHOTS);
            Process node = new ProcessBuilder("node", script.getFileName().toString(),
                    "http://127.0.0.1:" + platform.apiPort(), SCREENSHOTS.toAbsolutePath().toString(), stuckCall, endedCall)
                    .directory(BROWSER_DIR.toFile()).redirectErrorStream(true).start();
            String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(node.waitFor(3, TimeUnit.MINUTES)).isTrue();
            System.out.println("inspector walkthrough: " + output);
            assertThat(node.exitValue()).as(output).isZero();
            for (String name : List.of("01-live-calls.png", "02-flows.png", "03-flow-support-line.png", "04-stuck-call.png",
                    "05-ended-call.png")) {
                assertThat(SCREENSHOTS.resolve(name)).exists().isNotEmptyFile();
            }
            platform.emulator().setFaults(Faults.none());
        } finally {
            System.clearProperty("ivr.ops.stuck-after");
            System.clearProperty("ivr.state-dir");
        }
    }

    private static void waitUntilStuck(Platform platform, String callId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        try (TemporalConnection temporal = TemporalConnection.open(
                new TemporalConnection.Options(platform.temporalAddress(), null, Duration.ofSeconds(1), false, List.of()), Map.of())) {
            CallDirectory directory = temporal.directory(new org.openivr.api.ops.StuckRule(Duration.ofSeconds(1)));
            while (System.nanoTime() < deadline) {
                if (directory.openCalls(100).calls().stream().anyMatch(c -> c.callId().equals(callId) && c.stuck())) {
                    return;
                }
                Thread.sleep(300);
            }
        }
        throw new AssertionError(callId + " never became " + CallSummary.STUCK);
    }

    /** {@code npm install playwright-core} into target/browser (once; no browser download: Chromium is the system's). */
    private static void installPlaywright() throws IOException, InterruptedException {
        Files.createDirectories(BROWSER_DIR);
        if (Files.isDirectory(BROWSER_DIR.resolve("node_modules/playwright-core"))) {
            return;
        }
        Files.writeString(BROWSER_DIR.resolve("package.json"), "{\"name\":\"inspector-browser-test\",\"private\":true}\n");
        ProcessBuilder npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--loglevel=error", PLAYWRIGHT)
                .directory(BROWSER_DIR.toFile()).redirectErrorStream(true);
        npm.environment().put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        Process process = npm.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean finished = process.waitFor(5, TimeUnit.MINUTES);
        assumeTrue(finished && process.exitValue() == 0, "npm could not install " + PLAYWRIGHT + ": " + output);
    }

    private static boolean works(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
