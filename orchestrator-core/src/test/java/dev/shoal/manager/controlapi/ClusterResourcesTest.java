package dev.shoal.manager.controlapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shoal.model.ConfigReference;
import dev.shoal.model.ConfigSpec;
import dev.shoal.model.ContainerSpec;
import dev.shoal.model.DnsConfig;
import dev.shoal.model.FileTarget;
import dev.shoal.model.Json;
import dev.shoal.model.Mount;
import dev.shoal.model.NetworkAttachmentConfig;
import dev.shoal.model.NetworkSpec;
import dev.shoal.model.SecretReference;
import dev.shoal.model.SecretSpec;
import dev.shoal.model.ServiceSpec;
import dev.shoal.model.TaskSpec;
import dev.shoal.store.Store;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Networks, secrets and configs: create, resolve, refuse, redact; services referring to them. */
class ClusterResourcesTest {
    private final Store store = Store.local();
    private final ControlApi api = new ControlApi(store, Clock.systemUTC());
    private final ClusterResources res = api.resources();

    private static byte[] bytes(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    private ServiceSpec serviceUsing(String network, String secret, String config) {
        ServiceSpec base = Specs.service("web", "busybox", 1);
        ContainerSpec c = base.taskTemplate().containerSpec();
        ContainerSpec withRefs = new ContainerSpec(c.image(), c.labels(), c.command(), c.args(), c.env(), c.hostname(), c.dir(), c.user(),
                c.stopGracePeriod(), List.of(new Mount("volume", "data", "/data", false, null, null)), null, List.of("10.0.0.1 db"),
                new DnsConfig(List.of("1.1.1.1"), null, null), true, true, "SIGINT", Map.of("net.core.somaxconn", "1024"), null,
                secret == null ? null : List.of(new SecretReference(null, secret, new FileTarget("pw", "0", "0", 0400))),
                config == null ? null : List.of(new ConfigReference(null, config, new FileTarget("/etc/app.conf", null, null, null))));
        TaskSpec t = base.taskTemplate();
        return base.withTaskTemplate(new TaskSpec(withRefs, t.resources(), t.restartPolicy(), t.placement(), t.forceUpdate(),
                network == null ? null : List.of(new NetworkAttachmentConfig(network, List.of("www")))));
    }

    @Test
    void createListInspectAndNameConflicts() {
        String net = res.createNetwork(new NetworkSpec("app_default", Map.of("com.docker.stack.namespace", "app"), null, true, null));
        assertEquals("overlay", res.getNetwork("app_default").spec().driverName());
        assertEquals(net, res.getNetwork(net.substring(0, 6)).id());
        ApiException dup = assertThrows(ApiException.class, () -> res.createNetwork(new NetworkSpec("app_default", null, null, null, null)));
        assertEquals(ApiException.Kind.CONFLICT, dup.kind());
        ApiException driver = assertThrows(ApiException.class,
                () -> res.createNetwork(new NetworkSpec("x", null, new NetworkSpec.Driver("macvlan", null), null, null)));
        assertTrue(driver.getMessage().contains("macvlan"), driver.getMessage());

        res.createSecret(new SecretSpec("db_pw", null, bytes("pythonic")));
        assertNull(res.getSecret("db_pw").spec().data(), "a secret's value is never answered");
        assertNull(res.listSecrets().get(0).spec().data());
        assertEquals("pythonic", new String(store.view(tx -> tx.secretByName("db_pw")).spec().data(), StandardCharsets.UTF_8),
                "the store keeps it");
        ApiException empty = assertThrows(ApiException.class, () -> res.createSecret(new SecretSpec("e", null, new byte[0])));
        assertTrue(empty.getMessage().contains("data must be provided"), empty.getMessage());
        ApiException badName = assertThrows(ApiException.class, () -> res.createConfig(new ConfigSpec("-bad", null, bytes("x"))));
        assertTrue(badName.getMessage().contains("invalid config name"), badName.getMessage());
        ApiException big = assertThrows(ApiException.class,
                () -> res.createConfig(new ConfigSpec("big", null, new byte[ClusterResources.MAX_DATA_BYTES + 1])));
        assertTrue(big.getMessage().contains("too long"), big.getMessage());
    }

    @Test
    void servicesMustReferToExistingObjectsWhichThenCannotBeRemoved() {
        ApiException missing = assertThrows(ApiException.class, () -> api.createService(serviceUsing("nope", null, null)));
        assertEquals("network nope not found", missing.getMessage());
        assertTrue(api.listServices(false).isEmpty(), "nothing was created");

        String net = res.createNetwork(new NetworkSpec("app_default", null, null, null, null));
        String secret = res.createSecret(new SecretSpec("db_pw", null, bytes("pythonic")));
        String config = res.createConfig(new ConfigSpec("app_conf", null, bytes("k=v")));
        ApiException noSecret = assertThrows(ApiException.class, () -> api.createService(serviceUsing("app_default", "other", null)));
        assertEquals("secret not found: other", noSecret.getMessage());

        api.createService(serviceUsing("app_default", "db_pw", "app_conf"));
        var spec = api.getService("web").spec();
        assertEquals(net, spec.taskTemplate().networks().get(0).target(), "network names become ids");
        assertEquals(secret, spec.taskTemplate().containerSpec().secrets().get(0).secretId());
        assertEquals(config, spec.taskTemplate().containerSpec().configs().get(0).configId());

        ApiException inUse = assertThrows(ApiException.class, () -> res.removeNetwork("app_default"));
        assertEquals("network app_default is in use by service web", inUse.getMessage());
        assertThrows(ApiException.class, () -> res.removeSecret("db_pw"));
        assertThrows(ApiException.class, () -> res.removeConfig("app_conf"));
        api.removeService("web");
        res.removeNetwork("app_default");
        res.removeSecret("db_pw");
        res.removeConfig("app_conf");
        assertTrue(res.listNetworks().isEmpty() && res.listSecrets().isEmpty() && res.listConfigs().isEmpty());
    }

    @Test
    void theContainerSpecSpeaksDockersJson() throws Exception {
        ObjectMapper json = Json.newMapper();
        ContainerSpec c = serviceUsing("n", "s", "c").taskTemplate().containerSpec();
        JsonNode tree = json.valueToTree(c);
        assertEquals("1.1.1.1", tree.path("DNSConfig").path("Nameservers").get(0).asText());
        assertEquals("s", tree.path("Secrets").get(0).path("SecretName").asText());
        assertEquals("0", tree.path("Secrets").get(0).path("File").path("UID").asText());
        assertEquals("/data", tree.path("Mounts").get(0).path("Target").asText());
        assertTrue(tree.path("ReadOnly").asBoolean());
        assertEquals(c, json.treeToValue(tree, ContainerSpec.class));
    }
}
