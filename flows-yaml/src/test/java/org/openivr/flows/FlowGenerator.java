package org.openivr.flows;

/**
 * Generates large, valid flows for the validation benchmark: blocks of ten nodes, each block with
 * business hours, a menu, key entry with a pattern, a branch, assignments, prompts that say variables
 * and a pause, every block's expressions different from the others'.
 */
final class FlowGenerator {
    static final int NODES_PER_BLOCK = 10;

    private FlowGenerator() {}

    /** A flow named {@code name} with exactly {@code nodes} nodes (a multiple of ten). */
    static String generate(String name, int nodes) {
        if (nodes <= 0 || nodes % NODES_PER_BLOCK != 0) {
            throw new IllegalArgumentException("nodes must be a positive multiple of " + NODES_PER_BLOCK);
        }
        int blocks = nodes / NODES_PER_BLOCK;
        StringBuilder yaml = new StringBuilder();
        yaml.append("# yaml-language-server: $schema=../schema/flow.schema.json\n")
                .append("flow: ").append(name).append('\n')
                .append("description: Generated, ").append(nodes).append(" nodes\n")
                .append("start: b0-welcome\n")
                .append("variables:\n  name: \"\"\n  account: \"\"\n  section: \"\"\n  tries: 0\n  vip: false\n")
                .append("defaults:\n  timeout: 5s\n  attempts: 3\n")
                .append("anytime:\n  \"0\": b0-welcome\n")
                .append("nodes:\n");
        for (int i = 0; i < blocks; i++) {
            String b = "b" + i + "-";
            String next = i + 1 < blocks ? "b" + (i + 1) + "-welcome" : "hangup";
            String nextMenu = "b" + ((i + 1) % blocks) + "-welcome";
            yaml.append("  ").append(b).append("welcome:\n")
                    .append("    play: \"Welcome to section ").append(i).append(", ${name}.\"\n")
                    .append("    next: ").append(b).append("hours\n");
            yaml.append("  ").append(b).append("hours:\n")
                    .append("    hours:\n")
                    .append("      timezone: Europe/Paris\n")
                    .append("      open: {mon-fri: [\"08:00-12:00\", \"13:00-18:00\"], sat: \"10:00-14:00\"}\n")
                    .append("      closed: [2026-12-25, 2027-01-01]\n")
                    .append("    on: {open: ").append(b).append("menu, closed: ").append(b).append("closed}\n");
            yaml.append("  ").append(b).append("menu:\n")
                    .append("    menu:\n")
                    .append("      prompt: \"For billing press 1. For support press 2. For the next section press 3.\"\n")
                    .append("      options: {\"1\": ").append(b).append("account, \"2\": ").append(b)
                    .append("check, \"3\": {to: ").append(nextMenu).append(", say: [next, skip]}}\n")
                    .append("      noInput: \"Sorry, I did not hear you.\"\n")
                    .append("      noMatch: \"Sorry, that is not a choice.\"\n")
                    .append("    on: {failed: ").append(b).append("closed}\n");
            yaml.append("  ").append(b).append("account:\n")
                    .append("    ask:\n")
                    .append("      prompt: \"Enter your account number, then press the pound key.\"\n")
                    .append("      into: account\n")
                    .append("      digits: {max: 12, stopOn: \"#\"}\n")
                    .append("      pattern: \"^[0-9]{8}$\"\n")
                    .append("    on: {ok: ").append(b).append("check, failed: ").append(b).append("closed}\n");
            yaml.append("  ").append(b).append("check:\n")
                    .append("    when:\n")
                    .append("      - if: account.startsWith(\"").append(i % 10).append("\") && tries < ")
                    .append(i % 5 + i).append('\n')
                    .append("        then: ").append(b).append("count\n")
                    .append("      - if: size(account) > ").append(i).append(" || vip\n")
                    .append("        then: ").append(b).append("vip\n")
                    .append("    else: ").append(b).append("count\n");
            yaml.append("  ").append(b).append("count:\n")
                    .append("    set:\n")
                    .append("      tries: \"tries + ").append(i + 1).append("\"\n")
                    .append("      section: \"'section-").append(i).append("'\"\n")
                    .append("    next: ").append(b).append("say\n");
            yaml.append("  ").append(b).append("vip:\n")
                    .append("    set:\n")
                    .append("      vip: \"tries > ").append(i).append(" && account != ''\"\n")
                    .append("    next: ").append(b).append("say\n");
            yaml.append("  ").append(b).append("say:\n")
                    .append("    play: \"Section ").append(i)
                    .append(": you have tried ${tries} times in ${section}, account ${account}.\"\n")
                    .append("    next: ").append(b).append("pause\n");
            yaml.append("  ").append(b).append("pause:\n")
                    .append("    wait: 500ms\n")
                    .append("    next: ").append(next).append('\n');
            yaml.append("  ").append(b).append("closed:\n")
                    .append("    play: [\"Section ").append(i).append(" is closed.\", {audio: \"https://cdn.example.com/")
                    .append(i).append(".wav\"}]\n")
                    .append("    next: ").append(next).append('\n');
        }
        return yaml.toString();
    }
}
