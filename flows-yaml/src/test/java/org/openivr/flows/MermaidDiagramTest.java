package org.openivr.flows;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class MermaidDiagramTest {

    @Test
    void drawsOneShapePerVerbKindWithOutcomesAsEdgeLabels() {
        Flow flow = FlowLoader.parse("flows/small.yaml", """
                flow: small
                description: It's "small"
                start: welcome
                variables:
                  vip: false
                defaults:
                  onError: sorry
                anytime:
                  "#": sorry
                nodes:
                  welcome:
                    play: "Hello."
                    next: main-menu
                  main-menu:
                    menu:
                      options: {"1": check, "*": hangup}
                  check:
                    when:
                      - if: vip && call.from != "<anonymous>"
                        then: sub
                    else: hold
                  sub:
                    subflow: {flow: helper}
                    next: sorry
                  hold:
                    hold: {}
                    next: agent
                  agent:
                    transfer: {to: "+14255550100"}
                    on: {failed: sorry}
                  sorry:
                    play: "Sorry."
                    next: end
                  end:
                    hangup: {}
                """, name -> Optional.of("flow: helper\nstart: a\nnodes:\n  a:\n    wait: 1s\n    next: return\n"));

        assertThat(MermaidDiagram.render(flow)).isEqualTo("""
                ---
                title: 'small: It''s "small"'
                ---
                flowchart TD
                  start(["start"]) --> n0
                  n0("welcome<br/>play")
                  n1{{"main-menu<br/>menu"}}
                  n2{"check<br/>when"}
                  n3[["sub<br/>subflow helper"]]
                  n4[\\"hold<br/>hold"\\]
                  n5[/"agent<br/>transfer to +14255550100"\\]
                  n6("sorry<br/>play")
                  n7(("end<br/>hangup"))
                  n0 --> n1
                  n1 -->|"1"| n2
                  n1 -->|"*"| t_hangup
                  n1 -.->|"failed (onError)"| n6
                  n2 -->|"vip #amp;#amp; call.from != #quot;#lt;anonymous#gt;#quot;"| n3
                  n2 -->|"else"| n4
                  n3 --> n6
                  n4 --> n5
                  n4 -.->|"failed (onError)"| n6
                  n5 -->|"failed"| n6
                  n6 --> n7
                  anytime(["anytime"])
                  anytime -.->|"#35;"| n6
                  t_hangup(("hangup"))
                """);
    }

    @Test
    void everyVerbHasItsShape() {
        Flow flow = FlowLoader.parse("flows/every-verb.yaml", CallVerbsTest.FLOW,
                name -> Optional.of(CallVerbsTest.HELPER));

        String diagram = MermaidDiagram.render(flow);

        assertThat(diagram)
                .contains("n1[(\"rec<br/>record start\")]")
                .contains("[/\"keys-off<br/>keys off\"/]")
                .contains("[/\"dtmf<br/>sendDtmf 123#35;\"/]")
                .contains(">\"pause<br/>wait 1500ms\"]")
                .contains("{{\"listen<br/>listen for silence, keys, phrase\"}}")
                .contains("{\"hours<br/>hours America/Los_Angeles\"}")
                .contains("[/\"agent<br/>transfer to 8:acs:abc\"\\]")
                .contains("-->|\"agent\"|")
                .contains("-->|\"open\"|")
                .contains("-->|\"closed\"|");
    }

    @Test
    void escapesWhatMermaidWouldRead() {
        assertThat(MermaidDiagram.escape("say \"#1\" <now> & | more")).isEqualTo(
                "say #quot;#35;1#quot; #lt;now#gt; #amp; #124; more");
    }
}
