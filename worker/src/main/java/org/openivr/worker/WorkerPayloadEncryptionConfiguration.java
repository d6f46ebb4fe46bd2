package org.openivr.worker;

import io.temporal.common.converter.DataConverter;
import org.openivr.workflows.payload.PayloadEncryption;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Temporal payloads encrypted with {@code ivr.temporal.payload-keys} ({@code IVR_PAYLOAD_KEYS}): Temporal's Spring
 * Boot starter gives the bean named {@code mainDataConverter} to the WorkflowClient and so to every worker. Missing
 * or malformed keys stop the process at start-up ({@link InvalidPayloadKeysFailureAnalyzer} says why).
 */
@Configuration(proxyBeanMethods = false)
public class WorkerPayloadEncryptionConfiguration {

    /**
     * Conditional because `ivr serve` runs the API in the same context, which declares the same converter
     * from the same property: whichever is registered first is the one.
     */
    @Bean(name = "mainDataConverter")
    @ConditionalOnMissingBean(name = "mainDataConverter")
    DataConverter mainDataConverter(@Value("${" + PayloadEncryption.PROPERTY + ":${" + PayloadEncryption.ENVIRONMENT + ":}}")
                                    String keys) {
        return PayloadEncryption.required(keys).dataConverter();
    }
}
