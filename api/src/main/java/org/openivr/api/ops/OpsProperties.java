package org.openivr.api.ops;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code ivr.ops.*}: the operator tools of the API.
 *
 * @param stuckAfter          the slack of the {@link StuckRule} (and the whole allowance of waits it knows nothing
 *                            about): 60 s by default
 * @param rpcDeadline         how long one Temporal call of the inspector may take (queries need a live worker)
 * @param activeCallsInterval how often {@code ivr_calls_active} is refreshed from Temporal; 0 turns it off
 */
@ConfigurationProperties("ivr.ops")
public record OpsProperties(Duration stuckAfter, Duration rpcDeadline, Duration activeCallsInterval) {
    public OpsProperties {
        stuckAfter = stuckAfter == null ? StuckRule.DEFAULT_THRESHOLD : stuckAfter;
        rpcDeadline = rpcDeadline == null ? Duration.ofSeconds(5) : rpcDeadline;
        activeCallsInterval = activeCallsInterval == null ? Duration.ofSeconds(15) : activeCallsInterval;
    }
}
