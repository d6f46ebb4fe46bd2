package org.openivr.workflows.interpreter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openivr.flows.FlowException;

class PinnedFlowCacheTest {
    private static final String FLOW = """
            flow: cached
            start: check
            variables:
              count: 0
            nodes:
              check:
                when:
                  - if: 'count == 0'
                    then: bye
                else: bye
              bye:
                hangup: {}
            """;

    @Test
    void callsOfTheSamePinnedTextShareOneParseAndOneEvaluator() {
        PinnedFlowCache.Parsed first = PinnedFlowCache.parse("flows/cached.yaml", FLOW, Map.of());
        PinnedFlowCache.Parsed second = PinnedFlowCache.parse("flows/cached.yaml", FLOW, Map.of());

        assertThat(second).isSameAs(first);
        assertThat(first.flow().start()).isEqualTo("check");
    }

    @Test
    void anyDifferenceInWhatWasPinnedIsParsedOnItsOwn() {
        PinnedFlowCache.Parsed plain = PinnedFlowCache.parse("flows/cached.yaml", FLOW, Map.of());

        assertThat(PinnedFlowCache.parse("flows/cached.yaml", FLOW.replace("count: 0", "count: 1"), Map.of()))
                .isNotSameAs(plain);
        assertThat(PinnedFlowCache.parse("elsewhere/cached.yaml", FLOW, Map.of())).isNotSameAs(plain);
        assertThat(PinnedFlowCache.parse("flows/cached.yaml", FLOW, Map.of("unused", FLOW))).isNotSameAs(plain);
    }

    @Test
    void aFlowThatDoesNotLoadFailsEveryTime() {
        String broken = FLOW.replace("then: bye", "then: nowhere");

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> PinnedFlowCache.parse("flows/broken.yaml", broken, Map.of()))
                    .isInstanceOf(FlowException.class).hasMessageContaining("nowhere");
        }
    }
}
