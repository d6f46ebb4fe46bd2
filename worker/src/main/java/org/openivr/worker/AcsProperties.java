package org.openivr.worker;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code ivr.acs.*}: how the worker reaches Azure Communication Services.
 *
 * @param connectionString       {@code endpoint=https://...;accesskey=...} of the ACS resource
 * @param callbackBaseUrl        the public base URL of the API; callbacks go to {@code {base}/api/callbacks/{callId}}
 * @param trustedCertificate     path of a PEM certificate to trust (the local emulator's); empty in production
 * @param cognitiveServicesEndpoint Azure AI services endpoint for text-to-speech, if any
 */
@ConfigurationProperties("ivr.acs")
public record AcsProperties(String connectionString, String callbackBaseUrl, String trustedCertificate,
                            String cognitiveServicesEndpoint) {}
