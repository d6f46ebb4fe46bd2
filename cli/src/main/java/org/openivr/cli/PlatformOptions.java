package org.openivr.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.openivr.cli.embedded.EmbeddedTemporal;

/**
 * How to compose the platform in one JVM.
 *
 * @param flowsDir        where flow files are
 * @param apiPort         HTTP port of the API (0 = any free port)
 * @param temporalAddress a real cluster's {@code host:port}, or null for the embedded server
 * @param acsConnection   a real ACS connection string, or null for the local emulator
 * @param routes          dialled number -> flow name
 * @param emulatorTimeScale how fast emulated time runs (1 = real time)
 * @param publicUrl       the API's public base URL for ACS callbacks, or null for http://127.0.0.1:{port}
 * @param temporalPort    loopback port of the embedded Temporal server (0 = any free port); unused with a cluster
 * @param runsWorker      whether this JVM also polls Temporal for call work; false when separate {@code ivr worker}
 *                        processes do it (the API, the streaming worker and the emulator still run here)
 * @param retention       how long an ended call stays in the embedded Temporal server (a cluster's namespace has its
 *                        own retention) and in the emulator, after which both answer for it as for a call they
 *                        never had
 */
public record PlatformOptions(Path flowsDir, int apiPort, String temporalAddress, String acsConnection,
                              Map<String, String> routes, double emulatorTimeScale, String publicUrl, int temporalPort,
                              boolean runsWorker, Duration retention) {

    /** With its own worker. */
    public PlatformOptions(Path flowsDir, int apiPort, String temporalAddress, String acsConnection,
                           Map<String, String> routes, double emulatorTimeScale, String publicUrl, int temporalPort) {
        this(flowsDir, apiPort, temporalAddress, acsConnection, routes, emulatorTimeScale, publicUrl, temporalPort, true,
                EmbeddedTemporal.DEFAULT_RETENTION);
    }

    /** The embedded Temporal server, if any, on a free port, and its own worker. */
    public PlatformOptions(Path flowsDir, int apiPort, String temporalAddress, String acsConnection,
                           Map<String, String> routes, double emulatorTimeScale, String publicUrl) {
        this(flowsDir, apiPort, temporalAddress, acsConnection, routes, emulatorTimeScale, publicUrl, 0);
    }

    /** These options, with the call work left to separate worker processes. */
    public PlatformOptions withoutWorker() {
        return new PlatformOptions(flowsDir, apiPort, temporalAddress, acsConnection, routes, emulatorTimeScale,
                publicUrl, temporalPort, false, retention);
    }

    /** These options, with the embedded server and the emulator forgetting ended calls this long after they end. */
    public PlatformOptions withRetention(Duration retention) {
        return new PlatformOptions(flowsDir, apiPort, temporalAddress, acsConnection, routes, emulatorTimeScale,
                publicUrl, temporalPort, runsWorker, retention);
    }
}
