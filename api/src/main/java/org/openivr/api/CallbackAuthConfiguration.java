package org.openivr.api;

import java.nio.file.Path;
import org.openivr.acsauth.AcsTokenVerifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Callback authentication ({@code ivr.acs.callback-auth.*}, {@link CallbackAuthProperties}): the JWT check on
 * {@code /api/callbacks/*}. HTTPS to the key endpoints trusts {@code ivr.acs.trusted-certificate} alone when it is set
 * (the local emulator's certificate), else the JDK's trust store. Startup fails when enabled without an audience.
 */
@Configuration
@EnableConfigurationProperties(CallbackAuthProperties.class)
public class CallbackAuthConfiguration {
    private static final Logger log = LoggerFactory.getLogger(CallbackAuthConfiguration.class);

    @Bean
    FilterRegistrationBean<CallbackAuthFilter> callbackAuthFilter(CallbackAuthProperties properties,
            @Value("${ivr.acs.trusted-certificate:}") String trustedCertificate) {
        FilterRegistrationBean<CallbackAuthFilter> registration;
        if (properties.isEnabled()) {
            AcsTokenVerifier verifier = new AcsTokenVerifier(properties.settings(), CallbackAuthProperties.PREFIX,
                    trustedCertificate.isBlank() ? null : Path.of(trustedCertificate));
            registration = new FilterRegistrationBean<>(new CallbackAuthFilter(verifier));
        } else {
            log.warn("ivr.acs.callback-auth.enabled=false: /api/callbacks accepts callbacks without checking ACS's "
                    + "token; anyone who can reach it can drive calls");
            registration = new FilterRegistrationBean<>(new CallbackAuthFilter(null));
            registration.setEnabled(false);
        }
        registration.addUrlPatterns("/api/callbacks/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
        registration.setName("callbackAuthFilter");
        return registration;
    }
}
