package org.openivr.workflows;

import io.temporal.common.SearchAttributeKey;
import java.util.List;

/** Search attributes every call carries, so operators can find it in Temporal's UI and CLI. No personal data. */
public final class CallSearchAttributes {
    public static final SearchAttributeKey<String> CALL_STATE = SearchAttributeKey.forKeyword("CallState");
    public static final SearchAttributeKey<String> CURRENT_NODE = SearchAttributeKey.forKeyword("CurrentNode");
    public static final SearchAttributeKey<String> FLOW_NAME = SearchAttributeKey.forKeyword("FlowName");
    public static final SearchAttributeKey<String> FLOW_HASH = SearchAttributeKey.forKeyword("FlowHash");

    public static final List<SearchAttributeKey<String>> ALL = List.of(CALL_STATE, CURRENT_NODE, FLOW_NAME, FLOW_HASH);

    private CallSearchAttributes() {}
}
