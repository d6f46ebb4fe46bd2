package org.openivr.worker.media;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.client.WorkflowClient;
import java.nio.file.Path;
import java.util.Optional;
import org.openivr.acsauth.AcsTokenVerifier;
import org.openivr.activities.MediaStreamTokens;
import org.openivr.workflows.AudioSignal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * The streaming worker: ACS connects to {@code /ws/media/{callId}} (the URL {@code AcsSettings.mediaStreamingUri}
 * gives ACS) and streams the call's audio; edges go to the call's workflow as {@code onAudio} signals.
 */
@Configuration
@EnableWebSocket
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties({MediaStreamingProperties.class, AcsTokenProperties.class})
public class MediaStreamingConfiguration implements WebSocketConfigurer {
    private static final Logger log = LoggerFactory.getLogger(MediaStreamingConfiguration.class);
    /** Name of an optional {@link AudioSignalSink} bean that replaces delivery through Temporal. */
    public static final String DELIVERY = "audioSignalDelivery";

    private final MediaStreamingProperties properties;
    private final ObjectProvider<MediaHandshakeInterceptor> interceptor;
    private final ObjectProvider<MediaStreamingHandler> handler;

    public MediaStreamingConfiguration(MediaStreamingProperties properties,
                                       ObjectProvider<MediaHandshakeInterceptor> interceptor,
                                       ObjectProvider<MediaStreamingHandler> handler) {
        this.properties = properties;
        this.interceptor = interceptor;
        this.handler = handler;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        // ACS is not a browser and sends no Origin; the call id and the token decide admission.
        registry.addHandler(handler.getObject(), MediaHandshakeInterceptor.PREFIX + "*")
                .addInterceptors(interceptor.getObject())
                .setAllowedOriginPatterns("*");
    }

    /**
     * The sender; it delivers through the bean named {@value #DELIVERY} when there is one (tests, or another
     * transport), else by signalling the call's workflow through Temporal.
     */
    @Bean(destroyMethod = "close")
    AsyncAudioSignalSender audioSignalSender(ObjectProvider<WorkflowClient> client,
                                             @Qualifier(DELIVERY) ObjectProvider<AudioSignalSink> delivery,
                                             ObjectProvider<MeterRegistry> registry) {
        AudioSignalSink target = delivery.getIfAvailable(() -> new TemporalAudioSignalSink(client.getObject()));
        AsyncAudioSignalSender sender = new AsyncAudioSignalSender(target, properties.lanes(), properties.queue());
        MeterRegistry meters = registry.getIfAvailable();
        if (meters != null) {
            FunctionCounter.builder("ivr.media.signals.delivered", sender, AsyncAudioSignalSender::delivered)
                    .description("audio signals delivered to call workflows").register(meters);
            FunctionCounter.builder("ivr.media.signals.dropped", sender, AsyncAudioSignalSender::droppedQueueFull)
                    .description("audio signals dropped because the sender's queue was full").register(meters);
            FunctionCounter.builder("ivr.media.signals.failed", sender, AsyncAudioSignalSender::failed)
                    .description("audio signals the workflow did not accept").register(meters);
            Gauge.builder("ivr.media.signals.queued", sender, AsyncAudioSignalSender::queued).register(meters);
        }
        return sender;
    }

    /**
     * Admission: the URL token under {@code ivr.media.token-secret} (the {@link MediaStreamTokens} bean the activities
     * issue with, else one made from the property; startup fails without it); ACS's JWT checked by a
     * {@link MediaTokenVerifier} bean if there is one, else {@link VerifiedAcsJwt} on {@code ivr.acs.callback-auth.*}
     * (startup fails without an audience unless that is disabled); a {@link CallValidator} bean if there is one,
     * else Temporal's describe (a running CallWorkflow).
     */
    @Bean
    MediaHandshakeInterceptor mediaHandshakeInterceptor(ObjectProvider<CallValidator> calls,
                                                        ObjectProvider<MediaStreamTokens> urlTokens,
                                                        ObjectProvider<MediaTokenVerifier> acsTokens,
                                                        ObjectProvider<WorkflowClient> client,
                                                        AcsTokenProperties acsTokenProperties,
                                                        @Value("${ivr.media.token-secret:}") String tokenSecret,
                                                        @Value("${ivr.acs.trusted-certificate:}") String trusted) {
        return new MediaHandshakeInterceptor(calls.getIfAvailable(() -> new TemporalCallValidator(client.getObject())),
                urlTokens.getIfAvailable(() -> MediaStreamTokens.fromSecret(tokenSecret)),
                acsTokens.getIfAvailable(() -> acsJwt(acsTokenProperties, trusted)));
    }

    private MediaTokenVerifier acsJwt(AcsTokenProperties acs, String trustedCertificate) {
        if (!acs.isEnabled()) {
            log.warn("ivr.acs.callback-auth.enabled=false: media WebSocket upgrades are admitted without checking "
                    + "ACS's token; only the URL token protects them");
            return authorization -> Optional.empty();
        }
        AcsTokenVerifier verifier = new AcsTokenVerifier(acs.settings(), AcsTokenProperties.PREFIX,
                trustedCertificate.isBlank() ? null : Path.of(trustedCertificate));
        return new VerifiedAcsJwt(verifier, properties.acsTokenRequired());
    }

    /** The handler, created after the media path has been warmed up: before the server accepts its first stream. */
    @Bean
    MediaStreamingHandler mediaStreamingHandler(AsyncAudioSignalSender sender) {
        int frames = properties.warmUp();
        if (frames > 0) {
            MediaPathWarmUp.Result warm = MediaPathWarmUp.run(properties.settings(), frames);
            log.info("media path warmed up on {} generated frames in {} ms ({} key and {} speech edges found); "
                            + "ivr.media.warm-up-frames=0 skips it", warm.frames(), warm.millis(),
                    warm.signals(AudioSignal.Kind.KEY), warm.signals(AudioSignal.Kind.SPEECH_STARTED));
        }
        return new MediaStreamingHandler(properties.settings(), sender);
    }

    @Bean
    @ConditionalOnClass(name = "org.apache.catalina.startup.Tomcat")
    @ConditionalOnProperty(name = "ivr.media.tomcat-nio2", havingValue = "true", matchIfMissing = true)
    MediaConnectorCustomizer mediaConnectorCustomizer() {
        return new MediaConnectorCustomizer();
    }

    @Bean
    @ConditionalOnMissingBean(ServletServerContainerFactoryBean.class)
    ServletServerContainerFactoryBean mediaWebSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(properties.maxText());
        container.setMaxBinaryMessageBufferSize(properties.maxText());
        return container;
    }
}
