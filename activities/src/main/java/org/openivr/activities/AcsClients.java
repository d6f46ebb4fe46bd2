package org.openivr.activities;

import com.azure.communication.callautomation.CallAutomationClient;
import com.azure.communication.callautomation.CallAutomationClientBuilder;
import com.azure.communication.common.implementation.CommunicationConnectionString;
import com.azure.communication.common.implementation.HmacAuthenticationPolicy;
import com.azure.core.credential.AzureKeyCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.RequestIdPolicy;
import com.azure.core.http.policy.RetryOptions;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;

import javax.net.ssl.SSLException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;

/**
 * The ACS clients built from {@link AcsSettings}: the SDK 1.0.4 {@link CallAutomationClient} and the
 * {@link HttpPipeline} of the REST extension ({@link AcsRestExtension}), both over one Netty
 * {@link HttpClient} and both signed by the SDK's own {@link HmacAuthenticationPolicy}.
 *
 * <p>When {@link AcsSettings#trustedCertificatePem()} is given, TLS trusts exactly those certificates;
 * otherwise the JVM's default trust. Nothing here ever trusts everything.
 */
public final class AcsClients {

    private final String endpoint;
    private final HttpClient httpClient;
    private final CallAutomationClient callAutomation;
    private final HttpPipeline restPipeline;

    public AcsClients(AcsSettings settings) {
        this(settings, nettyClient(Objects.requireNonNull(settings, "settings").trustedCertificatePem()));
    }

    /** Over a given HTTP client (tests); {@link AcsSettings#trustedCertificatePem()} is then not used. */
    AcsClients(AcsSettings settings, HttpClient httpClient) {
        Objects.requireNonNull(settings, "settings");
        CommunicationConnectionString parsed = new CommunicationConnectionString(settings.connectionString());
        this.endpoint = stripTrailingSlash(parsed.getEndpoint());
        this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
        this.callAutomation = new CallAutomationClientBuilder()
                .connectionString(settings.connectionString())
                .httpClient(httpClient)
                // Temporal retries the activity; the SDK only smooths over a brief blip.
                .retryOptions(new RetryOptions(new ExponentialBackoffOptions()
                        .setMaxRetries(2).setBaseDelay(Duration.ofMillis(200)).setMaxDelay(Duration.ofSeconds(1))))
                .addPolicy(new Repeatability.Policy())
                .buildClient();
        this.restPipeline = new HttpPipelineBuilder()
                .httpClient(httpClient)
                .policies(new RequestIdPolicy(),
                        new HmacAuthenticationPolicy(new AzureKeyCredential(parsed.getAccessKey())),
                        new Repeatability.Policy())
                .build();
    }

    /** The ACS endpoint from the connection string, without a trailing slash. */
    public String endpoint() {
        return endpoint;
    }

    public HttpClient httpClient() {
        return httpClient;
    }

    public CallAutomationClient callAutomation() {
        return callAutomation;
    }

    /** HMAC-signed pipeline for REST calls the SDK lacks; send requests to {@link #endpoint()}. */
    public HttpPipeline restPipeline() {
        return restPipeline;
    }

    /** A Netty client trusting exactly {@code pem}'s certificates, or the JVM default trust when null. */
    static HttpClient nettyClient(String trustedCertificatePem) {
        reactor.netty.http.client.HttpClient reactorClient = reactor.netty.http.client.HttpClient.create();
        if (trustedCertificatePem != null) {
            SslContext sslContext = sslContextTrusting(trustedCertificatePem);
            reactorClient = reactorClient.secure(spec -> spec.sslContext(sslContext));
        }
        return new NettyAsyncHttpClientBuilder(reactorClient)
                .connectTimeout(Duration.ofSeconds(5))
                .responseTimeout(Duration.ofSeconds(15))
                .build();
    }

    static SslContext sslContextTrusting(String pem) {
        X509Certificate[] certificates = parseCertificates(pem);
        try {
            return SslContextBuilder.forClient().trustManager(certificates).build();
        } catch (SSLException e) {
            throw new IllegalArgumentException("cannot build a TLS context trusting the given certificate", e);
        }
    }

    static X509Certificate[] parseCertificates(String pem) {
        try {
            Collection<? extends java.security.cert.Certificate> parsed = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            if (parsed.isEmpty()) {
                throw new IllegalArgumentException("trustedCertificatePem holds no certificate");
            }
            return parsed.stream().map(X509Certificate.class::cast).toArray(X509Certificate[]::new);
        } catch (CertificateException e) {
            throw new IllegalArgumentException("trustedCertificatePem is not a PEM X.509 certificate", e);
        }
    }

    private static String stripTrailingSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
