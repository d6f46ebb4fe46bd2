package org.openivr.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openivr.workflows.recording.DeleteChunk;
import org.openivr.workflows.recording.RecordingFileActivities;
import org.openivr.workflows.recording.RecordingFilesReport;
import org.openivr.workflows.recording.RecordingIds;
import org.openivr.workflows.recording.RecordingWorkflow;
import org.openivr.workflows.recording.RecordingWorkflowImpl;
import org.openivr.workflows.recording.StoreChunk;
import org.openivr.workflows.recording.StoredChunk;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** {@code POST /api/events} with RecordingFileStatusUpdated: signal-with-start of the recording's workflow. */
class RecordingFilesEventGridTest {

    private static final String SUBJECT = "/recording/call/corr-1/serverCallId/srv/recordingId/"
            + RecordingFileStatusParserTest.RECORDING;

    private TestWorkflowEnvironment env;
    private WorkflowClient client;
    private MockMvc mvc;
    private final List<String> calls = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        env = TestWorkflowEnvironment.newInstance();
        Worker worker = env.newWorker(RecordingWorkflow.TASK_QUEUE);
        worker.registerWorkflowImplementationTypes(RecordingWorkflowImpl.class);
        worker.registerActivitiesImplementations(new RecordingFileActivities() {
            @Override
            public StoredChunk storeChunk(StoreChunk request) {
                calls.add("store " + request.chunk().index());
                return new StoredChunk(request.chunk().index(), request.chunk().documentId(), "/s", "audio/wav", 1, "/m",
                        1, false);
            }

            @Override
            public void deleteChunk(DeleteChunk request) {
                calls.add("delete " + request.index());
            }
        });
        env.start();
        client = env.getWorkflowClient();
        mvc = MockMvcBuilders.standaloneSetup(new EventGridController(mock(CallStarter.class),
                new RecordingFilesStarter(client))).setControllerAdvice(new ApiErrors()).build();
    }

    @AfterEach
    void stop() {
        env.close();
    }

    @Test
    void startsOneWorkflowPerRecordingAndRedeliveriesChangeNothing() throws Exception {
        String event = RecordingFileStatusParserTest.event("ev-1", SUBJECT, null, "["
                + RecordingFileStatusParserTest.chunk(0) + "," + RecordingFileStatusParserTest.chunk(1) + "]");

        deliver(event);
        deliver(event);
        WorkflowStub workflow = client.newUntypedWorkflowStub(RecordingIds.workflowId(RecordingFileStatusParserTest.RECORDING));
        RecordingFilesReport report = workflow.getResult(RecordingFilesReport.class);
        String runId = workflow.describe().getExecution().getRunId();
        deliver(event); // after the run completed

        assertThat(report.recordingId()).isEqualTo(RecordingFileStatusParserTest.RECORDING);
        assertThat(report.duplicateEvents()).isEqualTo(1);
        assertThat(calls).containsExactly("store 0", "delete 0", "store 1", "delete 1");
        assertThat(workflow.describe().getExecution().getRunId()).isEqualTo(runId);
        assertThat(workflow.describe().getStatus()).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
    }

    @Test
    void aMalformedEventIsABadRequestThatSaysWhy() throws Exception {
        String event = RecordingFileStatusParserTest.event("ev-2", SUBJECT, null, "[]");

        mvc.perform(post("/api/events").contentType(MediaType.APPLICATION_JSON).content(event))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.title").value("Bad request body"))
                .andExpect(jsonPath("$.detail").value(
                        "RecordingFileStatusUpdated ev-2: 'data.recordingStorageInfo.recordingChunks' is missing or empty"));
        assertThat(calls).isEmpty();
    }

    private void deliver(String event) throws Exception {
        mvc.perform(post("/api/events").contentType(MediaType.APPLICATION_JSON).content(event)
                        .header("aeg-event-type", "Notification"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.recordings").value(1));
    }
}
