package dev.shoal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shoal.model.Json;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code --mode}, {@code --max-concurrent}, {@code --replicas} for jobs, the REPLICAS column and scale, against a fake daemon. */
class JobModesCommandsTest {
    private static final ObjectMapper JSON = Json.newMapper();
    private static final String JOB_ID = "jobjobjobjobjobjobjobjob1";
    private static final String GJOB_ID = "gjobgjobgjobgjobgjobgjob2";
    private static final String GLOBAL_ID = "globalglobalglobalglobal3";
    private static final String WEB_ID = "webwebwebwebwebwebwebweb4";

    private FakeDaemon daemon;

    private static String service(String id, String name, String mode, String status) {
        return "{\"ID\":\"" + id + "\",\"Version\":{\"Index\":9},\"Spec\":{\"Name\":\"" + name + "\","
                + "\"TaskTemplate\":{\"ContainerSpec\":{\"Image\":\"busybox:latest\"}},\"Mode\":" + mode + "}"
                + (status == null ? "" : ",\"ServiceStatus\":" + status) + "}";
    }

    private static final String JOB = service(JOB_ID, "batch", "{\"ReplicatedJob\":{\"MaxConcurrent\":2,\"TotalCompletions\":3}}", null);
    private static final String GJOB = service(GJOB_ID, "sweep", "{\"GlobalJob\":{}}", null);

    @BeforeEach
    void start() throws Exception {
        daemon = new FakeDaemon()
                .on("GET", "/services/batch", 200, JOB)
                .on("GET", "/services/sweep", 200, GJOB)
                .on("POST", "/services/create", 201, "{\"ID\":\"x\"}");
    }

    @AfterEach
    void stop() { daemon.close(); }

    private Run run(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "-H";
        all[1] = daemon.host();
        System.arraycopy(args, 0, all, 2, args.length);
        return Run.of(Map.of(), all);
    }

    private JsonNode lastCreate() throws Exception {
        var posts = daemon.requests("POST");
        return JSON.readTree(posts.get(posts.size() - 1).body());
    }

    @Test
    void replicasColumnAsSwarmShowsIt() {
        daemon.on("GET", "/services", 200, "["
                + service(JOB_ID, "batch", "{\"ReplicatedJob\":{\"MaxConcurrent\":2,\"TotalCompletions\":3}}",
                        "{\"RunningTasks\":1,\"DesiredTasks\":2,\"CompletedTasks\":1}") + ","
                + service(GJOB_ID, "sweep", "{\"GlobalJob\":{}}", "{\"RunningTasks\":1,\"DesiredTasks\":2,\"CompletedTasks\":0}") + ","
                + service(GLOBAL_ID, "mon", "{\"Global\":{}}", "{\"RunningTasks\":2,\"DesiredTasks\":2}") + ","
                + service(WEB_ID, "web", "{\"Replicated\":{\"Replicas\":3}}", "{\"RunningTasks\":2,\"DesiredTasks\":3}") + "]");
        Run r = run("service", "ls");
        assertEquals(0, r.code(), r.err());
        assertEquals(""
                + "ID             NAME      MODE             REPLICAS              IMAGE            PORTS\n"
                + "jobjobjobjob   batch     replicated job   1/2 (1/3 completed)   busybox:latest   \n"
                + "globalglobal   mon       global           2/2                   busybox:latest   \n"
                + "gjobgjobgjob   sweep     global job       1/2 (0/2 completed)   busybox:latest   \n"
                + "webwebwebweb   web       replicated       2/3                   busybox:latest   \n", r.out());
    }

    @Test
    void createMapsTheJobModes() throws Exception {
        assertEquals(0, run("service", "create", "--mode", "replicated-job", "--replicas", "5", "--max-concurrent", "2", "busybox").code());
        assertEquals(2, lastCreate().at("/Mode/ReplicatedJob/MaxConcurrent").asLong());
        assertEquals(5, lastCreate().at("/Mode/ReplicatedJob/TotalCompletions").asLong());
        assertTrue(lastCreate().at("/Mode/Replicated").isMissingNode());

        assertEquals(0, run("service", "create", "--mode", "replicated-job", "--replicas", "3", "busybox").code());
        assertEquals(3, lastCreate().at("/Mode/ReplicatedJob/MaxConcurrent").asLong(), "MaxConcurrent defaults to --replicas, as Docker");
        assertEquals(3, lastCreate().at("/Mode/ReplicatedJob/TotalCompletions").asLong());

        assertEquals(0, run("service", "create", "--mode", "replicated-job", "busybox").code());
        assertTrue(lastCreate().at("/Mode/ReplicatedJob").isObject());
        assertTrue(lastCreate().at("/Mode/ReplicatedJob/MaxConcurrent").isMissingNode(), "left to the daemon's default");

        assertEquals(0, run("service", "create", "--mode", "global-job", "busybox").code());
        assertTrue(lastCreate().at("/Mode/GlobalJob").isObject());
    }

    @Test
    void misusedJobFlagsAreRefusedWithDockersMessages() {
        int before = daemon.requests.size();
        Run mc = run("service", "create", "--max-concurrent", "2", "busybox");
        assertEquals(1, mc.code());
        assertTrue(mc.err().startsWith("max-concurrent can only be used with replicated-job mode"), mc.err());
        Run mcGlobal = run("service", "create", "--mode", "global-job", "--max-concurrent", "2", "busybox");
        assertTrue(mcGlobal.err().startsWith("max-concurrent can only be used with replicated-job mode"), mcGlobal.err());
        Run replicas = run("service", "create", "--mode", "global-job", "--replicas", "2", "busybox");
        assertEquals(1, replicas.code());
        assertTrue(replicas.err().startsWith("replicas can only be used with replicated or replicated-job mode"), replicas.err());
        Run unknown = run("service", "create", "--mode", "cron", "busybox");
        assertEquals(1, unknown.code());
        assertTrue(unknown.err().contains("Unknown mode: cron"), unknown.err());
        assertEquals(before, daemon.requests.size(), "usage errors send nothing");
    }

    @Test
    void scaleSetsTotalCompletionsOfAReplicatedJobAndRefusesGlobalJobs() throws Exception {
        daemon.on("POST", "/services/" + JOB_ID + "/update", 200, "{\"Warnings\":[]}");
        Run r = run("service", "scale", "batch=7");
        assertEquals(0, r.code(), r.err());
        assertEquals("batch scaled to 7\n", r.out());
        JsonNode spec = JSON.readTree(daemon.requests("POST").get(0).body());
        assertEquals(7, spec.at("/Mode/ReplicatedJob/TotalCompletions").asLong());
        assertEquals(2, spec.at("/Mode/ReplicatedJob/MaxConcurrent").asLong(), "kept");
        Run g = run("service", "scale", "sweep=2");
        assertEquals(1, g.code());
        assertEquals("sweep: scale can only be used with replicated or replicated-job mode\n", g.err());
    }
}
