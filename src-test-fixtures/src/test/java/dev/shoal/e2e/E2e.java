package dev.shoal.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.ExecCreateCmdResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import dev.shoal.executor.docker.DockerClients;
import dev.shoal.testing.ShoaldProcess;
import dev.shoal.testing.Swarmctl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Helpers shared by the end-to-end tests: reading swarmctl's tables and JSON, and looking at the real
 * containers of a node through docker-java.
 */
final class E2e {
    static final String SERVICE_LABEL = "dev.shoal.service.name";
    static final String TASK_LABEL = "dev.shoal.task.id";
    static final String TASK_NAME_LABEL = "dev.shoal.task.name";
    static final String NODE_LABEL = ShoaldProcess.NODE_LABEL;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static DockerClient docker;

    private E2e() {}

    static synchronized DockerClient docker() {
        if (docker == null) {
            docker = DockerClients.create(null);
        }
        return docker;
    }

    /** Runs {@code cmd} in a container (as {@code docker exec}) and returns its output, stdout and stderr together. */
    static String exec(String containerId, String... cmd) throws InterruptedException {
        ExecCreateCmdResponse ex = docker().execCreateCmd(containerId).withCmd(cmd).withAttachStdout(true).withAttachStderr(true).exec();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        docker().execStartCmd(ex.getId()).exec(new ResultCallback.Adapter<Frame>() {
            @Override
            public void onNext(Frame f) {
                out.writeBytes(f.getPayload());
            }
        }).awaitCompletion(30, TimeUnit.SECONDS);
        return out.toString(StandardCharsets.UTF_8);
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + text, e);
        }
    }

    /** The non-blank lines of {@code text}. */
    static List<String> lines(String text) {
        return new Swarmctl.Result(List.of(), 0, text, "").lines();
    }

    /**
     * Parses a fixed-width table (header line, then rows) by the header's column positions: each cell is
     * the text under its title up to the next title's start, trimmed. Titles are separated by 2+ spaces.
     */
    static List<Map<String, String>> table(String stdout) {
        List<String> lines = new ArrayList<>();
        for (String l : stdout.split("\\R")) {
            if (!l.isBlank()) {
                lines.add(l);
            }
        }
        if (lines.isEmpty()) {
            throw new AssertionError("no table in: " + stdout);
        }
        String header = lines.get(0);
        List<String> titles = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\S+(?: \\S+)*").matcher(header);
        while (m.find()) {
            titles.add(m.group());
            starts.add(m.start());
        }
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < titles.size(); i++) {
                int from = Math.min(starts.get(i), line.length());
                int to = i + 1 < titles.size() ? Math.min(starts.get(i + 1), line.length()) : line.length();
                row.put(titles.get(i), line.substring(from, Math.max(from, to)).trim());
            }
            rows.add(row);
        }
        return rows;
    }

    /** Containers (running only unless {@code all}) of {@code nodeId}, optionally of one service. */
    static List<Container> containers(String nodeId, String service, boolean all) {
        List<String> labels = new ArrayList<>();
        labels.add(NODE_LABEL + "=" + nodeId);
        if (service != null) {
            labels.add(SERVICE_LABEL + "=" + service);
        }
        return docker().listContainersCmd().withShowAll(all).withLabelFilter(labels).exec();
    }

    /** The ids of the running containers of {@code service} on {@code nodeId}. */
    static Set<String> runningIds(String nodeId, String service) {
        return containers(nodeId, service, false).stream().map(Container::getId)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The {@code service ls} row for {@code name}, or {@code null}. */
    static Map<String, String> serviceRow(Swarmctl ctl, String name) {
        for (Map<String, String> row : table(ctl.ok("service", "ls"))) {
            if (name.equals(row.get("NAME"))) {
                return row;
            }
        }
        return null;
    }

    /** Runs {@code swarm init} on {@code shoald} and returns its node id (and records it for cleanup). */
    static String init(ShoaldProcess shoald) {
        String out = shoald.swarmctl().ok("swarm", "init", "--advertise-addr", "127.0.0.1");
        String id = shoald.nodeId();
        if (id == null || !out.contains(id)) {
            throw new AssertionError("swarm init printed " + out + " but node.json has " + id);
        }
        return id;
    }

    static String describe(List<Container> containers) {
        StringBuilder sb = new StringBuilder();
        for (Container c : containers) {
            sb.append(c.getId(), 0, 12).append(' ').append(String.join(",", c.getNames())).append(' ')
                    .append(c.getState()).append(' ').append(c.getLabels()).append('\n');
        }
        return sb.toString();
    }
}
