package org.openivr.activities;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.FluxUtil;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** An in-memory {@link HttpClient}: records what is sent and answers with canned responses. */
final class FakeAcsHttp implements HttpClient {

    record Sent(String method, String url, HttpHeaders headers, String body) {
        String header(String name) {
            return headers.getValue(name);
        }
    }

    record Canned(int status, String body) {}

    final List<Sent> sent = new CopyOnWriteArrayList<>();
    private volatile Function<Sent, Canned> responder = s -> new Canned(202, "");

    FakeAcsHttp respond(Function<Sent, Canned> responder) {
        this.responder = responder;
        return this;
    }

    Sent last() {
        return sent.get(sent.size() - 1);
    }

    @Override
    public Mono<HttpResponse> send(HttpRequest request) {
        Mono<byte[]> body = request.getBody() == null ? Mono.just(new byte[0]) : FluxUtil.collectBytesInByteBufferStream(request.getBody());
        return body.map(bytes -> {
            Sent s = new Sent(request.getHttpMethod().name(), request.getUrl().toString(), new HttpHeaders(request.getHeaders()),
                    new String(bytes, StandardCharsets.UTF_8));
            sent.add(s);
            Canned c = responder.apply(s);
            return new Response(request, c.status(), c.body());
        });
    }

    static final class Response extends HttpResponse {
        private final int status;
        private final byte[] body;
        private final HttpHeaders headers = new HttpHeaders().set("Content-Type", "application/json");

        Response(HttpRequest request, int status, String body) {
            super(request);
            this.status = status;
            this.body = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        }

        @Override public int getStatusCode() { return status; }
        @Override public String getHeaderValue(String name) { return headers.getValue(name); }
        @Override public HttpHeaders getHeaders() { return headers; }
        @Override public Flux<ByteBuffer> getBody() { return Flux.just(ByteBuffer.wrap(body)); }
        @Override public Mono<byte[]> getBodyAsByteArray() { return Mono.just(body); }
        @Override public Mono<String> getBodyAsString() { return Mono.just(new String(body, StandardCharsets.UTF_8)); }
        @Override public Mono<String> getBodyAsString(Charset charset) { return Mono.just(new String(body, charset)); }
    }
}
