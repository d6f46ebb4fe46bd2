package org.openivr.api;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code ivr.api.*}: who may use the management API ({@code /api/calls/**}, {@code /api/flows/**}).
 *
 * @param keys the API keys a client may present ({@code Authorization: Bearer KEY} or {@code X-Api-Key: KEY});
 *             comma-separated in one property or environment variable ({@code IVR_API_KEYS}); none means the
 *             management API refuses every request
 */
@ConfigurationProperties("ivr.api")
public record ApiAccessProperties(List<String> keys) {
    public ApiAccessProperties {
        keys = keys == null ? List.of() : keys.stream().filter(k -> k != null && !k.isBlank()).map(String::trim).toList();
    }

    /** Never prints the keys. */
    @Override
    public String toString() {
        return "ApiAccessProperties[" + keys.size() + " key(s)]";
    }
}
