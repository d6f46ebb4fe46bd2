package org.openivr.emulator;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A caller the emulator plays: who calls whom, and what the caller does once the call is answered.
 * When the steps run out the caller stays silent on the line until the app hangs up.
 *
 * @param name      a label for logs
 * @param fromPhone the caller's number, E.164 ({@code +14255550123})
 * @param toPhone   the dialled number, E.164
 * @param steps     what the caller does, in order
 * @param sipHeaders custom SIP headers the call arrives with (IncomingCall {@code customContext.sipHeaders}),
 *                   e.g. a test clock for scripted calls; may be empty
 */
public record ScriptedCaller(String name, String fromPhone, String toPhone, List<CallerStep> steps,
                             java.util.Map<String, String> sipHeaders) {

  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");

  public ScriptedCaller {
    requireE164(fromPhone, "fromPhone");
    requireE164(toPhone, "toPhone");
    name = name == null ? fromPhone : name;
    steps = steps == null ? List.of() : List.copyOf(steps);
    sipHeaders = sipHeaders == null ? java.util.Map.of() : java.util.Map.copyOf(sipHeaders);
  }

  public ScriptedCaller(String name, String fromPhone, String toPhone, List<CallerStep> steps) {
    this(name, fromPhone, toPhone, steps, null);
  }

  public static ScriptedCaller of(String name, String fromPhone, String toPhone, CallerStep... steps) {
    return new ScriptedCaller(name, fromPhone, toPhone, List.of(steps));
  }

  private static void requireE164(String phone, String field) {
    Objects.requireNonNull(phone, field);
    if (!E164.matcher(phone).matches()) {
      throw new IllegalArgumentException(field + " must be an E.164 number like +14255550123: " + phone);
    }
  }
}
