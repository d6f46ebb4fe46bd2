package org.openivr.api;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code ivr.*} settings of the API.
 *
 * @param flowsDir    where flow files live ({@code flows} by default)
 * @param routes      dialled number (E.164) or ACS user id -> flow name
 * @param defaultFlow the flow for numbers that have no route; none means such calls are not answered
 * @param testClock   honour the {@value CallStarter#TEST_CLOCK_HEADER} SIP header, which sets a call's clock
 *                    (scripted calls testing business hours); only ever on with the local emulator
 */
@ConfigurationProperties("ivr")
public record ApiProperties(String flowsDir, Map<String, String> routes, String defaultFlow, boolean testClock) {
    public ApiProperties {
        flowsDir = flowsDir == null || flowsDir.isBlank() ? "flows" : flowsDir;
        routes = routes == null ? Map.of() : new LinkedHashMap<>(routes);
    }
}
