package org.openivr.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.AddSearchAttributesResponse;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesResponse;
import io.temporal.api.operatorservice.v1.OperatorServiceGrpc;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Startup registration against servers that allow it, that already have the attributes, and that refuse (Cloud). */
class SearchAttributeRegistrarTest {
    private Server server;
    private ManagedChannel channel;
    private OperatorServiceStubs stubs;

    /** An operator service: lists {@code present} (or UNIMPLEMENTED when null), answers adds with {@code addStatus}. */
    private final class FakeOperator extends OperatorServiceGrpc.OperatorServiceImplBase {
        final Map<String, IndexedValueType> present;
        final Status addStatus;
        final List<AddSearchAttributesRequest> added = new ArrayList<>();

        FakeOperator(Map<String, IndexedValueType> present, Status addStatus) {
            this.present = present;
            this.addStatus = addStatus;
        }

        @Override
        public void listSearchAttributes(ListSearchAttributesRequest request, StreamObserver<ListSearchAttributesResponse> reply) {
            if (present == null) {
                reply.onError(Status.UNIMPLEMENTED.asRuntimeException());
                return;
            }
            reply.onNext(ListSearchAttributesResponse.newBuilder().putAllCustomAttributes(present).build());
            reply.onCompleted();
        }

        @Override
        public void addSearchAttributes(AddSearchAttributesRequest request, StreamObserver<AddSearchAttributesResponse> reply) {
            added.add(request);
            if (addStatus.isOk()) {
                reply.onNext(AddSearchAttributesResponse.getDefaultInstance());
                reply.onCompleted();
            } else {
                reply.onError(addStatus.asRuntimeException());
            }
        }
    }

    private FakeOperator serve(FakeOperator operator) throws Exception {
        String name = "operator-" + UUID.randomUUID();
        server = InProcessServerBuilder.forName(name).directExecutor().addService(operator).build().start();
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
        stubs = OperatorServiceStubs.newServiceStubs(OperatorServiceStubsOptions.newBuilder().setChannel(channel)
                .validateAndBuildWithDefaults());
        return operator;
    }

    @AfterEach
    void stop() {
        if (stubs != null) {
            stubs.shutdownNow();
        }
        if (channel != null) {
            channel.shutdownNow();
        }
        if (server != null) {
            server.shutdownNow();
        }
    }

    @Test
    void onlyMissingAttributesAreAdded() throws Exception {
        FakeOperator operator = serve(new FakeOperator(Map.of("CallState", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
                "FlowName", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD), Status.OK));
        assertThat(SearchAttributeRegistrar.register(stubs, "default")).isEqualTo(SearchAttributeRegistrar.Outcome.REGISTERED);
        assertThat(operator.added).singleElement().satisfies(request ->
                assertThat(request.getSearchAttributesMap()).containsOnlyKeys("CurrentNode", "FlowHash"));
    }

    @Test
    void nothingIsAddedWhenAllArePresent() throws Exception {
        FakeOperator operator = serve(new FakeOperator(Map.of(
                "CallState", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD, "CurrentNode", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
                "FlowName", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD, "FlowHash", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD),
                Status.OK));
        assertThat(SearchAttributeRegistrar.register(stubs, "default")).isEqualTo(SearchAttributeRegistrar.Outcome.ALREADY_PRESENT);
        assertThat(operator.added).isEmpty();
    }

    @Test
    void aServerThatCannotListGetsAllOfThem() throws Exception {
        FakeOperator operator = serve(new FakeOperator(null, Status.OK));
        assertThat(SearchAttributeRegistrar.register(stubs, "default")).isEqualTo(SearchAttributeRegistrar.Outcome.REGISTERED);
        assertThat(operator.added.get(0).getSearchAttributesMap()).containsOnlyKeys("CallState", "CurrentNode", "FlowName", "FlowHash");
    }

    @Test
    void aServerThatForbidsAddingThemIsSkippedWithAWarningNotAFailedStartup() throws Exception {
        serve(new FakeOperator(Map.of(), Status.PERMISSION_DENIED.withDescription("Request unauthorized.")));
        assertThat(SearchAttributeRegistrar.register(stubs, "ivr.a1b2c")).isEqualTo(SearchAttributeRegistrar.Outcome.NOT_PERMITTED);
    }

    @Test
    void otherErrorsStillStopTheStartup() throws Exception {
        serve(new FakeOperator(Map.of(), Status.INVALID_ARGUMENT.withDescription("bad type")));
        assertThatThrownBy(() -> SearchAttributeRegistrar.register(stubs, "default"))
                .isInstanceOf(StatusRuntimeException.class).hasMessageContaining("INVALID_ARGUMENT");
    }
}
