package org.openivr.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** What the figures were measured on: nproc and the CPU model of /proc/cpuinfo. */
final class Machine {
    private Machine() {}

    static String describe() {
        String model = "unknown CPU";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    model = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
        } catch (Exception e) {
            // not Linux
        }
        return Runtime.getRuntime().availableProcessors() + " CPUs (nproc), " + model;
    }
}
