package org.openivr.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.openivr.worker.media.AsyncAudioSignalSender;
import org.openivr.worker.media.AudioSignalSink;
import org.openivr.worker.media.MediaConnectorCustomizer;
import org.openivr.worker.media.MediaPathWarmUp;
import org.openivr.worker.media.MediaSettings;
import org.openivr.worker.media.MediaStreamingHandler;
import org.openivr.worker.media.MediaStreamingProperties;
import org.openivr.workflows.AudioSignal;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.autoconfigure.websocket.servlet.WebSocketServletAutoConfiguration;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * Loopback load driver: the streaming worker's WebSocket endpoint (embedded Tomcat, the worker's
 * {@link MediaStreamingHandler}, session, detectors and {@link AsyncAudioSignalSender}) on 127.0.0.1, and N client
 * streams ({@link RawWebSocket}: pre-masked frames, one write each) in the same JVM each sending one 16 kHz AudioData frame every 20 ms in real time (10 s of audio with
 * keys and speech, looped). Reports per stream count: the handler's time per frame, the added latency from a
 * frame's arrival to the edge it caused being handed to the sender ("emitted") and to that signal being delivered
 * by the sender's lane thread, the WebSocket transit (client send → handler), the frames the client managed to send, and the
 * process CPU (client included: it shares the machine). Stops by itself.
 *
 * <p>{@code bench/load.sh [seconds] [streams...]}, default 20 s at 100 200 400 streams.
 */
public final class LoadDriver {

    /** Per-connection queues of send times, keyed by call id (frames of one socket arrive in order). */
    static final Map<String, Queue<Long>> SENT = new ConcurrentHashMap<>();
    static final ThreadLocal<Long> ARRIVAL = new ThreadLocal<>();
    static final Map<String, Long> SIGNAL_ARRIVAL = new ConcurrentHashMap<>();
    static final String CLIENT_THREAD = "load-client-";
    static final Recorder HANDLER = new Recorder();
    static final Recorder TRANSIT = new Recorder();
    static final Recorder SIGNAL = new Recorder();
    static final Recorder EMIT = new Recorder();

    /** Latencies in microseconds, kept whole for exact percentiles (a step records at most a few million). */
    static final class Recorder {
        private final long[] data = new long[8_000_000];
        private final AtomicInteger size = new AtomicInteger();
        private volatile boolean on;

        void record(long micros) {
            if (on) {
                int i = size.getAndIncrement();
                if (i < data.length) {
                    data[i] = micros;
                }
            }
        }

        void start() {
            size.set(0);
            on = true;
        }

        double[] stop() {
            on = false;
            int n = Math.min(size.get(), data.length);
            return Arrays.stream(data, 0, n).mapToDouble(v -> v).sorted().toArray();
        }
    }

    @SpringBootConfiguration
    @EnableWebSocket
    @ImportAutoConfiguration({ServletWebServerFactoryAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
            WebMvcAutoConfiguration.class, WebSocketServletAutoConfiguration.class})
    static class Server implements WebSocketConfigurer {
        final AsyncAudioSignalSender sender = new AsyncAudioSignalSender((callId, signal) -> {
            Long arrival = SIGNAL_ARRIVAL.remove(signal.id());
            if (arrival != null) {
                SIGNAL.record((System.nanoTime() - arrival) / 1000);
            }
        }, 2, 10_000);

        @Override
        public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
            AudioSignalSink timing = (callId, signal) -> {
                EMIT.record((System.nanoTime() - ARRIVAL.get()) / 1000);
                SIGNAL_ARRIVAL.put(signal.id(), ARRIVAL.get());
                sender.send(callId, signal);
            };
            MediaStreamingHandler worker = new MediaStreamingHandler(MediaSettings.defaults(), timing);
            // The measurement's own lookups run on the server's threads: one per frame, by the session's id.
            Map<String, Queue<Long>> sentTimes = new ConcurrentHashMap<>();
            registry.addHandler(new AbstractWebSocketHandler() {
                @Override
                public void afterConnectionEstablished(WebSocketSession session) throws Exception {
                    String path = session.getUri().getPath();
                    String callId = path.substring(path.lastIndexOf('/') + 1);
                    session.getAttributes().put("ivr.callId", callId);
                    sentTimes.put(session.getId(), SENT.get(callId));
                    worker.afterConnectionEstablished(session);
                }

                @Override
                protected void handleTextMessage(WebSocketSession session, TextMessage message) throws Exception {
                    long arrival = System.nanoTime();
                    Queue<Long> sent = sentTimes.get(session.getId());
                    Long at = sent == null ? null : sent.poll();
                    if (at != null) {
                        TRANSIT.record((arrival - at) / 1000);
                    }
                    ARRIVAL.set(arrival);
                    worker.handleMessage(session, message);
                    HANDLER.record((System.nanoTime() - arrival) / 1000);
                }

                @Override
                public void afterConnectionClosed(WebSocketSession session,
                                                  org.springframework.web.socket.CloseStatus status) throws Exception {
                    sentTimes.remove(session.getId());
                    worker.afterConnectionClosed(session, status);
                }
            }, "/ws/media/*").setAllowedOriginPatterns("*");
        }

        @Bean
        WebServerFactoryCustomizer<TomcatServletWebServerFactory> protocol() {
            // The worker's connector (MediaConnectorCustomizer, NIO2); -Dprotocol=<class> measures another.
            String protocol = System.getProperty("protocol", MediaConnectorCustomizer.NIO2);
            return f -> f.setProtocol(protocol);
        }

        @Bean
        ServletServerContainerFactoryBean container() {
            ServletServerContainerFactoryBean c = new ServletServerContainerFactoryBean();
            c.setMaxTextMessageBufferSize(65536);
            return c;
        }
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int[] counts = args.length > 1 ? Arrays.stream(args).skip(1).mapToInt(Integer::parseInt).toArray()
                : new int[] {100, 200, 400};
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        SpringApplication app = new SpringApplication(Server.class);
        Map<String, Object> defaults = new java.util.HashMap<>(Map.of("server.port", "0", "server.address", "127.0.0.1",
                "spring.main.banner-mode", "off", "logging.level.root", "WARN", "logging.level.org.openivr", "WARN"));
        if (System.getProperty("threads") != null) { // Tomcat worker threads (Spring Boot's default is 200)
            defaults.put("server.tomcat.threads.max", System.getProperty("threads"));
        }
        app.setDefaultProperties(defaults);
        // What the worker does before it accepts streams (ivr.media.warm-up-frames); -DwarmUp=0 measures a cold JVM.
        int warmUpFrames = Integer.parseInt(System.getProperty("warmUp",
                String.valueOf(MediaStreamingProperties.WARM_UP_FRAMES)));
        MediaPathWarmUp.Result warmUp = MediaPathWarmUp.run(MediaSettings.defaults(), warmUpFrames);
        try (ConfigurableApplicationContext context = app.run()) {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            Server server = context.getBean(Server.class);
            List<byte[]> frames = frames().stream().map(RawWebSocket::frame).toList();
            System.out.printf(Locale.ROOT, "openivr media load driver, %s; %s; JDK %s; %d s per step, 16 kHz, 20 ms frames%n",
                    java.time.LocalDate.now(), Machine.describe(), System.getProperty("java.version"), seconds);
            System.out.printf(Locale.ROOT, "media path warmed up on %d frames in %d ms before the first stream%n",
                    warmUp.frames(), warmUp.millis());
            System.out.println();
            System.out.println("| streams | frames/s sent of due | handler per frame p50 / p99 | arrival → edge emitted p50 / p99 "
                    + "| arrival → signal delivered p50 / p99 (signals) | WebSocket transit p50 / p99 | failed sends "
                    + "| process CPU (cores) | server threads' CPU (cores) | streams per server core | dropped |");
            // Streams per server core: the frames served per second, as 50-frame-per-second streams, over the cores
            // that served them. Dividing the streams by the cores instead would count a client that sends late frames
            // in a catch-up burst (more than 50 per stream in the window) against the server.
            System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            for (int n : counts) {
                step(port, n, seconds, frames, server.sender);
            }
            server.sender.close();
        }
    }

    private static void step(int port, int streams, int seconds, List<byte[]> frames, AsyncAudioSignalSender sender)
            throws Exception {
        AtomicInteger pacerThreads = new AtomicInteger();
        ScheduledExecutorService pacer = Executors.newScheduledThreadPool(2,
                r -> new Thread(r, CLIENT_THREAD + pacerThreads.incrementAndGet()));
        List<RawWebSocket> sockets = new ArrayList<>();
        AtomicLong failed = new AtomicLong();
        AtomicLong sentFrames = new AtomicLong();
        byte[] metadata = RawWebSocket.frame("{\"kind\":\"AudioMetadata\",\"audioMetadata\":{\"subscriptionId\":\"s\","
                + "\"encoding\":\"PCM\",\"sampleRate\":16000,\"channels\":1,\"length\":640}}");
        for (int i = 0; i < streams; i++) {
            String callId = "load-" + streams + "-" + i;
            SENT.put(callId, new ConcurrentLinkedQueue<>());
            RawWebSocket socket = new RawWebSocket(port, "/ws/media/" + callId);
            socket.send(metadata);
            sockets.add(socket);
        }
        long dropped0 = sender.droppedQueueFull();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        List<ScheduledFuture<?>> tasks = new ArrayList<>();
        long period = 20_000_000L;
        for (int i = 0; i < streams; i++) {
            RawWebSocket socket = sockets.get(i);
            Queue<Long> sent = SENT.get("load-" + streams + "-" + i);
            int[] index = {(i * 37) % frames.size()};
            long offset = (period * i) / streams;
            tasks.add(pacer.scheduleAtFixedRate(() -> {
                byte[] frame = frames.get(index[0]);
                index[0] = (index[0] + 1) % frames.size();
                try {
                    sent.add(System.nanoTime());
                    socket.send(frame);
                    sentFrames.incrementAndGet();
                } catch (Exception e) {
                    failed.incrementAndGet();
                }
            }, offset, period, TimeUnit.NANOSECONDS));
        }
        Thread.sleep(3000); // warm-up
        HANDLER.start();
        TRANSIT.start();
        SIGNAL.start();
        EMIT.start();
        long framesAtStart = sentFrames.get();
        long cpuStart = os.getProcessCpuTime();
        Map<String, Long> threadsStart = threadCpu();
        long wallStart = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        double wall = System.nanoTime() - wallStart;
        double cpu = (os.getProcessCpuTime() - cpuStart) / wall;
        Map<String, Long> threadsEnd = threadCpu();
        double server = 0;
        for (Map.Entry<String, Long> e : threadsEnd.entrySet()) {
            String name = e.getKey();
            // Everything but the client's pacers and this thread: the container's threads whatever their names (the
            // selector's, the workers', an asynchronous channel group's), the sender's lanes. GC and JIT threads are
            // not Java threads and count in the process CPU only.
            if (!name.startsWith(CLIENT_THREAD) && !name.startsWith(Thread.currentThread().getName() + "#")) {
                server += e.getValue() - threadsStart.getOrDefault(name, 0L);
            }
        }
        server /= wall;
        if (Boolean.getBoolean("threadReport")) { // every thread group's CPU, to check what "server" counts
            Map<String, Double> groups = new java.util.TreeMap<>();
            for (Map.Entry<String, Long> e : threadsEnd.entrySet()) {
                String group = e.getKey().replaceAll("#\\d+$", "").replaceAll("\\d+", "N");
                groups.merge(group, (e.getValue() - threadsStart.getOrDefault(e.getKey(), 0L)) / wall, Double::sum);
            }
            groups.forEach((g, c) -> { if (c > 0.005) System.out.printf(Locale.ROOT, "  %-50s %.3f cores%n", g, c); });
        }
        long framesSent = sentFrames.get() - framesAtStart;
        double[] handler = HANDLER.stop();
        double[] transit = TRANSIT.stop();
        double[] signal = SIGNAL.stop();
        double[] emit = EMIT.stop();
        tasks.forEach(t -> t.cancel(false));
        pacer.shutdown();
        pacer.awaitTermination(5, TimeUnit.SECONDS);
        for (RawWebSocket socket : sockets) {
            try {
                socket.close();
            } catch (Exception e) {
                // already closed
            }
        }
        Thread.sleep(1000);
        System.out.printf(Locale.ROOT, "| %d | %.0f of %d | %.0f / %.0f µs | %.2f / %.2f ms | %.2f / %.2f ms (%d) | %.2f / %.2f ms "
                        + "| %d | %.2f | %.2f (%.0f µs per frame) | %.0f | %d |%n",
                streams, framesSent / (double) seconds, streams * 50, p(handler, 50), p(handler, 99), p(emit, 50) / 1000,
                p(emit, 99) / 1000, p(signal, 50) / 1000, p(signal, 99) / 1000, signal.length, p(transit, 50) / 1000,
                p(transit, 99) / 1000, failed.get(), cpu, server, server * 1e6 / Math.max(1, framesSent / (double) seconds),
                framesSent / (double) seconds / 50 / Math.max(server, 1e-9), sender.droppedQueueFull() - dropped0);
        SENT.clear();
    }

    /** CPU time per live thread, by name and id. */
    private static Map<String, Long> threadCpu() {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> out = new java.util.HashMap<>();
        for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null) {
                long t = threads.getThreadCpuTime(info.getThreadId());
                if (t > 0) {
                    out.merge(info.getThreadName() + "#" + info.getThreadId(), t, Long::sum);
                }
            }
        }
        return out;
    }

    private static double p(double[] sorted, double q) {
        return VadEval.percentile(sorted, q);
    }

    /** 10 s of 16 kHz audio (keys every second, speech between, low noise) as AudioData frames. */
    static List<String> frames() {
        Scene s = new Scene(9);
        for (int i = 0; i < 10; i++) {
            s.silence(200).key(Scene.KEYPAD.charAt(i), -12, 1, 80).silence(120);
            double f0 = 100 + 10 * i;
            s.voice(500, -22, f0, f0 * 1.1, 500, 1500).silence(100);
        }
        s.whiteNoise(-62);
        short[] audio = s.render(16000);
        List<String> frames = new ArrayList<>();
        byte[] bytes = new byte[640];
        for (int i = 0; i + 320 <= audio.length; i += 320) {
            for (int j = 0; j < 320; j++) {
                bytes[2 * j] = (byte) audio[i + j];
                bytes[2 * j + 1] = (byte) (audio[i + j] >> 8);
            }
            frames.add("{\"kind\":\"AudioData\",\"audioData\":{\"timestamp\":\"2024-11-15T19:16:12.925Z\","
                    + "\"participantRawID\":\"4:+14255550123\",\"data\":\"" + Base64.getEncoder().encodeToString(bytes)
                    + "\",\"silent\":false}}");
        }
        return frames;
    }

    private LoadDriver() {}

}
