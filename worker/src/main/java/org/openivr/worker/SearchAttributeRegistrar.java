package org.openivr.worker;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import org.openivr.workflows.CallSearchAttributes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the namespace knows the call search attributes before any call upserts them; a call
 * that upserts an unknown attribute would be stuck. Registration is idempotent.
 */
public final class SearchAttributeRegistrar {
    private static final Logger log = LoggerFactory.getLogger(SearchAttributeRegistrar.class);

    private SearchAttributeRegistrar() {}

    public static void register(WorkflowServiceStubs service, String namespace) {
        OperatorServiceStubs operator = OperatorServiceStubs.newServiceStubs(OperatorServiceStubsOptions.newBuilder()
                .setChannel(service.getRawChannel())
                .validateAndBuildWithDefaults());
        try {
            AddSearchAttributesRequest.Builder request = AddSearchAttributesRequest.newBuilder().setNamespace(namespace);
            CallSearchAttributes.ALL.forEach(key ->
                    request.putSearchAttributes(key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
            operator.blockingStub().addSearchAttributes(request.build());
            log.info("registered search attributes {} in namespace {}", CallSearchAttributes.ALL.stream()
                    .map(k -> k.getName()).toList(), namespace);
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.ALREADY_EXISTS) {
                log.info("search attributes already registered in namespace {}", namespace);
            } else {
                throw e;
            }
        } finally {
            operator.shutdown();
        }
    }
}
