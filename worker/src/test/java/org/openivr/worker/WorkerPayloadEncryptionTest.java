package org.openivr.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.common.v1.Payload;
import io.temporal.client.WorkflowClient;
import io.temporal.spring.boot.autoconfigure.RootNamespaceAutoConfiguration;
import io.temporal.spring.boot.autoconfigure.ServiceStubsAutoConfiguration;
import io.temporal.spring.boot.autoconfigure.TestServerAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.openivr.workflows.payload.EncryptingPayloadCodec;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The worker's Temporal client (which its workers convert with) encrypts payloads, and will not start without a usable key. */
class WorkerPayloadEncryptionTest {
    private static final String KEY = "Qm9vdHN0cmFwS2V5Rm9yV29ya2VyVGVzdHMwMTIzNDU=";
    private final ApplicationContextRunner worker = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ServiceStubsAutoConfiguration.class,
                    RootNamespaceAutoConfiguration.class, TestServerAutoConfiguration.class))
            .withUserConfiguration(WorkerPayloadEncryptionConfiguration.class)
            .withPropertyValues("spring.temporal.test-server.enabled=true", "spring.temporal.start-workers=false");

    @Test
    void theClientWorkersShareEncryptsWithTheFirstKey() {
        worker.withPropertyValues("ivr.temporal.payload-keys=new=" + KEY + ",old=" + KEY).run(context -> {
            assertThat(context).hasNotFailed();
            WorkflowClient client = context.getBean(WorkflowClient.class);
            Payload payload = client.getOptions().getDataConverter().toPayload("4111111111111111").orElseThrow();
            assertThat(EncryptingPayloadCodec.isEncrypted(payload)).isTrue();
            assertThat(payload.getMetadataOrThrow(EncryptingPayloadCodec.KEY_ID).toStringUtf8()).isEqualTo("new");
        });
    }

    @Test
    void aMalformedKeyStopsTheWorkerAndSaysWhichAndWhatToDo() {
        worker.withPropertyValues("ivr.temporal.payload-keys=k1=" + KEY.substring(0, 20)).run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new InvalidPayloadKeysFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription())
                    .isEqualTo("ivr.temporal.payload-keys: payload key 'k1' decodes to 15 bytes; AES-256 needs 32"
                            + " (make one with `openssl rand -base64 32`)")
                    .doesNotContain(KEY.substring(0, 20));
            assertThat(analysis.getAction()).contains("IVR_PAYLOAD_KEYS").contains("openssl rand -base64 32");
        });
    }

    @Test
    void noKeyStopsTheWorker() {
        worker.run(context -> {
            assertThat(context).hasFailed();
            assertThat(new InvalidPayloadKeysFailureAnalyzer().analyze(context.getStartupFailure()).getDescription())
                    .startsWith("ivr.temporal.payload-keys (or IVR_PAYLOAD_KEYS) is not set");
        });
    }
}
