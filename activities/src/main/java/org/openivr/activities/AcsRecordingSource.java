package org.openivr.activities;

import com.azure.communication.callautomation.CallAutomationClientBuilder;
import com.azure.communication.callautomation.CallRecordingAsync;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.http.rest.Response;
import com.azure.core.util.FluxUtil;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;

/**
 * Recording files at the source (ACS): download and delete through SDK 1.0.4's own recording client, which
 * signs these requests with the resource's HMAC key as ACS requires (acs-wire 2.5, 7.3). A download streams: the
 * body goes to the {@link Target} as it arrives, never held whole in memory.
 */
public final class AcsRecordingSource {

    /** Where a download goes, chosen once its content type and length are known. */
    public interface Target {
        /** @param length the Content-Length, or -1 */
        OutputStream open(String contentType, long length) throws IOException;
    }

    /** The source has no such object (404). */
    public static final class NotFound extends IOException {
        public NotFound(String message) {
            super(message);
        }
    }

    private final CallRecordingAsync recordings;

    public AcsRecordingSource(AcsSettings settings, AcsClients clients) {
        this.recordings = new CallAutomationClientBuilder()
                .connectionString(Objects.requireNonNull(settings, "settings").connectionString())
                .httpClient(Objects.requireNonNull(clients, "clients").httpClient())
                // Temporal retries the activity; the SDK only smooths over a brief blip.
                .retryOptions(new RetryOptions(new ExponentialBackoffOptions()
                        .setMaxRetries(2).setBaseDelay(Duration.ofMillis(200)).setMaxDelay(Duration.ofSeconds(1))))
                .buildAsyncClient()
                .getCallRecordingAsync();
    }

    /** Streams the object at {@code url} into {@code target}; {@link NotFound} when the source has none. */
    public void download(String url, Target target) throws IOException {
        try {
            Response<Flux<ByteBuffer>> response = recordings.downloadStreamWithResponse(url, null).block();
            if (response == null) {
                throw new IOException("no response downloading " + url);
            }
            String contentType = response.getHeaders().getValue(HttpHeaderName.CONTENT_TYPE);
            String length = response.getHeaders().getValue(HttpHeaderName.CONTENT_LENGTH);
            OutputStream out = target.open(contentType, length == null ? -1 : Long.parseLong(length.trim()));
            FluxUtil.writeToOutputStream(response.getValue(), out).block();
            out.flush();
        } catch (RuntimeException e) {
            throw translate("download", url, e);
        }
    }

    /** {@code DELETE url}: true when deleted now, false when it was already gone (404). */
    public boolean delete(String url) throws IOException {
        int status;
        try {
            Response<Void> response = recordings.deleteWithResponse(url).block();
            status = response == null ? -1 : response.getStatusCode();
        } catch (RuntimeException e) {
            IOException failure = translate("delete", url, e);
            if (failure instanceof NotFound) {
                return false;
            }
            throw failure;
        }
        if (status == 404) {
            return false;
        }
        if (status / 100 != 2) {
            throw new IOException("delete " + url + ": HTTP " + status);
        }
        return true;
    }

    private static IOException translate(String operation, String url, RuntimeException e) {
        Throwable cause = Exceptions.unwrap(e);
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof HttpResponseException http && http.getResponse() != null) {
                int status = http.getResponse().getStatusCode();
                if (status == 404) {
                    return new NotFound(operation + " " + url + ": HTTP 404");
                }
                return new IOException(operation + " " + url + ": HTTP " + status, http);
            }
            if (t instanceof IOException io) {
                return io;
            }
        }
        return new IOException(operation + " " + url + " failed: " + cause, cause);
    }
}
