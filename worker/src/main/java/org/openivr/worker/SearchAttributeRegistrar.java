package org.openivr.worker;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openivr.workflows.CallSearchAttributes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the namespace knows the call search attributes before any call upserts them; a call
 * that upserts an unknown attribute would be stuck. Only missing attributes are added (when the server can list
 * them; Temporal's test server cannot, so there all are added, which is idempotent). Where the server does not
 * permit adding them (Temporal Cloud: search attributes are managed with {@code tcld} or the Cloud UI), startup goes
 * on with a warning that names what to add.
 */
public final class SearchAttributeRegistrar {
    private static final Logger log = LoggerFactory.getLogger(SearchAttributeRegistrar.class);
    /** What the server answers when the caller may not add search attributes (Temporal Cloud, restricted roles). */
    static final Set<Status.Code> NOT_PERMITTED = Set.of(Status.Code.PERMISSION_DENIED, Status.Code.UNIMPLEMENTED,
            Status.Code.UNAUTHENTICATED);

    /** What happened at startup. */
    public enum Outcome { REGISTERED, ALREADY_PRESENT, NOT_PERMITTED }

    private SearchAttributeRegistrar() {}

    public static Outcome register(WorkflowServiceStubs service, String namespace) {
        OperatorServiceStubs operator = OperatorServiceStubs.newServiceStubs(OperatorServiceStubsOptions.newBuilder()
                .setChannel(service.getRawChannel())
                .validateAndBuildWithDefaults());
        try {
            return register(operator, namespace);
        } finally {
            operator.shutdown();
        }
    }

    static Outcome register(OperatorServiceStubs operator, String namespace) {
        List<String> missing = missing(operator, namespace);
        if (missing.isEmpty()) {
            log.info("search attributes {} are present in namespace {}", names(), namespace);
            return Outcome.ALREADY_PRESENT;
        }
        try {
            AddSearchAttributesRequest.Builder request = AddSearchAttributesRequest.newBuilder().setNamespace(namespace);
            missing.forEach(name -> request.putSearchAttributes(name, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
            operator.blockingStub().withDeadlineAfter(30, TimeUnit.SECONDS).addSearchAttributes(request.build());
            log.info("registered search attributes {} in namespace {}", missing, namespace);
            return Outcome.REGISTERED;
        } catch (StatusRuntimeException e) {
            Status.Code code = e.getStatus().getCode();
            if (code == Status.Code.ALREADY_EXISTS) {
                log.info("search attributes already registered in namespace {}", namespace);
                return Outcome.ALREADY_PRESENT;
            }
            if (NOT_PERMITTED.contains(code)) {
                log.warn("cannot register search attributes {} in namespace {}: the server answered {} ({}). "
                        + "On Temporal Cloud add them yourself, as Keyword: tcld namespace search-attributes add "
                        + "--namespace {} --search-attribute \"CallState=Keyword\" (and CurrentNode, FlowName, FlowHash), "
                        + "or in the Cloud UI. Calls fail their workflow task until they exist. See docs/operations.md.",
                        missing, namespace, code, e.getStatus().getDescription(), namespace);
                return Outcome.NOT_PERMITTED;
            }
            throw e;
        }
    }

    /** Our attributes the namespace lacks; all of them when the server cannot say (the test server). */
    private static List<String> missing(OperatorServiceStubs operator, String namespace) {
        try {
            Map<String, IndexedValueType> present = operator.blockingStub().withDeadlineAfter(30, TimeUnit.SECONDS)
                    .listSearchAttributes(ListSearchAttributesRequest.newBuilder().setNamespace(namespace).build())
                    .getCustomAttributesMap();
            return names().stream().filter(name -> !present.containsKey(name)).toList();
        } catch (StatusRuntimeException e) {
            log.debug("cannot list search attributes ({}); adding all of ours", e.getStatus().getCode());
            return names();
        }
    }

    private static List<String> names() {
        return CallSearchAttributes.ALL.stream().map(key -> key.getName()).toList();
    }
}
