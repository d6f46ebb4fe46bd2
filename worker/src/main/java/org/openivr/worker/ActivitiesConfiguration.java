package org.openivr.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openivr.activities.AcsCallActivities;
import org.openivr.activities.AcsSettings;
import org.openivr.activities.MediaStreamTokens;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The ACS activities, built from {@code ivr.acs.*}; a missing connection string, or a missing
 * {@code ivr.media.token-secret} (the media URLs' tokens), stops the worker at start.
 */
@Configuration
public class ActivitiesConfiguration {

    /** Issues the media URLs' tokens here and checks them in the streaming worker: one secret for both. */
    @Bean
    MediaStreamTokens mediaStreamTokens(@Value("${" + MediaStreamTokens.PROPERTY + ":}") String secret) {
        return MediaStreamTokens.fromSecret(secret);
    }

    @Bean
    AcsSettings acsSettings(AcsProperties properties, MediaStreamTokens mediaTokens) {
        if (properties.connectionString() == null || properties.connectionString().isBlank()) {
            throw new IllegalStateException("ivr.acs.connection-string (ACS_CONNECTION_STRING) is not set: "
                    + "the worker cannot reach Azure Communication Services");
        }
        return new AcsSettings(properties.connectionString(), properties.callbackBaseUrl(),
                readPem(properties.trustedCertificate()), properties.cognitiveServicesEndpoint(), mediaTokens);
    }

    /** Named so that {@code spring.temporal.workers[0].activity-beans} can list it. */
    @Bean
    AcsCallActivities callActivities(AcsSettings settings) {
        return new AcsCallActivities(settings);
    }

    private static String readPem(String path) {
        if (path == null || path.isBlank()) {
            return null;
        }
        try {
            return Files.readString(Path.of(path), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("ivr.acs.trusted-certificate: cannot read " + path, e);
        }
    }
}
