package org.openivr.flows;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openivr.flows.YamlReader.Entry;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads {@code hours: {timezone, open: {mon-fri: "08:00-18:00", sat: ["10:00-12:00", "13:00-16:00"]},
 * closed: [2026-12-25]}}.
 */
final class HoursReader {
    static final List<String> FIELDS = List.of("timezone", "open", "closed");
    static final List<String> OUTCOMES = List.of("open", "closed");
    static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
    private static final Pattern INTERVAL =
            Pattern.compile("\\s*([0-9]{1,2}):([0-9]{2})\\s*-\\s*([0-9]{1,2}):([0-9]{2})\\s*");

    private final FlowReader reader;
    private final Problems problems;
    private final YamlReader yaml;

    HoursReader(FlowReader reader) {
        this.reader = reader;
        this.problems = reader.problems;
        this.yaml = reader.yaml;
    }

    Node read(String id, SourcePosition position, Entry verb, Map<String, Entry> fields) {
        String what = "hours '" + id + "'";
        Map<String, String> on = reader.on(id, "hours", fields, OUTCOMES);
        boolean ok = true;
        for (String outcome : OUTCOMES) {
            if (!reader.writesOutcome(id, outcome)) {
                problems.error(verb.key(), "node '" + id + "' needs 'on: {" + outcome + ": ...}': where the call goes"
                        + " when the business is " + outcome);
                ok = false;
            }
        }
        Map<String, Entry> hours = yaml.fields(verb.value(), what, FIELDS);
        if (hours == null) {
            return null;
        }
        ZoneId zone = null;
        if (!hours.containsKey("timezone")) {
            problems.error(verb.key(), what + " needs 'timezone': where the business is, like Europe/Paris or"
                    + " America/Los_Angeles");
            ok = false;
        } else {
            zone = zone(hours.get("timezone").value());
            ok &= zone != null;
        }
        List<Node.Hours.Interval> open = new ArrayList<>();
        if (!hours.containsKey("open")) {
            problems.error(verb.key(), what + " needs 'open': the opening hours, like {mon-fri: \"08:00-18:00\"}");
            ok = false;
        } else {
            ok &= open(hours.get("open"), open);
        }
        List<LocalDate> closed = new ArrayList<>();
        if (hours.containsKey("closed")) {
            ok &= closed(hours.get("closed").value(), closed);
        }
        if (!ok) {
            return null;
        }
        return new Node.Hours(id, position, zone, List.copyOf(open), List.copyOf(closed),
                Collections.unmodifiableMap(on));
    }

    private ZoneId zone(org.yaml.snakeyaml.nodes.Node node) {
        String text = yaml.nonBlank(node, "timezone");
        if (text == null) {
            return null;
        }
        try {
            return ZoneId.of(text.trim());
        } catch (DateTimeException e) {
            problems.error(node, "timezone '" + text + "' is not a time zone: write a region like Europe/Paris or"
                    + " America/Los_Angeles" + Suggestions.didYouMean(text, ZoneId.getAvailableZoneIds().stream()
                    .sorted().toList()));
            return null;
        }
    }

    private boolean open(Entry entry, List<Node.Hours.Interval> open) {
        MappingNode mapping = yaml.mapping(entry.value(), "open",
                "a mapping of days to hours, like {mon-fri: \"08:00-18:00\"}");
        if (mapping == null) {
            return false;
        }
        Map<String, Entry> entries = yaml.entries(mapping);
        if (entries.isEmpty()) {
            problems.error(entry.key(), "'open' is empty: say on which days and hours the business is open");
            return false;
        }
        boolean ok = true;
        for (Entry day : entries.values()) {
            Set<DayOfWeek> days = days(day);
            List<org.yaml.snakeyaml.nodes.Node> values = day.value() instanceof SequenceNode sequence
                    ? sequence.getValue() : List.of(day.value());
            if (values.isEmpty()) {
                problems.error(day.value(), "'" + day.name() + "' has no hours: leave the day out when the business is"
                        + " closed all day");
                ok = false;
            }
            for (org.yaml.snakeyaml.nodes.Node value : values) {
                LocalTime[] interval = interval(value);
                if (interval == null || days == null) {
                    ok = false;
                } else {
                    open.add(new Node.Hours.Interval(Collections.unmodifiableSet(days), interval[0], interval[1]));
                }
            }
        }
        return ok;
    }

    /** "mon-fri", "sat", "mon,wed,fri", "fri-mon": the days, or null (reported). */
    private Set<DayOfWeek> days(Entry entry) {
        String text = entry.name().trim();
        Set<DayOfWeek> days = new LinkedHashSet<>();
        for (String part : text.split(",", -1)) {
            String[] range = part.trim().split("-", -1);
            if (range.length > 2) {
                problems.error(entry.key(), "'" + text + "' is not a day or a range of days like mon-fri");
                return null;
            }
            Integer first = day(range[0].trim(), text, entry);
            Integer last = range.length == 2 ? day(range[1].trim(), text, entry) : first;
            if (first == null || last == null) {
                return null;
            }
            for (int d = first; ; d = (d + 1) % 7) { // a range may wrap around the week: fri-mon
                days.add(DayOfWeek.of(d + 1));
                if (d == last) {
                    break;
                }
            }
        }
        return EnumSet.copyOf(days);
    }

    /** 0 for mon ... 6 for sun, or null (reported). */
    private Integer day(String word, String text, Entry entry) {
        int index = DAYS.indexOf(word.toLowerCase(java.util.Locale.ROOT));
        if (index < 0) {
            String in = word.equals(text) ? "" : " in '" + text + "'";
            problems.error(entry.key(), "'" + word + "'" + in + " is not a day: days are mon, tue, wed, thu, fri, sat"
                    + " and sun, and a range is written like mon-fri" + Suggestions.didYouMean(word, DAYS));
            return null;
        }
        return index;
    }

    /** "08:00-18:00" as [from, to], with "24:00" as the end of the day; or null (reported). */
    private LocalTime[] interval(org.yaml.snakeyaml.nodes.Node node) {
        String text = yaml.nonBlank(node, "opening hours");
        if (text == null) {
            return null;
        }
        Matcher m = INTERVAL.matcher(text);
        if (!m.matches()) {
            problems.error(node, "opening hours '" + text + "' must be written like \"08:00-18:00\"");
            return null;
        }
        LocalTime from = time(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), false);
        LocalTime to = time(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), true);
        if (from == null || to == null) {
            String bad = from == null ? m.group(1) + ":" + m.group(2) : m.group(3) + ":" + m.group(4);
            problems.error(node, "'" + bad + "' in '" + text + "' is not a time of day: times run from 00:00 to 24:00");
            return null;
        }
        if (!from.isBefore(to)) {
            problems.error(node, "opening hours '" + text + "' end before they begin: hours run within one day, so"
                    + " split a night over two days (22:00-24:00, then 00:00-06:00 on the next day)");
            return null;
        }
        return new LocalTime[] {from, to};
    }

    private static LocalTime time(int hour, int minute, boolean end) {
        if (end && hour == 24 && minute == 0) {
            return LocalTime.MAX;
        }
        if (hour > 23 || minute > 59) {
            return null;
        }
        return LocalTime.of(hour, minute);
    }

    private boolean closed(org.yaml.snakeyaml.nodes.Node node, List<LocalDate> closed) {
        if (!(node instanceof SequenceNode sequence)) {
            problems.error(node, "closed must be a list of dates like [2026-12-25, 2027-01-01], not "
                    + YamlReader.describe(node));
            return false;
        }
        boolean ok = true;
        for (org.yaml.snakeyaml.nodes.Node item : sequence.getValue()) {
            String text = yaml.nonBlank(item, "a closed date");
            if (text == null) {
                ok = false;
                continue;
            }
            try {
                closed.add(LocalDate.parse(text.trim()));
            } catch (DateTimeParseException e) {
                problems.error(item, "closed date '" + text + "' is not a date like 2026-12-25");
                ok = false;
            }
        }
        return ok;
    }
}
